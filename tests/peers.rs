//! The benchmark's peers (benches/peers/) must implement the same rules as the crate, or the
//! comparison in BENCHMARKS.md means nothing: on every workload each peer reaches the crate's
//! verdict, and flags what it can express of the crate's findings.

#[path = "../benches/peers/mod.rs"]
mod peers;

use helix_customer_rules::__private::po_box;
use helix_customer_rules::{validate, validate_json};
use peers::schema_peer::SchemaPeer;
use peers::{garde_peer, validator_peer, workloads, PeerCtx};

#[test]
fn peers_reach_the_crates_verdict_on_every_workload() {
    for w in workloads::all() {
        let ours = validate(&w.patch(), &w.settings, &w.context());
        assert_eq!(
            ours,
            validate_json(w.body, &w.settings, &w.context()),
            "{}",
            w.name
        );
        let ours_valid = ours.is_empty();
        let ctx = PeerCtx::of(&w);

        let garde_patch: garde_peer::Patch = serde_json::from_slice(w.body).unwrap();
        let garde = garde_peer::validate(&garde_patch, &ctx);
        assert_eq!(garde.is_ok(), ours_valid, "garde on {}: {garde:?}", w.name);

        let validator_patch: validator_peer::Patch = serde_json::from_slice(w.body).unwrap();
        let validator = validator_peer::validate(&validator_patch, &ctx);
        assert_eq!(
            validator.is_ok(),
            ours_valid,
            "validator on {}: {validator:?}",
            w.name
        );

        let schema = SchemaPeer::new(&w.settings, w.kind);
        let doc = w.value();
        let errors = schema.validate(&doc);
        assert_eq!(
            errors.is_empty(),
            ours_valid,
            "jsonschema on {}: {errors:?}",
            w.name
        );
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

#[test]
fn garde_finds_what_the_crate_finds() {
    let w = workloads::full_invalid();
    let patch: garde_peer::Patch = serde_json::from_slice(w.body).unwrap();
    let report = garde_peer::validate(&patch, &PeerCtx::of(&w)).unwrap_err();
    let mut found: Vec<String> = report
        .iter()
        .map(|(path, e)| format!("{path} {}", e.message()))
        .collect();
    found.sort();
    // A sample of the crate's findings, by garde's (field-name) paths. garde misses only the
    // email profile: its HTML5 rule accepts `ada@localhost`.
    for expected in [
        "addresses 60350",
        "addresses[0].address_line1 66907",
        "addresses[0].address_line2 66908",
        "addresses[1].address_type 66901",
        "addresses[2].city 66903",
        "addresses[3].address_line1 66902",
        "birth_date 60301",
        "drivers_license_issue_date 59952",
        "first_name 60306",
        "phones 60351",
        "phones[0].phone_type 66801",
        "tag 60303",
    ] {
        assert!(
            found.iter().any(|f| f == expected),
            "{expected} not in {found:#?}"
        );
    }
}

#[test]
fn peers_use_the_crates_po_box_pattern() {
    for line in [
        "P.O. Box 12",
        "pobox 9",
        "12 Boxwood Ln",
        "Caller 1234",
        "Apdo. 44",
        "1 Post Office Square",
        "\u{212A}",
        "PO\u{a0}Box 1",
    ] {
        assert_eq!(peers::is_po_box(line), po_box::is_po_box(line), "{line}");
    }
}
