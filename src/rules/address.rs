//! `addresses[]`: types, required lines, PO boxes, DPS line lengths.

use crate::input::Input;
use crate::model::AddressView;
use crate::rule::{declare_rule, Check, Described, Emitter};
use crate::text::po_box::is_po_box;
use crate::text::{is_blank, longer_than};
use crate::violation::Path;
use crate::vocabulary::PHYSICAL;

/// The longest address line a Visa DPS program accepts, in Unicode scalar values.
const DPS_MAX_LINE: usize = 76;

/// Whether a list holds more than `type_count` entries, or two entries of the same valid type
/// (`types` are the entries' type indexes). `len` counts every entry, broken ones included;
/// `types` has none for a broken entry, which is 59900's to report. An invalid type is its own
/// violation (66901/66801), not a repeat. Linear in the list, without allocating: a bitmask of
/// the types seen.
#[inline]
pub(crate) fn too_many_or_repeated(
    type_count: usize,
    len: usize,
    types: impl Iterator<Item = Option<usize>>,
) -> bool {
    if len > type_count {
        return true;
    }
    let mut seen = 0u32;
    for i in types.flatten() {
        if seen & (1 << i) != 0 {
            return true;
        }
        seen |= 1 << i;
    }
    false
}

declare_rule! {
    /// ### What it checks
    /// `addresses` holds at most three entries, no two of the same valid type (types compared
    /// in any case): one each of Residence, Mailing, Prior. Entries of invalid types are 66901's
    /// business, not repeats. Business customers: at most five, one per
    /// business type, reported in Helix's business wording. One violation at `/addresses`,
    /// however long the list.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "addresses": [
    ///   { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" },
    ///   { "addressType": "MAILING", "addressLine1": "2 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "addresses": [
    ///   { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" },
    ///   { "addressType": "Prior", "addressLine1": "2 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    pub struct TooManyAddresses;
    code: 60350,
    family: Address,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["addresses"],
    settings: [],
    message: "Only three addresses are allowed -- one for each valid type of Residence, Mailing, or Prior.",
    business_message: "Only five addresses are allowed -- one for each valid type. Refer to API documentation for valid types.",
}

impl Check for TooManyAddresses {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        let Some(list) = input.patch.addresses() else {
            return;
        };
        let types = input.addresses().map(|(i, a)| input.address_type(i, a));
        if too_many_or_repeated(input.address_types().len(), list.len(), types) {
            if input.is_business() {
                out.at_business(Path::field("addresses"), &[]);
            } else {
                out.at(Path::field("addresses"));
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// Each address's `addressType` is one of Residence, Mailing, Prior (individuals) or
    /// PrimaryBusiness, Business, Registered, TaxFormMailing, Mailing (businesses), in any
    /// case. Missing, `null` and empty are invalid. Business customers get Helix's business
    /// wording, with `{0}` the type as sent (empty when missing).
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "addresses": [ { "addressType": "Home", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "addresses": [ { "addressType": "prior", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    pub struct InvalidAddressType;
    code: 66901,
    family: Address,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["addresses[].addressType"],
    settings: [],
    message: "Invalid Address Type. Valid values are: Mailing, Residence, Prior.",
    business_message: "Invalid Address Type '{0}'. Refer to API documentation for valid types.",
}

impl Check for InvalidAddressType {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for (i, a) in input.addresses() {
            if input.address_type(i, a).is_some() {
                continue;
            }
            let t = a.address_type();
            let path = Path::field("addresses").index(i).name("addressType");
            if input.is_business() {
                out.at_business(path, &[t.unwrap_or("")]);
            } else {
                out.at(path);
            }
        }
    }
}

/// Reports each address whose `name` property is missing, null, empty or whitespace-only.
// Measured: left to the inliner, these stay out of line, a call per rule per patch.
#[allow(clippy::inline_always)]
#[inline(always)]
fn required<R: Described>(
    input: &Input<'_>,
    mut out: Emitter<'_, '_, R>,
    name: &'static str,
    get: for<'x> fn(AddressView<'x>) -> Option<&'x str>,
) {
    for (i, a) in input.addresses() {
        // Blank first: the path is built only for an entry that may be reported.
        if is_blank(get(a)) {
            out.at(Path::field("addresses").index(i).name(name));
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// Each address has an `addressLine1` that is not missing, `null`, empty or whitespace-only
    /// (any Unicode whitespace, the no-break space included).
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": " \u00a0", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    pub struct MissingAddressLine1;
    code: 66902,
    family: Address,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["addresses[].addressLine1"],
    settings: [],
    message: "Address Line 1 is a required field.",
}

impl Check for MissingAddressLine1 {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        required(input, out, "addressLine1", |a| a.address_line1());
    }
}

declare_rule! {
    /// ### What it checks
    /// Each address has a `city` that is not missing, `null`, empty or whitespace-only.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    pub struct MissingCity;
    code: 66903,
    family: Address,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["addresses[].city"],
    settings: [],
    message: "City is a required field.",
}

impl Check for MissingCity {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        required(input, out, "city", |a| a.city());
    }
}

declare_rule! {
    /// ### What it checks
    /// Each address has a `state` that is not missing, `null`, empty or whitespace-only.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": null, "postalCode": "50010", "country": "US" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    pub struct MissingState;
    code: 66904,
    family: Address,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["addresses[].state"],
    settings: [],
    message: "State is a required field.",
}

impl Check for MissingState {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        required(input, out, "state", |a| a.state());
    }
}

declare_rule! {
    /// ### What it checks
    /// Each address has a `postalCode` that is not missing, `null`, empty or whitespace-only.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "country": "US" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "500101234", "country": "US" } ] }
    /// ```
    pub struct MissingPostalCode;
    code: 66905,
    family: Address,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["addresses[].postalCode"],
    settings: [],
    message: "Postal Code is a required field.",
}

impl Check for MissingPostalCode {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        required(input, out, "postalCode", |a| a.postal_code());
    }
}

declare_rule! {
    /// ### What it checks
    /// Each address has a `country` that is not missing, `null`, empty or whitespace-only.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "\t" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    pub struct MissingCountry;
    code: 66906,
    family: Address,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["addresses[].country"],
    settings: [],
    message: "Country is a required field.",
}

impl Check for MissingCountry {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        required(input, out, "country", |a| a.country());
    }
}

declare_rule! {
    /// ### What it checks
    /// No address line (`addressLine1`..`addressLine4`) of a Residence address (individuals) or
    /// a PrimaryBusiness address (businesses) contains a post-office box. One violation per
    /// offending line, at that line.
    ///
    /// A PO box is recognised in any case, with any spacing (the no-break space too), dashes,
    /// dots, commas, slashes, underscores, apostrophes, colons or middle dots between its
    /// letters, fused or spaced, anywhere in the line:
    /// `PO Box`, `P.O. Box`, `POBox`, `PO Bx`, `POB`, `Post Office Box` (also `Post Off.`,
    /// `Post Ofc`, `Post Offc`), `Postal Box`, `Postal Office Box`, `Post Box`; `PO` or
    /// `Post Office` followed by a box number (`PO 123`, `P.O. #123`, `Post Office 123`); the
    /// words the other way round (`Box 12 PO`, `Box 7, Post Office`); a zero typed for the O
    /// (`P0 Box`, `P.0.B.`, `PO B0X`, and `P0 123` set off from its number); the designations
    /// USPS Publication 28 section 283 says to rewrite as PO BOX, alone or followed by `Box`,
    /// `Service` or `Svc`, then a box number or letter (`Caller 1234`, `Caller Service 1234`,
    /// `Firm Caller`, `Bin`, `Lockbox`, `Drawer K`); and Puerto Rico's `Apartado` / `Apdo`.
    /// Words that only contain those letters (`Boxwood`, `Post Office Square`, `Potomac`,
    /// `P O Davis Dr`, `American Legion Post 123`), a bare `Box` (a rural route box such as
    /// `RR 2 Box 152` is a delivery address) and apartment designators (`Apt`, `Apartamento`)
    /// are not PO boxes. `tests/corpora/po_box.tsv` lists the forms and their sources.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "addresses": [ { "addressType": "Residence", "addressLine1": "P.O. Box 12", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "addresses": [ { "addressType": "Residence", "addressLine1": "12 Boxwood Ln", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    pub struct PoBoxResidenceAddress;
    code: 66907,
    family: Address,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["addresses[].addressLine1", "addresses[].addressLine2", "addresses[].addressLine3", "addresses[].addressLine4"],
    settings: [],
    message: "Residential Addresses can not contain a PO Box.",
}

impl Check for PoBoxResidenceAddress {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for (i, a) in input.addresses() {
            if input.address_type(i, a) != Some(PHYSICAL) {
                continue;
            }
            for (name, line) in a.lines() {
                if line.is_some_and(is_po_box) {
                    out.at(Path::field("addresses").index(i).name(name));
                }
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// With `dpsClient: true` (a Visa DPS card program), no address line (`addressLine1`..
    /// `addressLine4`, any address type) is longer than 76 characters, counted as Unicode
    /// scalar values: 76 `é` are fine, 77 ASCII letters are not. One violation per line.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "addressLine2": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ///   "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }, "settings": { "dpsClient": true } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "addressLine2": "éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé",
    ///   "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }, "settings": { "dpsClient": true } }
    /// ```
    pub struct AddressLineTooLongForDps;
    code: 66908,
    family: Address,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["addresses[].addressLine1", "addresses[].addressLine2", "addresses[].addressLine3", "addresses[].addressLine4"],
    settings: ["dpsClient"],
    message: "DPS Clients Only: Address lines must not exceed 76 characters.",
}

impl Check for AddressLineTooLongForDps {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if !input.settings.dps_client {
            return;
        }
        for (i, a) in input.addresses() {
            for (name, line) in a.lines() {
                if line.is_some_and(|l| longer_than(l, DPS_MAX_LINE)) {
                    out.at(Path::field("addresses").index(i).name(name));
                }
            }
        }
    }
}
