//! The rules file of assets/ and the checks on a user's rules.

use serde::Deserialize;

use crate::domain::health::Rules;

#[derive(Deserialize)]
struct ConfigFile {
    health: Rules,
}

const DEFAULTS_FILE: &str = include_str!("../../../../assets/rules.toml");

#[test]
fn the_documented_defaults_file_is_exactly_the_defaults() {
    let file: ConfigFile = toml::from_str(DEFAULTS_FILE).expect("assets/rules.toml parses");
    assert_eq!(file.health, Rules::default());
}

#[test]
fn the_defaults_are_valid() {
    assert_eq!(Rules::default().validate(), Ok(()));
}

#[test]
fn a_partial_table_keeps_the_other_defaults() {
    let file: ConfigFile = toml::from_str("[health.weights]\nmomentum = 30\n").expect("parses");
    let mut expected = Rules::default();
    expected.weights.momentum = 30;
    assert_eq!(file.health, expected);
}

#[test]
fn a_misspelt_key_is_refused() {
    let parsed = toml::from_str::<ConfigFile>("[health.weights]\nmomentun = 30\n");
    assert!(parsed.is_err());
}

#[test]
fn inconsistent_rules_are_refused_with_the_key_named() {
    let mut rules = Rules::default();
    rules.bands.amber = 80;
    assert!(rules.validate().is_err_and(|e| e.contains("health.bands")));
    let mut rules = Rules::default();
    rules.thresholds.our_on_time_watch = 0.95;
    assert!(
        rules
            .validate()
            .is_err_and(|e| e.contains("our_on_time_watch"))
    );
    let mut rules = Rules::default();
    rules.windows.momentum_before_days = 0;
    assert!(
        rules
            .validate()
            .is_err_and(|e| e.contains("momentum_before_days"))
    );
}
