//! Raw bytes to `validate_json`, with settings and context from the input's first bytes.
#![no_main]

use std::collections::BTreeMap;

use fuzz_support::invariants::{check_output, check_patch_fixing};
use fuzz_support::{has_repeated_keys, is_json, nesting_depth, split_header};
use helix_customer_rules::{validate_json, Context, CustomerPatch};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let (h, body) = split_header(data);
    // The typed reading, when the body has the schema's types throughout.
    let strict: Option<CustomerPatch> = serde_json::from_slice(body).ok();
    let mut tags = BTreeMap::new();
    if let Some(p) = strict.as_ref().filter(|_| h.tag_taken) {
        if let Some(tag) = &p.tag {
            tags.insert(tag.clone(), p.customer_id.unwrap_or(0).wrapping_add(1));
        }
    }
    let mut cx = Context::new(h.today).with_kind(h.kind).with_tags(&tags);
    if let Some(p) = strict.as_ref().filter(|_| h.current_is_body) {
        cx = cx.with_current(p);
    }

    let out = validate_json(body, &h.settings, &cx);
    assert_eq!(
        out,
        validate_json(body, &h.settings, &cx),
        "same input, different output"
    );
    // Paths resolve in the body, read as a `Value`, when no key repeats.
    let value: Option<Value> = serde_json::from_slice(body)
        .ok()
        .filter(|_| !has_repeated_keys(body));
    check_output(value.as_ref(), &out);
    // 59950 exactly when the body is not one JSON value (below the reader's depth limit).
    if nesting_depth(body) < 120 {
        assert_eq!(
            out.iter().any(|v| v.code().get() == 59950),
            !is_json(body),
            "59950 disagrees with the JSON grammar"
        );
    }
    if let Some(p) = &strict {
        // A body that reads strictly has no type errors: the lenient reading is the same patch.
        assert_eq!(
            check_patch_fixing(p, &h.settings, &cx, Some(body.len())),
            out,
            "validate(typed) != validate_json(bytes)"
        );
    }
});
