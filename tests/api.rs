//! The API a Rust service uses: thread-safety of what a handler holds, the forms a tag lookup
//! takes, a service's own violations beside the crate's, reading result documents back, the
//! error for `?`, names that do not clash, and the current record from Helix's own answer.

// Tests read their fixtures from disk; the ban on I/O is for the library.
#![allow(clippy::disallowed_methods)]

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use helix_customer_rules::time::Date;
use helix_customer_rules::{
    check, check_json, merge_violations, validate, validate_json, CustomerPatch, JsonPointer,
    Outcome, ParsedPatch, Path, ProgramSettings, Rejected, TagLookup, TagSource, ValidationContext,
    Violation,
};

const TODAY: Date = match Date::from_calendar_date(2026, time::Month::November, 23) {
    Ok(d) => d,
    Err(_) => panic!("a real day"),
};

fn codes(v: &[Violation]) -> Vec<u32> {
    v.iter().map(|v| v.code().get()).collect()
}

/// Compile-time: everything a handler holds may cross threads and `.await` points.
const fn send_sync<T: Send + Sync>() {}
const _: () = {
    send_sync::<ValidationContext<'static>>();
    send_sync::<ValidationContext<'_>>();
    send_sync::<TagSource<'static>>();
    send_sync::<ParsedPatch>();
    send_sync::<CustomerPatch>();
    send_sync::<ProgramSettings>();
    send_sync::<Outcome>();
    send_sync::<Violation>();
    send_sync::<Rejected>();
    send_sync::<Path>();
    send_sync::<helix_customer_rules::RecordError>();
};

/// A future that holds a context (over a shared store) across an `.await` is `Send`: what an
/// axum or tokio handler needs. Checked by the compiler; the future is never run.
#[test]
fn a_context_can_be_held_across_an_await() {
    fn spawnable<F: std::future::Future + Send + 'static>(f: F) -> F {
        f
    }
    let store: Arc<HashMap<String, i64>> = Arc::new(HashMap::from([("vip-7".into(), 8)]));
    let fut = spawnable(async move {
        let cx = ValidationContext::new(TODAY).with_tags(Arc::clone(&store));
        std::future::ready(()).await;
        validate_json(br#"{"tag": "vip-7"}"#, &ProgramSettings::default(), &cx)
    });
    drop(fut);
}

struct Store {
    owners: HashMap<String, i64>,
}

impl Store {
    fn tag_owner(&self, tag: &str) -> Option<i64> {
        self.owners.get(tag).copied()
    }
}

impl TagLookup for Store {
    fn owner(&self, tag: &str) -> Option<i64> {
        self.tag_owner(tag)
    }
}

fn new_store() -> Store {
    Store {
        owners: HashMap::from([("vip-7".to_owned(), 8)]),
    }
}

/// Every form of tag lookup the issue names, each kept in a `let` and used after: the owner
/// of `vip-7` is 8, so customer 7 sending it is 60303.
#[test]
fn tag_lookups_in_every_form() {
    let body = br#"{"customerId": 7, "tag": "vip-7"}"#;
    let settings = ProgramSettings::default();
    let fires = |cx: &ValidationContext<'_>| codes(&validate_json(body, &settings, cx)) == [60303];
    let cx = ValidationContext::new(TODAY);
    assert!(!fires(&cx), "no lookup, no owner");

    let store = new_store();
    let shared = Arc::new(new_store());

    // A closure written inline, borrowing the store.
    let inline = cx.clone().with_tag_fn(|t| store.tag_owner(t));
    assert!(fires(&inline));
    // A closure that moves an `Arc` in: a context that borrows nothing.
    let moved: ValidationContext<'static> = {
        let s = Arc::clone(&shared);
        cx.clone().with_tag_fn(move |t| s.tag_owner(t))
    };
    assert!(fires(&moved));
    // &T, Arc<T>, &Arc<T>, Box<T>, and a trait object.
    assert!(fires(&cx.clone().with_tags(&store)));
    let arc: ValidationContext<'static> = cx.clone().with_tags(Arc::clone(&shared));
    assert!(fires(&arc));
    assert!(fires(&cx.clone().with_tags(&shared)));
    let boxed: ValidationContext<'static> = cx.clone().with_tags(Box::new(new_store()));
    assert!(fires(&boxed));
    let dynamic: Arc<dyn TagLookup + Send + Sync> = Arc::new(new_store());
    assert!(fires(&cx.clone().with_tags(dynamic)));
    let dyn_ref: &(dyn TagLookup + Sync) = &store;
    assert!(fires(&cx.clone().with_tags(dyn_ref)));
    // Maps, and a reference to a closure whose argument is annotated.
    let map = BTreeMap::from([("vip-7".to_owned(), 8)]);
    assert!(fires(&cx.clone().with_tags(&map)));
    let lookup = |t: &str| (t == "vip-7").then_some(8);
    assert!(fires(&cx.clone().with_tags(&lookup)));
    // A clone answers as the original.
    assert!(fires(&boxed.clone()));
}

#[test]
fn a_services_violations_join_the_crates_in_the_contracts_order() {
    let body = br#"{"customerId": 8, "gender": "X", "emailAddress": "not an address"}"#;
    let mut outcome = check_json(
        body,
        &ProgramSettings::default(),
        &ValidationContext::new(TODAY),
    );
    assert_eq!(codes(&outcome.violations), [60302, 60304]);
    outcome.merge([
        Violation::new(
            900_001,
            Path::field("customerId"),
            "customerId does not match the URL.",
        ),
        Violation::new(60_000, Path::root(), "A service check on the whole body."),
        // Same (code, path) as one of the crate's: the crate's is kept.
        Violation::new(60302, Path::field("gender"), "Another wording."),
        // The service's own warning (58xxx is the warning range), at a path nothing holds.
        Violation::new(58_999, Path::field("suffix"), "A service warning."),
        // A warning where a violation holds the path is dropped, as the contract says.
        Violation::new(58_998, Path::field("gender"), "Hidden by 60302."),
    ]);
    assert!(!outcome.valid);
    let found: Vec<(u32, String)> = outcome
        .violations
        .iter()
        .map(|v| (v.code().get(), v.path().to_string()))
        .collect();
    assert_eq!(
        found,
        [
            (60000, String::new()),
            (60302, "/gender".into()),
            (60304, "/emailAddress".into()),
            (900_001, "/customerId".into()),
        ]
    );
    assert_eq!(
        outcome.violations[1].message(),
        "Gender is invalid. Valid values are: 'M', 'F', and 'U'."
    );
    assert_eq!(codes(&outcome.warnings), [58_999]);

    // On a valid outcome, an error makes it invalid; a warning alone does not.
    let mut ok = check(
        &CustomerPatch {
            customer_id: Some(7),
            ..CustomerPatch::default()
        },
        &ProgramSettings::default(),
        &ValidationContext::new(TODAY),
    );
    ok.merge([Violation::new(58_999, Path::field("suffix"), "w")]);
    assert!(ok.valid);
    ok.merge([Violation::new(900_001, Path::field("suffix"), "e")]);
    assert!(!ok.valid && ok.warnings.is_empty(), "{ok:?}");

    // Plain lists merge the same way, by code then path segment by segment.
    let mut list = vec![Violation::new(
        66902,
        Path::field("addresses").index(10).name("addressLine1"),
        "a",
    )];
    merge_violations(
        &mut list,
        [
            Violation::new(
                66902,
                Path::field("addresses").index(2).name("addressLine1"),
                "b",
            ),
            Violation::new(1, Path::field("phones"), "c"),
        ],
    );
    let order: Vec<&str> = list.iter().map(Violation::message).collect();
    assert_eq!(order, ["c", "b", "a"]);
}

#[test]
fn result_documents_read_back() {
    let body = br#"{"customerId": 7, "gender": "X", "phones": [{"phoneType": "Home"}, {"phoneType": "Fax", "number": "1"}], "isDocumentsAccepted": "yes"}"#;
    let outcome = check_json(
        body,
        &ProgramSettings::default(),
        &ValidationContext::new(TODAY),
    );
    assert!(!outcome.violations.is_empty());
    let text = serde_json::to_string(&outcome).unwrap();
    let back: Outcome = serde_json::from_str(&text).unwrap();
    assert_eq!(back, outcome);
    let one: Violation =
        serde_json::from_str(&serde_json::to_string(&outcome.violations[0]).unwrap()).unwrap();
    assert_eq!(one, outcome.violations[0]);

    // Inconsistent or foreign documents are errors.
    let lying = r#"{"valid": true, "violations": [{"code": 60302, "path": "/gender", "message": "m"}], "warnings": []}"#;
    assert!(serde_json::from_str::<Outcome>(lying)
        .unwrap_err()
        .to_string()
        .contains("valid"));
    let extra = r#"{"code": 1, "path": "", "message": "m", "severity": "error"}"#;
    assert!(serde_json::from_str::<Violation>(extra).is_err());
    // Results written before warnings existed.
    let old: Outcome = serde_json::from_str(r#"{"valid": true, "violations": []}"#).unwrap();
    assert!(old.valid && old.warnings.is_empty());
}

#[test]
fn every_golden_path_parses_back_to_itself() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let file: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in file["cases"].as_array().unwrap() {
            for key in ["expected", "warnings"] {
                let Some(list) = case.get(key).and_then(|l| l.as_array()) else {
                    continue;
                };
                for v in list {
                    let read: Violation = serde_json::from_value(v.clone())
                        .unwrap_or_else(|e| panic!("{}: {v}: {e}", case["name"]));
                    assert_eq!(serde_json::to_value(&read).unwrap(), *v);
                    seen += 1;
                }
            }
        }
    }
    assert!(seen > 100, "only {seen} violations read");
}

#[test]
fn pointers_parse_strictly() {
    let p: JsonPointer = "/addresses/10/postalCode".parse().unwrap();
    assert_eq!(p, Path::field("addresses").index(10).name("postalCode"));
    assert_eq!("".parse::<Path>(), Ok(Path::root()));
    for bad in [
        "addresses",
        "/notAProperty",
        "/addresses/01",
        "/addresses/0/city/x",
        "/a~1b",
        "/addresses/99999999999999999999999",
    ] {
        assert!(bad.parse::<Path>().is_err(), "{bad}");
    }
    // The error never repeats the text: a pointer from elsewhere may hold anything.
    let e = "/123-45-6789x".parse::<Path>().unwrap_err().to_string();
    assert!(!e.contains("6789"), "{e}");
}

#[test]
fn rejected_is_an_error_for_question_mark() {
    fn update(body: &[u8]) -> Result<Vec<Violation>, Box<dyn std::error::Error + Send + Sync>> {
        let parsed = ParsedPatch::read(body);
        Ok(parsed
            .check(&ProgramSettings::default(), &ValidationContext::new(TODAY))
            .into_result()?)
    }
    assert_eq!(update(br#"{"customerId": 7, "gender": "F"}"#).unwrap(), []);
    let err =
        update(br#"{"customerId": 7, "gender": "X", "birthDate": "1899-12-31"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Helix would reject the update: 60301 at /birthDate, 60302 at /gender"
    );
    let rejected = err.downcast::<Rejected>().unwrap();
    assert_eq!(codes(rejected.violations()), [60301, 60302]);
    // It serializes as the result document: a 422 body as it is.
    let doc: Outcome = serde_json::from_value(serde_json::to_value(&*rejected).unwrap()).unwrap();
    assert_eq!(doc, rejected.into_outcome());
    // A body that is not JSON is rejected at its root, never echoed.
    let e = update(b"{\"taxId\": \"123456789\"")
        .unwrap_err()
        .to_string();
    assert_eq!(e, "Helix would reject the update: 59950 at the body");
}

#[test]
fn growth_policy_struct_update_syntax_compiles() {
    // The forms the growth policy promises keep compiling when Helix adds properties.
    let patch = CustomerPatch {
        customer_id: Some(7),
        first_name: Some("Ada".into()),
        ..CustomerPatch::default()
    };
    let address = helix_customer_rules::Address {
        city: Some("Ames".into()),
        ..Default::default()
    };
    let settings = ProgramSettings {
        allow_name_update: false,
        ..ProgramSettings::default()
    };
    let CustomerPatch { first_name, .. } = &patch;
    assert_eq!(first_name.as_deref(), Some("Ada"));
    assert_eq!(address.city.as_deref(), Some("Ames"));
    assert_eq!(
        codes(&validate(&patch, &settings, &ValidationContext::new(TODAY))),
        [60306]
    );
}

fn fixture() -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/helix/customer-get.json"),
    )
    .unwrap()
}

/// A record read from a Helix-shaped `GET /customer/get` answer: empty strings where Helix
/// stores nothing, a two-culture string, read-only properties. An object-model SDK sends the
/// whole record back; under a program that freezes identity, names and email, that is no update.
#[test]
fn current_record_from_helixs_own_answer() {
    let bytes = fixture();
    let current = CustomerPatch::from_helix_response(&bytes).unwrap();
    assert_eq!(current.customer_id, Some(1234));
    assert_eq!(current.email_address.as_deref(), Some(""));
    assert_eq!(current.culture.as_deref(), Some("en-US/es-US"));
    assert_eq!(current.custom_field1.as_deref(), Some(""));
    assert!(
        current.unknown.contains_key("createdDate") && current.unknown.contains_key("isLocked")
    );
    let addresses = current.addresses.as_deref().unwrap();
    assert!(addresses[0].unknown.contains_key("addressId"));
    // The data object alone reads the same.
    let envelope: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let data = serde_json::to_vec(&envelope["data"]).unwrap();
    assert_eq!(CustomerPatch::from_helix_record(&data).unwrap(), current);

    let frozen: ProgramSettings = serde_json::from_str(
        r#"{"usesHelixKyc": true, "allowNameUpdate": false, "allowEmailUpdate": false, "allowResidenceAddressUpdate": false}"#,
    )
    .unwrap();
    let cx = ValidationContext::new(TODAY).with_current(&current);
    // The record sent back as it came (read-only properties included).
    let outcome = check_json(&data, &frozen, &cx);
    assert!(outcome.valid, "{outcome:?}");
    // Without the record, the same body is full of updates.
    let without = validate_json(&data, &frozen, &ValidationContext::new(TODAY));
    assert!(
        codes(&without).contains(&60450) && codes(&without).contains(&60307),
        "{without:?}"
    );
    // One real change is reported, and only it.
    let mut changed = envelope["data"].clone();
    changed["firstName"] = "Augusta".into();
    let v = validate_json(&serde_json::to_vec(&changed).unwrap(), &frozen, &cx);
    let found: Vec<(u32, String)> = v
        .iter()
        .map(|v| (v.code().get(), v.path().to_string()))
        .collect();
    assert_eq!(
        found,
        [
            (60306, "/firstName".to_owned()),
            (60450, "/firstName".to_owned())
        ]
    );
}

#[test]
fn helix_answers_that_are_no_record() {
    let err = CustomerPatch::from_helix_response(br#"{"data": null, "errors": [{"code": 60001, "message": "Customer id 5 is invalid."}], "status": 400}"#)
        .unwrap_err();
    assert_eq!(err.to_string(), "Helix answered with errors: 60001");
    assert!(CustomerPatch::from_helix_response(br#"{"errors": []}"#).is_err());
    // A property of the wrong type names its path, never its value.
    let e = CustomerPatch::from_helix_record(br#"{"addresses": "123456789"}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("/addresses") && !e.contains("123456789"), "{e}");
}
