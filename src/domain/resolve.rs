//! Naming a partner on the command line: by id, exact name, or unique case-insensitive prefix.

/// Picks one of `candidates` (id, name) for what the user typed.
pub fn resolve_partner(query: &str, candidates: &[(i64, String)]) -> Result<i64, String> {
    let q = query.trim();
    if let Ok(id) = q.parse::<i64>()
        && candidates.iter().any(|(cid, _)| *cid == id)
    {
        return Ok(id);
    }
    let lower = q.to_lowercase();
    if lower.is_empty() {
        return Err("no partner named \"\": give an id or a name".to_string());
    }
    if let Some((id, _)) = candidates.iter().find(|(_, n)| n.to_lowercase() == lower) {
        return Ok(*id);
    }
    let prefixed: Vec<&(i64, String)> = candidates
        .iter()
        .filter(|(_, n)| n.to_lowercase().starts_with(&lower))
        .collect();
    match prefixed.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(format!(
            "no partner named {q:?}{}",
            closest_hint(&lower, candidates)
        )),
        many => {
            let names: Vec<&str> = many.iter().take(5).map(|(_, n)| n.as_str()).collect();
            Err(format!(
                "{q:?} matches {} partners: {}; type more of the name",
                many.len(),
                names.join(", ")
            ))
        }
    }
}

fn closest_hint(query: &str, candidates: &[(i64, String)]) -> String {
    let mut scored: Vec<(usize, &str)> = candidates
        .iter()
        .map(|(_, n)| (distance(query, &n.to_lowercase()), n.as_str()))
        .collect();
    scored.sort();
    let close: Vec<&str> = scored
        .iter()
        .filter(|(d, n)| *d <= 3.max(n.chars().count() / 2))
        .take(3)
        .map(|(_, n)| *n)
        .collect();
    if close.is_empty() {
        String::new()
    } else {
        format!("; closest: {}", close.join(", "))
    }
}

/// Levenshtein distance over characters (small inputs only: names).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn book() -> Vec<(i64, String)> {
        vec![
            (1, "Acme".into()),
            (2, "Acme Labs".into()),
            (3, "Globex".into()),
            (4, "Initech".into()),
            (42, "7".into()),
        ]
    }

    #[rstest]
    #[case("3", Ok(3))]
    #[case("acme", Ok(1))]
    #[case("ACME LABS", Ok(2))]
    #[case("glob", Ok(3))]
    #[case("ini", Ok(4))]
    #[case("7", Ok(42))]
    fn finds(#[case] q: &str, #[case] want: Result<i64, String>) {
        assert_eq!(resolve_partner(q, &book()), want);
    }

    #[test]
    fn ambiguous_prefix_lists_matches() {
        let err = resolve_partner("ac", &book()).unwrap_err();
        assert!(err.contains("Acme, Acme Labs"), "{err}");
    }

    #[test]
    fn unknown_names_closest() {
        let err = resolve_partner("Globx", &book()).unwrap_err();
        assert!(
            err.contains("no partner named \"Globx\"; closest: Globex"),
            "{err}"
        );
        let err = resolve_partner("", &book()).unwrap_err();
        assert!(err.starts_with("no partner named"), "{err}");
    }
}
