//! The output formats of `check`, and the counts a run keeps.
//!
//! Each document is formatted on a worker thread into a byte buffer; the writer only copies
//! buffers out in input order and, at the end, writes the footer (summary, statistics, the
//! close of the SARIF log).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use anstyle::{AnsiColor, Style};
use helix_customer_rules::{rule, Outcome, RequestError, Violation, RULES};
use serde_json::json;

use crate::catalogue::severity;
use crate::Status;

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// `FILE:LINE: CODE PATH MESSAGE` lines and a summary (the default on a terminal)
    Text,
    /// The library's result document, one per line for several documents (the default otherwise)
    Json,
    /// What Helix itself would answer: `{"errors": [{"code", "message"}], "status"}`
    Helix,
    /// A SARIF 2.1.0 log, for code-scanning tools
    Sarif,
    /// GitHub Actions workflow annotations (`::error` and `::warning` lines)
    Github,
}

/// What `--statistics` prints instead of the results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Statistics {
    /// Results as the format writes them.
    Off,
    /// `count<TAB>code<TAB>name[<TAB>warning]` lines.
    Text,
    /// `[{"code", "name", "severity", "count"}]`.
    Json,
}

/// The warnings of an outcome (58xxx codes): never part of `valid`, nor of the `helix` envelope.
pub fn warnings(outcome: &Outcome) -> &[Violation] {
    &outcome.warnings
}

/// A document error or an unreadable file: reported on standard error, in input order.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Index into the run's sources.
    pub file: usize,
    /// The line, when the problem belongs to one document.
    pub line: Option<usize>,
    /// What went wrong (never customer data: the library redacts its document errors).
    pub message: String,
}

/// How many times a code was reported, and as what.
#[derive(Clone, Copy, Debug)]
pub struct Count {
    /// `true` for a warning.
    pub warning: bool,
    /// Occurrences.
    pub count: u64,
}

/// What a run (or a slice of one) saw. Slices merge in input order.
#[derive(Debug, Default)]
pub struct Totals {
    /// Documents evaluated (document errors included).
    pub documents: u64,
    /// Documents without a violation.
    pub valid: u64,
    /// Documents with at least one violation.
    pub invalid: u64,
    /// Documents that could not be evaluated.
    pub errors: u64,
    /// Files that could not be read.
    pub unreadable: u64,
    /// Violations reported.
    pub violations: u64,
    /// Warnings reported.
    pub warnings: u64,
    /// Per code.
    pub codes: BTreeMap<u32, Count>,
    /// In input order.
    pub problems: Vec<Problem>,
    /// The worst status seen.
    pub status: Option<Status>,
}

impl Totals {
    fn earn(&mut self, s: Status) {
        self.status = Some(self.status.map_or(s, |t| t.max(s)));
    }

    fn count(&mut self, vs: &[Violation], warning: bool) {
        for v in vs {
            self.codes
                .entry(v.code().get())
                .or_insert(Count { warning, count: 0 })
                .count += 1;
        }
    }

    /// Adds one document's result.
    pub fn document(
        &mut self,
        file: usize,
        line: usize,
        result: &Result<Outcome, RequestError>,
        strict: bool,
    ) {
        self.documents += 1;
        match result {
            Ok(o) => {
                let ws = warnings(o);
                self.violations += o.violations.len() as u64;
                self.warnings += ws.len() as u64;
                self.count(&o.violations, false);
                self.count(ws, true);
                if o.valid {
                    self.valid += 1;
                } else {
                    self.invalid += 1;
                }
                self.earn(if !o.valid || (strict && !ws.is_empty()) {
                    Status::Invalid
                } else {
                    Status::Valid
                });
            }
            Err(e) => {
                self.errors += 1;
                self.problems.push(Problem {
                    file,
                    line: Some(line),
                    message: e.to_string(),
                });
                self.earn(Status::Error);
            }
        }
    }

    /// Adds a file that could not be read (or stopped being readable).
    pub fn unreadable(&mut self, file: usize, message: String) {
        self.unreadable += 1;
        self.problems.push(Problem {
            file,
            line: None,
            message,
        });
        self.earn(Status::Error);
    }

    /// Adds a later slice's counts; its problems are the caller's to move.
    pub fn merge(&mut self, other: &Totals) {
        self.documents += other.documents;
        self.valid += other.valid;
        self.invalid += other.invalid;
        self.errors += other.errors;
        self.unreadable += other.unreadable;
        self.violations += other.violations;
        self.warnings += other.warnings;
        for (code, c) in &other.codes {
            self.codes
                .entry(*code)
                .or_insert(Count {
                    warning: c.warning,
                    count: 0,
                })
                .count += c.count;
        }
        if let Some(s) = other.status {
            self.earn(s);
        }
    }

    /// Codes most frequent first, ties by code ascending.
    pub fn ranked(&self) -> Vec<(u32, Count)> {
        let mut v: Vec<(u32, Count)> = self.codes.iter().map(|(k, c)| (*k, *c)).collect();
        v.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(&b.0)));
        v
    }
}

/// One row of `--statistics --format json`, keys in this order.
#[derive(serde::Serialize)]
struct StatRow {
    code: u32,
    name: &'static str,
    severity: &'static str,
    count: u64,
}

const FILE: Style = Style::new().bold();
const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const PATH: Style = AnsiColor::Cyan.on_default();
const SUMMARY: Style = Style::new().bold();

/// SARIF 2.1.0's schema, named in the log.
const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// At most this many document errors are kept for the SARIF log's notifications (all of them
/// still go to standard error): a file of broken documents must not grow memory without bound.
pub const SARIF_NOTIFICATIONS: usize = 1000;

/// Formats documents and the run around them.
pub struct Formatter {
    /// The format.
    pub kind: Kind,
    /// `--statistics`.
    pub statistics: Statistics,
    /// ANSI colours in text output.
    pub color: bool,
    /// One document in all: JSON is pretty-printed and a document error prints nothing.
    pub single: bool,
    /// The sources' names.
    pub names: Vec<String>,
}

impl Formatter {
    /// Whether the SARIF results stream is written with a leading `,` per result.
    pub fn comma_separated(&self) -> bool {
        self.statistics == Statistics::Off && self.kind == Kind::Sarif
    }

    /// What comes before the first document.
    pub fn header(&self, out: &mut Vec<u8>) {
        if self.comma_separated() {
            let rules: Vec<serde_json::Value> = RULES.iter().map(|r| sarif_rule(r)).collect();
            let driver = json!({
                "name": "helix-rules",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://docs.helix.q2.com/reference/errors",
                "rules": rules,
            });
            let _ = write!(
                out,
                "{{\"$schema\":\"{SARIF_SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":{driver}}},\"columnKind\":\"unicodeCodePoints\",\"results\":["
            );
        }
    }

    /// One document's result. `whole` is the document when it is a whole file: each violation
    /// is then reported at the line its pointer leads to, else at `line`.
    pub fn document(
        &self,
        out: &mut Vec<u8>,
        file: usize,
        line: usize,
        whole: Option<&[u8]>,
        result: &Result<Outcome, RequestError>,
    ) {
        if self.statistics != Statistics::Off {
            return;
        }
        let name = &self.names[file];
        let at = |v: &Violation| {
            whole
                .and_then(|d| crate::locate::line_of(d, &v.path().to_string()))
                .unwrap_or(line)
        };
        match (self.kind, result) {
            (Kind::Text, Ok(o)) => {
                for v in &o.violations {
                    self.text_line(out, name, at(v), v, false);
                }
                for v in warnings(o) {
                    self.text_line(out, name, at(v), v, true);
                }
            }
            // Text reports document errors on standard error only.
            (Kind::Text | Kind::Sarif, Err(_)) => {}
            (Kind::Json, Ok(o)) => self.json_line(out, o),
            (Kind::Helix, Ok(o)) => {
                let errors: Vec<serde_json::Value> = o
                    .violations
                    .iter()
                    .map(|v| json!({"code": v.code().get(), "message": v.message()}))
                    .collect();
                let status = if o.valid { 200 } else { 400 };
                self.json_line(out, &json!({"errors": errors, "status": status}));
            }
            (Kind::Json | Kind::Helix, Err(e)) => {
                // One output line per document keeps results aligned with their lines.
                if !self.single {
                    self.json_line(out, &json!({"error": e.to_string()}));
                }
            }
            (Kind::Sarif, Ok(o)) => {
                for (v, warning) in o
                    .violations
                    .iter()
                    .map(|v| (v, false))
                    .chain(warnings(o).iter().map(|v| (v, true)))
                {
                    out.push(b',');
                    let _ =
                        serde_json::to_writer(&mut *out, &sarif_result(name, at(v), v, warning));
                }
            }
            (Kind::Github, Ok(o)) => {
                for v in &o.violations {
                    github_line(out, "error", name, Some(at(v)), v);
                }
                for v in warnings(o) {
                    github_line(out, "warning", name, Some(at(v)), v);
                }
            }
            (Kind::Github, Err(e)) => {
                let _ = writeln!(
                    out,
                    "::error file={},line={line},title=request document error::{}",
                    escape_property(name),
                    escape_data(&e.to_string())
                );
            }
        }
    }

    /// A file that could not be read.
    pub fn unreadable(&self, out: &mut Vec<u8>, file: usize, message: &str) {
        if self.statistics == Statistics::Off && self.kind == Kind::Github {
            let _ = writeln!(
                out,
                "::error file={},title=unreadable file::{}",
                escape_property(&self.names[file]),
                escape_data(message)
            );
        }
    }

    /// What comes after the last document.
    pub fn footer(&self, out: &mut Vec<u8>, t: &Totals, notifications: &[Problem]) {
        match (self.statistics, self.kind) {
            (Statistics::Text, _) => {
                for (code, c) in t.ranked() {
                    let name = rule(code).map_or("?", |r| r.name);
                    let tag = if c.warning { "\twarning" } else { "" };
                    let _ = writeln!(out, "{:>5}\t{code}\t{name}{tag}", c.count);
                }
            }
            (Statistics::Json, _) => {
                let rows: Vec<StatRow> = t
                    .ranked()
                    .into_iter()
                    .map(|(code, c)| StatRow {
                        code,
                        name: rule(code).map_or("?", |r| r.name),
                        severity: if c.warning { "warning" } else { "error" },
                        count: c.count,
                    })
                    .collect();
                let _ = serde_json::to_writer(&mut *out, &rows);
                out.push(b'\n');
            }
            (Statistics::Off, Kind::Text | Kind::Github) => self.summary(out, t),
            (Statistics::Off, Kind::Sarif) => {
                let notes: Vec<serde_json::Value> = notifications
                    .iter()
                    .map(|p| sarif_notification(&self.names[p.file], p))
                    .collect();
                let invocation = json!({
                    "executionSuccessful": t.errors == 0 && t.unreadable == 0,
                    "toolExecutionNotifications": notes,
                });
                let _ = writeln!(out, "],\"invocations\":[{invocation}]}}]}}");
            }
            (Statistics::Off, Kind::Json | Kind::Helix) => {}
        }
    }

    fn summary(&self, out: &mut Vec<u8>, t: &Totals) {
        let plural =
            |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut s = format!(
            "Checked {}: {} valid, {} invalid; {}, {}.",
            plural(t.documents, "document", "documents"),
            t.valid,
            t.invalid,
            plural(t.violations, "violation", "violations"),
            plural(t.warnings, "warning", "warnings"),
        );
        if t.errors > 0 {
            let _ = write!(
                s,
                " {} could not be evaluated.",
                plural(t.errors, "document", "documents")
            );
        }
        if t.unreadable > 0 {
            let _ = write!(
                s,
                " {} could not be read.",
                plural(t.unreadable, "file", "files")
            );
        }
        if self.color {
            let _ = writeln!(out, "{SUMMARY}{s}{SUMMARY:#}");
        } else {
            let _ = writeln!(out, "{s}");
        }
    }

    fn json_line(&self, out: &mut Vec<u8>, value: &impl serde::Serialize) {
        let _ = if self.single {
            serde_json::to_writer_pretty(&mut *out, value)
        } else {
            serde_json::to_writer(&mut *out, value)
        };
        out.push(b'\n');
    }

    fn text_line(&self, out: &mut Vec<u8>, name: &str, line: usize, v: &Violation, warning: bool) {
        let path = v.path().to_string();
        // The body's root is the empty pointer; a word reads better in a line of text.
        let path = if path.is_empty() { "(body)" } else { &path };
        let code = v.code().get();
        let message = v.message();
        let _ = match (self.color, warning) {
            (false, false) => writeln!(out, "{name}:{line}: {code} {path} {message}"),
            (false, true) => writeln!(out, "{name}:{line}: warning: {code} {path} {message}"),
            (true, false) => writeln!(
                out,
                "{FILE}{name}{FILE:#}:{line}: {ERROR}{code}{ERROR:#} {PATH}{path}{PATH:#} {message}"
            ),
            (true, true) => writeln!(
                out,
                "{FILE}{name}{FILE:#}:{line}: {WARNING}warning:{WARNING:#} {WARNING}{code}{WARNING:#} {PATH}{path}{PATH:#} {message}"
            ),
        };
    }
}

fn sarif_level(r: &helix_customer_rules::RuleInfo) -> &'static str {
    if severity(r) == "warning" {
        "warning"
    } else {
        "error"
    }
}

fn sarif_rule(r: &helix_customer_rules::RuleInfo) -> serde_json::Value {
    let docs: String = r
        .docs
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let first = what_it_checks(&docs);
    json!({
        "id": r.code.get().to_string(),
        "name": r.name,
        "shortDescription": {"text": r.message},
        "fullDescription": {"text": first.trim()},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": sarif_level(r)},
        "properties": {
            "family": r.family.title(),
            "severity": severity(r),
            "source": r.source.key(),
            "since": r.since,
        },
    })
}

/// The docs' "What it checks" section as one line of text: the rule's full description.
fn what_it_checks(docs: &str) -> String {
    let mut lines = docs
        .lines()
        .skip_while(|l| l.trim() != "### What it checks")
        .skip(1)
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("```"));
    let mut s = lines.next().unwrap_or_default().trim().to_owned();
    for l in lines {
        s.push(' ');
        s.push_str(l.trim());
    }
    s
}

fn sarif_result(name: &str, line: usize, v: &Violation, warning: bool) -> serde_json::Value {
    let code = v.code().get();
    let index = RULES.iter().position(|r| r.code.get() == code);
    let mut result = json!({
        "ruleId": code.to_string(),
        "level": if warning { "warning" } else { "error" },
        "message": {"text": v.message()},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(name)},
                "region": {"startLine": line},
            },
            "logicalLocations": [{
                "fullyQualifiedName": v.path().to_string(),
                "kind": "member",
            }],
        }],
    });
    if let Some(i) = index {
        result["ruleIndex"] = json!(i);
    }
    result
}

fn sarif_notification(name: &str, p: &Problem) -> serde_json::Value {
    let mut region = json!({});
    if let Some(l) = p.line {
        region = json!({"startLine": l});
    }
    json!({
        "level": "error",
        "message": {"text": p.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(name)}, "region": region}}],
    })
}

/// A file name as a relative URI reference: `/` separators, anything else percent-encoded.
fn uri(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(char::from(b));
        } else {
            let _ = write!(s, "%{b:02X}");
        }
    }
    s
}

fn github_line(out: &mut Vec<u8>, level: &str, name: &str, line: Option<usize>, v: &Violation) {
    let code = v.code().get();
    let title = rule(code).map_or_else(|| code.to_string(), |r| format!("{code} {}", r.name));
    let line = line.map(|l| format!(",line={l}")).unwrap_or_default();
    let _ = writeln!(
        out,
        "::{level} file={}{line},title={}::{} {}",
        escape_property(name),
        escape_property(&title),
        escape_data(&v.path().to_string()),
        escape_data(v.message())
    );
}

/// A workflow command's message: `%`, CR and LF encoded.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property: also `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_keeps_unreserved_bytes_and_encodes_the_rest() {
        assert_eq!(uri("exports/a b.jsonl"), "exports/a%20b.jsonl");
        assert_eq!(uri("c:\\x\\y.json"), "c%3A/x/y.json");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
    }

    #[test]
    fn full_descriptions_are_what_each_rule_checks() {
        for r in RULES {
            let docs: String = r
                .docs
                .lines()
                .map(|l| l.strip_prefix(' ').unwrap_or(l))
                .collect::<Vec<_>>()
                .join("\n");
            let d = what_it_checks(&docs);
            assert!(d.len() > 20, "{}: {d:?}", r.code);
            assert!(!d.contains('\n') && !d.contains("###"), "{}: {d:?}", r.code);
        }
    }

    #[test]
    fn workflow_command_escapes() {
        assert_eq!(escape_data("50%\r\nx"), "50%25%0D%0Ax");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn ranked_is_most_frequent_first_then_by_code() {
        let mut t = Totals::default();
        for (code, n) in [(60304, 2), (60302, 5), (60301, 2), (58001, 5)] {
            t.codes.insert(
                code,
                Count {
                    warning: code < 59000,
                    count: n,
                },
            );
        }
        let order: Vec<u32> = t.ranked().iter().map(|(c, _)| *c).collect();
        assert_eq!(order, [58001, 60302, 60301, 60304]);
    }
}

/// Warnings through every format, on a real one: 58002 for a formatted `taxId`.
#[cfg(test)]
mod warning_tests {
    use super::*;
    use helix_customer_rules::evaluate_request;

    fn outcome_with_a_warning() -> Outcome {
        let doc = br#"{"patch": {"customerId": 1, "taxId": "123-45-6789"}, "context": {"today": "2026-11-23"}}"#;
        let out = evaluate_request(doc, None).unwrap();
        assert!(out.valid && out.violations.is_empty());
        assert_eq!(out.warnings.len(), 1);
        out
    }

    fn formatted(kind: Kind, statistics: Statistics) -> String {
        let fmt = Formatter {
            kind,
            statistics,
            color: false,
            single: false,
            names: vec!["a.jsonl".into()],
        };
        let result = Ok(outcome_with_a_warning());
        let mut t = Totals::default();
        t.document(0, 3, &result, false);
        let mut out = Vec::new();
        fmt.header(&mut out);
        fmt.document(&mut out, 0, 3, None, &result);
        fmt.footer(&mut out, &t, &[]);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_sets_warnings_apart_and_counts_them() {
        let text = formatted(Kind::Text, Statistics::Off);
        assert_eq!(
            text,
            "a.jsonl:3: warning: 58002 /taxId taxId must contain digits only, without spaces, hyphens or other formatting.\n\
             Checked 1 document: 1 valid, 0 invalid; 0 violations, 1 warning.\n"
        );
    }

    #[test]
    fn github_sarif_and_statistics_mark_warnings() {
        assert!(formatted(Kind::Github, Statistics::Off)
            .starts_with("::warning file=a.jsonl,line=3,title=58002 NotDigitsOnly::/taxId "));
        // The writer drops the first result's comma.
        let sarif =
            formatted(Kind::Sarif, Statistics::Off).replacen("\"results\":[,", "\"results\":[", 1);
        let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
        assert_eq!(log["runs"][0]["results"][0]["level"], "warning");
        assert_eq!(
            formatted(Kind::Text, Statistics::Text),
            "    1\t58002\tNotDigitsOnly\twarning\n"
        );
        assert_eq!(
            formatted(Kind::Json, Statistics::Json),
            "[{\"code\":58002,\"name\":\"NotDigitsOnly\",\"severity\":\"warning\",\"count\":1}]\n"
        );
    }

    #[test]
    fn the_helix_envelope_never_holds_a_warning() {
        assert_eq!(
            formatted(Kind::Helix, Statistics::Off),
            "{\"errors\":[],\"status\":200}\n"
        );
        let json: serde_json::Value =
            serde_json::from_str(&formatted(Kind::Json, Statistics::Off)).unwrap();
        assert_eq!(json["warnings"][0]["code"], 58002);
    }

    #[test]
    fn warnings_fail_the_run_only_with_strict() {
        let result = Ok(outcome_with_a_warning());
        let mut lax = Totals::default();
        lax.document(0, 1, &result, false);
        assert_eq!(lax.status, Some(Status::Valid));
        let mut strict = Totals::default();
        strict.document(0, 1, &result, true);
        assert_eq!(strict.status, Some(Status::Invalid));
    }
}
