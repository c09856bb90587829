//! The plan as one HTML page: inline styles only (no script, no link, no image), printable on
//! one sheet; every text escaped.

use crate::domain::letter::plan::Plan;
use crate::domain::text::clean_block;

/// `text` escaped for HTML text and attribute values, control and bidi characters made visible
/// or removed.
pub fn escape(text: &str) -> String {
    let clean = clean_block(text);
    let mut out = String::with_capacity(clean.len() + 16);
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:46em;\
margin:2em auto;padding:0 1em;color:#1a1a1a;line-height:1.45}\
h1{font-size:1.6em;margin-bottom:.1em}h2{font-size:1.1em;margin:1.4em 0 .4em;\
border-bottom:1px solid #ccc;padding-bottom:.2em}.as-of{color:#555;margin-top:0}\
ul{padding-left:1.2em}li{margin:.2em 0}.note{color:#555}.nothing{color:#777;font-style:italic}\
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}}";

/// The plan as a self-contained HTML page.
pub fn html(plan: &Plan) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&plan.title)));
    out.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str(&format!("<h1>{}</h1>\n", escape(&plan.title)));
    out.push_str(&format!("<p class=\"as-of\">{}</p>\n", escape(&plan.as_of)));
    for part in &plan.parts {
        out.push_str(&format!("<h2>{}</h2>\n", escape(&part.heading)));
        if let Some(text) = &part.text {
            for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
                let lines: Vec<String> = para.lines().map(|l| escape(l.trim())).collect();
                out.push_str(&format!("<p>{}</p>\n", lines.join("<br>")));
            }
            continue;
        }
        if part.lines.is_empty() {
            out.push_str(&format!(
                "<p class=\"nothing\">{}</p>\n",
                escape(&plan.nothing)
            ));
            continue;
        }
        out.push_str("<ul>\n");
        for line in &part.lines {
            let text = escape(&line.text.replace(['\n', '\r'], " "));
            if line.note.is_empty() {
                out.push_str(&format!("<li>{text}</li>\n"));
            } else {
                out.push_str(&format!(
                    "<li>{text} <span class=\"note\">— {}</span></li>\n",
                    escape(&line.note)
                ));
            }
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
