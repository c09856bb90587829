//! The sanitiser under proptest (DESIGN.md §9): whatever text comes in, what leaves it cannot
//! steer a terminal, is stable when cleaned again, and takes exactly the cells it claims — as
//! ratatui lays them out.
//!
//! 10,000 cases per property (`cargo test` runs them in the debug profile). A longer run:
//! `PROPTEST_CASES=1000000 cargo test --release --test safety`.

use pactum::domain::text::{clean_block, clean_line, fit, pad, width};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

const CASES: u32 = 10_000;

fn config() -> ProptestConfig {
    // PROPTEST_CASES, when set, overrides the default for longer runs.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(CASES);
    ProptestConfig {
        failure_persistence: None,
        // ChaCha, the default generator, is slow without optimisation; XorShift is plenty here.
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::with_cases(cases)
    }
}

/// Characters terminals and readers trip over, mixed with ordinary ones.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        3 => prop::char::range('\u{0}', '\u{1f}'),
        1 => Just('\u{7f}'),
        3 => prop::char::range('\u{80}', '\u{9f}'),
        3 => select(vec![
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
        ]),
        2 => prop::char::range('\u{4e00}', '\u{9fff}'),
        2 => prop::char::range('\u{ac00}', '\u{d7a3}'),
        2 => select(vec![
            '😀', '👍', '❤', '\u{fe0f}', '\u{fe0e}', '\u{200d}', '\u{1f3fd}', '🇫', '🇷', '👨',
            '👩', '👧', '\u{ff9e}', '\u{ff9f}', 'ﾊ', '…', '—',
        ]),
        2 => prop::char::range('\u{300}', '\u{36f}'),
        2 => select(vec!['\t', '\n', '\r', ' ', '\u{a0}', '\u{3000}', '\u{2028}', '\u{ad}']),
        4 => prop::char::range('a', 'z'),
    ]
}

/// Whole sequences that attack terminals, and emoji sequences whose width is not the sum of
/// their characters'.
const SEQUENCES: &[&str] = &[
    "\x1b[2J",
    "\x1b[H",
    "\x1b]0;owned\x07",
    "\x1b]2;title\x1b\\",
    "\x1b]52;c;b3duZWQ=\x07",
    "\x1b[31mFAKE",
    "\x1b[?1049l",
    "\x1b[6n",
    "\x1bP+q544e\x1b\\",
    "\u{9b}2J",
    "\u{9d}0;owned\u{9c}",
    "\r\n",
    "❤\u{fe0f}",
    "👨\u{200d}👩\u{200d}👧",
    "👍\u{1f3fd}",
    "🇫🇷",
    "e\u{301}\u{302}",
    "ﾊﾞﾟ",
    "\u{202e}gnp.exe",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => vec(hostile_char(), 0..8).prop_map(String::from_iter),
        2 => select(SEQUENCES).prop_map(String::from),
        1 => any::<String>(),
    ]
}

/// Arbitrary text, biased towards what breaks terminals.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        4 => vec(fragment(), 0..12).prop_map(|parts| parts.concat()),
    ]
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// A character that must never reach a terminal from the book.
fn forbidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The column where ratatui puts a marker drawn right after `text` on one line.
fn laid_out_width(text: &str) -> usize {
    let area = Rect::new(0, 0, 420, 1);
    let mut buf = Buffer::empty(area);
    let line = Line::from(vec![Span::raw(text.to_string()), Span::raw("|")]);
    buf.set_line(0, 0, &line, area.width);
    (0..area.width)
        .rposition(|x| buf[(x, 0)].symbol() == "|")
        .unwrap_or(usize::from(area.width))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn clean_line_leaves_no_control_or_bidi_and_is_idempotent(s in hostile()) {
        let clean = clean_line(&s);
        prop_assert!(
            !clean.chars().any(forbidden),
            "{:?} cleaned to {:?}", s, clean
        );
        prop_assert_eq!(clean_line(&clean), clean.clone());
        prop_assert_eq!(width(&clean), laid_out_width(&clean), "{:?}", clean);
    }

    #[test]
    fn clean_block_keeps_newlines_only_and_is_idempotent(s in hostile()) {
        let clean = clean_block(&s);
        prop_assert!(
            !clean.chars().any(|c| c != '\n' && forbidden(c)),
            "{:?} cleaned to {:?}", s, clean
        );
        prop_assert_eq!(clean_block(&clean), clean.clone());
        prop_assert_eq!(clean_line(&clean), clean_line(&s));
    }

    #[test]
    fn fit_never_exceeds_its_width(s in hostile(), n in 0usize..200) {
        let got = fit(&s, n);
        prop_assert!(!got.chars().any(forbidden), "{:?}", got);
        prop_assert!(width(&got) <= n, "{:?} fit to {} is {:?}", s, n, got);
        prop_assert!(laid_out_width(&got) <= n, "{:?} fit to {} is {:?}", s, n, got);
        let clean = clean_line(&s);
        if width(&clean) <= n {
            prop_assert_eq!(got, clean);
        } else if n > 0 {
            // Cut between characters and marked.
            prop_assert!(got.ends_with('…'), "{:?}", got);
            prop_assert!(clean.starts_with(got.trim_end_matches('…')), "{:?}", got);
        }
    }

    #[test]
    fn pad_is_exactly_its_width(s in hostile(), n in 0usize..200) {
        let got = pad(&s, n);
        prop_assert_eq!(width(&got), n, "{:?}", got);
        prop_assert_eq!(laid_out_width(&got), n, "{:?} padded to {} is {:?}", s, n, got);
    }
}
