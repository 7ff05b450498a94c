//! Cost grows with the input, never faster, and bounded rules give bounded lists.
//!
//! No clock: each case runs at size n and 2n and compares what the engine produced. A rule that
//! reports once for the whole list (60350, 60351) reports once at either size; a rule that
//! reports per entry reports exactly twice as often at 2n, with the same paths shifted; a
//! nesting depth past the reader's limit ends the read at the limit, so a body a hundred times
//! deeper gives the same answer. The sizes are the issue's: a 1 MiB address line, 100 000
//! phones, 100 000 addresses, a body nested 100 000 deep.

use helix_customer_rules::{validate, validate_json, Context, ProgramSettings, Violation};
use serde_json::json;
use time::macros::date;

fn cx() -> Context<'static> {
    Context::new(date!(2026 - 11 - 23))
}

fn codes(out: &[Violation]) -> Vec<(u32, String)> {
    out.iter()
        .map(|v| (v.code().get(), v.path().to_string()))
        .collect()
}

/// A JSON array of `n` copies of `item`, written directly (no `Value` tree of that size).
fn array_of(n: usize, item: &str) -> String {
    let mut s = String::with_capacity(n * (item.len() + 1) + 2);
    s.push('[');
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str(item);
    }
    s.push(']');
    s
}

const N: usize = 100_000;

#[test]
fn many_phones_one_violation() {
    let settings = ProgramSettings::default();
    for n in [N, 2 * N] {
        let phone = r#"{"phoneType":"Home","number":"5152221212"}"#;
        let body = format!(r#"{{"customerId":7,"phones":{}}}"#, array_of(n, phone));
        let out = validate_json(body.as_bytes(), &settings, &cx());
        assert_eq!(codes(&out), [(60351, "/phones".to_owned())], "n = {n}");
    }
}

#[test]
fn many_addresses_one_violation() {
    let settings = ProgramSettings {
        dps_client: true,
        ..ProgramSettings::default()
    };
    for n in [N, 2 * N] {
        let a = r#"{"addressType":"Residence","addressLine1":"1 Main St","city":"Ames","state":"IA","postalCode":"50010","country":"US"}"#;
        let body = format!(r#"{{"customerId":7,"addresses":{}}}"#, array_of(n, a));
        let out = validate_json(body.as_bytes(), &settings, &cx());
        assert_eq!(codes(&out), [(60350, "/addresses".to_owned())], "n = {n}");
    }
}

/// Per-entry rules: at 2n exactly twice the violations, at the next n indexes.
#[test]
fn per_entry_violations_scale_exactly() {
    let settings = ProgramSettings::default();
    let run = |n: usize| {
        let body = format!(
            r#"{{"customerId":7,"phones":{},"addresses":{}}}"#,
            array_of(n, r#"{"phoneType":"Cell","number":" "}"#),
            array_of(
                n,
                r#"{"addressType":"Mailing","addressLine1":"1 Main St","state":"IA","postalCode":"50010","country":"US"}"#
            ),
        );
        validate_json(body.as_bytes(), &settings, &cx())
    };
    let small = run(N / 2);
    let large = run(N);
    // 60350 + 60351 once; 66801, 66802 and 66903 once per entry.
    assert_eq!(small.len(), 2 + 3 * (N / 2));
    assert_eq!(large.len(), 2 + 3 * N);
    for code in [66801, 66802, 66903] {
        let count = |out: &[Violation]| out.iter().filter(|v| v.code().get() == code).count();
        assert_eq!(2 * count(&small), count(&large), "{code}");
    }
    let last = large.last().expect("violations");
    assert_eq!(
        last.path().to_string(),
        format!("/addresses/{}/city", N - 1)
    );
}

/// A 1 MiB (and 2 MiB) address line: one 66908 for a DPS program, one 66907 when a PO box is
/// at the very end of a Residence line, and the same typed and as bytes.
#[test]
fn megabyte_address_line() {
    let settings = ProgramSettings {
        dps_client: true,
        ..ProgramSettings::default()
    };
    for mib in [1, 2] {
        let filler = "é Boxwood Ln ".repeat(mib * (1 << 20) / "é Boxwood Ln ".len());
        for (tail, po) in [("", false), ("PO Box 12", true)] {
            let line = format!("{filler}{tail}");
            let patch = serde_json::from_value(json!({ "customerId": 7, "addresses": [
                { "addressType": "Residence", "addressLine1": line, "city": "Ames", "state": "IA",
                  "postalCode": "50010", "country": "US" } ] }))
            .expect("a patch");
            let out = validate(&patch, &settings, &cx());
            let mut want = vec![(66908, "/addresses/0/addressLine1".to_owned())];
            if po {
                want.insert(0, (66907, "/addresses/0/addressLine1".to_owned()));
            }
            assert_eq!(codes(&out), want, "{mib} MiB, PO box: {po}");
            let bytes = serde_json::to_vec(&patch).expect("serializes");
            assert_eq!(validate_json(&bytes, &settings, &cx()), out);
        }
    }
}

/// Nesting never costs more than the body's length, and never gives more than one violation
/// for the nested property: 1 000 and 100 000 levels of arrays or objects give the same answer,
/// and properties read before it still count. (Where a scalar belongs the nesting is skipped
/// unread and reported as 59900; in an unknown property the reader's depth limit ends the read
/// with 59950.)
#[test]
fn deeply_nested_body() {
    let settings = ProgramSettings::default();
    let nested = |depth: usize, key: &str, open: &str, close: &str| {
        format!(
            r#"{{"customerId":7,"gender":"X","{key}":{}{}}}"#,
            open.repeat(depth),
            close.repeat(depth)
        )
    };
    for key in ["customField1", "addresses", "somethingElse"] {
        for (open, close) in [("[", "]"), (r#"{"a":"#, "}")] {
            let outs: Vec<_> = [1_000, 100_000]
                .into_iter()
                .map(|d| {
                    let body = nested(d, key, open, close);
                    codes(&validate_json(body.as_bytes(), &settings, &cx()))
                })
                .collect();
            assert_eq!(outs[0], outs[1], "{key} {open}");
            assert_eq!(outs[0].len(), 2, "{key} {open}: {:?}", outs[0]);
            assert!(
                outs[0].contains(&(60302, "/gender".to_owned())),
                "{key} {open}"
            );
            assert!(
                outs[0].iter().any(|(c, _)| [59900, 59950].contains(c)),
                "{key} {open}: {:?}",
                outs[0]
            );
        }
    }
}

/// Many addresses against a current record just as long: Helix keeps one address per type, so
/// each patch address is compared with the current record's first address of its type, not
/// with all of them (which would be n x n comparisons: 4 * 10^10 at 2n).
#[test]
fn many_addresses_against_a_current_record() {
    let settings = ProgramSettings {
        allow_residence_address_update: false,
        ..ProgramSettings::default()
    };
    let a = json!({ "addressType": "Residence", "addressLine1": "1 Main St", "city": "Ames",
                    "state": "IA", "postalCode": "50010", "country": "US" });
    let other = json!({ "addressType": "residence", "addressLine1": "2 Main St", "city": "Ames",
                        "state": "IA", "postalCode": "50010", "country": "US" });
    for n in [N, 2 * N] {
        let current = format!(
            r#"{{"customerId":7,"addresses":[{a},{}]}}"#,
            array_of(n - 1, &other.to_string()).trim_matches(['[', ']'])
        );
        let current = serde_json::from_str(&current).expect("a record");
        let body = format!(
            r#"{{"customerId":7,"addresses":{}}}"#,
            array_of(n, &a.to_string())
        );
        let out = validate_json(body.as_bytes(), &settings, &cx().with_current(&current));
        // Every entry equals the current Residence address: unchanged, so no 60308.
        assert_eq!(codes(&out), [(60350, "/addresses".to_owned())], "n = {n}");
    }
}
