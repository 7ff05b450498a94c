//! Support for the fuzz targets: the invariants every target asserts, the header that turns
//! the first bytes of a raw input into settings and context, and a structured generator of
//! whole patches from `arbitrary` data.

#![forbid(unsafe_code)]

pub mod invariants;
pub mod po_box_reference;
pub mod spellings;

use std::collections::BTreeMap;

use arbitrary::{Result, Unstructured};
use helix_customer_rules::{CustomerKind, CustomerPatch, ProgramSettings};
use serde_json::{Map, Value};
use time::{Date, Duration, Month};

/// Bytes of a raw input that are settings and context; the rest is the body.
/// `fuzz/seed_corpus.py` writes the same layout.
pub const HEADER_LEN: usize = 5;

/// Settings and context decoded from a raw input's header.
#[derive(Clone, Debug)]
pub struct Header {
    /// The program's settings.
    pub settings: ProgramSettings,
    /// Individual or business.
    pub kind: CustomerKind,
    /// The evaluation day.
    pub today: Date,
    /// Use the body itself (when it reads strictly) as the current record: every value is then
    /// unchanged, which the policy rules must honour.
    pub current_is_body: bool,
    /// Say the body's tag is owned by another customer.
    pub tag_taken: bool,
}

/// Splits a raw input into its header and body. Short inputs get a default header.
///
/// Layout: byte 0 bits: usesHelixKyc, deny name, deny email, deny residence, dpsClient,
/// business, current-is-body, tag-taken. Byte 1 bits: deny businessLegalName, dba,
/// legalEntityType, isTaxExempt, taxId, taxIdType, PrimaryBusiness address, Mailing address.
/// Bytes 2-3: today as days after 1900-01-01 (little endian). Byte 4: its low six bits,
/// industry ids `1..=n` when nonzero; bit 6 denies preferred names, bit 7 foreign documents.
#[must_use]
pub fn split_header(data: &[u8]) -> (Header, &[u8]) {
    let (h, body) = if data.len() >= HEADER_LEN {
        data.split_at(HEADER_LEN)
    } else {
        (&[0u8, 0, 0xB8, 0xB5, 0][..], data)
    };
    let bit = |byte: u8, n: u8| h[usize::from(byte)] & (1 << n) != 0;
    let settings = ProgramSettings {
        uses_helix_kyc: bit(0, 0),
        allow_name_update: !bit(0, 1),
        allow_email_update: !bit(0, 2),
        allow_residence_address_update: !bit(0, 3),
        dps_client: bit(0, 4),
        industry_classification_code_ids: (h[4] & 0x3f != 0)
            .then(|| (1..=i64::from(h[4] & 0x3f)).collect()),
        allow_business_legal_name_update: !bit(1, 0),
        allow_dba_update: !bit(1, 1),
        allow_legal_entity_type_update: !bit(1, 2),
        allow_is_tax_exempt_update: !bit(1, 3),
        allow_tax_id_update: !bit(1, 4),
        allow_tax_id_type_update: !bit(1, 5),
        allow_primary_business_address_update: !bit(1, 6),
        allow_mailing_address_update: !bit(1, 7),
        preferred_name_enabled: !bit(4, 6),
        allow_foreign_documents: !bit(4, 7),
        foreign_document_types: None,
    };
    let days = u16::from_le_bytes([h[2], h[3]]);
    let header = Header {
        settings,
        kind: if bit(0, 5) {
            CustomerKind::Business
        } else {
            CustomerKind::Individual
        },
        today: epoch() + Duration::days(i64::from(days)),
        current_is_body: bit(0, 6),
        tag_taken: bit(0, 7),
    };
    (header, body)
}

/// Whether `bytes` are one JSON value by the grammar: UTF-8, read by serde_json's skipping
/// reader, which (unlike a `Value`) also takes numbers beyond an f64 and escaped lone
/// surrogates, as the grammar does.
#[must_use]
pub fn is_json(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok()
        && serde_json::from_slice::<Box<serde_json::value::RawValue>>(bytes).is_ok()
}

/// Whether some object in `bytes` names a key twice. The crate reports an earlier occurrence's
/// unreadable value at its path (`/addresses/0` of `"addresses": [5], "addresses": "x"`), which
/// a `serde_json::Value`, keeping the last, no longer holds: paths are checked only without.
#[must_use]
pub fn has_repeated_keys(bytes: &[u8]) -> bool {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::collections::HashSet;

    struct Walk;
    impl<'de> DeserializeSeed<'de> for Walk {
        type Value = bool;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Walk {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let (mut seen, mut repeated) = (HashSet::new(), false);
            while let Some(key) = map.next_key::<String>()? {
                repeated |= !seen.insert(key);
                repeated |= map.next_value_seed(Walk)?;
            }
            Ok(repeated)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
            let mut repeated = false;
            while let Some(inner) = seq.next_element_seed(Walk)? {
                repeated |= inner;
            }
            Ok(repeated)
        }
        fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_str<E>(self, _: &str) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_unit<E>(self) -> Result<bool, E> {
            Ok(false)
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    Walk.deserialize(&mut de).unwrap_or(false)
}

/// The deepest nesting of arrays and objects in `bytes`, strings skipped. The JSON reader
/// stops at 128 levels in values it reads but not in values it skips, so the 59950 check is
/// only exact below that.
#[must_use]
pub fn nesting_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut in_str, mut escaped) = (0usize, 0usize, false, false);
    for &b in bytes {
        if in_str {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

fn epoch() -> Date {
    Date::from_calendar_date(1900, Month::January, 1).expect("a date")
}

/// Values that sit on or next to a rule's boundary, or that a rule recognises.
const INTERESTING: &[&str] = &[
    "",
    " ",
    "\u{a0}",
    "\u{3000}\t",
    "M",
    "f",
    "u",
    "X",
    "Home",
    "mobile",
    "OFFICE",
    "Cell",
    "Residence",
    "mailing",
    "PRIOR",
    "PrimaryBusiness",
    "business",
    "Registered",
    "taxformmailing",
    "1900-01-01",
    "1900-01-02",
    "1899-12-31",
    "2000-02-29",
    "1900-02-29",
    "2026-11-23",
    "2026-11-24",
    "1976-07-04T00:00:00.000+00:00",
    "ada@example.com",
    "ada@localhost",
    "P.O. Box 12",
    "12 Boxwood Ln",
    "Apartado 5",
    "pobox9",
    "5152221212",
    "US",
    "IA",
    "50010",
    "Ames",
    "1 Main St",
    "vip-1",
];

/// The schema's boolean properties, at any level (shared with the property tests).
pub use invariants::BOOL_PROPERTIES;
/// The schema's integer properties.
pub const INT_PROPERTIES: [&str; 2] = ["customerId", "industryClassificationCodeId"];

fn is_bool(name: &str) -> bool {
    BOOL_PROPERTIES.contains(&name)
}

fn is_int(name: &str) -> bool {
    INT_PROPERTIES.contains(&name)
}

/// A string: one of the interesting values, a long line, or arbitrary text.
fn text(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0..=9)? {
        0..=4 => (*u.choose(INTERESTING)?).to_owned(),
        5 => {
            let n = u.int_in_range(70..=80)?;
            let c = *u.choose(&['a', 'é', '漢', '😀', ' '])?;
            std::iter::repeat_n(c, n).collect()
        }
        _ => u.arbitrary::<String>()?,
    })
}

/// One object of the schema: each known property absent, null or a value of its type.
fn object(u: &mut Unstructured<'_>, properties: &[&str], depth: u8) -> Result<Map<String, Value>> {
    let mut m = Map::new();
    for name in properties {
        if !u.ratio(1, 3)? {
            continue;
        }
        let v = if u.ratio(1, 8)? {
            Value::Null
        } else if is_bool(name) {
            Value::Bool(u.arbitrary()?)
        } else if is_int(name) {
            Value::from(u.int_in_range(-2i64..=40)?)
        } else if *name == "addresses" || *name == "phones" {
            if depth > 0 {
                continue;
            }
            let props = if *name == "addresses" {
                helix_customer_rules::Address::PROPERTIES
            } else {
                helix_customer_rules::Phone::PROPERTIES
            };
            let n = u.int_in_range(0..=6)?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(Value::Object(object(u, props, depth + 1)?));
            }
            Value::Array(items)
        } else {
            Value::String(text(u)?)
        };
        m.insert((*name).to_owned(), v);
    }
    if u.ratio(1, 10)? {
        // A property the schema does not know: kept, never validated.
        m.insert("attesterName".to_owned(), Value::String(text(u)?));
    }
    Ok(m)
}

/// A whole patch, individual and business properties alike.
pub fn patch(u: &mut Unstructured<'_>) -> Result<CustomerPatch> {
    let m = object(u, CustomerPatch::PROPERTIES, 0)?;
    Ok(serde_json::from_value(Value::Object(m)).expect("generated values have the schema's types"))
}

/// A record like `patch` with some properties the same and some different: the policy rules'
/// "unchanged" cases.
pub fn current_like(u: &mut Unstructured<'_>, patch: &CustomerPatch) -> Result<CustomerPatch> {
    let Value::Object(mut m) = serde_json::to_value(patch).expect("a patch serializes") else {
        unreachable!("a patch serializes as an object")
    };
    let keys: Vec<String> = m.keys().cloned().collect();
    for k in keys {
        match u.int_in_range(0..=3)? {
            0 => {
                m.remove(&k);
            }
            1 if !is_bool(&k) && !is_int(&k) && k != "addresses" && k != "phones" => {
                m.insert(k, Value::String(text(u)?));
            }
            _ => {}
        }
    }
    Ok(serde_json::from_value(Value::Object(m)).expect("a serialized patch reads back"))
}

/// Settings with every switch (each boolean key `ProgramSettings` serializes, so a new one is
/// drawn without an edit here) and both lists drawn from `u`.
pub fn settings(u: &mut Unstructured<'_>) -> Result<ProgramSettings> {
    let Value::Object(defaults) =
        serde_json::to_value(ProgramSettings::default()).expect("settings serialize")
    else {
        unreachable!("settings serialize as an object")
    };
    let mut m = serde_json::Map::new();
    for (key, value) in defaults {
        if value.is_boolean() {
            m.insert(key, Value::Bool(u.arbitrary()?));
        }
    }
    let ids: Option<Vec<i64>> = if u.arbitrary()? {
        Some((0..u.int_in_range(0..=4)?).map(|i| i * 7 + 1).collect())
    } else {
        None
    };
    m.insert("industryClassificationCodeIds".into(), serde_json::json!(ids));
    let types: Option<Vec<&str>> = if u.arbitrary()? {
        let all = ["Passport", "NationalId", "Matricula"];
        Some(all[..u.int_in_range(0..=3)?].to_vec())
    } else {
        None
    };
    m.insert("foreignDocumentTypes".into(), serde_json::json!(types));
    Ok(serde_json::from_value(Value::Object(m)).expect("every key is a setting"))
}

/// A day between 1890 and 2079, with the days around 1900-01-01 and leap days likely.
pub fn today(u: &mut Unstructured<'_>) -> Result<Date> {
    Ok(match u.int_in_range(0..=3)? {
        0 => epoch() + Duration::days(u.int_in_range(-3..=3)?),
        1 => {
            let year = 1904 + 4 * u.int_in_range(0..=43)?;
            Date::from_calendar_date(year, Month::February, 29).unwrap_or_else(|_| epoch())
        }
        _ => epoch() + Duration::days(u.int_in_range(-3650..=65535)?),
    })
}

/// A tag lookup in which the patch's tag is owned by someone (maybe the customer itself).
pub fn tag_owners(
    u: &mut Unstructured<'_>,
    patch: &CustomerPatch,
) -> Result<BTreeMap<String, i64>> {
    let mut owners = BTreeMap::new();
    if let Some(tag) = &patch.tag {
        if u.arbitrary()? {
            let id = patch.customer_id.unwrap_or(1);
            owners.insert(tag.clone(), id + i64::from(u.int_in_range(0..=1)?));
        }
    }
    Ok(owners)
}
