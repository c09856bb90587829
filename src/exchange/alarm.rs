//! How long before a due day the calendar reminds: `"1d"`, `"12h"`, `"30m"`, `"2w"` or `"0d"`
//! (at the start of the day itself).

use std::fmt;
use std::str::FromStr;

/// A reminder's lead time, in whole minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlarmLead {
    minutes: u32,
}

/// The units a lead is written in, largest first, with their length in minutes.
const UNITS: [(char, u32); 4] = [('w', 7 * 24 * 60), ('d', 24 * 60), ('h', 60), ('m', 1)];

/// The longest lead accepted: a year.
const MAX_MINUTES: u32 = 366 * 24 * 60;

impl Default for AlarmLead {
    /// One day before.
    fn default() -> AlarmLead {
        AlarmLead { minutes: 24 * 60 }
    }
}

impl AlarmLead {
    /// The VALARM `TRIGGER` value, before the due day (`-P1D`, `-PT12H`, `-PT30M`; `PT0S` at it).
    pub fn trigger(self) -> String {
        let m = self.minutes;
        match m {
            0 => "PT0S".into(),
            m if m % (7 * 24 * 60) == 0 => format!("-P{}W", m / (7 * 24 * 60)),
            m if m % (24 * 60) == 0 => format!("-P{}D", m / (24 * 60)),
            m if m % 60 == 0 => format!("-PT{}H", m / 60),
            m => format!("-PT{m}M"),
        }
    }
}

impl FromStr for AlarmLead {
    type Err = String;

    fn from_str(text: &str) -> Result<AlarmLead, String> {
        let bad = || {
            format!(
                "alarm_before {}: write a number and a unit, e.g. \"1d\", \"12h\", \"30m\", \"2w\"",
                crate::domain::text::quoted(text)
            )
        };
        let text = text.trim();
        let unit = text.chars().last().ok_or_else(bad)?;
        let count: u32 = text[..text.len() - unit.len_utf8()]
            .parse()
            .map_err(|_| bad())?;
        let (_, size) = UNITS.iter().find(|(u, _)| *u == unit).ok_or_else(bad)?;
        match count.checked_mul(*size) {
            Some(minutes) if minutes <= MAX_MINUTES => Ok(AlarmLead { minutes }),
            _ => Err(format!(
                "alarm_before {}: at most a year",
                crate::domain::text::quoted(text)
            )),
        }
    }
}

impl fmt::Display for AlarmLead {
    /// In the largest unit that writes it exactly, as the config takes it back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (unit, size) = UNITS
            .iter()
            .find(|(_, size)| self.minutes.is_multiple_of(*size))
            .copied()
            .unwrap_or(('m', 1));
        let count = if self.minutes == 0 {
            0
        } else {
            self.minutes / size
        };
        let unit = if self.minutes == 0 { 'd' } else { unit };
        write!(f, "{count}{unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_writes_and_triggers() {
        for (text, trigger, shown) in [
            ("1d", "-P1D", "1d"),
            ("24h", "-P1D", "1d"),
            ("12h", "-PT12H", "12h"),
            ("90m", "-PT90M", "90m"),
            ("2w", "-P2W", "2w"),
            ("14d", "-P2W", "2w"),
            ("0d", "PT0S", "0d"),
            (" 3d ", "-P3D", "3d"),
        ] {
            let lead: AlarmLead = text.parse().unwrap();
            assert_eq!(lead.trigger(), trigger, "{text}");
            assert_eq!(lead.to_string(), shown, "{text}");
        }
        assert_eq!(AlarmLead::default().trigger(), "-P1D");
    }

    #[test]
    fn refuses_what_is_not_a_lead() {
        for text in [
            "",
            "d",
            "1",
            "1y",
            "-1d",
            "1.5d",
            "53w",
            "99999999999d",
            "é",
        ] {
            assert!(text.parse::<AlarmLead>().is_err(), "{text:?}");
        }
    }
}
