//! Hostile data for the safety tests: text that attacks terminals and readers, and random books
//! built from it through the real store API, within the documented limits.
#![allow(dead_code, unused_imports)]

mod book;

pub use book::{book, build, hostile_demo};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use tempfile::TempDir;

/// The proptest configuration of these tests: `cases` unless PROPTEST_CASES says otherwise.
pub fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        failure_persistence: None,
        // ChaCha, the default generator, is slow without optimisation; XorShift is plenty here.
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::with_cases(cases)
    }
}

/// Characters terminals and readers trip over, mixed with ordinary ones.
pub fn hostile_char() -> impl Strategy<Value = char> {
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
pub const SEQUENCES: &[&str] = &[
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
pub fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        4 => vec(fragment(), 0..12).prop_map(|parts| parts.concat()),
    ]
}

/// Text for a field of at most `max` characters: empty, short and hostile, or up to the limit.
pub fn field(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        6 => hostile(),
        1 => (hostile(), 0..=max).prop_map(|(s, n)| s.chars().cycle().take(n).collect()),
        1 => hostile_char().prop_map(move |c| c.to_string().repeat(max)),
    ]
    .prop_map(move |s| s.chars().take(max).collect())
}

/// As [`field`], never blank (the store requires it).
pub fn required(max: usize) -> impl Strategy<Value = String> {
    field(max).prop_map(|s| if s.trim().is_empty() { "x".into() } else { s })
}

pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// A character that must never reach a terminal from the book.
pub fn forbidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Panics if a rendered screen (lines of text) holds a control or bidi character.
pub fn assert_clean_screen(screen: &str, what: &str) {
    if let Some(c) = screen.chars().find(|c| *c != '\n' && forbidden(*c)) {
        panic!("{what}: {c:?} reached the screen:\n{screen}");
    }
}

/// A temp dir in memory when the system has one: the book writes with `synchronous = FULL`.
pub fn tempdir() -> TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().expect("a temp dir")
}

/// The partner name of the end-to-end test: it retitles the window, clears the screen and
/// fakes red output, if anything lets it through.
pub const HOSTILE_NAME: &str = "ACME\x1b]0;owned\x07\x1b[2J\x1b[31mFAKE";
/// A commitment title with a right-to-left override and a C1 CSI.
pub const HOSTILE_TITLE: &str = "Pay \u{202e}0001$\u{202c} by \u{9b}2J Friday";
