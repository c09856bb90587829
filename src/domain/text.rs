//! The one sanitiser (README, "Hostile text and small terminals"): everything stored or imported passes through it before it
//! reaches a screen or plain-text output.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Invisible characters that only break a line's alignment in a column (zero-width space, soft
/// hyphen, word joiner, byte-order mark). The zero-width joiner stays: emoji sequences need it.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{00AD}' | '\u{2060}' | '\u{FEFF}')
}

/// Bidirectional overrides and isolates, which reorder what a reader sees (Trojan Source).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Makes text safe for one line of a terminal: control characters (C0, DEL, C1) in caret form,
/// tabs and line breaks (`\n`, `\r\n`, a lone `\r` as a terminal pastes it) to spaces, bidi
/// controls removed.
pub fn clean_line(text: &str) -> String {
    if is_clean(text, false) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.replace("\r\n", "\n").chars() {
        push_clean(&mut out, c, false);
    }
    out
}

/// As [`clean_line`], but keeps newlines, for multi-line blocks such as a touch in full.
pub fn clean_block(text: &str) -> String {
    if is_clean(text, true) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.replace("\r\n", "\n").chars() {
        push_clean(&mut out, c, true);
    }
    out
}

/// True when cleaning would change nothing (the common case: plain text is copied as is).
fn is_clean(text: &str, keep_newlines: bool) -> bool {
    if text.is_ascii() {
        return text
            .bytes()
            .all(|b| (0x20..0x7f).contains(&b) || (keep_newlines && b == b'\n'));
    }
    text.chars().all(|c| match c {
        '\n' => keep_newlines,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => false,
        c => !is_bidi_control(c) && !is_invisible(c),
    })
}

fn push_clean(out: &mut String, c: char, keep_newlines: bool) {
    match c {
        '\n' | '\r' if keep_newlines => out.push('\n'),
        '\t' | '\n' | '\r' => out.push(' '),
        c if is_bidi_control(c) || is_invisible(c) => {}
        '\u{0}'..='\u{1f}' => {
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        }
        '\u{7f}' => out.push_str("^?"),
        '\u{80}'..='\u{9f}' => {
            // C1 controls: shown as their 7-bit caret form after a marker, e.g. U+009B → "^[[".
            out.push_str("^[");
            out.push(char::from((c as u32 - 0x40) as u8));
        }
        c => out.push(c),
    }
}

/// Width of `text` in terminal cells (after cleaning), counted the way the screen lays it out:
/// one grapheme at a time, so emoji sequences (`❤️`, `👍🏽`, `👨‍👩‍👧`) take two cells, not the sum of
/// their characters. Halfwidth sound marks (U+FF9E, U+FF9F) get one cell more, as ratatui 0.30
/// counts them, so that what is measured here is what the screen takes.
pub fn width(text: &str) -> usize {
    // Printable ASCII, most of what is drawn, is a cell per byte.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.len();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

fn grapheme_width(g: &str) -> usize {
    let marks = g
        .chars()
        .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .count();
    UnicodeWidthStr::width(g) + marks
}

/// Cleans `text` for one line and cuts it to at most `max` cells, ending with `…` when cut.
/// Cuts fall between graphemes, never inside one.
pub fn fit(text: &str, max: usize) -> String {
    let clean = clean_line(text);
    if width(&clean) <= max {
        return clean;
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in clean.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// `n` and the noun for it: "1 partner", "2 partners", "0 touches".
pub fn counted(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Text from a user or a file quoted in a message: cleaned for one line (control characters in
/// caret form) and cut to 60 cells, in double quotes.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", fit(text, 60))
}

/// Pads (or cuts) cleaned text to exactly `cells` wide.
pub fn pad(text: &str, cells: usize) -> String {
    let mut s = fit(text, cells);
    let w = width(&s);
    s.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("ACME\x1b]0;owned\x07", "ACME^[]0;owned^G")]
    #[case("a\tb\nc", "a b c")]
    #[case("pasted\rline\r\nand crlf", "pasted line and crlf")]
    #[case("x\u{202e}y\u{2066}z", "xyz")]
    #[case("zero\u{200b}width\u{00ad}soft\u{feff}", "zerowidthsoft")]
    #[case("👨\u{200d}💻", "👨\u{200d}💻")]
    #[case("csi\u{9b}2J", "csi^[[2J")]
    #[case("del\u{7f}", "del^?")]
    #[case("plain Üñíçødé 日本", "plain Üñíçødé 日本")]
    fn cleans(#[case] input: &str, #[case] want: &str) {
        assert_eq!(clean_line(input), want);
    }

    #[test]
    fn counts_take_the_noun_they_need() {
        assert_eq!(counted(1, "partner", "partners"), "1 partner");
        assert_eq!(counted(0, "touch", "touches"), "0 touches");
        assert_eq!(counted(-1, "day", "days"), "-1 days");
    }

    #[test]
    fn quoted_text_is_one_cleaned_short_line() {
        assert_eq!(quoted("evil\x1b]0;t\x07\nline2"), "\"evil^[]0;t^G line2\"");
        let long = quoted(&"x".repeat(100_000));
        assert_eq!(width(&long), 62);
        assert!(long.ends_with("…\""));
    }

    #[test]
    fn block_keeps_newlines_only() {
        assert_eq!(clean_block("a\r\nb\x1b"), "a\nb^[");
    }

    #[rstest]
    #[case("hello", 10, "hello")]
    #[case("hello world", 6, "hello…")]
    #[case("日本語テキスト", 5, "日本…")]
    #[case("abc", 0, "")]
    #[case("abc", 1, "…")]
    fn fits_by_cells(#[case] input: &str, #[case] max: usize, #[case] want: &str) {
        let got = fit(input, max);
        assert_eq!(got, want);
        assert!(width(&got) <= max);
    }

    #[rstest]
    #[case("❤\u{fe0f}", 2)]
    #[case("👍\u{1f3fd}", 2)]
    #[case("👨\u{200d}👩\u{200d}👧", 2)]
    #[case("ﾊﾞ", 3)] // as ratatui counts it
    #[case("e\u{301}", 1)]
    fn widths_by_grapheme(#[case] input: &str, #[case] cells: usize) {
        assert_eq!(width(input), cells);
    }

    #[test]
    fn fit_never_splits_an_emoji_sequence() {
        assert_eq!(fit("ab👨\u{200d}👩\u{200d}👧cd", 4), "ab…");
        assert_eq!(
            fit("ab👨\u{200d}👩\u{200d}👧cd", 5),
            "ab👨\u{200d}👩\u{200d}👧…"
        );
    }

    #[test]
    fn pads_to_exact_width() {
        assert_eq!(width(&pad("日本語", 7)), 7);
        assert_eq!(width(&pad("abcdefghij", 4)), 4);
    }
}
