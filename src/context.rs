//! What every run needs, whichever way it was started (a command, the dashboard): the day, the
//! settings and the book. The command line builds it; the commands and the terminal read it.

use crate::config::Config;
use crate::domain::parse_date;
use crate::paths;
use crate::store::Store;
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

/// What every command needs: the day and the settings.
#[derive(Debug, Clone)]
pub struct Context {
    pub today: NaiveDate,
    pub config: Config,
    pub db: PathBuf,
}

impl Context {
    /// Parses an optional date argument, defaulting to today.
    pub fn date(&self, arg: Option<&str>) -> Result<NaiveDate, String> {
        arg.map_or(Ok(self.today), |a| parse_date(a, self.today))
    }

    /// Opens the book for this run.
    pub fn open(&self) -> Result<Store, String> {
        let store = Store::open(&self.db, &paths::os_user()).map_err(|e| e.to_string())?;
        for warning in store.warnings() {
            let _ = writeln!(std::io::stderr(), "pactum: {warning}");
        }
        Ok(store)
    }
}
