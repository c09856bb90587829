//! The plan in Markdown (CommonMark): headings, paragraphs and lists; text escaped.

use crate::domain::letter::plan::Plan;
use crate::domain::text::clean_line;

/// One line of text with everything Markdown could read as markup escaped by a backslash:
/// emphasis, code, links, HTML, tables and strike-through anywhere, and a heading, list, quote
/// or rule marker at its start. Control and bidi characters are made visible or removed, and
/// line breaks become spaces.
pub fn escape(text: &str) -> String {
    let clean = clean_line(text.trim());
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A line starting `#`, `-`, `+`, `=` or `1.`/`1)` would be a heading, list or rule.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    match out.chars().nth(digits) {
        Some('.' | ')') if digits > 0 => out.insert(digits, '\\'),
        Some('#' | '-' | '+' | '=') if digits == 0 => out.insert(0, '\\'),
        _ => {}
    }
    out
}

/// The plan as a Markdown document.
pub fn markdown(plan: &Plan) -> String {
    let mut out = format!("# {}\n\n_{}_\n", escape(&plan.title), escape(&plan.as_of));
    for part in &plan.parts {
        out.push_str(&format!("\n## {}\n\n", escape(&part.heading)));
        if let Some(text) = &part.text {
            // Paragraphs as typed; a line break inside one is kept as a hard break.
            let paras: Vec<String> = text
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .map(|p| {
                    let lines: Vec<String> = p.lines().map(escape).collect();
                    lines.join("  \n")
                })
                .collect();
            out.push_str(&paras.join("\n\n"));
            out.push('\n');
            continue;
        }
        if part.lines.is_empty() {
            out.push_str(&format!("{}\n", escape(&plan.nothing)));
            continue;
        }
        for line in &part.lines {
            if line.note.is_empty() {
                out.push_str(&format!("- {}\n", escape(&line.text)));
            } else {
                out.push_str(&format!(
                    "- {} — {}\n",
                    escape(&line.text),
                    escape(&line.note)
                ));
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
