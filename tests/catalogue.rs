//! The catalogue: registry invariants, the examples in every rule's docs, and rules.md.

// Tests read their fixtures and rules.md from disk; the ban on I/O is for the library.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeSet;

use helix_customer_rules::__private::examples;
use helix_customer_rules::catalogue::markdown;
use helix_customer_rules::{evaluate_request, rule, RULES};
use time::macros::date;

/// The day examples are evaluated on when they do not say.
const EXAMPLE_DAY: time::Date = date!(2026 - 01 - 01);

/// The 29 codes of Helix's update page: each must have a rule.
const SEED_CODES: [u32; 29] = [
    60301, 60302, 60303, 60304, 60305, 60306, 60307, 60308, 60350, 60351, 60450, 66801, 66802,
    66901, 66902, 66903, 66904, 66905, 66906, 66907, 66908, 194102, 194103, 194104, 194105, 194106,
    194107, 194108, 194109,
];

/// The common error codes about the request body that the crate reports.
const PAYLOAD_CODES: [u32; 4] = [59900, 59950, 59952, 59953];

/// Every `properties` entry of a rule is a wire name of the model (`addresses[].city` names a
/// property of an address), and every `settings` entry a key of `ProgramSettings`: the
/// catalogue cannot name a property or a setting that does not exist.
#[test]
fn properties_and_settings_are_real_wire_names_and_keys() {
    use helix_customer_rules::{Address, CustomerPatch, Phone, ProgramSettings};
    let settings = serde_json::to_value(ProgramSettings::default()).unwrap();
    for r in RULES {
        for p in r.properties {
            let known = match p.split_once("[].") {
                Some(("addresses", sub)) => Address::PROPERTIES.contains(&sub),
                Some(("phones", sub)) => Phone::PROPERTIES.contains(&sub),
                Some(_) => false,
                None => CustomerPatch::PROPERTIES.contains(p),
            };
            assert!(
                known,
                "{} ({}) names the property {p:?}, which the model does not know",
                r.name, r.code
            );
        }
        for s in r.settings {
            assert!(
                settings.get(s).is_some(),
                "{} ({}) names the setting {s:?}, which ProgramSettings does not have",
                r.name,
                r.code
            );
        }
    }
}

/// Every setting is in the README's settings table: a new key cannot land undocumented.
#[test]
fn readme_documents_every_setting() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let settings = serde_json::to_value(helix_customer_rules::ProgramSettings::default()).unwrap();
    for key in settings.as_object().unwrap().keys() {
        assert!(
            readme
                .lines()
                .any(|l| l.starts_with('|') && l.contains(&format!("`{key}`"))),
            "README.md's settings table does not name `{key}`"
        );
    }
}

#[test]
fn codes_are_unique_and_ascending() {
    for pair in RULES.windows(2) {
        assert!(
            pair[0].code < pair[1].code,
            "RULES must be in strictly ascending code order: {} then {} (fix the table in src/registry.rs)",
            pair[0].code,
            pair[1].code
        );
    }
}

#[test]
fn every_seed_code_has_a_rule() {
    for code in SEED_CODES {
        assert!(
            rule(code).is_some(),
            "no rule for Helix code {code}: declare one in src/rules/"
        );
    }
}

/// The codes Helix's current update page adds to the seed's.
const CURRENT_PAGE_CODES: [u32; 12] = [
    60001, 60006, 60007, 60263, 60264, 60265, 60266, 60352, 60353, 60354, 60355, 60356,
];

#[test]
fn every_current_page_code_has_a_rule_that_says_where_it_comes_from() {
    use helix_customer_rules::Source;
    for code in CURRENT_PAGE_CODES {
        let r = rule(code)
            .unwrap_or_else(|| panic!("no rule for Helix code {code}: declare one in src/rules/"));
        assert_eq!(r.source, Source::CurrentUpdatePage, "{code}");
    }
    for r in RULES {
        let expected = match r.code.get() {
            58000..=58999 => Source::DocumentedLimit,
            59000..=59999 => Source::CommonErrorCodes,
            c if CURRENT_PAGE_CODES.contains(&c) => Source::CurrentUpdatePage,
            _ => r.source,
        };
        assert_eq!(r.source, expected, "{} ({})", r.name, r.code);
        assert_eq!(
            r.severity == helix_customer_rules::Severity::Warning,
            r.source == Source::DocumentedLimit,
            "{} ({}): the crate's own codes, and only they, are warnings",
            r.name,
            r.code
        );
    }
}

#[test]
fn codes_are_helix_or_third_party() {
    for r in RULES {
        let c = r.code.get();
        assert!(
            SEED_CODES.contains(&c)
                || CURRENT_PAGE_CODES.contains(&c)
                || PAYLOAD_CODES.contains(&c)
                || (58000..=58999).contains(&c),
            "{} ({c}) is neither a documented Helix code nor in the 58000-58999 third-party range",
            r.name
        );
    }
}

#[test]
fn names_are_unique_and_messages_present() {
    let mut names = BTreeSet::new();
    for r in RULES {
        assert!(names.insert(r.name), "rule name {} is used twice", r.name);
        assert!(!r.message.is_empty(), "{} has no message", r.name);
        assert!(
            r.docs.contains("### What it checks"),
            "{} has no '### What it checks' section",
            r.name
        );
    }
}

/// Runs one example document (bare objects are patches for an individual under default
/// settings): the codes of its violations and warnings.
fn run_example(text: &str) -> Vec<u32> {
    let value: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("example is not JSON ({e}):\n{text}"));
    let doc = if value.get("patch").is_some() || value.get("patchText").is_some() {
        value
    } else {
        serde_json::json!({ "patch": value })
    };
    let out = evaluate_request(doc.to_string().as_bytes(), Some(EXAMPLE_DAY))
        .expect("example document is well-formed");
    out.violations
        .iter()
        .chain(&out.warnings)
        .map(|v| v.code().get())
        .collect()
}

#[test]
fn every_rule_documents_an_example_that_fires_and_one_that_does_not() {
    for r in RULES {
        let ex = examples(r.docs);
        assert!(
            ex.iter().any(|(fires, _)| *fires),
            "{} ({}) has no ```json,invalid example in its docs",
            r.name,
            r.code
        );
        assert!(
            ex.iter().any(|(fires, _)| !*fires),
            "{} ({}) has no ```json,valid example in its docs",
            r.name,
            r.code
        );
        for (fires, text) in ex {
            let codes = run_example(&text);
            assert_eq!(
                codes.contains(&r.code.get()),
                fires,
                "{} ({}): the example should {} but gave {codes:?}:\n{text}",
                r.name,
                r.code,
                if fires { "fire" } else { "stay silent" }
            );
            if !fires {
                assert!(
                    codes.is_empty(),
                    "{} ({}): the valid example should be valid, gave {codes:?}:\n{text}",
                    r.name,
                    r.code
                );
            }
        }
    }
}

#[test]
fn rules_md_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules.md");
    let want = markdown();
    if std::env::var_os("UPDATE_RULES").is_some() {
        std::fs::write(path, &want).expect("write rules.md");
        return;
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "rules.md is stale: regenerate it with `UPDATE_RULES=1 cargo test --test catalogue` and commit it"
    );
}
