//! Partnerships lived through, day by day, as data: each file in `tests/life/` is one
//! partnership's dated command lines (run through the same code as `pactum …` on the command
//! line, with `--today` moving forward a day at a time) and the verdicts a seasoned partnership
//! lead would sign on chosen days, or over ranges of days.
//!
//! Format (TOML): `lesson`, `partner`, `start` (day 0); `[[event]]` with `day`, `run` (a
//! command line, quoted like a shell's; `#label` stands for the id of a commitment added with
//! `as = "label"`), and optionally `every` + `until` to repeat it; `[[check]]` with `day` (and
//! optionally `to`, to hold on every day in between), then any of `verdict`, `verdict_not`
//! (a list), `score` ("none", or a number to be at most with `score_at_most`), `signals` (a
//! table of signal key → level), `reason_contains`, `today_contains` / `today_lacks` (text of
//! `pactum today`), `log_contains` (a list, in `pactum log PARTNER --json`), `brief_contains`
//! (in `pactum brief PARTNER`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use clap::Parser;
use pactum::cli::{Cli, Command};
use pactum::config::Config;
use pactum::context::Context;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    lesson: String,
    partner: String,
    start: NaiveDate,
    #[serde(default)]
    event: Vec<Event>,
    #[serde(default)]
    check: Vec<Check>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Event {
    day: u64,
    run: String,
    #[serde(rename = "as")]
    label: Option<String>,
    every: Option<u64>,
    until: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Check {
    day: u64,
    to: Option<u64>,
    verdict: Option<String>,
    #[serde(default)]
    verdict_not: Vec<String>,
    score: Option<String>,
    score_at_most: Option<u8>,
    #[serde(default)]
    signals: BTreeMap<String, String>,
    reason_contains: Option<String>,
    today_contains: Option<String>,
    today_lacks: Option<String>,
    #[serde(default)]
    log_contains: Vec<String>,
    brief_contains: Option<String>,
}

/// Splits a command line as a shell would for plain words and double or single quotes.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for ch in line.chars() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(ch);
                started = true;
            }
            (None, c) if c.is_whitespace() => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (None, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(word);
    }
    out
}

/// Runs one command line on `today`, returning what it printed.
fn run(db: &Path, today: NaiveDate, line: &str) -> Result<String, String> {
    let mut args = vec!["pactum".to_string()];
    args.extend(words(line));
    let cli = Cli::try_parse_from(&args).map_err(|e| format!("{line}: {e}"))?;
    let ctx = Context {
        today,
        config: Config::defaults(),
        db: db.to_path_buf(),
    };
    let command: Command = cli.command.ok_or_else(|| format!("{line}: no command"))?;
    let mut out = Vec::new();
    pactum::cli::dispatch(&ctx, command, &mut out).map_err(|e| format!("{line}: {e}"))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn live(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("a scenario file");
    let scenario: Scenario =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        !scenario.lesson.trim().is_empty(),
        "{}: name the lesson",
        path.display()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("life.db");
    let last = scenario
        .event
        .iter()
        .map(|e| e.until.unwrap_or(e.day).max(e.day))
        .chain(scenario.check.iter().map(|c| c.to.unwrap_or(c.day)))
        .max()
        .unwrap_or(0);
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut failures = Vec::new();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for day in 0..=last {
        let today = scenario.start + Days::new(day);
        for event in &scenario.event {
            let happens = match (event.every, event.until) {
                (Some(every), until) if every > 0 => {
                    day >= event.day
                        && (day - event.day) % every == 0
                        && until.is_none_or(|u| day <= u)
                }
                _ => day == event.day,
            };
            if !happens {
                continue;
            }
            let mut line = event.run.clone();
            for (label, id) in &labels {
                line = line.replace(&format!("#{label}"), id);
            }
            let printed =
                run(&db, today, &line).unwrap_or_else(|e| panic!("{name} day {day}: {e}"));
            if let Some(label) = &event.label {
                let id = printed
                    .split_whitespace()
                    .last()
                    .unwrap_or_default()
                    .to_string();
                labels.insert(label.clone(), id);
            }
        }
        if std::env::var("PACTUM_LIFE_TRACE").is_ok_and(|f| name.contains(f.as_str())) {
            let json = run(
                &db,
                today,
                &format!("health \"{}\" --json", scenario.partner),
            )
            .expect("health");
            let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
            let h = v.as_array().and_then(|a| a.first()).unwrap_or(&v);
            let levels: Vec<String> = h["signals"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| {
                    format!(
                        "{}={}",
                        s["key"].as_str().unwrap_or(""),
                        s["level"].as_str().unwrap_or("")
                    )
                })
                .collect();
            eprintln!(
                "{name} day {day}: {} {} {}",
                h["verdict"],
                h["score"],
                levels.join(" ")
            );
        }
        for check in &scenario.check {
            let in_range = match check.to {
                Some(to) => check.day <= day && day <= to,
                None => check.day == day,
            };
            if in_range {
                failures.extend(
                    judge(&db, today, &scenario.partner, check)
                        .into_iter()
                        .map(|f| format!("{name} day {day} ({today}): {f}")),
                );
            }
        }
    }
    failures
}

/// What a check finds wrong on one day.
fn judge(db: &Path, today: NaiveDate, partner: &str, check: &Check) -> Vec<String> {
    let json = run(db, today, &format!("health \"{partner}\" --json")).expect("health");
    let health: serde_json::Value = serde_json::from_str(&json).expect("health JSON");
    let h = health.as_array().and_then(|a| a.first()).unwrap_or(&health);
    let verdict = h["verdict"].as_str().unwrap_or_default().to_string();
    let mut wrong = Vec::new();
    let summary = || {
        let signals: Vec<String> = h["signals"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| format!("{}={} ({})", s["key"], s["level"], s["value"]))
            .collect();
        format!(
            "verdict {verdict}, score {}, {}; {}",
            h["score"],
            h["reason"],
            signals.join("; ")
        )
    };
    if let Some(want) = &check.verdict
        && *want != verdict
    {
        wrong.push(format!("verdict should be {want}: {}", summary()));
    }
    if check.verdict_not.contains(&verdict) {
        wrong.push(format!("verdict must not be {verdict}: {}", summary()));
    }
    if check.score.as_deref() == Some("none") && !h["score"].is_null() {
        wrong.push(format!("no score expected: {}", summary()));
    }
    if let Some(most) = check.score_at_most
        && h["score"].as_u64().is_some_and(|s| s > u64::from(most))
    {
        wrong.push(format!("score should be at most {most}: {}", summary()));
    }
    for (key, level) in &check.signals {
        let found = h["signals"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["key"] == key.as_str())
            .and_then(|s| s["level"].as_str())
            .unwrap_or("missing");
        let ok = match level.strip_prefix("not ") {
            Some(not) => found != not,
            None => found == level,
        };
        if !ok {
            wrong.push(format!(
                "{key} should be {level}, is {found}: {}",
                summary()
            ));
        }
    }
    if let Some(text) = &check.reason_contains
        && !h["reason"]
            .as_str()
            .unwrap_or_default()
            .contains(text.as_str())
    {
        wrong.push(format!("reason should contain {text:?}: {}", summary()));
    }
    if check.today_contains.is_some() || check.today_lacks.is_some() {
        let agenda = run(db, today, "today").expect("today");
        if let Some(text) = &check.today_contains
            && !agenda.contains(text.as_str())
        {
            wrong.push(format!("today should say {text:?}:\n{agenda}"));
        }
        if let Some(text) = &check.today_lacks
            && agenda.contains(text.as_str())
        {
            wrong.push(format!("today should not say {text:?}:\n{agenda}"));
        }
    }
    if let Some(text) = &check.brief_contains {
        let brief = run(db, today, &format!("brief \"{partner}\"")).expect("brief");
        if !brief.contains(text.as_str()) {
            wrong.push(format!("the brief should say {text:?}:\n{brief}"));
        }
    }
    if !check.log_contains.is_empty() {
        let log = run(db, today, &format!("log \"{partner}\" --json")).expect("log");
        for text in &check.log_contains {
            if !log.contains(text.as_str()) {
                wrong.push(format!("the log should name {text:?}:\n{log}"));
            }
        }
    }
    wrong
}

fn scenarios() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/life");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/life")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_partnership_lived_through_gets_the_verdicts_of_its_lesson() {
    let files = scenarios();
    assert!(files.len() >= 8, "the scenarios of issue 13: {files:?}");
    let failures: Vec<String> = files.iter().flat_map(|f| live(f)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn command_lines_split_like_a_shell() {
    assert_eq!(
        words(r#"touch add Foo "First meeting" --kind 'meeting'"#),
        ["touch", "add", "Foo", "First meeting", "--kind", "meeting"]
    );
    assert_eq!(words(r#"a "" b"#), ["a", "", "b"]);
}
