//! Unfinished forms kept as drafts when a session ends (a dropped ssh link, a killed terminal)
//! and offered back on the next start (DESIGN.md §9). Private files: 0600 in a 0700 directory.

use crate::app::form::Draft;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Saves `draft` at `path`, replacing any earlier one.
pub fn save(path: &Path, draft: &Draft) -> std::io::Result<()> {
    if let Some(dir) = path.parent()
        && !dir.exists()
    {
        fs::create_dir_all(dir)?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    let text = serde_json::to_string(draft).map_err(std::io::Error::other)?;
    let tmp = path.with_extension("tmp");
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    fs::rename(tmp, path)
}

/// Takes the draft at `path`, if any: it is offered once, then gone.
pub fn take(path: &Path) -> Option<Draft> {
    let text = fs::read_to_string(path).ok()?;
    let _ = fs::remove_file(path);
    serde_json::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Form;

    #[test]
    fn a_draft_round_trips_once_and_privately() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/pactum/draft.json");
        let mut form = Form::log_touch(7, "Acme");
        form.paste("Called about the \\x1b[2J renewal");
        save(&path, &form.draft()).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let back = Form::from_draft(take(&path).unwrap());
        assert_eq!(back.fields[0].value(), form.fields[0].value());
        assert_eq!(back.kind, form.kind);
        assert!(take(&path).is_none(), "offered once");
    }
}
