//! The `/` fuzzy filter over partner names, tags, contacts, open commitment titles and recent
//! touch summaries. Matching is pure computation over a per-partner haystack the runtime loads.

use super::effect::Effect;
use super::{Action, App, Notice};
use crate::domain::{limits, text};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// An open search: what was typed, the haystacks, and the partners that match, best first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    /// (partner id, searchable fields one per line); empty until the runtime loads it.
    pub index: Vec<(i64, String)>,
    /// Matching partner ids, best first (all partners in list order for an empty query).
    pub matches: Vec<i64>,
    /// Where each match stands in the dashboard's list (same order as `matches`).
    pub positions: Vec<usize>,
    pub cursor: usize,
}

impl Search {
    /// Recomputes `matches` for the current query. `order` is the dashboard's list order,
    /// used for an empty query and to break ties.
    pub fn refresh(&mut self, order: &[i64]) {
        self.cursor = 0;
        let at: std::collections::HashMap<i64, usize> =
            order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        if self.query.trim().is_empty() {
            self.matches = order.to_vec();
            self.positions = (0..order.len()).collect();
            return;
        }
        let pattern = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let mut indices = Vec::new();
        let wanted = self.query.chars().filter(|c| !c.is_whitespace()).count();
        let letters: Vec<u8> = self
            .query
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .map(|b| b.to_ascii_lowercase())
            .collect();
        let needle = self.query.is_ascii().then_some(letters.as_slice());
        let rank = |id: i64| at.get(&id).copied().unwrap_or(usize::MAX);
        if let (Some(q), 1) = (needle, wanted) {
            // One letter ranks nothing: the partners that contain it, in the list's order.
            let mut hits: Vec<(usize, i64)> = self
                .index
                .iter()
                .filter(|(_, hay)| compact_in(q, hay.as_bytes()))
                .map(|(id, _)| (rank(*id), *id))
                .collect();
            hits.sort_unstable();
            self.positions = hits.iter().map(|(at, _)| *at).collect();
            self.matches = hits.into_iter().map(|(_, id)| id).collect();
            return;
        }
        let mut scored: Vec<(u32, usize, i64)> = self
            .index
            .iter()
            .filter_map(|(id, hay)| {
                // Each field on its own, so a query must fit within one name or title
                // rather than be scattered across a partner's whole history.
                // A match must also be compact: its letters within twice the query's length,
                // so "nadia" finds Nadia, not n…a…d…i…a scattered across a sentence.
                // Plain ASCII text that cannot hold the query compactly is passed over in one scan.
                if needle.is_some_and(|q| hay.is_ascii() && !compact_in(q, hay.as_bytes())) {
                    return None;
                }
                hay.lines()
                    .filter_map(|field| {
                        // Plain ASCII on both sides: a byte scan rules most fields out first.
                        if needle
                            .is_some_and(|q| field.is_ascii() && !compact_in(q, field.as_bytes()))
                        {
                            return None;
                        }
                        indices.clear();
                        let score = pattern.indices(
                            Utf32Str::new(field, &mut buf),
                            &mut matcher,
                            &mut indices,
                        )?;
                        let span = indices.iter().max()?.saturating_sub(*indices.iter().min()?)
                            as usize
                            + 1;
                        (span <= 2 * wanted.max(1)).then_some(score)
                    })
                    .max()
                    .map(|score| (score, rank(*id), *id))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.positions = scored.iter().map(|(_, at, _)| *at).collect();
        self.matches = scored.into_iter().map(|(_, _, id)| id).collect();
    }

    /// The partner under the cursor.
    pub fn chosen(&self) -> Option<i64> {
        self.matches.get(self.cursor).copied()
    }
}

/// Handles an action while the filter is open: typing narrows, enter jumps, esc closes.
pub(super) fn search_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(mut search) = app.search.take() else {
        return Vec::new();
    };
    let order: Vec<i64> = app.data.rows.iter().map(|r| r.id).collect();
    match action {
        Action::Cancel => return Vec::new(),
        Action::Submit => {
            return match search.chosen() {
                Some(id) => {
                    app.select_partner(id);
                    vec![app.reload()]
                }
                None => {
                    app.notice = Some(Notice::Info(format!("nothing matches {:?}", search.query)));
                    Vec::new()
                }
            };
        }
        Action::Down => {
            search.cursor = (search.cursor + 1).min(search.matches.len().saturating_sub(1))
        }
        Action::Up => search.cursor = search.cursor.saturating_sub(1),
        Action::Paste(text) => {
            // Cleaned and cut like typed text.
            search.query.push_str(&text::clean_line(&text));
            search.query = search.query.chars().take(limits::NAME_MAX).collect();
            search.refresh(&order);
        }
        Action::Input(input) => {
            match input.key {
                ratatui_textarea::Key::Char(c) if !input.ctrl && !input.alt => search.query.push(c),
                ratatui_textarea::Key::Backspace => {
                    search.query.pop();
                }
                _ => {}
            }
            search.query = text::clean_line(&search.query)
                .chars()
                .take(limits::NAME_MAX)
                .collect();
            search.refresh(&order);
        }
        _ => {}
    }
    app.search = Some(search);
    Vec::new()
}

/// Whether `query` (lowercase ASCII letters) occurs in `field` in order, case-insensitively,
/// within a window of twice its length: the compact match the filter asks for.
fn compact_in(query: &[u8], field: &[u8]) -> bool {
    let Some((&first, rest)) = query.split_first() else {
        return true;
    };
    let window = 2 * query.len();
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), field).any(|start| {
        let end = (start + window).min(field.len());
        let mut want = rest.iter().peekable();
        for b in &field[start + 1..end] {
            if want.peek().is_some_and(|w| **w == b.to_ascii_lowercase()) {
                want.next();
            }
        }
        want.peek().is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(query: &str) -> Search {
        let mut s = Search {
            query: query.into(),
            index: vec![
                (
                    1,
                    "Northwind Logistics\nlogistics\nAnna Berg\nFinish the Bristol depot".into(),
                ),
                (
                    2,
                    "Kestrel Analytics\nsaas\nNadia Brooks\nboard pack".into(),
                ),
                (3, "Harbourline Freight\nfreight\nTom".into()),
            ],
            ..Search::default()
        };
        s.refresh(&[3, 1, 2]);
        s
    }

    #[test]
    fn matches_names_contacts_and_titles_fuzzily() {
        assert_eq!(search("kestrl").matches, vec![2]);
        assert_eq!(search("nadia").matches, vec![2]);
        assert_eq!(search("bristol").matches, vec![1]);
        assert!(search("zzzz").matches.is_empty());
    }

    #[test]
    fn compact_means_within_twice_the_length() {
        assert!(compact_in(b"nadia", b"Nadia Brooks"));
        assert!(!compact_in(b"nb", b"Nadia Brooks"));
        assert!(compact_in(b"acm", b"ACME Ltd"));
        assert!(!compact_in(b"acme", b"a cat, a mouse and an eel"));
    }

    #[test]
    fn an_empty_query_keeps_the_list_order() {
        assert_eq!(search("").matches, vec![3, 1, 2]);
        assert_eq!(search(" ").chosen(), Some(3));
    }
}
