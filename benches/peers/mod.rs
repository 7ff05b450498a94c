//! The workloads, and the same rules written the way a user of each peer library would write
//! them. Shared by `benches/compare.rs` and the tests that count allocations and check that the
//! peers agree with the crate (`tests/alloc.rs`, `tests/peers.rs`).
//!
//! What the peers share is what a user porting the rules would write once: the PO-box pattern
//! (copied verbatim from `src/text/po_box.rs`, compiled once, no prefilter), blank and
//! enum-in-any-case tests, the crate's public lists of type names, and its public date parser
//! (no peer ships an ISO-8601 parser that accepts the same forms).

// Each including target uses a different subset; the peer types mirror the wire names.
#![allow(dead_code, clippy::struct_field_names)]

pub mod garde_peer;
pub mod schema_peer;
pub mod validator_peer;
pub mod workloads;

use std::collections::HashMap;

use helix_customer_rules::{CustomerKind, ProgramSettings};
use once_cell::sync::Lazy;
use regex::Regex;
use time::Date;

/// The crate's PO-box pattern, verbatim (separators expanded).
pub const PO_BOX_PATTERN: &str = concat!(
    r"(?i)(?:^|[^\p{L}\p{N}])(?:",
    r"(?:P[\s.\-/,]*O|POST[\s.\-/,]*(?:OFFICE[\s.\-/,]*)?)[\s.\-/,]*(?:B[\s.\-/,]*O[\s.\-/,]*X|BX|B)(?:[^\p{L}]|$)",
    r"|P[\s.\-/,]*O[\s.\-/,]*(?:#|NO\.?|NUMBER)?[\s.\-/,]*\p{N}",
    r"|(?:FIRM[\s.\-/,]*)?CALLER[\s.\-/,]*(?:#|NO\.?|NUMBER)?[\s.\-/,]*\p{N}",
    r"|(?:BIN|LOCK[\s.\-/,]*BOX|DRAWER)[\s.\-/,]*(?:#|NO\.?|NUMBER)?[\s.\-/,]*\p{N}",
    r"|APARTADO(?:[^\p{L}]|$)|APDO(?:[^\p{L}]|$)",
    r")"
);

static PO_BOX: Lazy<Regex> = Lazy::new(|| Regex::new(PO_BOX_PATTERN).expect("valid pattern"));

/// Whether an address line holds a PO box: the regex on every line.
pub fn is_po_box(line: &str) -> bool {
    PO_BOX.is_match(line)
}

/// Missing, empty or whitespace only.
pub fn is_blank(value: Option<&str>) -> bool {
    value.map_or(true, |s| s.chars().all(char::is_whitespace))
}

/// Whether `value` is one of `allowed`, in any case.
pub fn one_of(allowed: &[&str], value: &str) -> bool {
    allowed.iter().any(|a| a.eq_ignore_ascii_case(value))
}

/// Whether a list repeats a type (any case).
pub fn repeats<'a>(types: impl Iterator<Item = Option<&'a str>>) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    for t in types.flatten() {
        if seen.iter().any(|s| s.eq_ignore_ascii_case(t)) {
            return true;
        }
        seen.push(t);
    }
    false
}

// The type names, as the crate publishes them: data every port of the rules starts from.
pub use helix_customer_rules::__private::PHONE_TYPES;
pub use helix_customer_rules::__private::{
    BUSINESS_ADDRESS_TYPES as BUSINESS_TYPES, INDIVIDUAL_ADDRESS_TYPES as INDIVIDUAL_TYPES,
};

/// What the garde and validator peers validate against: owned, because garde contexts take no
/// lifetime parameters.
pub struct PeerCtx {
    /// The evaluation day.
    pub today: Date,
    /// The program's settings.
    pub settings: ProgramSettings,
    /// Individual or business.
    pub kind: CustomerKind,
    /// Tag owners.
    pub tags: HashMap<String, i64>,
}

impl PeerCtx {
    /// The context of a workload.
    pub fn of(w: &workloads::Workload) -> PeerCtx {
        PeerCtx {
            today: workloads::TODAY,
            settings: w.settings.clone(),
            kind: w.kind,
            tags: HashMap::from([("vip-1".to_owned(), 8)]),
        }
    }

    /// Whether the customer is a business.
    pub fn business(&self) -> bool {
        self.kind == CustomerKind::Business
    }

    /// The address types of this customer's kind.
    pub fn address_types(&self) -> &'static [&'static str] {
        if self.business() {
            &BUSINESS_TYPES
        } else {
            &INDIVIDUAL_TYPES
        }
    }

    /// The type of the physical address (no PO box).
    pub fn physical(&self) -> &'static str {
        if self.business() {
            "PrimaryBusiness"
        } else {
            "Residence"
        }
    }
}
