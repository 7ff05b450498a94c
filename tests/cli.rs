//! The command line (`examples/validate.rs`) end to end: the shipped requests, JSONL, exit
//! codes, and every golden case through `--jsonl`.

// Tests read their fixtures and rules.md from disk; the ban on I/O is for the library.
#![allow(clippy::disallowed_methods)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The example binary `cargo test` builds beside the test binaries.
fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe
        .parent()
        .and_then(|d| d.parent())
        .expect("target profile dir");
    let bin = dir
        .join("examples")
        .join(format!("validate{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: run `cargo test` (it builds the examples)",
        bin.display()
    );
    bin
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(binary())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start validate");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn codes(result: &Value) -> Vec<u64> {
    result["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_u64().unwrap())
        .collect()
}

#[test]
fn shipped_invalid_request_lists_every_violation_and_exits_1() {
    let out = run(&["examples/requests/invalid-individual.json"], b"");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["valid"], false);
    assert_eq!(
        codes(&result),
        [60301, 60302, 60304, 60450, 60450, 60450, 60450, 66801, 66802, 66901, 66903, 66907]
    );
}

#[test]
fn shipped_valid_request_exits_0() {
    let out = run(&["examples/requests/valid-individual.json"], b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        result,
        serde_json::json!({"valid": true, "violations": [], "warnings": []})
    );
}

#[test]
fn business_request_reports_only_the_changed_mailing_address() {
    let out = run(
        &["-"],
        &std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/requests/business.json"
        ))
        .unwrap(),
    );
    assert_eq!(out.status.code(), Some(1));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["violations"][0]["path"], "/addresses/1");
    assert_eq!(codes(&result), [194109]);
}

#[test]
fn jsonl_answers_every_line_in_order_and_survives_a_broken_one() {
    let out = run(&["--jsonl", "examples/requests/batch.jsonl"], b"");
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(codes(&lines[0]), Vec::<u64>::new());
    assert_eq!(codes(&lines[1]), [60302]);
    assert_eq!(codes(&lines[2]), [59950]);
    assert_eq!(lines[3]["valid"], true);
}

#[test]
fn not_json_at_all_is_59950_not_a_crash() {
    let out = run(&[], b"\xff\xfe not json");
    assert_eq!(out.status.code(), Some(1));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(codes(&result), [59950]);
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let out = run(&["--nope"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown option"));
    let out = run(&["a.json", "b.json"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["no/such/file.json"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn a_misspelled_setting_is_an_error_not_a_pass() {
    let out = run(
        &[],
        br#"{"patch": {"firstName": "Ada"}, "settings": {"allowNameUpdates": false}}"#,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("allowNameUpdates"));
    assert!(out.stdout.is_empty());
}

#[test]
fn every_golden_case_through_the_command_line() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().map_or(true, |e| e != "json") {
            continue;
        }
        let doc: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let cases = doc["cases"].as_array().unwrap();
        // The command line's day is the clock's; pin each case to its file's day instead.
        let mut input = String::new();
        for c in cases {
            let mut request = c["request"].clone();
            let context = request
                .as_object_mut()
                .unwrap()
                .entry("context")
                .or_insert_with(|| serde_json::json!({}));
            context
                .as_object_mut()
                .unwrap()
                .entry("today")
                .or_insert_with(|| doc["today"].clone());
            input.push_str(&request.to_string());
            input.push('\n');
        }
        let out = run(&["--jsonl"], input.as_bytes());
        let lines: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(
            lines.len(),
            cases.len(),
            "{}: one result per case",
            path.display()
        );
        for (c, got) in cases.iter().zip(&lines) {
            if let Some(error) = c["expected"].as_str() {
                // A document error: `{"error": ...}` on its line, and the run goes on.
                assert_eq!(
                    format!(
                        "request error: {}",
                        got["error"].as_str().unwrap_or_default()
                    ),
                    error,
                    "{} / {}",
                    path.display(),
                    c["name"]
                );
                continue;
            }
            assert_eq!(
                got["violations"],
                c["expected"],
                "{} / {}",
                path.display(),
                c["name"]
            );
            let warnings = c
                .get("warnings")
                .cloned()
                .unwrap_or(Value::Array(Vec::new()));
            assert_eq!(
                got["warnings"],
                warnings,
                "{} / {}",
                path.display(),
                c["name"]
            );
            assert_eq!(got["valid"], c["expected"].as_array().unwrap().is_empty());
        }
        total += cases.len();
    }
    assert!(total > 200, "only {total} golden cases ran");
}
