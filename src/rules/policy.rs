//! What the program's settings allow to be updated through the API.
//!
//! A property is *updated* when the patch sets it (not absent, not `null`), unless the context
//! carries the current record and the value equals it (a date, when it names the same day).
//! `false` and `""` are values. An address is unchanged when the current record's address of
//! the same type (any case; Helix keeps one per type, so the first is compared) has equal values
//! for every property the patch address sets.

use crate::input::Input;
use crate::rule::{declare_rule, Check, Emitter};
use crate::violation::Path;
use crate::vocabulary::DateProperty;

/// Reports each updated Residence address at `/addresses/i` (individual customers only: a
/// business has no Residence type).
// Measured: left to the inliner, these stay out of line, a call per rule per patch.
#[allow(clippy::inline_always)]
#[inline(always)]
fn residence_updates(input: &Input<'_>, mut report: impl FnMut(Path)) {
    if input.is_business() {
        return;
    }
    for i in input.updated_addresses("Residence") {
        report(Path::field("addresses").index(i));
    }
}

declare_rule! {
    /// ### What it checks
    /// With `allowNameUpdate: false`, neither `firstName` nor `lastName` is updated. One
    /// violation per updated property, at that property. `middleName` is not covered.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "firstName": "Ada" }, "settings": { "allowNameUpdate": false } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "firstName": "Ada", "middleName": "King" }, "settings": { "allowNameUpdate": false },
    ///   "context": { "current": { "firstName": "Ada" } } }
    /// ```
    pub struct NameUpdateNotAllowed;
    code: 60306,
    family: Policy,
    source: UpdatePage,
    since: "0.1.0",
    judges: Updates,
    properties: ["firstName", "lastName"],
    settings: ["allowNameUpdate"],
    message: "Your program settings do not allow for firstName or lastName to be updated via API.",
}

impl Check for NameUpdateNotAllowed {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if input.settings.allow_name_update {
            return;
        }
        if input.updated(|p| p.first_name()) {
            out.at(Path::field("firstName"));
        }
        if input.updated(|p| p.last_name()) {
            out.at(Path::field("lastName"));
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// With `allowEmailUpdate: false`, `emailAddress` is not updated.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "emailAddress": "ada@example.com" }, "settings": { "allowEmailUpdate": false } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "emailAddress": null }, "settings": { "allowEmailUpdate": false } }
    /// ```
    pub struct EmailUpdateNotAllowed;
    code: 60307,
    family: Policy,
    source: UpdatePage,
    since: "0.1.0",
    judges: Updates,
    properties: ["emailAddress"],
    settings: ["allowEmailUpdate"],
    message: "Your program settings do not allow for emailAddress to be updated via API.",
}

impl Check for EmailUpdateNotAllowed {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if !input.settings.allow_email_update && input.updated(|p| p.email_address()) {
            out.at(Path::field("emailAddress"));
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// With `allowResidenceAddressUpdate: false`, no Residence address (type matched in any
    /// case) is updated. One violation per updated Residence address, at `/addresses/i`.
    /// Individual customers only.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "addresses": [ { "addressType": "residence", "addressLine1": "1 Main St", "city": "Ames",
    ///   "state": "IA", "postalCode": "50010", "country": "US" } ] },
    ///   "settings": { "allowResidenceAddressUpdate": false } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames",
    ///   "state": "IA", "postalCode": "50010", "country": "US" } ] },
    ///   "settings": { "allowResidenceAddressUpdate": false } }
    /// ```
    pub struct ResidenceAddressUpdateNotAllowed;
    code: 60308,
    family: Policy,
    source: UpdatePage,
    since: "0.1.0",
    judges: Updates,
    properties: ["addresses"],
    settings: ["allowResidenceAddressUpdate"],
    message: "Your program settings do not allow for residence address to be updated via API.",
}

impl Check for ResidenceAddressUpdateNotAllowed {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if !input.settings.allow_residence_address_update {
            residence_updates(input, |p| out.at(p));
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// With `usesHelixKyc: true` (the program verifies customers with Helix KYC/Fraud/OFAC),
    /// no property used during ID verification is updated: `firstName`, `middleName`,
    /// `lastName`, `birthDate`, `taxId`, `emailAddress`, the four `driversLicense*` properties,
    /// the four `passport*` properties, and Residence addresses (individual customers). One
    /// violation per updated property, at that property; one per updated Residence address, at
    /// `/addresses/i`. `suffix` is not an identity property.
    ///
    /// The message is worded as Helix's server sends it (a recorded sandbox response): two
    /// spaces after "allowed." and a closing period. Helix's update page prints it with one
    /// space and no final period; the server's words win.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "passportNumber": "X1234567" }, "settings": { "usesHelixKyc": true } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "suffix": "Jr", "customField1": "note" }, "settings": { "usesHelixKyc": true } }
    /// ```
    pub struct IdentityUpdateWithKyc;
    code: 60450,
    family: Policy,
    source: ServerResponse,
    since: "0.1.0",
    judges: Updates,
    properties: [
        "firstName", "middleName", "lastName", "birthDate", "taxId", "emailAddress",
        "driversLicenseNumber", "driversLicenseState", "driversLicenseIssueDate",
        "driversLicenseExpireDate", "passportNumber", "passportCountry", "passportIssueDate",
        "passportExpireDate", "addresses",
    ],
    settings: ["usesHelixKyc"],
    message: "Updating any properties that are used during the ID Verification process is not allowed.  These properties include firstName, middleName, lastName, birthDate, taxId, emailAddress, license information, passport information, and Residence address information.",
}

impl Check for IdentityUpdateWithKyc {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if !input.settings.uses_helix_kyc {
            return;
        }
        // Residence addresses (`/addresses/i`) first, then the properties in wire-name order:
        // emitted in path order, the run needs no sorting.
        residence_updates(input, |p| out.at(p));
        let checks: [(&'static str, bool); 14] = [
            ("birthDate", input.updated_date(DateProperty::BirthDate)),
            (
                "driversLicenseExpireDate",
                input.updated_date(DateProperty::DriversLicenseExpireDate),
            ),
            (
                "driversLicenseIssueDate",
                input.updated_date(DateProperty::DriversLicenseIssueDate),
            ),
            (
                "driversLicenseNumber",
                input.updated(|p| p.drivers_license_number()),
            ),
            (
                "driversLicenseState",
                input.updated(|p| p.drivers_license_state()),
            ),
            ("emailAddress", input.updated(|p| p.email_address())),
            ("firstName", input.updated(|p| p.first_name())),
            ("lastName", input.updated(|p| p.last_name())),
            ("middleName", input.updated(|p| p.middle_name())),
            ("passportCountry", input.updated(|p| p.passport_country())),
            (
                "passportExpireDate",
                input.updated_date(DateProperty::PassportExpireDate),
            ),
            (
                "passportIssueDate",
                input.updated_date(DateProperty::PassportIssueDate),
            ),
            ("passportNumber", input.updated(|p| p.passport_number())),
            ("taxId", input.updated(|p| p.tax_id())),
        ];
        for (name, updated) in checks {
            if updated {
                out.at(Path::field(name));
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// With `preferredNameEnabled: false` (the program has no preferred names), `preferredName`
    /// is not updated and `usePreferredNameOnCard` is not updated to `true`. One violation at
    /// each such path. Turning the flag off (`false`) is allowed.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "preferredName": "Ada" }, "settings": { "preferredNameEnabled": false } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "usePreferredNameOnCard": false }, "settings": { "preferredNameEnabled": false } }
    /// ```
    pub struct PreferredNameNotEnabled;
    code: 60265,
    family: Policy,
    source: CurrentUpdatePage,
    since: "0.2.0",
    judges: Updates,
    properties: ["preferredName", "usePreferredNameOnCard"],
    settings: ["preferredNameEnabled"],
    message: "PreferredName not enabled on program",
}

impl Check for PreferredNameNotEnabled {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if input.settings.preferred_name_enabled {
            return;
        }
        if input.updated(|p| p.preferred_name()) {
            out.at(Path::field("preferredName"));
        }
        if input.patch.use_preferred_name_on_card() == Some(true)
            && input.updated(|p| p.use_preferred_name_on_card())
        {
            out.at(Path::field("usePreferredNameOnCard"));
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// With `allowForeignDocuments: false` (the program takes no foreign identity documents),
    /// none of `foreignDocumentType`, `foreignDocumentNumber`, `foreignDocumentCountryCode` and
    /// `foreignDocumentExpirationDate` is updated. One violation per updated property.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "foreignDocumentNumber": "X1234567" }, "settings": { "allowForeignDocuments": false } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "foreignDocumentNumber": "X1234567" }, "settings": { "allowForeignDocuments": false },
    ///   "context": { "current": { "foreignDocumentNumber": "X1234567" } } }
    /// ```
    pub struct ForeignDocumentsNotAllowed;
    code: 60353,
    family: Policy,
    source: CurrentUpdatePage,
    since: "0.2.0",
    judges: Updates,
    properties: [
        "foreignDocumentType", "foreignDocumentNumber", "foreignDocumentCountryCode",
        "foreignDocumentExpirationDate",
    ],
    settings: ["allowForeignDocuments"],
    message: "Foreign document values are not allowed by program",
}

impl Check for ForeignDocumentsNotAllowed {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if input.settings.allow_foreign_documents {
            return;
        }
        // In wire-name order, so the run needs no sorting.
        let checks = [
            (
                "foreignDocumentCountryCode",
                input.updated(|p| p.foreign_document_country_code()),
            ),
            (
                "foreignDocumentExpirationDate",
                input.updated_date(DateProperty::ForeignDocumentExpirationDate),
            ),
            (
                "foreignDocumentNumber",
                input.updated(|p| p.foreign_document_number()),
            ),
            (
                "foreignDocumentType",
                input.updated(|p| p.foreign_document_type()),
            ),
        ];
        for (name, updated) in checks {
            if updated {
                out.at(Path::field(name));
            }
        }
    }
}
