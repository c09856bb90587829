//! The layers of the code, one way only (docs/ARCHITECTURE.md): every `crate::X` a file names
//! must be a module its layer may depend on. A new edge against the rule fails here; the few
//! that exist today are listed below with the reason, so they cannot grow unnoticed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each top-level module of the library and the modules it may name. The table is read
/// bottom up: a module names only modules listed above it.
const LAYERS: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("files", &[]),
    ("paths", &[]),
    ("exchange", &["domain"]),
    ("store", &["domain", "exchange", "files"]),
    ("app", &["domain"]),
    ("config", &["app", "domain", "exchange"]),
    ("ui", &["app", "domain"]),
    (
        "runtime",
        &["app", "config", "domain", "exchange", "files", "store"],
    ),
    ("context", &["config", "domain", "paths", "store"]),
    (
        "tui",
        &[
            "app", "config", "context", "domain", "files", "runtime", "store", "ui",
        ],
    ),
    (
        "commands",
        &[
            "app", "config", "context", "domain", "exchange", "files", "paths", "runtime", "store",
            "ui",
        ],
    ),
    (
        "cli",
        &[
            "commands", "config", "context", "domain", "paths", "store", "tui",
        ],
    ),
];

/// Edges against the rule that exist today: (file, module it names, why it is still there).
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "app/effect.rs",
        "store",
        "writes carry the store's input records (NewPartner, NewCommitment …) until they move to domain",
    ),
    (
        "app/form/parse.rs",
        "store",
        "forms build the store's input records, the same ones the writes carry",
    ),
    (
        "app/conflict.rs",
        "store",
        "a conflicting partner edit is the store's PartnerEdit",
    ),
    (
        "app/letter.rs",
        "store",
        "recording a letter builds the store's NewTouch",
    ),
    (
        "app/mod.rs",
        "store",
        "the dashboard's rows are the store's PartnerRow",
    ),
    (
        "app/load.rs",
        "store",
        "the loaded rows are the store's PartnerRow",
    ),
    (
        "app/views/timeline.rs",
        "store",
        "the timeline reads the store's Event log rows",
    ),
];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The top-level modules a file names: `crate::X::…`, `crate::X;` and `crate::{X, Y::…}`.
fn named_modules(text: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in text.match_indices("crate::") {
        // `pactum::crate` never occurs; skip `$crate::` in macros.
        if text[..at].ends_with('$') {
            continue;
        }
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',') {
                let name = ident(item.trim());
                if !name.is_empty() {
                    named.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                named.insert(name);
            }
        }
    }
    named
}

/// Each (file under src/, its layer, a module it names).
fn edges() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut edges = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if rel == "lib.rs" || rel == "main.rs" {
            continue;
        }
        let layer = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        for module in named_modules(&text) {
            if module != layer {
                edges.push((rel.clone(), layer.clone(), module));
            }
        }
    }
    edges
}

fn allowed(layer: &str) -> Option<&'static [&'static str]> {
    LAYERS.iter().find(|(l, _)| *l == layer).map(|(_, a)| *a)
}

#[test]
fn every_module_names_only_the_layers_below_it() {
    let mut wrong = Vec::new();
    for (file, layer, module) in edges() {
        let Some(may) = allowed(&layer) else {
            wrong.push(format!(
                "src/{file}: module {layer} has no place in the layers"
            ));
            continue;
        };
        let known = KNOWN.iter().any(|(f, m, _)| *f == file && *m == module);
        if !may.contains(&module.as_str()) && !known {
            wrong.push(format!("src/{file}: {layer} must not name crate::{module}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "edges against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_layers_point_one_way() {
    // Each module names only modules listed before it: no circle can form.
    for (i, (layer, may)) in LAYERS.iter().enumerate() {
        for module in *may {
            let below = LAYERS[..i].iter().any(|(l, _)| l == module);
            assert!(below, "{layer} may name {module}, which is not below it");
        }
    }
}

#[test]
fn every_known_exception_still_exists() {
    // A fixed exception leaves the list, so it cannot come back unnoticed.
    let edges = edges();
    for (file, module, why) in KNOWN {
        assert!(
            edges.iter().any(|(f, _, m)| f == file && m == module),
            "src/{file} no longer names crate::{module} ({why}): remove it from KNOWN"
        );
    }
}

#[test]
fn only_the_terminal_layer_speaks_crossterm() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for path in files {
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            rel.starts_with("tui/") || !text.contains("crossterm::"),
            "src/{rel} uses crossterm outside src/tui/"
        );
    }
}

#[test]
fn the_scanner_sees_every_form_of_path() {
    let text =
        "use crate::app::Action;\nuse crate::{store, domain::text};\nlet x = crate::ui::draw;";
    let named: Vec<String> = named_modules(text).into_iter().collect();
    assert_eq!(named, ["app", "domain", "store", "ui"]);
}
