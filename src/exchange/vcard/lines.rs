//! vCard content lines (RFC 6350 §3.2, RFC 2426, and the 2.1 habits address books keep):
//! unfolding, quoted-printable soft breaks, groups, parameters and value decoding.

use crate::exchange::error::ImportError;

/// One unfolded content line: `[group.]NAME;PARAM=VALUE:value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLine {
    /// Where the line starts in the file (1-based).
    pub line: u64,
    /// The property name, upper case, without its group.
    pub name: String,
    /// Parameters, names upper case; a bare 2.1 parameter (`WORK`) is a `TYPE`.
    pub params: Vec<(String, String)>,
    /// The raw value, not yet decoded.
    pub raw: String,
}

impl ContentLine {
    /// Values of a parameter, split on commas, upper case (`TYPE=work,voice` → WORK, VOICE).
    pub fn param(&self, name: &str) -> Vec<String> {
        self.params
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(|v| v.trim().to_ascii_uppercase())
            .filter(|v| !v.is_empty())
            .collect()
    }

    fn is_quoted_printable(&self) -> bool {
        self.param("ENCODING")
            .iter()
            .any(|e| e == "QUOTED-PRINTABLE")
    }

    /// The value as text: quoted-printable and its charset undone.
    pub fn text(&self) -> Result<String, ImportError> {
        if !self.is_quoted_printable() {
            return Ok(self.raw.clone());
        }
        let bytes = decode_qp(&self.raw).ok_or_else(|| {
            ImportError::line(self.line, &self.name, "malformed quoted-printable text")
        })?;
        let charset = self.param("CHARSET");
        match charset.first().map(String::as_str) {
            Some("ISO-8859-1" | "LATIN1" | "WINDOWS-1252" | "CP1252") => {
                Ok(bytes.iter().map(|&b| char::from(b)).collect())
            }
            None | Some("UTF-8" | "UTF8" | "US-ASCII") => String::from_utf8(bytes).map_err(|_| {
                ImportError::line(
                    self.line,
                    &self.name,
                    "the quoted-printable text is not UTF-8",
                )
            }),
            Some(other) => Err(ImportError::line(
                self.line,
                &self.name,
                format!("charset {other} is not supported: use UTF-8"),
            )),
        }
    }

    /// The value split into `;`-separated components, each unescaped (N, ORG, ADR).
    pub fn components(&self) -> Result<Vec<String>, ImportError> {
        Ok(split_unescaped(&self.text()?, ';')
            .iter()
            .map(|c| unescape(c))
            .collect())
    }

    /// The value as one unescaped text.
    pub fn value(&self) -> Result<String, ImportError> {
        Ok(unescape(&self.text()?))
    }
}

/// Splits a file into unfolded content lines. Blank lines are ignored.
pub fn content_lines(text: &str) -> Result<Vec<ContentLine>, ImportError> {
    let mut logical: Vec<(u64, String)> = Vec::new();
    for (i, physical) in text.trim_start_matches('\u{feff}').split('\n').enumerate() {
        let number = i as u64 + 1;
        let physical = physical.strip_suffix('\r').unwrap_or(physical);
        if let Some(last) = logical.last_mut() {
            // RFC folding: a line starting with one space or tab continues the previous one.
            if let Some(rest) = physical.strip_prefix([' ', '\t']) {
                last.1.push_str(rest);
                continue;
            }
            // vCard 2.1 quoted-printable: a value ending in '=' is a soft line break.
            if soft_break(&last.1) {
                last.1.pop();
                last.1.push_str(physical);
                continue;
            }
        }
        if physical.trim().is_empty() {
            continue;
        }
        logical.push((number, physical.to_string()));
    }
    logical
        .into_iter()
        .map(|(line, text)| parse_line(line, &text))
        .collect()
}

fn soft_break(line: &str) -> bool {
    let Some(colon) = find_colon(line) else {
        return false;
    };
    line[..colon]
        .to_ascii_uppercase()
        .contains("QUOTED-PRINTABLE")
        && line.ends_with('=')
}

/// The colon that ends the name and parameters (colons inside quoted parameter values do not).
fn find_colon(line: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

fn parse_line(line: u64, text: &str) -> Result<ContentLine, ImportError> {
    let colon = find_colon(text).ok_or_else(|| {
        let name: String = text.chars().take(20).collect();
        ImportError::line(
            line,
            "",
            format!("{name:?} is not a property: it has no ':'"),
        )
    })?;
    let (head, raw) = (&text[..colon], &text[colon + 1..]);
    let mut parts = split_quoted(head).into_iter();
    let full_name = parts.next().unwrap_or_default();
    let name = full_name
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_uppercase();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(ImportError::line(
            line,
            "",
            format!("{full_name:?} is not a property name"),
        ));
    }
    let params = parts
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_uppercase(), v.trim().replace('"', "")),
            None if p.eq_ignore_ascii_case("QUOTED-PRINTABLE") => {
                ("ENCODING".to_string(), p.to_string())
            }
            None => ("TYPE".to_string(), p.trim().to_string()),
        })
        .collect();
    Ok(ContentLine {
        line,
        name,
        params,
        raw: raw.to_string(),
    })
}

/// Splits the name-and-parameters part on `;` outside double quotes.
fn split_quoted(head: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in head.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ';' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Splits on `sep` where it is not escaped with a backslash; escapes are kept for [`unescape`].
fn split_unescaped(value: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            cur.push(c);
            if let Some(n) = chars.next() {
                cur.push(n);
            }
        } else if c == sep {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out
}

/// Undoes text escapes: `\n` `\N` → newline, `\,` `\;` `\\` → the character.
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Decodes quoted-printable (`=C3=A9` → bytes; a trailing `=` soft break was joined already).
fn decode_qp(raw: &str) -> Option<Vec<u8>> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            if i + 1 == bytes.len() {
                break;
            }
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolds_and_strips_groups() {
        let lines = content_lines("item1.EMAIL;TYPE=INTERNET:jane@exam\r\n ple.com\r\n").unwrap();
        assert_eq!(lines[0].name, "EMAIL");
        assert_eq!(lines[0].raw, "jane@example.com");
        assert_eq!(lines[0].param("TYPE"), ["INTERNET"]);
    }

    #[test]
    fn quoted_printable_with_soft_breaks() {
        let text = "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9 =\r\nau lait\r\n";
        let lines = content_lines(text).unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].value().unwrap(), "Café au lait");
    }

    #[test]
    fn structured_values_keep_escaped_separators() {
        let lines = content_lines("ORG:Smith\\; Sons;Sales\n").unwrap();
        assert_eq!(lines[0].components().unwrap(), ["Smith; Sons", "Sales"]);
    }

    #[test]
    fn a_line_without_colon_is_an_error_with_its_number() {
        let e = content_lines("BEGIN:VCARD\nnonsense here\n").unwrap_err();
        assert_eq!(e.place, crate::exchange::error::Place::Line(2));
    }
}
