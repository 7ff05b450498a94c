//! The crate's peers in `bench/benches/compare.rs`: the same rules written the way a user of each
//! peer library would write them (garde, validator, JSON Schema through `jsonschema`), and the
//! workloads they are measured on. `tests/peers.rs` holds every peer to the crate's answer on
//! every golden case it can express; `tests/alloc.rs` counts their allocations per call.
//!
//! What the peers share is what a user porting the rules would write once: the crate's PO-box
//! rule as its reference regular expression (`fuzz/src/po_box_reference.rs`, which the crate's
//! hand-written matcher is proven identical to), compiled once, no prefilter; the crate's
//! email profile as a regular expression; blank and enum-in-any-case tests; the crate's public
//! lists of type names; the USPS codes; and the crate's public date parser (no peer ships an
//! ISO-8601 parser that accepts the same forms).

// The peer types mirror the wire names.
#![allow(clippy::struct_field_names)]

pub mod garde_peer;
/// The PO-box rule (66907) as one regular expression, the crate's reference.
#[path = "../../fuzz/src/po_box_reference.rs"]
#[allow(dead_code)]
pub mod po_box_reference;
pub mod schema_peer;
pub mod validator_peer;
pub mod workloads;

use std::collections::HashMap;
use std::sync::LazyLock;

use helix_customer_rules::{CustomerKind, ProgramSettings};
use regex::Regex;
use time::Date;

/// The crate's PO-box pattern (66907): the reference its matcher is tested against.
pub const PO_BOX_PATTERN: &str = po_box_reference::PATTERN;

static PO_BOX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(PO_BOX_PATTERN).expect("valid pattern"));

/// Whether an address line holds a PO box: the regex on every line.
pub fn is_po_box(line: &str) -> bool {
    PO_BOX.is_match(line)
}

/// The crate's email profile (60304) as a pattern: an ASCII dot-atom local part, then at least
/// two labels of letters, digits and inner hyphens (1-63 each), the last alphabetic.
pub const EMAIL_PATTERN: &str = concat!(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*",
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{1,63}$"
);
/// The profile's local part: 1-64 octets before the `@`.
pub const EMAIL_LOCAL_PATTERN: &str = r"^[^@]{1,64}@";
/// The profile's whole address: at most 254 octets.
pub const EMAIL_MAX: usize = 254;

static EMAIL: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [EMAIL_PATTERN, EMAIL_LOCAL_PATTERN].map(|p| Regex::new(p).expect("valid pattern"))
});

/// Whether `text` is an email address under the crate's profile.
pub fn is_email(text: &str) -> bool {
    text.len() <= EMAIL_MAX && EMAIL.iter().all(|r| r.is_match(text))
}

/// `preferredName`'s characters (60264): ASCII letters, space, `'`, `-`, `.`.
pub const NAME_PATTERN: &str = r"^[A-Za-z '.\-]*$";
/// `businessNameOnCard`'s characters (60007): ASCII letters and digits, space, `& ' , - . /`.
pub const CARD_NAME_PATTERN: &str = r"^[A-Za-z0-9 &',.\-/]*$";

/// Whether every character of `name` is one of the preferred-name profile's.
pub fn is_name(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '\'' | '-' | '.'))
}

/// Whether every character of `name` is one of the card-name profile's.
pub fn is_card_name(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '&' | '\'' | ',' | '-' | '.' | '/'))
}

/// The USPS state and territory codes (58004).
pub const US_STATES: [&str; 62] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW", "AA", "AE", "AP",
];

/// The cultures Helix documents (58006).
pub const CULTURES: [&str; 2] = ["en-US", "es-US"];

/// The largest customer id (60001): an int32.
pub const MAX_CUSTOMER_ID: i64 = 2_147_483_647;

/// The earliest birth date is the day after this one (60301).
pub const EARLIEST_BIRTH_DATE: Date = time::macros::date!(1900 - 01 - 01);

/// The lengths Helix documents without a code (58001), by wire name.
pub const MAX_LENGTHS: [(&str, usize); 22] = [
    ("attesterName", 50),
    ("attesterTitle", 50),
    ("businessDescription", 200),
    ("businessLegalName", 300),
    ("businessWebsite", 100),
    ("customField1", 100),
    ("customField2", 100),
    ("customField3", 100),
    ("customField4", 100),
    ("customField5", 100),
    ("driversLicenseNumber", 30),
    ("emailAddress", 255),
    ("firstName", 64),
    ("foreignDocumentCountryCode", 3),
    ("foreignDocumentNumber", 30),
    ("lastName", 128),
    ("middleName", 64),
    ("passportCountry", 30),
    ("passportNumber", 30),
    ("suffix", 20),
    ("tag", 50),
    ("taxId", 30),
];
/// An address line's documented length (58001).
pub const MAX_ADDRESS_LINE: usize = 100;
/// A city's documented length (58001).
pub const MAX_CITY: usize = 50;
/// A phone number's documented length (58001).
pub const MAX_PHONE_NUMBER: usize = 50;
/// A DPS program's address line (66908).
pub const DPS_MAX_LINE: usize = 76;
/// `preferredName` (60263).
pub const MAX_PREFERRED_NAME: usize = 21;
/// `businessNameOnCard` (60006).
pub const MAX_CARD_NAME: usize = 26;

/// The documented length of a top-level property (58001).
///
/// # Panics
/// When `name` has none.
pub fn max_length(name: &str) -> usize {
    MAX_LENGTHS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, max)| *max)
        .expect("a property with a documented length")
}

/// Longer than `max` characters (Unicode scalar values).
pub fn longer_than(text: &str, max: usize) -> bool {
    text.chars().count() > max
}

/// Missing, empty or whitespace only.
pub fn is_blank(value: Option<&str>) -> bool {
    value.is_none_or(|s| s.chars().all(char::is_whitespace))
}

/// Set, not blank, and not what `ok` accepts (the format warnings: 58003-58006).
pub fn set_and_not(value: Option<&str>, ok: impl Fn(&str) -> bool) -> bool {
    !is_blank(value) && !value.is_some_and(ok)
}

/// Digits only (58002).
pub fn digits_only(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// A ZIP Code or ZIP+4 without hyphen (58003).
pub fn is_zip(code: &str) -> bool {
    matches!(code.len(), 5 | 9) && digits_only(code)
}

/// A USPS code, any case (58004).
pub fn is_us_state(code: &str) -> bool {
    one_of(&US_STATES, code)
}

/// A documented culture, any case (58006).
pub fn is_culture(culture: &str) -> bool {
    one_of(&CULTURES, culture)
}

/// Whether `value` is one of `allowed`, in any case.
pub fn one_of(allowed: &[&str], value: &str) -> bool {
    allowed.iter().any(|a| a.eq_ignore_ascii_case(value))
}

/// Whether a list is longer than its number of types, or repeats a valid type (any case):
/// entries of invalid types are not repeats (60350, 60351).
pub fn too_many_or_repeated<'a>(
    allowed: &[&str],
    len: usize,
    types: impl Iterator<Item = Option<&'a str>>,
) -> bool {
    if len > allowed.len() {
        return true;
    }
    let mut seen: Vec<&str> = Vec::new();
    for t in types.flatten().filter(|t| one_of(allowed, t)) {
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

    /// Whether the tag belongs to a customer other than `me` (60303).
    pub fn tag_taken(&self, tag: &str, me: Option<i64>) -> bool {
        self.tags.get(tag).is_some_and(|owner| Some(*owner) != me)
    }
}
