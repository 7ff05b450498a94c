//! Inputs the fuzz targets found that broke an invariant, kept so the fix stays fixed.
//! Each test names the target and the invariant; the input is the minimised artifact.

use helix_customer_rules::{validate_json, Context, ProgramSettings};
use time::macros::date;

fn codes_and_paths(body: &[u8]) -> Vec<(u32, String)> {
    let cx = Context::new(date!(2026 - 11 - 23));
    validate_json(body, &ProgramSettings::default(), &cx)
        .iter()
        .map(|v| (v.code().get(), v.path().to_string()))
        .collect()
}

/// `json_body`: "59950 exactly when the body is not one JSON value". A byte that is not UTF-8
/// inside a value the reader skips (an array where an object or a string belongs) was not
/// reported, while the same byte in a string property was.
#[test]
fn invalid_utf8_in_a_skipped_value_is_malformed_json() {
    // The artifact's body, after its five header bytes.
    let artifact = b"[ \",#\xf1[#\" \n  ]";
    assert!(serde_json::from_slice::<serde_json::Value>(artifact).is_err());
    assert_eq!(
        codes_and_paths(artifact),
        [(59900, String::new()), (59950, String::new())]
    );
    assert_eq!(
        codes_and_paths(b"{\"gender\": [\"\xf1\"]}"),
        [(59900, "/gender".to_owned()), (59950, String::new())]
    );
    // The same byte in a string property was already malformed; unchanged.
    assert_eq!(
        codes_and_paths(b"{\"gender\": \"\xf1\"}"),
        [(59950, String::new())]
    );
    // Valid UTF-8 in the same places is no syntax error.
    assert_eq!(
        codes_and_paths("[\"é\"]".as_bytes()),
        [(59900, String::new())]
    );
}

/// `json_body`: "59950 exactly when the body is not one JSON value". An escaped lone surrogate
/// inside a value the reader skips (an object where the address list belongs) was no 59950,
/// while the same escape in a string property was. Both are JSON by the grammar: neither is
/// 59950 now, and the oracle asks the grammar, not `serde_json::Value`.
#[test]
fn a_lone_surrogate_anywhere_is_json() {
    // The artifact's body, after its five header bytes.
    let artifact = br#"{"addresses": {"addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "I\ud800A", "postalCode": "50010", "country": "US"}}"#;
    assert!(serde_json::from_slice::<serde_json::Value>(artifact).is_err());
    // The body has no customerId: 60001 says so.
    assert_eq!(
        codes_and_paths(artifact),
        [
            (59900, "/addresses".to_owned()),
            (60001, "/customerId".to_owned())
        ]
    );
    assert_eq!(
        codes_and_paths(br#"{"customerId": 7, "addresses": [{"addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "I\ud800A", "postalCode": "50010", "country": "US"}]}"#),
        []
    );
    assert_eq!(
        codes_and_paths(br#"{"customerId": 7, "gender": "\ud800"}"#),
        [(60302, "/gender".to_owned())]
    );
}

/// `json_body`: "every path resolves in the body". With a repeated key, an earlier occurrence's
/// unreadable value is reported at its own path (as rules.md says), which the body read as a
/// `serde_json::Value` (the last occurrence wins) does not hold. The crate's answer stands;
/// the target now checks paths only in bodies without repeated keys.
#[test]
fn an_earlier_occurrence_is_reported_at_its_own_path() {
    // The artifact's body, after its five header bytes.
    let artifact =
        br#"{"addresses": [5], "addresses": [5], "addresses":"5001", "customField2":"country"}"#;
    assert_eq!(
        codes_and_paths(artifact),
        [
            (59900, "/addresses".to_owned()),
            (59900, "/addresses/0".to_owned()),
            (60001, "/customerId".to_owned())
        ]
    );
}

/// `json_body`: "a body that reads strictly gives the typed patch's answer". A `customerId`
/// beyond an `i64` read strictly as no id at all, so the typed patch said `[NULL]` where the
/// body's answer names the number. Strict reading now refuses it; the lenient answer stands.
#[test]
fn a_customer_id_beyond_64_bits_is_not_read_strictly_as_none() {
    let body = br#"{"customerId": 18446744073709551615}"#;
    let strict = serde_json::from_slice::<helix_customer_rules::CustomerPatch>(body);
    let error = strict
        .expect_err("no typed patch holds this id")
        .to_string();
    assert!(error.contains("/customerId"), "{error}");
    assert_eq!(codes_and_paths(body), [(60001, "/customerId".to_owned())]);
    let cx = Context::new(date!(2026 - 11 - 23));
    let out = validate_json(body, &ProgramSettings::default(), &cx);
    assert_eq!(
        out[0].message(),
        "Customer id 18446744073709551615 is invalid."
    );
}
