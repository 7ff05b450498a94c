//! `helix-rules` end to end, through the built binary: every subcommand, format and exit code,
//! the shipped requests, JSONL edge cases, ordered parallel output, and every golden case.

// Tests read their fixtures from disk and set up environments; the ban is for the library.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use helix_customer_rules::{evaluate_request, RULES};
use serde_json::{json, Value};

/// The repository root: paths in the tests are relative to it, as in the README.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_helix-rules"));
    cmd.args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    cmd
}

fn run_with(mut cmd: Command, stdin: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start helix-rules");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // Written from a thread: a large input must not dead-lock against a full stdout pipe.
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_with(command(args), stdin)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn codes(list: &Value) -> Vec<u64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_u64().unwrap())
        .collect()
}

/// A scratch file under cargo's per-test temporary directory.
fn scratch(name: &str, contents: &[u8]) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

const DAY: &str = "2026-11-23";
/// The day the catalogue's own test evaluates the rule examples on.
const EXAMPLE_DAY: &str = "2026-01-01";

// ---- the shipped requests and the exit codes ----

#[test]
fn shipped_invalid_request_lists_every_violation_and_exits_1() {
    let out = run(&["check", "examples/requests/invalid-individual.json"], b"");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // Not a terminal: JSON by default, the result document pretty-printed.
    assert!(stdout(&out).starts_with("{\n"));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["valid"], false);
    assert_eq!(
        codes(&result["violations"]),
        [60301, 60302, 60304, 60450, 60450, 60450, 60450, 66801, 66802, 66901, 66903, 66907]
    );
    assert_eq!(result["warnings"], json!([]));
}

#[test]
fn shipped_valid_request_exits_0() {
    let out = run(&["check", "examples/requests/valid-individual.json"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        result,
        json!({"valid": true, "violations": [], "warnings": []})
    );
}

#[test]
fn business_request_from_stdin_reports_only_the_changed_mailing_address() {
    let doc = std::fs::read(root().join("examples/requests/business.json")).unwrap();
    for args in [&["check", "-"][..], &["check"][..]] {
        let out = run(args, &doc);
        assert_eq!(out.status.code(), Some(1));
        let result: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(result["violations"][0]["path"], "/addresses/1");
        assert_eq!(codes(&result["violations"]), [194109]);
    }
}

#[test]
fn jsonl_answers_every_line_in_order_and_survives_a_broken_one() {
    // By extension, and with --jsonl on standard input.
    let file = run(&["check", "examples/requests/batch.jsonl"], b"");
    let piped = run(
        &["check", "--jsonl"],
        &std::fs::read(root().join("examples/requests/batch.jsonl")).unwrap(),
    );
    for out in [file, piped] {
        assert_eq!(out.status.code(), Some(1));
        let lines = json_lines(&out);
        assert_eq!(lines.len(), 4);
        assert_eq!(codes(&lines[0]["violations"]), Vec::<u64>::new());
        assert_eq!(codes(&lines[1]["violations"]), [60302]);
        assert_eq!(codes(&lines[2]["violations"]), [59950]);
        assert_eq!(lines[3]["valid"], true);
        assert_eq!(stderr(&out), "", "no progress bar on a pipe");
    }
}

#[test]
fn not_json_at_all_is_59950_not_a_crash() {
    let out = run(&["check"], b"\xff\xfe not json");
    assert_eq!(out.status.code(), Some(1));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(codes(&result["violations"]), [59950]);
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let out = run(&["check", "--nope"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--nope"), "{}", stderr(&out));
    let out = run(&["frobnicate"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["check", "--threads", "0", "-"], b"{}");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["check", "--format", "xml"], b"{}");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["check", "--statistics", "--format", "sarif"], b"{}");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--statistics"));
}

#[test]
fn an_unreadable_file_is_exit_2_and_the_other_files_are_still_checked() {
    let out = run(
        &[
            "check",
            "no/such/file.json",
            "examples/requests/valid-individual.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read no/such/file.json"),
        "{}",
        stderr(&out)
    );
    // Several inputs: one compact result per document.
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["valid"], true);
}

#[test]
fn a_misspelled_setting_is_an_error_not_a_pass() {
    let out = run(
        &["check"],
        br#"{"patch": {"firstName": "Ada"}, "settings": {"allowNameUpdates": false}}"#,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("allowNameUpdates"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn several_files_give_one_result_each_in_argument_order() {
    let out = run(
        &[
            "check",
            "examples/requests/valid-individual.json",
            "examples/requests/invalid-individual.json",
            "examples/requests/business.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(codes(&lines[1]["violations"]).len(), 12);
    assert_eq!(codes(&lines[2]["violations"]), [194109]);
}

// ---- JSONL edge cases ----

/// Line 1 opens with a BOM, lines end in CRLF, line 3 is blank, line 4 is not JSON, line 5 a
/// document error, line 6 valid.
fn awkward_jsonl() -> Vec<u8> {
    let mut s = Vec::new();
    s.extend_from_slice(b"\xEF\xBB\xBF");
    let _ = write!(
        s,
        "{{\"patch\": {{\"customerId\": 1, \"gender\": \"Q\"}}, \"context\": {{\"today\": \"{DAY}\"}}}}\r\n"
    );
    let _ = write!(
        s,
        "{{\"patch\": {{\"customerId\": 2, \"emailAddress\": \"nope\"}}, \"context\": {{\"today\": \"{DAY}\"}}}}\r\n"
    );
    s.extend_from_slice(b"   \r\n");
    s.extend_from_slice(b"{\"patch\": {\"firstName\": \r\n");
    s.extend_from_slice(b"{\"patch\": {}, \"settings\": {\"noSuchSetting\": true}}\r\n");
    let _ = write!(
        s,
        "{{\"patch\": {{\"customerId\": 6}}, \"context\": {{\"today\": \"{DAY}\"}}}}"
    );
    s
}

#[test]
fn jsonl_with_a_bom_crlf_a_blank_line_a_broken_line_and_a_document_error() {
    let path = scratch("awkward.jsonl", &awkward_jsonl());
    let path = path.to_str().unwrap();
    let out = run(&["check", "--format", "json", path], b"");
    assert_eq!(out.status.code(), Some(2), "a document error wins");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 5, "one line per non-blank input line");
    assert_eq!(
        codes(&lines[0]["violations"]),
        [60302],
        "the BOM is not part of the JSON"
    );
    assert_eq!(codes(&lines[1]["violations"]), [60304]);
    assert_eq!(codes(&lines[2]["violations"]), [59950]);
    assert!(lines[3]["error"]
        .as_str()
        .unwrap()
        .contains("noSuchSetting"));
    assert_eq!(
        lines[4],
        json!({"valid": true, "violations": [], "warnings": []})
    );
    assert!(
        stderr(&out).contains(&format!("{path}:5: ")),
        "the document error names its line: {}",
        stderr(&out)
    );

    // Text: physical line numbers (the blank line counts), the summary counts everything.
    let out = run(&["check", "--format", "text", path], b"");
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with(&format!("{path}:1: 60302 /gender Gender is invalid.")));
    assert!(lines[1].starts_with(&format!("{path}:2: 60304 /emailAddress ")));
    assert!(lines[2].starts_with(&format!("{path}:4: 59950 (body) ")));
    assert_eq!(
        lines[3],
        "Checked 5 documents: 1 valid, 3 invalid; 3 violations, 0 warnings. 1 document could not be evaluated."
    );
}

// ---- formats ----

#[test]
fn text_is_one_line_per_violation_then_a_summary_and_colour_only_when_asked() {
    let out = run(
        &[
            "check",
            "--format",
            "text",
            "examples/requests/invalid-individual.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "no colour on a pipe");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 13);
    assert_eq!(
        lines[1],
        "examples/requests/invalid-individual.json:6: 60302 /gender Gender is invalid. Valid values are: 'M', 'F', and 'U'."
    );
    assert_eq!(
        lines[12],
        "Checked 1 document: 0 valid, 1 invalid; 12 violations, 0 warnings."
    );

    let out = run(
        &[
            "check",
            "--color",
            "always",
            "--format",
            "text",
            "examples/requests/invalid-individual.json",
        ],
        b"",
    );
    assert!(stdout(&out).contains("\x1b["));
    let mut forced = command(&["check", "--format", "text", "-"]);
    forced.env("CLICOLOR_FORCE", "1");
    assert!(stdout(&run_with(forced, b"{\"patch\": {\"gender\": 1}}")).contains("\x1b["));
    let mut no_color = command(&["check", "--format", "text", "-"]);
    no_color.env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1");
    assert!(!stdout(&run_with(no_color, b"{\"patch\": {\"gender\": 1}}")).contains('\x1b'));
}

#[test]
fn helix_is_what_helix_would_answer() {
    let out = run(
        &[
            "check",
            "--format",
            "helix",
            "examples/requests/batch.jsonl",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0], json!({"errors": [], "status": 200}));
    assert_eq!(
        lines[1],
        json!({"errors": [{"code": 60302, "message": "Gender is invalid. Valid values are: 'M', 'F', and 'U'."}], "status": 400})
    );
    for l in &lines {
        let obj = l.as_object().unwrap();
        assert_eq!(obj.keys().collect::<Vec<_>>(), ["errors", "status"]);
        for e in l["errors"].as_array().unwrap() {
            assert_eq!(e.as_object().unwrap().len(), 2, "{{code, message}} only");
            assert!(e["code"].is_u64() && e["message"].is_string());
        }
    }
}

#[test]
fn sarif_is_a_valid_log_with_the_catalogue_and_located_results() {
    let path = scratch("sarif.jsonl", &awkward_jsonl());
    let path = path.to_str().unwrap();
    let out = run(
        &[
            "check",
            "--format",
            "sarif",
            "examples/requests/invalid-individual.json",
            path,
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run0 = &log["runs"][0];
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "helix-rules");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), RULES.len());
    for (r, info) in rules.iter().zip(RULES) {
        assert_eq!(r["id"], info.code.get().to_string());
        assert_eq!(r["name"], info.name);
        assert_eq!(r["shortDescription"]["text"], info.message);
        assert_eq!(
            r["defaultConfiguration"]["level"],
            info.severity.as_str(),
            "{}",
            info.code
        );
    }
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 12 + 3);
    for res in results {
        let id = res["ruleId"].as_str().unwrap();
        let index = usize::try_from(res["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], id, "ruleIndex points at its rule");
        assert_eq!(res["level"], "error");
        assert!(!res["message"]["text"].as_str().unwrap().is_empty());
        let loc = &res["locations"][0];
        let uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(!uri.is_empty());
        assert!(
            loc["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
        assert!(loc["logicalLocations"][0]["fullyQualifiedName"].is_string());
    }
    let email = results
        .iter()
        .find(|r| {
            r["ruleId"] == "60304"
                && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
        })
        .expect("the JSONL file's line 2");
    assert_eq!(
        email["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "/emailAddress"
    );
    let invocation = &run0["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );

    // A valid run is a valid log too, with no results.
    let out = run(
        &[
            "check",
            "--format",
            "sarif",
            "examples/requests/valid-individual.json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["runs"][0]["results"], json!([]));
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

#[test]
fn github_prints_one_annotation_per_violation() {
    let out = run(
        &[
            "check",
            "--format",
            "github",
            "examples/requests/batch.jsonl",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=examples/requests/batch.jsonl,line=2,title=60302 InvalidGender::/gender Gender is invalid. Valid values are: 'M', 'F', and 'U'."
    );
    assert!(lines[1].starts_with(
        "::error file=examples/requests/batch.jsonl,line=3,title=59950 MalformedJson:: "
    ));
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[2].starts_with("Checked 4 documents"));
}

#[test]
fn statistics_count_per_code_most_frequent_first() {
    let inputs = [
        "examples/requests/invalid-individual.json",
        "examples/requests/batch.jsonl",
        "examples/requests/business.json",
    ];
    let mut args = vec!["check", "--format", "json"];
    args.extend(inputs);
    let results = json_lines(&run(&args, b""));
    let mut want: BTreeMap<u64, u64> = BTreeMap::new();
    for r in &results {
        for c in codes(&r["violations"])
            .into_iter()
            .chain(codes(&r["warnings"]))
        {
            *want.entry(c).or_default() += 1;
        }
    }
    let mut ranked: Vec<(u64, u64)> = want.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    assert_eq!(ranked[0], (60450, 4));

    let mut args = vec!["check", "--statistics", "--format", "json"];
    args.extend(inputs);
    let out = run(&args, b"");
    assert_eq!(
        out.status.code(),
        Some(1),
        "statistics keep the exit status"
    );
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), ranked.len());
    for (row, (code, count)) in rows.iter().zip(&ranked) {
        let info = helix_customer_rules::rule(u32::try_from(*code).unwrap()).unwrap();
        assert_eq!(
            row,
            &json!({"code": code, "name": info.name, "severity": info.severity.as_str(), "count": count})
        );
    }
    // The key order a reader sees, as agreed with the consumers of this JSON.
    let raw = stdout(&out);
    assert!(raw.starts_with("[{\"code\":60450,\"name\":\"IdentityUpdateWithKyc\",\"severity\":\"error\",\"count\":4}"), "{raw}");

    let mut args = vec!["check", "--statistics", "--format", "text"];
    args.extend(inputs);
    let text = stdout(&run(&args, b""));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), ranked.len());
    assert_eq!(lines[0], "    4\t60450\tIdentityUpdateWithKyc");
    for (line, (code, count)) in lines.iter().zip(&ranked) {
        assert!(line.starts_with(&format!("{count:>5}\t{code}\t")), "{line}");
    }
}

// ---- every rule's example, in every format ----

/// Each rule's first firing example, one JSONL line each, in catalogue order.
fn rule_examples() -> (Vec<u8>, Vec<&'static helix_customer_rules::RuleInfo>) {
    let mut lines = Vec::new();
    let mut rules = Vec::new();
    for r in RULES {
        let (_, text) = helix_customer_rules::__private::examples(r.docs)
            .into_iter()
            .find(|(fires, _)| *fires)
            .expect("every rule has a firing example");
        let value: Value = serde_json::from_str(&text).unwrap();
        let mut doc = if value.get("patch").is_some() || value.get("patchText").is_some() {
            value
        } else {
            json!({ "patch": value })
        };
        let cx = doc
            .as_object_mut()
            .unwrap()
            .entry("context")
            .or_insert_with(|| json!({}));
        cx.as_object_mut()
            .unwrap()
            .entry("today")
            .or_insert_with(|| json!(EXAMPLE_DAY));
        lines.extend_from_slice(doc.to_string().as_bytes());
        lines.push(b'\n');
        rules.push(*r);
    }
    (lines, rules)
}

#[test]
fn every_rule_shows_with_its_severity_in_every_format() {
    let (input, rules) = rule_examples();
    let warning_rules = rules
        .iter()
        .filter(|r| r.severity.as_str() == "warning")
        .count();
    let text = stdout(&run(&["check", "--jsonl", "--format", "text"], &input));
    let github = stdout(&run(&["check", "--jsonl", "--format", "github"], &input));
    let sarif: Value =
        serde_json::from_slice(&run(&["check", "--jsonl", "--format", "sarif"], &input).stdout)
            .unwrap();
    let helix = json_lines(&run(&["check", "--jsonl", "--format", "helix"], &input));
    let json = json_lines(&run(&["check", "--jsonl", "--format", "json"], &input));
    for (i, r) in rules.iter().enumerate() {
        let line = i + 1;
        let code = r.code.get();
        let warning = r.severity.as_str() == "warning";
        let list = if warning { "warnings" } else { "violations" };
        assert!(
            codes(&json[i][list]).contains(&u64::from(code)),
            "{code} in the result's {list}"
        );
        let text_mark = if warning {
            format!("<stdin>:{line}: warning: {code} ")
        } else {
            format!("<stdin>:{line}: {code} ")
        };
        assert!(text.contains(&text_mark), "{text_mark}");
        let gh = format!(
            "::{} file=<stdin>,line={line},title={code} {}::",
            r.severity.as_str(),
            r.name
        );
        assert!(github.contains(&gh), "{gh}");
        let found = sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|res| {
                res["ruleId"].as_str() == Some(code.to_string().as_str())
                    && res["level"] == r.severity.as_str()
                    && res["locations"][0]["physicalLocation"]["region"]["startLine"] == line
            });
        assert!(found, "{code} in the SARIF log at line {line}");
        let in_envelope = codes(&helix[i]["errors"]).contains(&u64::from(code));
        assert_eq!(
            in_envelope, !warning,
            "{code}: the envelope holds errors only"
        );
    }
    // Warnings alone exit 0; --strict makes them count. (Checked for each warning rule's
    // example that yields warnings only.)
    let mut strict_checked = 0;
    for (i, r) in rules.iter().enumerate() {
        if r.severity.as_str() != "warning" || !json[i]["violations"].as_array().unwrap().is_empty()
        {
            continue;
        }
        let doc = input.split(|&b| b == b'\n').nth(i).unwrap();
        assert_eq!(run(&["check", "--jsonl"], doc).status.code(), Some(0));
        assert_eq!(
            run(&["check", "--jsonl", "--strict"], doc).status.code(),
            Some(1)
        );
        strict_checked += 1;
    }
    assert!(warning_rules > 0, "the catalogue has warning rules");
    assert!(
        strict_checked > 0,
        "some warning example yields warnings alone"
    );
    eprintln!(
        "{} rules, {warning_rules} of them warnings, {strict_checked} checked with --strict",
        rules.len()
    );
}

// ---- batch: order with several threads ----

/// Line `i`: slow (a long body: many long addresses and phones) when `i` is even, fast (a
/// small patch) when odd; the bits of `i` choose which violations it holds, so a line out of
/// place shows.
fn mixed_batch(n: usize) -> Vec<u8> {
    let mut out = String::new();
    for i in 0..n {
        let mut patch = serde_json::Map::new();
        patch.insert("customerId".into(), json!(i + 1));
        if i & 2 != 0 {
            patch.insert("gender".into(), json!("Q"));
        }
        if i & 4 != 0 {
            patch.insert("emailAddress".into(), json!("not-an-address"));
        }
        if i & 8 != 0 {
            patch.insert("birthDate".into(), json!("1850-01-01"));
        }
        if i % 2 == 0 {
            let line = "1 Long Street ".repeat(8);
            let addresses: Vec<Value> = (0..40)
                .map(|k| {
                    json!({"addressType": if k % 3 == 0 { "Residence" } else { "Mailing" },
                           "addressLine1": format!("{line}{k}"), "city": "Ames", "state": "IA",
                           "postalCode": "50010", "country": "US"})
                })
                .collect();
            patch.insert("addresses".into(), Value::Array(addresses));
            let phones: Vec<Value> = (0..30)
                .map(|k| json!({"phoneType": "Mobile", "number": format!("515{k:07}")}))
                .collect();
            patch.insert("phones".into(), Value::Array(phones));
        }
        let doc = json!({"patch": patch, "context": {"today": DAY}});
        let _ = writeln!(out, "{doc}");
    }
    out.into_bytes()
}

#[test]
fn several_threads_keep_input_order_across_many_chunks() {
    let input = mixed_batch(600);
    let expected: Vec<String> = input
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::to_string(&evaluate_request(l, None).unwrap()).unwrap())
        .collect();
    assert_eq!(expected.len(), 600);
    // Small chunks, so the run crosses many chunk boundaries on several threads.
    for threads in ["1", "4"] {
        let out = run(
            &[
                "check",
                "--jsonl",
                "--threads",
                threads,
                "--chunk-docs",
                "7",
            ],
            &input,
        );
        assert_eq!(out.status.code(), Some(1));
        let got: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
        assert_eq!(got.len(), expected.len());
        for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
            assert_eq!(g, e, "line {} with {threads} threads", i + 1);
        }
    }
}

// ---- rules, explain, help ----

#[test]
fn rules_lists_the_catalogue() {
    let out = run(&["rules"], b"");
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), RULES.len());
    for (l, r) in lines.iter().zip(RULES) {
        let fields: Vec<&str> = l.split_whitespace().collect();
        assert_eq!(fields[0], r.code.get().to_string());
        assert_eq!(fields[1], r.name);
        assert_eq!(fields[2], r.source.key());
        assert!(l.contains(r.message));
    }
    let out = run(&["rules", "--format", "json"], b"");
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let want: Value = serde_json::from_str(&helix_customer_rules::catalogue::json()).unwrap();
    assert_eq!(got, want);
}

#[test]
fn explain_prints_one_entry_and_suggests_on_a_miss() {
    for q in ["66907", "PoBoxResidenceAddress", "poboxresidenceaddress"] {
        let out = run(&["explain", q], b"");
        assert_eq!(out.status.code(), Some(0), "{q}");
        let text = stdout(&out);
        assert!(
            text.starts_with("# 66907 PoBoxResidenceAddress\n"),
            "{text}"
        );
        assert!(text.contains("Residential Addresses can not contain a PO Box."));
        assert!(text.contains("### What it checks"));
        assert!(text.contains("Fires on:"));
    }
    let out = run(&["explain", "66906"], b"");
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["explain", "66910"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("66908"), "{}", stderr(&out));
    let out = run(&["explain", "pobox"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("66907 (PoBoxResidenceAddress)"));
    assert!(out.stdout.is_empty());
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["rules", "--help"],
        &["explain", "--help"],
    ] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = stdout(&out);
        assert!(
            text.contains("Examples:\n  helix-rules "),
            "{args:?}: {text}"
        );
    }
    assert!(stdout(&run(&["--version"], b"")).starts_with("helix-rules "));
}

// ---- the golden cases ----

#[test]
fn every_golden_case_through_the_command_line() {
    let dir = root().join("tests/cases");
    let mut total = 0;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for path in files {
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
                .or_insert_with(|| json!({}));
            context
                .as_object_mut()
                .unwrap()
                .entry("today")
                .or_insert_with(|| doc["today"].clone());
            input.push_str(&request.to_string());
            input.push('\n');
        }
        let json = json_lines(&run(&["check", "--jsonl"], input.as_bytes()));
        let helix = json_lines(&run(
            &["check", "--jsonl", "--format", "helix"],
            input.as_bytes(),
        ));
        assert_eq!(
            json.len(),
            cases.len(),
            "{}: one result per case",
            path.display()
        );
        assert_eq!(helix.len(), cases.len());
        for ((c, got), envelope) in cases.iter().zip(&json).zip(&helix) {
            let name = format!("{} / {}", path.display(), c["name"]);
            if let Some(err) = c["expected"].as_str() {
                let msg = err.strip_prefix("request error: ").unwrap();
                assert_eq!(got, &json!({"error": msg}), "{name}");
                assert_eq!(envelope, &json!({"error": msg}), "{name}");
                continue;
            }
            assert_eq!(got["violations"], c["expected"], "{name}");
            let warnings = c.get("warnings").cloned().unwrap_or_else(|| json!([]));
            assert_eq!(got["warnings"], warnings, "{name}");
            let valid = c["expected"].as_array().unwrap().is_empty();
            assert_eq!(got["valid"], valid, "{name}");
            let errors: Vec<Value> = c["expected"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| json!({"code": v["code"], "message": v["message"]}))
                .collect();
            assert_eq!(
                envelope,
                &json!({"errors": errors, "status": if valid { 200 } else { 400 }}),
                "{name}"
            );
        }
        total += cases.len();
    }
    assert!(total > 200, "only {total} golden cases ran");
}

#[test]
fn the_readme_shows_the_first_command_s_output_as_it_is() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let out = run(
        &[
            "check",
            "--format",
            "text",
            "examples/requests/invalid-individual.json",
        ],
        b"",
    );
    let block = format!("```text\n{}```", stdout(&out));
    assert!(
        readme.contains(&block),
        "README.md's output of the first command is stale; it should be:\n{block}"
    );
}

#[test]
fn a_one_document_file_locates_each_violation_at_its_property() {
    let out = run(
        &[
            "check",
            "--format",
            "github",
            "examples/requests/invalid-individual.json",
        ],
        b"",
    );
    let text = stdout(&out);
    // Lines 6 and 9 of the shipped file: "gender" and the first address.
    assert!(text.contains(
        "::error file=examples/requests/invalid-individual.json,line=6,title=60302 InvalidGender::/gender "
    ));
    assert!(text.contains("line=9,title=66907 PoBoxResidenceAddress::/addresses/0/addressLine1 "));
    let out = run(
        &[
            "check",
            "--format",
            "sarif",
            "examples/requests/invalid-individual.json",
        ],
        b"",
    );
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<u64> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(lines, [5, 6, 7, 9, 5, 7, 4, 12, 12, 10, 10, 9]);
}
