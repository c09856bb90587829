//! An ASCII query as the byte scan sees it, and nucleo's scoring of a match, so plain ASCII text
//! is matched and ranked without going through nucleo field by field.

/// The query's letters lowercased, and where each word starts (nucleo scores each word of a
/// query on its own and adds the scores up).
pub(super) struct Letters {
    bytes: Vec<u8>,
    word_starts: Vec<bool>,
}

impl Letters {
    /// `None` for a query with non-ASCII letters, or none at all.
    pub fn new(query: &str) -> Option<Letters> {
        if !query.is_ascii() {
            return None;
        }
        let (mut bytes, mut word_starts) = (Vec::new(), Vec::new());
        for word in query.split_ascii_whitespace() {
            bytes.extend(word.bytes().map(|b| b.to_ascii_lowercase()));
            word_starts.extend((0..word.len()).map(|i| i == 0));
        }
        (!bytes.is_empty()).then_some(Letters { bytes, word_starts })
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Calls `found` with each place in `lower` where a compact match may start, in order: each
    /// first letter with the second close enough after it. The test is necessary, not sufficient,
    /// and reads eight bytes at a time, so a common first letter costs little on its own.
    pub fn starts(&self, lower: &[u8], mut found: impl FnMut(usize)) {
        let n = self.bytes.len();
        // The second letter of a compact match lies 1 to n + 1 bytes after the first; a word
        // and the next one hold that reach for queries under eight letters.
        let second = self.bytes.get(1).copied().filter(|_| n < 8);
        let mut seconds = second.map_or(0, |l| lanes_equal(word(lower, 0), l));
        for at in (0..lower.len()).step_by(8) {
            let mut firsts = lanes_equal(word(lower, at), self.bytes[0]);
            if let Some(letter) = second {
                let next = lanes_equal(word(lower, at + 8), letter);
                if firsts != 0 {
                    let mut near = (u128::from(seconds) | u128::from(next) << 64) >> 8;
                    let mut covered = 1;
                    while covered <= n {
                        near |= near >> (8 * covered);
                        covered *= 2;
                    }
                    firsts &= near as u64;
                }
                seconds = next;
            }
            while firsts != 0 {
                found(at + firsts.trailing_zeros() as usize / 8);
                firsts &= firsts - 1;
            }
        }
    }

    /// Whether the letters complete a compact match from `start` (the first letter) within one
    /// line, taking each next letter as early as it comes; `at` gets their places.
    pub fn complete(&self, lower: &[u8], start: usize, at: &mut Vec<usize>) -> bool {
        at.clear();
        at.push(start);
        let end = (start + 2 * self.bytes.len()).min(lower.len());
        let mut want = self.bytes[1..].iter();
        let mut next = want.next();
        for (p, &b) in lower.iter().enumerate().take(end).skip(start + 1) {
            match next {
                None => break,
                Some(_) if b == b'\n' => break,
                Some(&w) if w == b => {
                    at.push(p);
                    next = want.next();
                }
                Some(_) => {}
            }
        }
        next.is_none()
    }

    /// Nucleo's score for the letters at `at` in `text`: a point for each letter, a bonus where a
    /// word begins (doubled for a word's first letter), carried along consecutive letters, less a
    /// penalty for each gap.
    pub fn score(&self, text: &[u8], at: &[usize]) -> u32 {
        let (mut total, mut score, mut first_bonus, mut last) = (0, 0, 0, 0);
        for (&p, &word_start) in at.iter().zip(&self.word_starts) {
            let prev = p
                .checked_sub(1)
                .map_or(Class::Whitespace, |i| class(text[i]));
            let mut bonus = bonus_for(prev, class(text[p]));
            if word_start {
                total += score;
                score = SCORE_MATCH + BONUS_FIRST_CHAR_MULTIPLIER * bonus;
                first_bonus = bonus;
            } else {
                let gap = (p - last - 1) as u32;
                if gap == 0 {
                    if bonus >= BONUS_BOUNDARY && bonus > first_bonus {
                        first_bonus = bonus;
                    }
                    bonus = bonus.max(first_bonus).max(BONUS_CONSECUTIVE);
                } else {
                    let penalty = PENALTY_GAP_START + (gap - 1) * PENALTY_GAP_EXTENSION;
                    score = score.saturating_sub(penalty);
                    first_bonus = bonus;
                }
                score += SCORE_MATCH + bonus;
            }
            last = p;
        }
        total + score
    }
}

/// The eight bytes of `lower` from `at`, padded with zeros past its end.
fn word(lower: &[u8], at: usize) -> u64 {
    match lower.get(at..at + 8) {
        Some(bytes) => u64::from_le_bytes(bytes.try_into().unwrap_or_default()),
        None => {
            let mut bytes = [0; 8];
            for (b, l) in bytes.iter_mut().zip(lower.get(at..).unwrap_or_default()) {
                *b = *l;
            }
            u64::from_le_bytes(bytes)
        }
    }
}

/// The top bit of each byte of `word` that is `letter` (a zero-byte test on `word ^ letter`).
fn lanes_equal(word: u64, letter: u8) -> u64 {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let diff = word ^ (LOW * u64::from(letter));
    !(((diff & !HIGH) + !HIGH) | diff) & HIGH
}

// Nucleo's scoring constants (nucleo-matcher 0.3, `Config::DEFAULT`), so scores from the byte scan
// and from nucleo rank on one scale.
const SCORE_MATCH: u32 = 16;
const PENALTY_GAP_START: u32 = 3;
const PENALTY_GAP_EXTENSION: u32 = 1;
const BONUS_BOUNDARY: u32 = SCORE_MATCH / 2;
const BONUS_BOUNDARY_WHITE: u32 = BONUS_BOUNDARY + 2;
const BONUS_BOUNDARY_DELIMITER: u32 = BONUS_BOUNDARY + 1;
const BONUS_CAMEL123: u32 = BONUS_BOUNDARY - PENALTY_GAP_START;
const BONUS_NON_WORD: u32 = BONUS_BOUNDARY;
const BONUS_CONSECUTIVE: u32 = PENALTY_GAP_START + PENALTY_GAP_EXTENSION;
const BONUS_FIRST_CHAR_MULTIPLIER: u32 = 2;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Whitespace,
    NonWord,
    Delimiter,
    Lower,
    Upper,
    Number,
}

fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' => Class::Lower,
        b'A'..=b'Z' => Class::Upper,
        b'0'..=b'9' => Class::Number,
        b if b.is_ascii_whitespace() => Class::Whitespace,
        b'/' | b',' | b':' | b';' | b'|' => Class::Delimiter,
        _ => Class::NonWord,
    }
}

fn bonus_for(prev: Class, class: Class) -> u32 {
    let word = matches!(class, Class::Lower | Class::Upper | Class::Number);
    match prev {
        Class::Whitespace if word => return BONUS_BOUNDARY_WHITE,
        Class::Delimiter if word => return BONUS_BOUNDARY_DELIMITER,
        Class::NonWord if word => return BONUS_BOUNDARY,
        _ => {}
    }
    match class {
        Class::Upper if prev == Class::Lower => BONUS_CAMEL123,
        Class::Number if prev != Class::Number => BONUS_CAMEL123,
        Class::Whitespace => BONUS_BOUNDARY_WHITE,
        Class::NonWord => BONUS_NON_WORD,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The best score of a compact match of `query` in `field`.
    fn best(query: &str, field: &str) -> Option<u32> {
        let letters = Letters::new(query).expect("letters");
        let lower = field.to_ascii_lowercase();
        let (mut best, mut at) = (None, Vec::new());
        letters.starts(lower.as_bytes(), |start| {
            if letters.complete(lower.as_bytes(), start, &mut at) {
                best = best.max(Some(letters.score(field.as_bytes(), &at)));
            }
        });
        best
    }

    fn compact_in(query: &str, field: &str) -> bool {
        best(query, field).is_some()
    }

    #[test]
    fn compact_means_within_twice_the_length() {
        assert!(compact_in("nadia", "Nadia Brooks"));
        assert!(!compact_in("nb", "Nadia Brooks"));
        assert!(compact_in("acm", "ACME Ltd"));
        assert!(!compact_in("acme", "a cat, a mouse and an eel"));
    }

    #[test]
    fn scores_as_nucleo_does() {
        use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
        use nucleo_matcher::{Config, Matcher, Utf32Str};
        let mut matcher = Matcher::new(Config::DEFAULT);
        for (query, field) in [
            ("acme", "Acme Analytics BV 7"),
            ("er", "answered questions about the contract"),
            ("ing", "walked through the new pricing"),
            ("kestrl", "Kestrel Analytics"),
            ("nadia", "Nadia Brooks"),
            ("fc", "FooCorp"),
            ("bv7", "Acme BV7"),
            ("acme b", "Acme Berlin"),
            ("ndp", "sign the NDA/pricing"),
        ] {
            let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
            let nucleo = pattern.score(Utf32Str::new(field, &mut Vec::new()), &mut matcher);
            assert_eq!(best(query, field), nucleo, "{query:?} in {field:?}");
        }
    }

    #[test]
    fn a_word_start_outranks_the_middle_of_a_word() {
        assert!(best("er", "errand") > best("er", "over"));
        assert!(best("ac", "Acme") > best("ac", "Pacific"));
    }
}
