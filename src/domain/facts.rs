//! The plain facts about one partnership that the dashboard shows before any judgement:
//! counts both ways, days since the last update and touch, open problems.

use chrono::NaiveDate;
use serde::Serialize;

/// Open and overdue counts for one side of the ledger.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SideCounts {
    /// Open commitments (dated and ongoing).
    pub open: u32,
    /// Open dated commitments past their due day.
    pub overdue: u32,
    /// The earliest due day among open dated commitments.
    pub next_due: Option<NaiveDate>,
}

/// Facts about one partner, each a number from the book.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PartnerFacts {
    pub ours: SideCounts,
    pub theirs: SideCounts,
    /// Our last `update` touch.
    pub last_update_on: Option<NaiveDate>,
    /// Their last touch (initiated by them).
    pub last_their_touch_on: Option<NaiveDate>,
    /// The last touch of any kind.
    pub last_touch_on: Option<NaiveDate>,
    /// Problems not yet resolved.
    pub open_problems: u32,
    /// Unresolved problems with a disproportionate reaction and no brave conversation.
    pub unfaced_problems: u32,
}

impl PartnerFacts {
    /// The earliest open due day on either side.
    pub fn next_due(&self) -> Option<NaiveDate> {
        match (self.ours.next_due, self.theirs.next_due) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Whole days from `from` to `today`, if `from` is known.
pub fn days_since(from: Option<NaiveDate>, today: NaiveDate) -> Option<i64> {
    from.map(|d| (today - d).num_days())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn next_due_is_earliest_of_both_sides() {
        let mut f = PartnerFacts::default();
        assert_eq!(f.next_due(), None);
        f.theirs.next_due = Some(d("2026-12-01"));
        assert_eq!(f.next_due(), Some(d("2026-12-01")));
        f.ours.next_due = Some(d("2026-11-30"));
        assert_eq!(f.next_due(), Some(d("2026-11-30")));
    }

    #[test]
    fn days_since_counts_whole_days() {
        assert_eq!(days_since(Some(d("2026-11-20")), d("2026-11-27")), Some(7));
        assert_eq!(days_since(None, d("2026-11-27")), None);
    }
}
