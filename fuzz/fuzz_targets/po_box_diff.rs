//! The hand-written PO-box matcher against the rule written as a regular expression
//! (`fuzz/src/po_box_reference.rs`): the same verdict on every text, and every line the 0.1
//! pattern reported still reported.
#![no_main]

use fuzz_support::po_box_reference::Reference;
use helix_customer_rules::__private::po_box::is_po_box;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static REFERENCE: OnceLock<Reference> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    let reference = REFERENCE.get_or_init(Reference::new);
    let verdict = is_po_box(line);
    assert_eq!(
        verdict,
        reference.now.is_match(line),
        "the matcher and the reference disagree on {line:?}"
    );
    if reference.before.is_match(line) {
        assert!(verdict, "reported by 0.1, no longer: {line:?}");
    }
});
