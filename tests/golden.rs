//! Golden cases: language-neutral request documents with their full expected violation lists,
//! one file per rule family in `tests/cases/`. The JS package runs the same files against the
//! WebAssembly build.

// Tests read their fixtures and rules.md from disk; the ban on I/O is for the library.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use helix_customer_rules::text::dates::parse_plain_date;
use helix_customer_rules::{evaluate_request, RULES};
use serde_json::Value;

struct Case {
    file: String,
    name: String,
    request: Value,
    expected: Value,
    today: time::Date,
}

fn cases() -> Vec<Case> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no golden files in {}", dir.display());
    let mut out = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc: Value = serde_json::from_slice(&std::fs::read(&path).unwrap())
            .unwrap_or_else(|e| panic!("{file} is not JSON: {e}"));
        let today = parse_plain_date(doc["today"].as_str().unwrap_or_default())
            .unwrap_or_else(|| panic!("{file}: top-level \"today\" must be a YYYY-MM-DD date"));
        for c in doc["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{file}: no \"cases\" array"))
        {
            out.push(Case {
                file: file.clone(),
                name: c["name"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{file}: a case has no name"))
                    .to_owned(),
                request: c["request"].clone(),
                expected: c["expected"].clone(),
                today,
            });
        }
    }
    out
}

#[test]
fn every_case_gives_exactly_its_expected_violations() {
    let mut failures = Vec::new();
    let all = cases();
    for c in &all {
        let bytes = serde_json::to_vec(&c.request).unwrap();
        let got = match evaluate_request(&bytes, Some(c.today)) {
            Ok(outcome) => serde_json::to_value(&outcome.violations).unwrap(),
            Err(e) => Value::String(format!("request error: {e}")),
        };
        if got != c.expected {
            failures.push(format!(
                "{} / {}\n  expected: {}\n  got:      {}",
                c.file, c.name, c.expected, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden cases differ:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn case_names_follow_code_side_boundary() {
    for c in cases() {
        let parts: Vec<&str> = c.name.splitn(3, '/').collect();
        assert!(
            parts.len() == 3 && matches!(parts[1], "valid" | "invalid") && !parts[2].is_empty(),
            "{}: case name {:?} must be <code>/<valid|invalid>/<boundary>",
            c.file,
            c.name
        );
        let expected_empty = c.expected.as_array().is_some_and(Vec::is_empty);
        assert_eq!(
            parts[1] == "valid",
            expected_empty,
            "{} / {}: a valid case expects no violation, an invalid one some",
            c.file,
            c.name
        );
        if let (Ok(code), false) = (parts[0].parse::<u32>(), expected_empty) {
            let fires = c
                .expected
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v["code"] == code);
            assert!(
                fires,
                "{} / {}: an invalid case of {code} must expect {code}",
                c.file, c.name
            );
        }
    }
}

#[test]
fn every_code_has_a_valid_and_an_invalid_case() {
    let mut sides: BTreeMap<u32, (bool, bool)> = BTreeMap::new();
    for c in cases() {
        let mut parts = c.name.split('/');
        if let (Some(Ok(code)), Some(side)) = (parts.next().map(str::parse::<u32>), parts.next()) {
            let e = sides.entry(code).or_default();
            if side == "valid" {
                e.0 = true;
            } else {
                e.1 = true;
            }
        }
    }
    for r in RULES {
        let (valid, invalid) = sides.get(&r.code.get()).copied().unwrap_or_default();
        assert!(
            valid && invalid,
            "{} ({}) needs golden cases named {}/valid/... and {}/invalid/... in tests/cases/<family>.json",
            r.name,
            r.code,
            r.code,
            r.code
        );
    }
}
