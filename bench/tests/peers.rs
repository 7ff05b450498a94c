//! The benchmark's peers must implement the crate's rules, or the comparison in BENCHMARKS.md
//! means nothing: every golden case (`tests/cases/*.json`) a peer can express runs through it,
//! and it must answer exactly the case's expected codes and paths, violations and warnings
//! (the golden files are the crate's answers; `cargo test --test golden` holds them to it).
//!
//! A case a peer cannot express is skipped by a named rule below, with its reason, and the test
//! prints how many cases each peer ran and skipped by which rule. The rules are decided from the
//! case alone, never from the peer's answer, and the test fails when a peer runs fewer cases
//! than its floor, so a new skip cannot creep in unseen.
//!
//! What the test does for every peer, as the crate's contract says a caller sees the answer:
//! codes in `ignore` are dropped, a warning (58xxx) at a path that has a violation is dropped
//! (a Helix code wins), and the list is sorted by code then path, without repeats.

// The test reads the golden files and the PO-box corpus from disk.
#![allow(clippy::disallowed_methods)]

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use helix_bench::schema_peer::SchemaPeer;
use helix_bench::{garde_peer, is_po_box, validator_peer, workloads, PeerCtx, PO_BOX_PATTERN};
use helix_customer_rules::__private::{parse_date, parse_plain_date, po_box};
use helix_customer_rules::{validate, validate_json, CustomerKind, ProgramSettings};
use serde_json::Value;

/// A finding: code and JSON Pointer.
type Finding = (u32, String);

struct Case {
    file: String,
    name: String,
    request: Value,
    /// The expected violations, or `None` for a request error.
    expected: Option<Vec<Finding>>,
    warnings: Vec<Finding>,
    today: time::Date,
}

fn findings(list: &Value) -> Vec<Finding> {
    list.as_array()
        .expect("a list of violations")
        .iter()
        .map(|v| {
            (
                u32::try_from(v["code"].as_u64().expect("a code")).unwrap(),
                v["path"].as_str().expect("a path").to_owned(),
            )
        })
        .collect()
}

fn cases() -> Vec<Case> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let today = parse_plain_date(doc["today"].as_str().unwrap()).unwrap();
        for c in doc["cases"].as_array().unwrap() {
            out.push(Case {
                file: file.clone(),
                name: c["name"].as_str().unwrap().to_owned(),
                request: c["request"].clone(),
                expected: c["expected"].is_array().then(|| findings(&c["expected"])),
                warnings: c.get("warnings").map(findings).unwrap_or_default(),
                today,
            });
        }
    }
    assert!(out.len() > 400, "only {} golden cases found", out.len());
    out
}

/// The peers.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Peer {
    Garde,
    Validator,
    JsonSchema,
}

const PEERS: [Peer; 3] = [Peer::Garde, Peer::Validator, Peer::JsonSchema];

/// The date properties (59952).
const DATES: [&str; 7] = [
    "birthDate",
    "driversLicenseIssueDate",
    "driversLicenseExpireDate",
    "passportIssueDate",
    "passportExpireDate",
    "foreignDocumentExpirationDate",
    "attestationDate",
];

/// Codes only the crate's lenient reader reports: about reading the body, not about a value a
/// peer's typed struct or a schema ever sees (a typed peer refuses such a body whole).
const READER_CODES: [u32; 4] = [59900, 59950, 59953, 58007];

/// The boolean and integer properties; every other known property is text (or a date).
const BOOLEANS: [&str; 6] = [
    "isSubjectToBackupWithholding",
    "isOptedInToBankCommunication",
    "isDocumentsAccepted",
    "usePreferredNameOnCard",
    "isTaxExempt",
    "isActive",
];
const INTEGERS: [&str; 2] = ["customerId", "industryClassificationCodeId"];

/// Whether a property holds a JSON type other than its own that the crate's reader still
/// reads (a typed peer refuses the body; a schema judges the JSON type, not the text).
fn converted_by_the_reader(patch: &Value) -> bool {
    let converted = |object: &serde_json::Map<String, Value>, known: &[&str]| {
        object.iter().any(|(name, value)| {
            if !known.contains(&name.as_str()) || value.is_null() {
                return false;
            }
            if BOOLEANS.contains(&name.as_str()) {
                !value.is_boolean()
            } else if INTEGERS.contains(&name.as_str()) {
                !value.is_number()
            } else {
                value.is_number() || value.is_boolean()
            }
        })
    };
    let Some(object) = patch.as_object() else {
        return false;
    };
    let entries = |list: &str| {
        object
            .get(list)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .collect::<Vec<_>>()
    };
    converted(object, helix_customer_rules::CustomerPatch::PROPERTIES)
        || entries("addresses")
            .iter()
            .any(|a| converted(a, helix_customer_rules::Address::PROPERTIES))
        || entries("phones")
            .iter()
            .any(|p| converted(p, helix_customer_rules::Phone::PROPERTIES))
}

/// Why a peer skips a case, or `None` when it runs it. Decided from the case alone.
fn skip(peer: Peer, c: &Case) -> Option<&'static str> {
    let r = &c.request;
    let codes = || {
        c.expected
            .iter()
            .flatten()
            .chain(&c.warnings)
            .map(|(code, _)| *code)
    };
    if c.expected.is_none() {
        return Some("a request error: the request document itself is refused");
    }
    if r.get("patchText").is_some() {
        return Some(
            "patchText: bytes only the crate's lenient reader takes (not JSON, repeated keys)",
        );
    }
    if r.pointer("/context/current").is_some() {
        return Some("context.current: a peer has no current record to compare updates with");
    }
    if codes().any(|code| READER_CODES.contains(&code)) {
        return Some("59900/59950/59953/58007: the lenient reader's codes");
    }
    let patch = &r["patch"];
    if converted_by_the_reader(patch) {
        return Some(
            "a value the crate's reader converts (\"true\" for a boolean, digits in a string for an integer, a number or boolean for text, silently or with a Helix code at the same path)",
        );
    }
    if peer == Peer::JsonSchema {
        if codes().any(|code| code == 60301) {
            return Some("60301: the birth-date range is an order on dates, which a schema lacks");
        }
        let shape = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}").unwrap();
        let not_a_day = DATES.iter().any(|p| {
            patch
                .get(p)
                .and_then(Value::as_str)
                .is_some_and(|d| shape.is_match(d) && parse_date(d).is_none())
        });
        if not_a_day {
            return Some("a date of the right shape that names no day: calendars are not patterns");
        }
    }
    None
}

/// The least number of cases each peer must run: a skip rule that grows past it fails here.
fn floor(peer: Peer) -> usize {
    match peer {
        Peer::Garde | Peer::Validator => 400,
        Peer::JsonSchema => 380,
    }
}

/// The context of a case, as the peers take it.
fn peer_ctx(c: &Case) -> PeerCtx {
    let r = &c.request;
    let settings: ProgramSettings = r
        .get("settings")
        .map(|s| serde_json::from_value(s.clone()).expect("settings read"))
        .unwrap_or_default();
    let today = r
        .pointer("/context/today")
        .and_then(Value::as_str)
        .map_or(c.today, |d| parse_plain_date(d).unwrap());
    let kind = match r.pointer("/context/customerKind").and_then(Value::as_str) {
        Some("business") => CustomerKind::Business,
        _ => CustomerKind::Individual,
    };
    let tags: HashMap<String, i64> = r
        .pointer("/context/tagOwners")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_i64().unwrap()))
                .collect()
        })
        .unwrap_or_default();
    PeerCtx {
        today,
        settings,
        kind,
        tags,
    }
}

/// `address_line1` as the wire writes it: `addressLine1`.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for ch in name.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.push(ch.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

fn code_of(text: &str) -> u32 {
    text.parse()
        .unwrap_or_else(|_| panic!("{text:?} is no Helix code"))
}

/// garde's report: `addresses[0].address_line1` paths, the code as the message.
fn garde_findings(report: &garde::Report) -> Vec<Finding> {
    report
        .iter()
        .map(|(path, error)| {
            let mut pointer = String::new();
            for part in path.to_string().split('.').filter(|p| !p.is_empty()) {
                let (name, indexes) = part
                    .split_once('[')
                    .map_or((part, ""), |(n, rest)| (n, rest));
                pointer.push('/');
                pointer.push_str(&camel(name));
                for index in indexes.split('[').filter(|i| !i.is_empty()) {
                    pointer.push('/');
                    pointer.push_str(index.trim_end_matches(']'));
                }
            }
            (code_of(error.message()), pointer)
        })
        .collect()
}

/// validator's nested maps: fields, nested structs, lists; struct-level errors under
/// `__all__`, naming their field in the `field` parameter.
fn validator_findings(errors: &validator::ValidationErrors, at: &str, out: &mut Vec<Finding>) {
    use validator::ValidationErrorsKind;
    for (field, kind) in errors.errors() {
        let here = if field == "__all__" {
            at.to_owned()
        } else {
            format!("{at}/{}", camel(field))
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    let path = match e.params.get("field").and_then(Value::as_str) {
                        Some(f) => format!("{at}/{f}"),
                        None => here.clone(),
                    };
                    out.push((code_of(&e.code), path));
                }
            }
            ValidationErrorsKind::Struct(nested) => validator_findings(nested, &here, out),
            ValidationErrorsKind::List(items) => {
                for (i, nested) in items {
                    validator_findings(nested, &format!("{here}/{i}"), out);
                }
            }
        }
    }
}

/// What a peer answers for a patch; `Err` when it cannot read the body.
fn run(peer: Peer, body: &[u8], ctx: &PeerCtx) -> Result<Vec<Finding>, String> {
    match peer {
        Peer::Garde => match garde_peer::validate_json(body, ctx) {
            Ok(()) => Ok(Vec::new()),
            Err(Some(report)) => Ok(garde_findings(&report)),
            Err(None) => Err("the body does not read into garde's Patch".to_owned()),
        },
        Peer::Validator => match validator_peer::validate_json(body, ctx) {
            Ok(()) => Ok(Vec::new()),
            Err(Some(errors)) => {
                let mut out = Vec::new();
                validator_findings(&errors, "", &mut out);
                Ok(out)
            }
            Err(None) => Err("the body does not read into validator's Patch".to_owned()),
        },
        Peer::JsonSchema => {
            let schema = SchemaPeer::new(ctx);
            let doc: Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
            Ok(schema
                .validate(&doc)
                .iter()
                .map(|e| {
                    let (code, path) = schema.code_and_path(e);
                    (code.unwrap_or(0), path)
                })
                .collect())
        }
    }
}

/// A path's sort key: segment by segment, array indexes as numbers.
fn path_key(path: &str) -> Vec<(u8, u64, String)> {
    path.split('/')
        .skip(1)
        .map(|s| match s.parse::<u64>() {
            Ok(i) => (0, i, String::new()),
            Err(_) => (1, 0, s.to_owned()),
        })
        .collect()
}

/// The answer as the contract shapes it: (violations, warnings).
fn shape(found: Vec<Finding>, ignore: &[u32]) -> (Vec<Finding>, Vec<Finding>) {
    let found: Vec<Finding> = found
        .into_iter()
        .filter(|(code, _)| !ignore.contains(code))
        .collect();
    let is_warning = |code: u32| (58000..=58999).contains(&code);
    let mut violations: Vec<Finding> = found
        .iter()
        .filter(|(c, _)| !is_warning(*c))
        .cloned()
        .collect();
    let mut warnings: Vec<Finding> = found
        .iter()
        .filter(|(c, p)| is_warning(*c) && !violations.iter().any(|(_, vp)| vp == p))
        .cloned()
        .collect();
    for list in [&mut violations, &mut warnings] {
        list.sort_by_key(|a| (a.0, path_key(&a.1)));
        list.dedup();
    }
    (violations, warnings)
}

#[test]
fn every_peer_gives_the_crates_codes_and_paths_on_every_golden_case_it_can_express() {
    let all = cases();
    let mut failures = Vec::new();
    let mut report: BTreeMap<Peer, (usize, BTreeMap<&'static str, usize>)> = BTreeMap::new();
    for c in &all {
        for peer in PEERS {
            let entry = report.entry(peer).or_default();
            if let Some(reason) = skip(peer, c) {
                *entry.1.entry(reason).or_default() += 1;
                continue;
            }
            entry.0 += 1;
            let ctx = peer_ctx(c);
            let body = serde_json::to_vec(&c.request["patch"]).unwrap();
            let ignore: Vec<u32> = c.request["ignore"]
                .as_array()
                .map(|l| {
                    l.iter()
                        .map(|v| u32::try_from(v.as_u64().unwrap()).unwrap())
                        .collect()
                })
                .unwrap_or_default();
            let expected = (c.expected.clone().unwrap(), c.warnings.clone());
            match run(peer, &body, &ctx) {
                Ok(found) => {
                    let got = shape(found, &ignore);
                    if got != expected {
                        failures.push(format!(
                            "{peer:?} on {} / {}\n  expected: {:?} warnings {:?}\n  got:      {:?} warnings {:?}",
                            c.file, c.name, expected.0, expected.1, got.0, got.1
                        ));
                    }
                }
                Err(e) => failures.push(format!("{peer:?} on {} / {}: {e}", c.file, c.name)),
            }
        }
    }
    for (peer, (ran, skipped)) in &report {
        let total: usize = skipped.values().sum();
        println!(
            "{peer:?}: ran {ran} of {} golden cases, skipped {total}",
            all.len()
        );
        for (reason, n) in skipped {
            println!("  {n:>4} skipped: {reason}");
        }
    }
    assert!(
        failures.is_empty(),
        "{} peer answers differ from the golden cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
    for (peer, (ran, _)) in &report {
        assert!(
            *ran >= floor(*peer),
            "{peer:?} ran only {ran} cases (floor {}): a skip rule grew",
            floor(*peer)
        );
    }
}

#[test]
fn peers_give_the_crates_codes_and_paths_on_every_workload() {
    for w in workloads::all() {
        let ours = validate(&w.patch(), &w.settings, &w.context());
        assert_eq!(
            ours,
            validate_json(w.body, &w.settings, &w.context()),
            "{}",
            w.name
        );
        let expected: Vec<Finding> = ours
            .iter()
            .map(|v| (v.code().get(), v.path().to_string()))
            .collect();
        let ctx = PeerCtx::of(&w);
        for peer in PEERS {
            let (violations, _) = shape(run(peer, w.body, &ctx).unwrap(), &[]);
            if peer == Peer::JsonSchema && w.name == "full_invalid" {
                // Its birth date (60301) and February 30th (59952) are beyond a schema (the
                // skip rules above): the verdict, then.
                assert!(!violations.is_empty(), "{peer:?} on {}", w.name);
                continue;
            }
            assert_eq!(violations, expected, "{peer:?} on {}", w.name);
        }
    }
}

#[test]
fn the_invalid_workload_breaks_every_rule_an_individual_patch_can() {
    let w = workloads::full_invalid();
    let mut codes: Vec<u32> = validate(&w.patch(), &w.settings, &w.context())
        .iter()
        .map(|v| v.code().get())
        .collect();
    codes.dedup();
    assert_eq!(
        codes,
        [
            59952, 60301, 60302, 60303, 60304, 60306, 60307, 60308, 60350, 60351, 60450, 66801,
            66802, 66901, 66902, 66903, 66904, 66905, 66906, 66907, 66908
        ]
    );
}

/// `\u{XXXX}` escapes in a corpus line, as `tests/corpora/po_box.tsv` writes them.
fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('}').expect("a closed escape") + at;
        let code = u32::from_str_radix(&rest[at + 3..end], 16).expect("hex");
        out.push(char::from_u32(code).expect("a scalar value"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_peer_uses_the_crates_po_box_rule_on_its_whole_corpus() {
    let corpus = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/corpora/po_box.tsv"),
    )
    .unwrap();
    let schema = jsonschema::validator_for(&serde_json::json!({ "pattern": PO_BOX_PATTERN }))
        .expect("the pattern compiles as JSON Schema");
    let mut lines = 0;
    for row in corpus
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let mut fields = row.split('\t');
        let line = unescape(fields.next().unwrap());
        let expect = fields.next().unwrap() == "box";
        assert_eq!(po_box::is_po_box(&line), expect, "the crate on {line:?}");
        assert_eq!(is_po_box(&line), expect, "the Rust peers on {line:?}");
        assert_eq!(
            schema.is_valid(&Value::String(line.clone())),
            expect,
            "jsonschema on {line:?}"
        );
        lines += 1;
    }
    assert!(lines > 150, "only {lines} corpus lines");
}
