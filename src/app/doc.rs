//! A screen of text built once from loaded data and shown two ways: styled in the terminal,
//! plain on stdout (`pactum today`, `pactum brief`). Tones are meanings, not colours.

use crate::domain::text;

/// What a piece of text means; the UI maps each to a theme meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Heading,
    Muted,
    Overdue,
    DueSoon,
    Good,
    Watch,
    Poor,
    Ours,
    Theirs,
    /// A key of the keymap.
    Key,
}

/// What a line of Today can be acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub partner_id: i64,
    pub commitment_id: Option<i64>,
    pub problem_id: Option<i64>,
}

/// One line: spans of text with their tones, and what it acts on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocLine {
    pub spans: Vec<(Tone, String)>,
    pub target: Option<Target>,
    /// Cells continuation rows start at, when more than the line's own indent (a term and its
    /// meaning in two columns).
    pub hang: usize,
}

impl DocLine {
    /// A line of one tone.
    pub fn new(tone: Tone, text: impl Into<String>) -> DocLine {
        DocLine {
            spans: vec![(tone, text.into())],
            target: None,
            hang: 0,
        }
    }

    /// Adds a span.
    pub fn and(mut self, tone: Tone, text: impl Into<String>) -> DocLine {
        self.spans.push((tone, text.into()));
        self
    }

    /// Continuation rows start `cells` in.
    pub fn hanging(mut self, cells: usize) -> DocLine {
        self.hang = cells;
        self
    }

    /// Marks what the line acts on.
    pub fn on(mut self, target: Target) -> DocLine {
        self.target = Some(target);
        self
    }

    /// The line cut into rows of at most `width` cells, at word boundaries; continuation rows
    /// hang under the first word (past any indent and a `•` or `1.` bullet). Words longer than
    /// a row are cut by width. Drawing and scrolling both measure with this, so what scrolls is
    /// what is drawn.
    pub fn wrap(&self, width: usize) -> Vec<Vec<(Tone, String)>> {
        let width = width.max(1);
        let plain = self.plain();
        let lead = plain.len() - plain.trim_start().len();
        let bullet = plain.split_whitespace().next().map_or(0, |w| {
            if w == "•" || w.ends_with('.') && w.len() <= 3 {
                text::width(w) + 1
            } else {
                0
            }
        });
        let indent = (lead + bullet).max(self.hang).min(width / 2);
        let mut rows: Vec<Vec<(Tone, String)>> = vec![Vec::new()];
        let mut used = 0usize;
        for (tone, s) in &self.spans {
            let clean = text::clean_line(s);
            for piece in clean.split_inclusive(' ') {
                let w = text::width(piece);
                let fits = used + w.saturating_sub(usize::from(piece.ends_with(' '))) <= width;
                if !fits && used > indent {
                    rows.push(vec![(Tone::Plain, " ".repeat(indent))]);
                    used = indent;
                }
                let room = width.saturating_sub(used);
                let trimmed = piece.trim_end_matches(' ');
                let cut = if w <= room {
                    piece.to_string()
                } else if text::width(trimmed) <= room {
                    trimmed.to_string()
                } else {
                    text::fit(piece, room)
                };
                used += text::width(&cut);
                if let Some(last) = rows.last_mut() {
                    last.push((*tone, cut));
                }
            }
        }
        rows
    }

    /// How many rows the line takes at `width` cells (see [`DocLine::wrap`]).
    pub fn rows(&self, width: usize) -> usize {
        self.wrap(width).len()
    }

    /// The line as plain, sanitised text.
    pub fn plain(&self) -> String {
        text::clean_line(
            &self
                .spans
                .iter()
                .map(|(_, s)| s.as_str())
                .collect::<String>(),
        )
    }
}

/// A titled document of lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    pub title: String,
    pub lines: Vec<DocLine>,
}

impl Doc {
    /// An empty document.
    pub fn new(title: impl Into<String>) -> Doc {
        Doc {
            title: title.into(),
            lines: Vec::new(),
        }
    }

    /// Appends a line.
    pub fn push(&mut self, line: DocLine) {
        self.lines.push(line);
    }

    /// Appends a blank line (never two in a row, never first).
    pub fn gap(&mut self) {
        if self.lines.last().is_some_and(|l| !l.spans.is_empty()) {
            self.lines.push(DocLine::default());
        }
    }

    /// Appends multi-line text as lines of `tone`, each indented by `indent`.
    pub fn block(&mut self, tone: Tone, indent: &str, body: &str) {
        for part in text::clean_block(body).lines() {
            self.lines
                .push(DocLine::new(tone, format!("{indent}{part}")));
        }
    }

    /// Indices of the lines that can be acted on.
    pub fn targets(&self) -> Vec<usize> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.target.is_some())
            .map(|(i, _)| i)
            .collect()
    }

    /// The document as plain text, for stdout and mail.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        out.push_str(&text::clean_line(&self.title));
        out.push('\n');
        for line in &self.lines {
            out.push_str(line.plain().trim_end());
            out.push('\n');
        }
        out
    }
}
