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
            "no partner named {}{}",
            super::text::quoted(q),
            closest_hint(&lower, candidates)
        )),
        many => {
            let names: Vec<&str> = many.iter().take(5).map(|(_, n)| n.as_str()).collect();
            Err(format!(
                "{} matches {} partners: {}; type more of the name",
                super::text::quoted(q),
                many.len(),
                names.join(", ")
            ))
        }
    }
}

/// Up to three names close to what was typed: close as a whole, or beginning with something
/// close to it (a mistyped first word: "Kestral" for "Kestrel Analytics").
fn closest_hint(query: &str, candidates: &[(i64, String)]) -> String {
    let typed = query.chars().count();
    let mut scored: Vec<(usize, &str)> = candidates
        .iter()
        .filter_map(|(_, n)| {
            let lower = n.to_lowercase();
            let whole = distance(query, &lower);
            let start: String = lower.chars().take(typed).collect();
            let begins = distance(query, &start);
            let close_whole = whole <= 3.max(n.chars().count() / 2);
            let close_start = typed >= 3 && begins <= 1.max(typed / 4);
            (close_whole || close_start).then_some((whole.min(begins), n.as_str()))
        })
        .collect();
    scored.sort();
    let close: Vec<&str> = scored.iter().take(3).map(|(_, n)| *n).collect();
    if close.is_empty() {
        String::new()
    } else {
        format!("; closest: {}", close.join(", "))
    }
}

/// Edit distance over characters, a swap of two neighbours counting as one edit (optimal
/// string alignment). Small inputs only: names.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
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

    #[rstest]
    #[case("Kestral", "closest: Kestrel Analytics")]
    #[case("brightwatr", "closest: Brightwater Retail Group")]
    #[case("halycon", "closest: Halcyon Mutual Insurance")]
    #[case("zzzzzz", "no partner named \"zzzzzz\"")]
    fn a_mistyped_first_word_suggests_the_name(#[case] typed: &str, #[case] says: &str) {
        let book: Vec<(i64, String)> = [
            "Kestrel Analytics",
            "Brightwater Retail Group",
            "Halcyon Mutual Insurance",
            "Harbourline Freight",
        ]
        .iter()
        .enumerate()
        .map(|(i, n)| (i as i64 + 1, n.to_string()))
        .collect();
        let err = resolve_partner(typed, &book).unwrap_err();
        assert!(err.contains(says), "{err}");
        if typed == "zzzzzz" {
            assert!(!err.contains("closest"), "{err}");
        }
    }

    #[test]
    fn a_hostile_name_is_quoted_in_caret_form_and_cut() {
        let err = resolve_partner("evil\x1b]0;t\x07", &book()).unwrap_err();
        assert!(
            err.starts_with("no partner named \"evil^[]0;t^G\""),
            "{err}"
        );
        let err = resolve_partner(&"y".repeat(100_000), &book()).unwrap_err();
        assert!(err.len() < 200, "{} bytes", err.len());
    }
}
