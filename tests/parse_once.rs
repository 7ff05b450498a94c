//! Parse once: a body read into a `ParsedPatch`, kept, then validated, answers exactly as
//! `validate_json` / `check_json` on the same bytes: over every golden case, and over
//! arbitrary bodies (well-formed, mistyped, cut short, not UTF-8).

// Tests read their fixtures from disk; the ban on I/O is for the library.
#![allow(clippy::disallowed_methods)]

use std::collections::HashMap;

use helix_customer_rules::__private::parse_plain_date;
use helix_customer_rules::{
    check_json, validate_json, Code, Context, CustomerKind, CustomerPatch, ParsedPatch,
    ProgramSettings,
};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct File<'a> {
    today: String,
    #[serde(borrow)]
    cases: Vec<Case<'a>>,
}

#[derive(Deserialize)]
struct Case<'a> {
    name: String,
    #[serde(borrow)]
    request: Document<'a>,
}

/// A request document, its patch kept as the exact bytes the file holds.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    #[serde(borrow, default)]
    patch: Option<&'a RawValue>,
    #[serde(default)]
    patch_text: Option<String>,
    #[serde(default)]
    settings: serde_json::Value,
    #[serde(default)]
    context: serde_json::Value,
    #[serde(default)]
    ignore: Vec<u32>,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DocumentContext {
    today: Option<String>,
    #[serde(default)]
    customer_kind: CustomerKind,
    current: Option<CustomerPatch>,
    #[serde(default)]
    tag_owners: HashMap<String, i64>,
}

/// Both ways, for one body under one program and context: the one-call forms, and a
/// `ParsedPatch` read first, moved (as a service keeps it), then validated with a tag lookup
/// that knows only the owner of the body's own tag (as a service with an async store
/// fetches it before validating).
fn both_ways(
    body: &[u8],
    settings: &ProgramSettings,
    cx: &Context<'_>,
    owners: &HashMap<String, i64>,
) -> Result<(), TestCaseError> {
    let parsed = ParsedPatch::read(body);
    // Kept across a thread, as a service keeps it across an `.await` on another worker.
    let parsed = std::thread::spawn(move || parsed).join().unwrap();
    let parsed = &parsed;
    let prefetched = parsed.tag().map(|t| (t.to_owned(), owners.get(t).copied()));
    let cx_prefetched = cx.clone().with_tag_fn(move |t| match &prefetched {
        Some((tag, owner)) if tag == t => *owner,
        _ => None,
    });
    let cx_full = cx.clone().with_tags(owners);
    prop_assert_eq!(
        parsed.validate(settings, &cx_prefetched),
        validate_json(body, settings, &cx_full)
    );
    prop_assert_eq!(
        parsed.check(settings, &cx_prefetched),
        check_json(body, settings, &cx_full)
    );
    // What the caller reads off the kept body is what the body says.
    prop_assert_eq!(parsed.customer_id(), parsed.patch().customer_id);
    prop_assert_eq!(parsed.tag(), parsed.patch().tag.as_deref());
    let malformed = validate_json(body, settings, &cx_full)
        .iter()
        .any(|v| v.code().get() == 59950);
    prop_assert_eq!(parsed.is_well_formed(), !malformed);
    Ok(())
}

#[test]
fn every_golden_case_answers_alike_read_once() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut run = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let file: File<'_> = serde_json::from_str(&text).unwrap();
        for case in &file.cases {
            let doc = &case.request;
            let body: &[u8] = match (&doc.patch, &doc.patch_text) {
                (Some(p), None) => p.get().as_bytes(),
                (None, Some(t)) => t.as_bytes(),
                _ => continue, // a request error case: no body to read
            };
            // Cases whose settings or context are the request error have no body to compare.
            let Ok(settings) = serde_json::from_value::<ProgramSettings>(match &doc.settings {
                serde_json::Value::Null => serde_json::json!({}),
                s => s.clone(),
            }) else {
                continue;
            };
            let Ok(context) = serde_json::from_value::<DocumentContext>(match &doc.context {
                serde_json::Value::Null => serde_json::json!({}),
                c => c.clone(),
            }) else {
                continue;
            };
            let today = context.today.as_deref().unwrap_or(&file.today);
            let Some(today) = parse_plain_date(today) else {
                continue;
            };
            let ignored: Vec<Code> = doc.ignore.iter().map(|&c| Code(c)).collect();
            let mut cx = Context::new(today)
                .with_kind(context.customer_kind)
                .with_ignored(&ignored);
            if let Some(current) = &context.current {
                cx = cx.with_current(current);
            }
            both_ways(body, &settings, &cx, &context.tag_owners)
                .unwrap_or_else(|e| panic!("{}: {}: {e}", path.display(), case.name));
            run += 1;
        }
    }
    // The suite has hundreds of cases; a handful would mean the files were not read.
    assert!(run > 100, "only {run} golden cases ran");
}

/// A JSON value of any type, as text: what a property of a body may hold.
fn any_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        Just("1e400".to_owned()),
        "[ -~]{0,12}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        prop::sample::select(vec![
            "\"1980-02-29\"",
            "\"2020-13-01\"",
            "\"M\"",
            "\"X\"",
            "\"true\"",
            "\"vip-7\"",
            "\"PO Box 12\"",
            "\"ada@example.com\"",
            "\"\"",
            "\"7\"",
            "[]",
            "{}",
        ])
        .prop_map(str::to_owned),
    ]
}

/// An address or phone entry, or something that is not an object.
fn entry() -> impl Strategy<Value = String> {
    let names: Vec<&'static str> = helix_customer_rules::Address::PROPERTIES
        .iter()
        .chain(helix_customer_rules::Phone::PROPERTIES)
        .copied()
        .collect();
    prop_oneof![
        prop::collection::vec((prop::sample::select(names), any_value()), 0..6).prop_map(|props| {
            let inner: Vec<String> = props.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            format!("{{{}}}", inner.join(","))
        }),
        any_value(),
    ]
}

/// A body: known and unknown properties of any type, lists of entries, and now and then cut
/// short or given a byte that is not UTF-8.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let mut names: Vec<&'static str> = CustomerPatch::PROPERTIES.to_vec();
    names.push("somethingElse");
    let property = prop_oneof![
        3 => (prop::sample::select(names), any_value()),
        1 => (
            prop::sample::select(vec!["addresses", "phones"]),
            prop::collection::vec(entry(), 0..5).prop_map(|e| format!("[{}]", e.join(","))),
        ),
    ];
    (
        prop::collection::vec(property, 0..12),
        prop_oneof![3 => Just(None), 1 => any::<prop::sample::Index>().prop_map(Some)],
        prop_oneof![4 => Just(None), 1 => any::<(prop::sample::Index, u8)>().prop_map(Some)],
    )
        .prop_map(|(props, cut, byte)| {
            let inner: Vec<String> = props.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            let mut bytes = format!("{{{}}}", inner.join(",")).into_bytes();
            if let Some(at) = cut {
                bytes.truncate(at.index(bytes.len() + 1));
            }
            if let Some((at, b)) = byte {
                let at = at.index(bytes.len() + 1);
                bytes.insert(at, b);
            }
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bodies_answer_alike_read_once(
        body in body(),
        business in any::<bool>(),
        strict in any::<bool>(),
        owner in prop::option::of(1i64..10),
        current in prop::option::of(body()),
    ) {
        let settings = if strict {
            serde_json::from_str(r#"{"usesHelixKyc": true, "allowNameUpdate": false, "allowEmailUpdate": false, "dpsClient": true, "industryClassificationCodeIds": [3]}"#).unwrap()
        } else {
            ProgramSettings::default()
        };
        let kind = if business { CustomerKind::Business } else { CustomerKind::Individual };
        let owners: HashMap<String, i64> = owner.map(|o| ("vip-7".to_owned(), o)).into_iter().collect();
        let current = current.map(|c| ParsedPatch::read(&c).into_patch());
        let today = parse_plain_date("2026-11-23").unwrap();
        let mut cx = Context::new(today).with_kind(kind);
        if let Some(c) = &current {
            cx = cx.with_current(c);
        }
        both_ways(&body, &settings, &cx, &owners)?;
    }
}
