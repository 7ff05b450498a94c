//! The engine's invariants, checked the same way by the property tests (`tests/properties.rs`
//! includes this file) and by every fuzz target.
//!
//! - the output is strictly ordered by (code, path segment by segment): sorted, no duplicates;
//! - every code is in the registry and every message is that rule's template, with
//!   placeholders filled only where Helix's template has them (values are never echoed
//!   elsewhere);
//! - every path is a pointer the schema has, and resolves in the body (a required property
//!   that is missing resolves when its parent object does);
//! - the same input gives the same output; `validate_json` of the serialized patch equals
//!   `validate` of the patch;
//! - setting one property to `null` (no change) removes exactly the violations at or under it,
//!   and filling one missing required property of an entry removes exactly its own;
//! - a current record equal to the patch makes every value unchanged: no policy rule fires.

use helix_customer_rules::{
    rule, validate, validate_json, Address, Context, CustomerPatch, Judges, Phone, ProgramSettings,
    Segment, Violation, RULES,
};
use serde_json::Value;

/// The schema's boolean properties, at any level.
pub const BOOL_PROPERTIES: [&str; 6] = [
    "isSubjectToBackupWithholding",
    "isOptedInToBankCommunication",
    "isDocumentsAccepted",
    "usePreferredNameOnCard",
    "isTaxExempt",
    "isActive",
];

/// The JSON types 59900 may name, found and expected: never a value.
const JSON_TYPES: [&str; 7] = [
    "null", "boolean", "number", "string", "array", "object", "integer",
];

/// Whether a code depends on the program's switches and on what changed: the rules that judge
/// updates only, as the catalogue declares them (a new policy rule joins without an edit here).
fn is_policy(code: u32) -> bool {
    rule(code).is_some_and(|r| r.judges == Judges::Updates)
}

/// Checks one result's shape against the body it was computed from. `body` is `None` when
/// the body is not JSON at all (then paths are only checked against the schema).
///
/// # Panics
/// On any broken invariant, naming it.
pub fn check_output(body: Option<&Value>, out: &[Violation]) {
    for pair in out.windows(2) {
        assert!(
            (pair[0].code(), pair[0].path()) < (pair[1].code(), pair[1].path()),
            "output not strictly ordered by (code, path): {} then {}",
            pair[0],
            pair[1]
        );
    }
    for v in out {
        check_message(v);
        check_schema_path(v);
        if let Some(body) = body {
            assert!(
                resolves(body, v),
                "path of {v} does not resolve in the body"
            );
        }
    }
}

fn check_message(v: &Violation) {
    let code = v.code().get();
    let info = rule(code).unwrap_or_else(|| panic!("code {code} is not in the registry"));
    let fits = fills(info.message, v.message())
        || info.business_message.is_some_and(|m| fills(m, v.message()));
    assert!(fits, "message of {v} is not its rule's template");
    // Where the template takes arguments, the arguments must be names, not values.
    match code {
        59900 => {
            let inner = v
                .message()
                .strip_prefix("Could not convert ")
                .and_then(|m| m.strip_suffix('.'))
                .expect("59900 message shape");
            let (found, expected) = inner.split_once(" to ").expect("59900 message shape");
            assert!(
                JSON_TYPES.contains(&found) && JSON_TYPES.contains(&expected),
                "59900 names something other than JSON types: {v}"
            );
        }
        59952 | 59953 => {
            let name = v
                .message()
                .split('\'')
                .nth(1)
                .expect("59952/59953 quote the property");
            let last = match v.path().segments().last() {
                Some(Segment::Name(n)) => *n,
                _ => panic!("59952/59953 at a path without a property: {v}"),
            };
            assert_eq!(name, last, "59952/59953 names another property: {v}");
        }
        _ => {}
    }
}

/// Whether `message` is `template` with each `{...}` replaced by some text.
fn fills(template: &str, message: &str) -> bool {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        pieces.push(&rest[..open]);
        rest = &rest[open + close + 1..];
    }
    pieces.push(rest);
    if pieces.len() == 1 {
        return message == template;
    }
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    let Some(mut m) = message.strip_prefix(first) else {
        return false;
    };
    for piece in &pieces[1..pieces.len() - 1] {
        let Some(at) = m.find(piece) else {
            return false;
        };
        m = &m[at + piece.len()..];
    }
    m.ends_with(last)
}

/// The known property names of the object at `parent` (a pointer's segments), if it is one.
fn known_properties(parent: &[Segment]) -> Option<&'static [&'static str]> {
    match parent {
        [] => Some(CustomerPatch::PROPERTIES),
        [Segment::Name("addresses"), Segment::Index(_)] => Some(Address::PROPERTIES),
        [Segment::Name("phones"), Segment::Index(_)] => Some(Phone::PROPERTIES),
        _ => None,
    }
}

/// Every path names a place the schema has: a top-level property, a list entry, or an entry's
/// property.
fn check_schema_path(v: &Violation) {
    let segs = v.path().segments();
    let ok = match segs {
        [] | [Segment::Name("addresses" | "phones"), Segment::Index(_)] => true,
        [Segment::Name(n)] => CustomerPatch::PROPERTIES.contains(n),
        [parent @ .., Segment::Name(n)] => known_properties(parent).is_some_and(|p| p.contains(n)),
        _ => false,
    };
    assert!(ok, "{v} is at a path the schema does not have");
}

fn pointer(segs: &[Segment]) -> String {
    segs.iter()
        .map(|s| match s {
            Segment::Name(n) => format!("/{n}"),
            Segment::Index(i) => format!("/{i}"),
        })
        .collect()
}

/// The pointer resolves, or its parent is an object of the schema and the last segment is one
/// of that object's properties (required-field rules report a missing property where it
/// belongs).
fn resolves(body: &Value, v: &Violation) -> bool {
    let segs = v.path().segments();
    if body.pointer(&v.path().to_string()).is_some() {
        return true;
    }
    let [parent @ .., Segment::Name(last)] = segs else {
        return false;
    };
    body.pointer(&pointer(parent)).is_some_and(Value::is_object)
        && known_properties(parent).is_some_and(|p| p.contains(last))
}

/// Runs `validate` on a typed patch and checks every invariant; returns the violations.
///
/// # Panics
/// On any broken invariant, naming it.
pub fn check_patch(
    patch: &CustomerPatch,
    settings: &ProgramSettings,
    cx: &Context<'_>,
) -> Vec<Violation> {
    check_patch_fixing(patch, settings, cx, None)
}

/// [`check_patch`], trying only the `pick`-th fix (modulo their number) instead of all of them:
/// the fuzz targets choose one per input, which keeps their executions fast.
///
/// # Panics
/// On any broken invariant, naming it.
pub fn check_patch_fixing(
    patch: &CustomerPatch,
    settings: &ProgramSettings,
    cx: &Context<'_>,
    pick: Option<usize>,
) -> Vec<Violation> {
    let out = validate(patch, settings, cx);
    assert_eq!(
        out,
        validate(patch, settings, cx),
        "same input, different output"
    );
    let body = serde_json::to_value(patch).expect("a patch serializes");
    check_output(Some(&body), &out);
    let bytes = serde_json::to_vec(patch).expect("a patch serializes");
    assert_eq!(
        validate_json(&bytes, settings, cx),
        out,
        "validate_json(serialized patch) differs from validate(patch)"
    );
    // A current record equal to the patch makes every value unchanged: no policy rule fires,
    // and every other rule answers as before (60303 aside: the current record may say who the
    // customer is when the patch does not). Helix keeps one address per type, and the rules
    // compare with the current record's first address of a type, so this holds for patches
    // that do not repeat a type (a repeat is 60350 anyway).
    if !repeats_a_type(patch) {
        let unchanged = validate(patch, settings, &cx.with_current(patch));
        let keep = |v: &&Violation| !is_policy(v.code().get()) && v.code().get() != 60303;
        assert!(
            unchanged.iter().all(|v| !is_policy(v.code().get())),
            "a policy rule fired for an unchanged value: {unchanged:?}"
        );
        assert_eq!(
            unchanged.iter().filter(keep).collect::<Vec<_>>(),
            out.iter().filter(keep).collect::<Vec<_>>(),
            "a current record changed a rule that does not read it"
        );
    }
    let fixes = count_fixes(&body, cx);
    let only = pick.map(|p| p % fixes.max(1));
    check_fixes(&body, settings, cx, &out, &mut |i| {
        only.map_or(true, |o| o == i)
    });
    out
}

fn repeats_a_type(patch: &CustomerPatch) -> bool {
    let types: Vec<&str> = patch
        .addresses
        .iter()
        .flatten()
        .filter_map(|a| a.address_type.as_deref())
        .collect();
    types
        .iter()
        .enumerate()
        .any(|(i, a)| types[..i].iter().any(|b| a.eq_ignore_ascii_case(b)))
}

/// How many fixes `check_fixes` can try on `body`.
fn count_fixes(body: &Value, cx: &Context<'_>) -> usize {
    let Value::Object(map) = body else { return 0 };
    let top = map
        .keys()
        .filter(|k| *k != "customerId" && CustomerPatch::PROPERTIES.contains(&k.as_str()))
        .count();
    if cx.current().is_some() {
        return top;
    }
    let entries = |list: &str| map.get(list).and_then(Value::as_array).map_or(0, Vec::len);
    top + entries("addresses") * ADDRESS_FILLS.len() + entries("phones") * PHONE_FILLS.len()
}

/// Setting one top-level property to `null` removes exactly the violations at or under it;
/// without a current record, filling one required entry property removes exactly its own.
/// Tries the fixes `wanted` accepts, numbered in the order `count_fixes` counts them.
fn check_fixes(
    body: &Value,
    settings: &ProgramSettings,
    cx: &Context<'_>,
    out: &[Violation],
    wanted: &mut dyn FnMut(usize) -> bool,
) {
    let mut n = 0usize;
    let mut next = move || {
        n += 1;
        wanted(n - 1)
    };
    let Value::Object(map) = body else {
        panic!("a patch serializes as an object")
    };
    for key in map.keys() {
        // `customerId` says who the customer is, which decides whether a tag's owner is
        // someone else: dropping it can rightly add a 60303 at /tag. Unknown properties are
        // never validated.
        if key == "customerId" || !CustomerPatch::PROPERTIES.contains(&key.as_str()) || !next() {
            continue;
        }
        let mut fixed = map.clone();
        fixed.insert(key.clone(), Value::Null);
        let patch: CustomerPatch =
            serde_json::from_value(Value::Object(fixed)).expect("a serialized patch reads back");
        // Rules that read the property (by the catalogue) may report elsewhere too: 60354
        // at /foreignDocumentType reads foreignDocumentNumber. They are left out on both sides.
        let readers: Vec<u32> = RULES
            .iter()
            .filter(|r| r.properties.contains(&key.as_str()))
            .map(|r| r.code.get())
            .collect();
        let untouched = |v: &&Violation| {
            v.path().segments().first() != Some(&Segment::Name(static_name(key)))
                && !readers.contains(&v.code().get())
        };
        let got: Vec<Violation> = validate(&patch, settings, cx)
            .iter()
            .filter(untouched)
            .cloned()
            .collect();
        let want: Vec<Violation> = out.iter().filter(untouched).cloned().collect();
        assert_eq!(
            got, want,
            "setting {key} to null changed other properties' violations"
        );
    }
    // Without a current record every entry of a type is an update whatever its values, so
    // filling a required property of one entry touches no other rule.
    if cx.current().is_none() {
        for (list, fills) in [
            ("addresses", &ADDRESS_FILLS[..]),
            ("phones", &PHONE_FILLS[..]),
        ] {
            let Some(Value::Array(items)) = map.get(list) else {
                continue;
            };
            for i in 0..items.len() {
                for (name, good) in fills {
                    if !next() {
                        continue;
                    }
                    let mut fixed = map.clone();
                    fixed[list][i][*name] = Value::from(*good);
                    let patch: CustomerPatch = serde_json::from_value(Value::Object(fixed))
                        .expect("a serialized patch reads back");
                    let at = format!("/{list}/{i}/{name}");
                    let want: Vec<Violation> = out
                        .iter()
                        .filter(|v| v.path().to_string() != at)
                        .cloned()
                        .collect();
                    assert_eq!(
                        validate(&patch, settings, cx),
                        want,
                        "filling {at} changed other properties' violations"
                    );
                }
            }
        }
    }
}

/// A good value for each required address property (no PO box, short enough for DPS).
const ADDRESS_FILLS: [(&str, &str); 5] = [
    ("addressLine1", "1 Main St"),
    ("city", "Ames"),
    ("state", "IA"),
    ("postalCode", "50010"),
    ("country", "US"),
];
/// A good value for each required phone property.
const PHONE_FILLS: [(&str, &str); 1] = [("number", "5152221212")];

fn static_name(key: &str) -> &'static str {
    CustomerPatch::PROPERTIES
        .iter()
        .find(|p| **p == key)
        .copied()
        .unwrap_or("")
}
