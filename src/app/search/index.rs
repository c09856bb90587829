//! The haystacks of the `/` filter, prepared once when it opens: each distinct field once, its
//! ASCII letters lowercased into one buffer, so a keystroke scans every field in one pass and a
//! field many partners share (a tag, a first name, a routine touch) is matched once.

use super::letters::Letters;
use std::collections::HashMap;
use std::ops::Range;

/// Every partner's searchable fields, prepared for scanning.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Index {
    /// Each partner's id and where its fields' numbers lie in `partner_fields`.
    partners: Vec<(i64, Range<usize>)>,
    partner_fields: Vec<usize>,
    /// Each distinct field once.
    pub(super) fields: Vec<Field>,
    /// The fields with their ASCII letters lowercased, one after another, each ended by a
    /// newline so no match runs from one into the next.
    lower: Vec<u8>,
    /// The list order `ranks` was computed for, so a keystroke does not rebuild it.
    ranked: Vec<i64>,
    /// Each partner's place in `ranked` (`usize::MAX` when the list does not show it).
    ranks: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Field {
    pub text: String,
    /// Whether `text` is all ASCII, which the byte scan can read.
    pub ascii: bool,
    /// Where `text` starts in the lowercase buffer.
    start: usize,
}

impl From<Vec<(i64, String)>> for Index {
    /// From each partner's id and fields, one per line.
    fn from(index: Vec<(i64, String)>) -> Self {
        let mut number: HashMap<&str, usize> = HashMap::new();
        let mut partner_fields = Vec::new();
        let partners = (index.iter())
            .map(|(id, text)| {
                let start = partner_fields.len();
                for field in text.split('\n').filter(|f| !f.is_empty()) {
                    let next = number.len();
                    partner_fields.push(*number.entry(field).or_insert(next));
                }
                (*id, start..partner_fields.len())
            })
            .collect();
        let mut distinct: Vec<(&str, usize)> = number.into_iter().collect();
        distinct.sort_unstable_by_key(|(_, n)| *n);
        let mut lower = Vec::with_capacity(distinct.iter().map(|(f, _)| f.len() + 1).sum());
        let fields = (distinct.into_iter())
            .map(|(text, _)| {
                let start = lower.len();
                lower.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
                lower.push(b'\n');
                Field {
                    text: text.to_string(),
                    ascii: text.is_ascii(),
                    start,
                }
            })
            .collect();
        Index {
            partners,
            partner_fields,
            fields,
            lower,
            ..Index::default()
        }
    }
}

impl Index {
    pub fn len(&self) -> usize {
        self.partners.len()
    }

    pub fn is_empty(&self) -> bool {
        self.partners.is_empty()
    }

    /// A field's text lowercased (same offsets as its text).
    pub(super) fn lower(&self, field: &Field) -> &[u8] {
        &self.lower[field.start..field.start + field.text.len()]
    }

    /// Each partner's id, place in `order`, and best field score by `score` (per field number).
    /// The places are recomputed only when the order changes.
    pub(super) fn partners<'a>(
        &'a mut self,
        order: &[i64],
        score: &'a [Option<u32>],
    ) -> impl Iterator<Item = (i64, usize, Option<u32>)> + 'a {
        if self.ranked != order || self.ranks.len() != self.partners.len() {
            let at: HashMap<i64, usize> =
                order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
            self.ranks = (self.partners.iter())
                .map(|(id, _)| at.get(id).copied().unwrap_or(usize::MAX))
                .collect();
            self.ranked = order.to_vec();
        }
        let (partner_fields, ranks) = (&self.partner_fields, &self.ranks);
        (self.partners.iter().zip(ranks)).map(move |((id, fields), rank)| {
            let best = partner_fields[fields.clone()]
                .iter()
                .map(|f| score[*f])
                .max();
            (*id, *rank, best.flatten())
        })
    }

    /// The best score of a compact match of `letters` in each all-ASCII field (`None` for the
    /// others and where nothing matches), by one scan of the lowercase buffer.
    pub(super) fn scan(&self, letters: &Letters) -> Vec<Option<u32>> {
        let mut best = vec![None; self.fields.len()];
        let (mut i, mut at) = (0, Vec::new());
        letters.starts(&self.lower, |start| {
            while self.fields.get(i + 1).is_some_and(|f| f.start <= start) {
                i += 1;
            }
            let field = &self.fields[i];
            if field.ascii && letters.complete(&self.lower, start, &mut at) {
                at.iter_mut().for_each(|p| *p -= field.start);
                let score = letters.score(field.text.as_bytes(), &at);
                best[i] = best[i].max(Some(score));
            }
        });
        best
    }
}
