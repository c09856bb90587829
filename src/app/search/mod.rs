//! The `/` fuzzy filter over partner names, tags, contacts, open commitment titles and recent
//! touch summaries. Matching is pure computation over a per-partner haystack the runtime loads.

use super::effect::Effect;
use super::{Action, App, Notice};
use crate::domain::{limits, text};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

mod index;
mod letters;

pub use index::Index;
use letters::Letters;

/// An open search: what was typed, the haystacks, and the partners that match, best first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    /// Each partner's searchable fields; empty until the runtime loads them.
    pub index: Index,
    /// Matching partner ids, best first (all partners in list order for an empty query).
    pub matches: Vec<i64>,
    /// Where each match stands in the dashboard's list (same order as `matches`).
    pub positions: Vec<usize>,
    pub cursor: usize,
    /// The partner selected when the filter opened, selected again when it is closed.
    pub origin: Option<i64>,
}

impl Search {
    /// Recomputes `matches` for the current query. `order` is the dashboard's list order,
    /// used for an empty query and to break ties.
    pub fn refresh(&mut self, order: &[i64]) {
        self.cursor = 0;
        if self.query.trim().is_empty() {
            self.matches = order.to_vec();
            self.positions = (0..order.len()).collect();
            // Nothing typed yet: the highlight stays on the partner that was selected.
            self.cursor = (self.origin)
                .and_then(|id| order.iter().position(|o| *o == id))
                .unwrap_or(0);
            return;
        }
        let letters = Letters::new(&self.query);
        let fields = &self.index.fields;
        let scores: Vec<Option<u32>> = match &letters {
            // One letter ranks nothing: the partners that contain it, in the list's order.
            Some(l) if l.bytes().len() == 1 => (fields.iter())
                .map(|f| memchr::memchr(l.bytes()[0], self.index.lower(f)).map(|_| 0))
                .collect(),
            // Plain ASCII fields by one byte scan; nucleo for the rest.
            _ => {
                let mut scores = (letters.as_ref())
                    .map_or_else(|| vec![None; fields.len()], |l| self.index.scan(l));
                let mut nucleo = Nucleo::new(&self.query);
                for (score, field) in scores.iter_mut().zip(fields) {
                    if letters.is_none() || !field.ascii {
                        *score = nucleo.score(&field.text);
                    }
                }
                scores
            }
        };
        let mut hits: Vec<(u32, usize, i64)> = (self.index.partners(order, &scores))
            .filter_map(|(id, rank, score)| score.map(|score| (score, rank, id)))
            .collect();
        hits.sort_unstable_by_key(|&(score, rank, _)| (std::cmp::Reverse(score), rank));
        self.positions = hits.iter().map(|(_, at, _)| *at).collect();
        self.matches = hits.into_iter().map(|(_, _, id)| id).collect();
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
    let origin = search.origin;
    match action {
        Action::Cancel => {
            return match origin {
                Some(id) if shown(app) != Some(id) => {
                    app.select_partner(id);
                    vec![load(app, id)]
                }
                _ => Vec::new(),
            };
        }
        Action::Submit => {
            return match search.chosen() {
                Some(id) => {
                    app.select_partner(id);
                    vec![app.reload()]
                }
                None => {
                    app.notice = Some(Notice::Info(format!(
                        "nothing matches {}",
                        text::quoted(&search.query)
                    )));
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
    follow(app)
}

/// While the filter is open the ledger and health show the highlighted match: the effect
/// that reads it, when another partner is shown.
pub(super) fn follow(app: &App) -> Vec<Effect> {
    match app.search.as_ref().and_then(Search::chosen) {
        Some(id) if shown(app) != Some(id) => vec![load(app, id)],
        _ => Vec::new(),
    }
}

/// The partner whose ledger is on screen.
fn shown(app: &App) -> Option<i64> {
    app.data.partner.as_ref().map(|p| p.id)
}

fn load(app: &App, id: i64) -> Effect {
    match app.reload() {
        Effect::Load {
            show_closed, owner, ..
        } => Effect::Load {
            partner: Some(id),
            show_closed,
            owner,
        },
        other => other,
    }
}

/// Nucleo for text the byte scan cannot read: a field matches when nucleo's best match of the
/// query is compact, its letters within twice the query's length.
struct Nucleo {
    pattern: Pattern,
    matcher: Matcher,
    buf: Vec<char>,
    indices: Vec<u32>,
    wanted: usize,
}

impl Nucleo {
    fn new(query: &str) -> Nucleo {
        Nucleo {
            pattern: Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart),
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
            indices: Vec::new(),
            wanted: query.chars().filter(|c| !c.is_whitespace()).count(),
        }
    }

    fn score(&mut self, field: &str) -> Option<u32> {
        self.indices.clear();
        let haystack = Utf32Str::new(field, &mut self.buf);
        let score = (self.pattern).indices(haystack, &mut self.matcher, &mut self.indices)?;
        let span = self.indices.iter().max()? - self.indices.iter().min()? + 1;
        (span as usize <= 2 * self.wanted.max(1)).then_some(score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(query: &str) -> Search {
        let mut s = Search {
            query: query.into(),
            index: Index::from(vec![
                (
                    1,
                    "Northwind Logistics\nlogistics\nAnna Berg\nFinish the Bristol depot".into(),
                ),
                (
                    2,
                    "Kestrel Analytics\nsaas\nNadia Brooks\nboard pack".into(),
                ),
                (3, "Harbourline Freight\nfreight\nTom".into()),
            ]),
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
    fn an_empty_query_keeps_the_list_order() {
        assert_eq!(search("").matches, vec![3, 1, 2]);
        assert_eq!(search(" ").chosen(), Some(3));
    }

    #[test]
    fn a_field_many_partners_share_matches_each_of_them() {
        let mut s = Search {
            query: "saas".into(),
            index: Index::from(vec![
                (1, "Northwind\nsaas".into()),
                (2, "Kestrel\nlogistics".into()),
                (3, "Harbourline\nsaas".into()),
            ]),
            ..Search::default()
        };
        s.refresh(&[3, 2, 1]);
        assert_eq!(s.matches, vec![3, 1]);
        assert_eq!(s.positions, vec![0, 2]);
    }

    #[test]
    fn text_beyond_ascii_goes_through_nucleo() {
        let mut s = Search {
            index: Index::from(vec![
                (1, "Café Ürban\ncoffee".into()),
                (2, "Cafeteria Plus".into()),
                (3, "Öresund Freight".into()),
            ]),
            ..Search::default()
        };
        let mut found = |query: &str| {
            s.query = query.into();
            s.refresh(&[1, 2, 3]);
            s.matches.clone()
        };
        assert_eq!(found("cafe"), vec![1, 2]);
        assert_eq!(found("urban"), vec![1]);
        assert_eq!(found("öresund"), vec![3]);
        assert_eq!(found("ÖRE"), vec![3]);
    }
}
