//! Golden cases: language-neutral request documents with their full expected violation lists,
//! one file per rule family in `tests/cases/` (the format: `tests/cases/README.md`). The JS
//! package, the command line and the Python package run the same files.
//!
//! `GOLDEN_CASE=<regex>` runs the cases whose names match; `UPDATE_GOLDEN=1` rewrites every
//! case's expected lists to what the crate answers now, for review with `git diff`.

// Tests read their fixtures and rules.md from disk; the ban on I/O is for the library.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use helix_customer_rules::__private::parse_plain_date;
use helix_customer_rules::{evaluate_request, RULES};
use serde_json::Value;

struct Case {
    file: String,
    name: String,
    request: Value,
    expected: Value,
    /// The expected warnings; a case without the key expects none.
    warnings: Value,
    today: time::Date,
}

/// What the crate answers for a case: its violations and warnings, or its request error.
fn answer(c: &Case) -> (Value, Value) {
    let bytes = serde_json::to_vec(&c.request).unwrap();
    match evaluate_request(&bytes, Some(c.today)) {
        Ok(outcome) => (
            serde_json::to_value(&outcome.violations).unwrap(),
            serde_json::to_value(&outcome.warnings).unwrap(),
        ),
        Err(e) => (
            Value::String(format!("request error: {e}")),
            Value::Array(Vec::new()),
        ),
    }
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
                warnings: c
                    .get("warnings")
                    .cloned()
                    .unwrap_or(Value::Array(Vec::new())),
                today,
            });
        }
    }
    out
}

#[test]
fn every_case_gives_exactly_its_expected_violations() {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        update_golden();
        return;
    }
    let filter = std::env::var("GOLDEN_CASE")
        .ok()
        .map(|p| regex::Regex::new(&p).expect("GOLDEN_CASE is a regular expression"));
    let mut failures = Vec::new();
    let all: Vec<Case> = cases()
        .into_iter()
        .filter(|c| filter.as_ref().map_or(true, |f| f.is_match(&c.name)))
        .collect();
    for c in &all {
        let (got, got_warnings) = answer(c);
        if got != c.expected || got_warnings != c.warnings {
            failures.push(format!(
                "{} / {}\n  expected: {} warnings {}\n  got:      {} warnings {}",
                c.file, c.name, c.expected, c.warnings, got, got_warnings
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden cases differ (`UPDATE_GOLDEN=1 cargo test --test golden` rewrites them for review):\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// Rewrites every case's expected lists to the crate's answers, in place in each file's text:
/// every case ends with `expected` (and `warnings`, kept only where there are some), in the
/// files' layout (one space of indent per level, non-ASCII as is), so only those lines change.
fn update_golden() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let all = cases();
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    for c in &all {
        let text = texts
            .entry(c.file.clone())
            .or_insert_with(|| std::fs::read_to_string(dir.join(&c.file)).unwrap());
        let bytes = serde_json::to_vec(&c.request).unwrap();
        let (expected, warnings) = match evaluate_request(&bytes, Some(c.today)) {
            Ok(o) => (
                pretty(&o.violations),
                (!o.warnings.is_empty()).then(|| pretty(&o.warnings)),
            ),
            Err(e) => (pretty(&format!("request error: {e}")), None),
        };
        let tail = match warnings {
            Some(w) => format!("\n   \"expected\": {expected},\n   \"warnings\": {w}"),
            None => format!("\n   \"expected\": {expected}"),
        };
        let name = format!(
            "\n   \"name\": {},",
            serde_json::to_string(&c.name).unwrap()
        );
        let at = text
            .find(&name)
            .unwrap_or_else(|| panic!("{}: {} not found", c.file, c.name));
        let from = at
            + text[at..]
                .find("\n   \"expected\": ")
                .expect("every case has expected");
        let to = from + text[from..].find("\n  }").expect("every case ends");
        text.replace_range(from..to, &tail);
    }
    for (file, text) in texts {
        std::fs::write(dir.join(file), text).unwrap();
    }
}

/// A value as the case files print it at a case's key level.
fn pretty(value: &impl serde::Serialize) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        serde_json::ser::PrettyFormatter::with_indent(b" "),
    );
    value.serialize(&mut ser).unwrap();
    String::from_utf8(out).unwrap().replace('\n', "\n   ")
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
        let lists = |list: &Value, code: u32| {
            list.as_array()
                .is_some_and(|l| l.iter().any(|v| v["code"] == code))
        };
        let code = parts[0].parse::<u32>().ok();
        if let Some(code) = code.filter(|c| (58000..=58999).contains(c)) {
            // A warning's cases: an invalid one expects the warning, a valid one does not, and
            // neither expects a violation.
            assert_eq!(
                parts[1] == "invalid",
                lists(&c.warnings, code),
                "{} / {}: an invalid case of warning {code} expects it among \"warnings\", a valid one does not",
                c.file,
                c.name
            );
            assert!(
                expected_empty,
                "{} / {}: a warning's case expects no violation",
                c.file, c.name
            );
            continue;
        }
        assert_eq!(
            parts[1] == "valid",
            expected_empty,
            "{} / {}: a valid case expects no violation, an invalid one some",
            c.file,
            c.name
        );
        if let (Some(code), false) = (code, expected_empty) {
            assert!(
                lists(&c.expected, code),
                "{} / {}: an invalid case of {code} must expect {code}",
                c.file,
                c.name
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
