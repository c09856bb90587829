//! A pick among a few words (side, kind, stage) or numbers (a 1–5 rating): a letter or digit
//! picks the option it starts, pressed again it goes on to the next option starting with it;
//! `←`/`→` and space step through the options in place.

/// The options and the one picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub options: Vec<&'static str>,
    pub index: usize,
    /// Still the value the form filled in: a first letter picks the first option it starts
    /// rather than the next one after the current.
    pub fresh: bool,
    /// Stepping past the last option comes back to the first (words do; numbers stop).
    pub wraps: bool,
}

impl Choice {
    /// Options with `value` picked (the first option when `value` is not one of them).
    pub fn new(options: Vec<&'static str>, value: &str, wraps: bool) -> Choice {
        let index = options
            .iter()
            .position(|o| o.eq_ignore_ascii_case(value.trim()))
            .unwrap_or(0);
        Choice {
            options,
            index,
            fresh: true,
            wraps,
        }
    }

    /// The option picked.
    pub fn value(&self) -> &'static str {
        self.options.get(self.index).copied().unwrap_or_default()
    }

    /// Picks by the first character; false when no option starts with `key`.
    pub fn pick(&mut self, key: char) -> bool {
        let starts = |o: &&str| {
            o.chars()
                .next()
                .is_some_and(|c| c.eq_ignore_ascii_case(&key))
        };
        let n = self.options.len();
        let from = if self.fresh || !self.options.get(self.index).is_some_and(starts) {
            0
        } else {
            self.index + 1
        };
        let found = (0..n)
            .map(|i| (from + i) % n)
            .find(|&i| self.options.get(i).is_some_and(starts));
        if let Some(i) = found {
            self.index = i;
            self.fresh = false;
        }
        found.is_some()
    }

    /// Steps one option forward or back.
    pub fn step(&mut self, forward: bool) {
        let n = self.options.len();
        if n == 0 {
            return;
        }
        self.fresh = false;
        self.index = match (forward, self.wraps) {
            (true, true) => (self.index + 1) % n,
            (false, true) => (self.index + n - 1) % n,
            (true, false) => (self.index + 1).min(n - 1),
            (false, false) => self.index.saturating_sub(1),
        };
    }

    /// The options as a reminder: "c call, m meeting, …".
    pub fn keys(&self) -> String {
        let words: Vec<String> = self
            .options
            .iter()
            .map(|o| match o.chars().next() {
                Some(c) if o.chars().count() > 1 => format!("{c} {o}"),
                _ => (*o).to_string(),
            })
            .collect();
        words.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> Choice {
        Choice::new(
            vec![
                "call", "meeting", "email", "message", "update", "care", "other",
            ],
            "call",
            true,
        )
    }

    #[test]
    fn a_first_letter_picks_and_pressed_again_goes_on() {
        let mut kind = kinds();
        assert!(kind.pick('c'), "c on a fresh call keeps call");
        assert_eq!(kind.value(), "call");
        assert!(kind.pick('c'));
        assert_eq!(kind.value(), "care");
        assert!(kind.pick('C'));
        assert_eq!(kind.value(), "call");
        assert!(kind.pick('m'));
        assert_eq!(kind.value(), "meeting");
        assert!(kind.pick('m'));
        assert_eq!(kind.value(), "message");
        assert!(!kind.pick('z'));
        assert_eq!(kind.value(), "message");
    }

    #[test]
    fn words_wrap_and_numbers_stop() {
        let mut kind = kinds();
        kind.step(false);
        assert_eq!(kind.value(), "other");
        let mut rating = Choice::new(vec!["1", "2", "3", "4", "5"], "5", false);
        rating.step(true);
        assert_eq!(rating.value(), "5");
        assert!(rating.pick('2'));
        assert_eq!(rating.value(), "2");
        assert_eq!(rating.keys(), "1, 2, 3, 4, 5");
        assert_eq!(
            Choice::new(vec!["us", "them"], "them", true).keys(),
            "u us, t them"
        );
    }
}
