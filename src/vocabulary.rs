//! The vocabulary every layer above shares: Helix's type names and how they match, the date
//! properties. Data and small functions only: nothing here knows a rule.

use crate::model::{CustomerPatch, CustomerPatchView};
use crate::text::dates::PackedDate;

/// Address types for individual customers, in Helix's canonical case.
pub const INDIVIDUAL_ADDRESS_TYPES: [&str; 3] = ["Residence", "Mailing", "Prior"];
/// Address types for business customers, in Helix's canonical case.
pub const BUSINESS_ADDRESS_TYPES: [&str; 5] = [
    "PrimaryBusiness",
    "Business",
    "Registered",
    "TaxFormMailing",
    "Mailing",
];

// A type is kept as its index: in a byte per entry (`Input`), and as a bit of a `u32` among
// the types seen (`too_many_or_repeated`).
const _: () = assert!(INDIVIDUAL_ADDRESS_TYPES.len() <= 32 && BUSINESS_ADDRESS_TYPES.len() <= 32);

/// The index, in both address type lists, of the physical address that holds no PO box:
/// Residence for individuals, PrimaryBusiness for businesses.
pub(crate) const PHYSICAL: usize = 0;

/// Phone types, in Helix's canonical case.
pub const PHONE_TYPES: [&str; 3] = ["Home", "Mobile", "Office"];

// A type is kept as its index, as address types are (see above).
const _: () = assert!(PHONE_TYPES.len() <= 32);

/// The USPS codes of the states, the District of Columbia, the territories and freely
/// associated states, and the armed forces' mail regions, in upper case.
pub(crate) const US_STATE_CODES: [&str; 62] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW", "AA", "AE", "AP",
];

/// Whether `value` is a USPS state or territory code, in any case.
pub(crate) fn is_us_state(value: &str) -> bool {
    value.len() == 2 && US_STATE_CODES.iter().any(|c| c.eq_ignore_ascii_case(value))
}

/// The date properties: text that must name a day (59952), compared by day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(clippy::enum_variant_names)] // Named as the wire names are.
pub(crate) enum DateProperty {
    BirthDate,
    DriversLicenseIssueDate,
    DriversLicenseExpireDate,
    PassportIssueDate,
    PassportExpireDate,
    ForeignDocumentExpirationDate,
    AttestationDate,
}

impl DateProperty {
    /// Every date property, in the order rules report them.
    pub(crate) const ALL: [DateProperty; 7] = [
        DateProperty::BirthDate,
        DateProperty::DriversLicenseIssueDate,
        DateProperty::DriversLicenseExpireDate,
        DateProperty::PassportIssueDate,
        DateProperty::PassportExpireDate,
        DateProperty::ForeignDocumentExpirationDate,
        DateProperty::AttestationDate,
    ];

    /// The wire name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            DateProperty::BirthDate => "birthDate",
            DateProperty::DriversLicenseIssueDate => "driversLicenseIssueDate",
            DateProperty::DriversLicenseExpireDate => "driversLicenseExpireDate",
            DateProperty::PassportIssueDate => "passportIssueDate",
            DateProperty::PassportExpireDate => "passportExpireDate",
            DateProperty::ForeignDocumentExpirationDate => "foreignDocumentExpirationDate",
            DateProperty::AttestationDate => "attestationDate",
        }
    }

    /// Every date property of the patch, parsed, in the order of [`DateProperty::ALL`]: looked
    /// up with one match on the patch's form instead of one per property. Inlined into the one
    /// caller, which then builds the array in place: out of line, the call and the returned
    /// array cost about 30 instructions a call (measured).
    #[inline]
    pub(crate) fn all_of(p: CustomerPatchView<'_>) -> [PackedDate; 7] {
        // Each parsed where it is read: an array of the texts, then mapped, cost more in
        // moves than the parsing when no date is set.
        macro_rules! packed {
            ($get:ident) => {
                [
                    PackedDate::parse($get!(birth_date)),
                    PackedDate::parse($get!(drivers_license_issue_date)),
                    PackedDate::parse($get!(drivers_license_expire_date)),
                    PackedDate::parse($get!(passport_issue_date)),
                    PackedDate::parse($get!(passport_expire_date)),
                    PackedDate::parse($get!(foreign_document_expiration_date)),
                    PackedDate::parse($get!(attestation_date)),
                ]
            };
        }
        match p {
            CustomerPatchView::Typed(p) => {
                macro_rules! get {
                    ($f:ident) => {
                        p.$f.as_deref()
                    };
                }
                packed!(get)
            }
            CustomerPatchView::Read(p) => {
                macro_rules! get {
                    ($f:ident) => {
                        p.text[CustomerPatch::$f].as_deref()
                    };
                }
                packed!(get)
            }
        }
    }

    /// The text a patch (or a current record) holds for it.
    pub(crate) fn of(self, p: CustomerPatchView<'_>) -> Option<&str> {
        match self {
            DateProperty::BirthDate => p.birth_date(),
            DateProperty::DriversLicenseIssueDate => p.drivers_license_issue_date(),
            DateProperty::DriversLicenseExpireDate => p.drivers_license_expire_date(),
            DateProperty::PassportIssueDate => p.passport_issue_date(),
            DateProperty::PassportExpireDate => p.passport_expire_date(),
            DateProperty::ForeignDocumentExpirationDate => p.foreign_document_expiration_date(),
            DateProperty::AttestationDate => p.attestation_date(),
        }
    }
}

/// Whether an enum value names `wanted` (ASCII letters only), matched without regard to case
/// as Helix does.
#[inline]
pub(crate) fn type_is(value: Option<&str>, wanted: &str) -> bool {
    value.is_some_and(|v| eq_letters_ci(v.as_bytes(), wanted.as_bytes()))
}

/// `eq_ignore_ascii_case` for a `name` made of ASCII letters, as every type name is. Two bytes
/// differing in bit 0x20 alone are one letter in two cases when one of them is a letter, so
/// each byte costs an exclusive or and a mask instead of two case mappings, and as that test
/// looks at each byte alone, it runs on a word of bytes at once. Each call classifies a list
/// entry's type against every type name, so it runs for every entry of every list.
#[inline]
fn eq_letters_ci(value: &[u8], name: &[u8]) -> bool {
    debug_assert!(name.iter().all(u8::is_ascii_alphabetic));
    if value.len() != name.len() {
        return false;
    }
    let n = value.len();
    if n >= 8 {
        // Words at 0, 8, 16... and one ending at the last byte (overlapping the one before):
        // together they cover every byte.
        (0..n - 8).step_by(8).all(|at| same8(value, name, at)) && same8(value, name, n - 8)
    } else if n >= 4 {
        // A four-byte range always converts; the default only spares a panic path.
        let word =
            |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap_or_default());
        let same = |at: usize| (word(value, at) ^ word(name, at)) & !0x2020_2020 == 0;
        same(0) && same(n - 4)
    } else {
        value.iter().zip(name).all(|(&x, &y)| (x ^ y) & !0x20 == 0)
    }
}

/// Whether the eight bytes at `at` of `value` and `name` are the same letters in any case.
#[inline]
fn same8(value: &[u8], name: &[u8], at: usize) -> bool {
    // An eight-byte range always converts; the default only spares a panic path.
    let word = |b: &[u8]| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
    (word(value) ^ word(name)) & !0x2020_2020_2020_2020 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eq_letters_ci_is_eq_ignore_ascii_case() {
        for x in 0..=u8::MAX {
            for y in (b'A'..=b'Z').chain(b'a'..=b'z') {
                assert_eq!(
                    eq_letters_ci(&[x], &[y]),
                    x.eq_ignore_ascii_case(&y),
                    "{x} {y}"
                );
            }
        }
        // Every length up to four words, with each byte position changed in turn.
        let name = b"PrimaryBusinessPrimaryBusinessAb";
        for n in 0..=name.len() {
            let name = &name[..n];
            let upper = name.to_ascii_uppercase();
            assert!(eq_letters_ci(&upper, name), "{n}");
            for at in 0..n {
                for x in [b'x', name[at] ^ 0x20 ^ 0x01, name[at] | 0x80, 0] {
                    let mut value = upper.clone();
                    value[at] = x;
                    assert_eq!(
                        eq_letters_ci(&value, name),
                        value.eq_ignore_ascii_case(name),
                        "{n} {at} {x}"
                    );
                }
            }
            assert!(!eq_letters_ci(&upper[..n.saturating_sub(1)], name) || n == 0);
        }
        assert!(eq_letters_ci(b"RESIDENCE", b"Residence"));
        assert!(!eq_letters_ci(b"Residenc", b"Residence"));
        assert!(!eq_letters_ci(b"Residenc\xc5", b"Residence"));
    }
}
