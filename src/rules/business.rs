//! Business customers: the program's switches for business properties, and the industry list.

use crate::input::Input;
use crate::model::CustomerPatchView;
use crate::rule::{declare_rule, Check, Described, Emitter};
use crate::text::longer_than;
use crate::violation::Path;

/// Reports `name` when the customer is a business, `allowed` is off and the property is updated.
// Measured: left to the inliner, these stay out of line, a call per rule per patch.
#[allow(clippy::inline_always)]
#[inline(always)]
fn frozen<'a, T: PartialEq, R: Described>(
    input: &Input<'a>,
    mut out: Emitter<'_, '_, R>,
    allowed: bool,
    name: &'static str,
    get: impl Fn(CustomerPatchView<'a>) -> Option<T>,
) {
    // The switches first: most customers are individuals, and most programs allow updates.
    if input.is_business() && !allowed && input.updated(get) {
        out.at(Path::field(name));
    }
}

/// Reports each updated address of type `wanted` of a business whose switch is off.
// Measured: left to the inliner, these stay out of line, a call per rule per patch.
#[allow(clippy::inline_always)]
#[inline(always)]
fn frozen_addresses<R: Described>(
    input: &Input<'_>,
    mut out: Emitter<'_, '_, R>,
    allowed: bool,
    wanted: &'static str,
) {
    if input.is_business() && !allowed {
        for i in input.updated_addresses(wanted) {
            out.at(Path::field("addresses").index(i));
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// Business customers: when the settings list the program's industry classification ids
    /// (`industryClassificationCodeIds`), `industryClassificationCodeId`, when set, is one of
    /// them. Without a list the rule does not run: the list is program data only the caller
    /// has. The property belongs to business customers only, so an individual's is not
    /// checked. `{id}` is the id sent.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "industryClassificationCodeId": 999 }, "settings": { "industryClassificationCodeIds": [1, 2, 3] },
    ///   "context": { "customerKind": "business" } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "industryClassificationCodeId": 2 }, "settings": { "industryClassificationCodeIds": [1, 2, 3] },
    ///   "context": { "customerKind": "business" } }
    /// ```
    pub struct UnknownIndustryClassificationCode;
    code: 60305,
    family: Business,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["industryClassificationCodeId"],
    settings: ["industryClassificationCodeIds"],
    message: "Invalid industryClassificationCodeId '{id}'",
}

impl Check for UnknownIndustryClassificationCode {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if !input.is_business() {
            return;
        }
        let (Some(id), Some(list)) = (
            input.patch.industry_classification_code_id(),
            input.settings.industry_classification_code_ids.as_deref(),
        ) else {
            return;
        };
        if !list.contains(&id) {
            out.at_with(
                Path::field("industryClassificationCodeId"),
                &[&id.to_string()],
            );
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// Business customers: with `allowBusinessLegalNameUpdate: false`, `businessLegalName` is
    /// not updated.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "businessLegalName": "Acme LLC" }, "settings": { "allowBusinessLegalNameUpdate": false },
    ///   "context": { "customerKind": "business" } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "businessLegalName": "Acme LLC" }, "settings": { "allowBusinessLegalNameUpdate": false },
    ///   "context": { "customerKind": "business", "current": { "businessLegalName": "Acme LLC" } } }
    /// ```
    pub struct BusinessLegalNameUpdateNotAllowed;
    code: 194102,
    family: Business,
    source: UpdatePage,
    since: "0.1.0",
    judges: Updates,
    properties: ["businessLegalName"],
    settings: ["allowBusinessLegalNameUpdate"],
    message: "Your program settings do not allow for updating of businessLegalName.",
}

impl Check for BusinessLegalNameUpdateNotAllowed {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        frozen(
            input,
            out,
            input.settings.allow_business_legal_name_update,
            "businessLegalName",
            |p| p.business_legal_name(),
        );
    }
}

declare_rule! {
    /// ### What it checks
    /// Business customers: with `allowDbaUpdate: false`, `doingBusinessAs` (Helix's "dba") is
    /// not updated. (Helix's page prints a stray `"` before this message; the message here is
    /// the text without it.)
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "doingBusinessAs": "Acme" }, "settings": { "allowDbaUpdate": false }, "context": { "customerKind": "business" } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "doingBusinessAs": "Acme" }, "settings": { "allowDbaUpdate": false } }
    /// ```
    pub struct DbaUpdateNotAllowed;
    code: 194103,
    family: Business,
    source: UpdatePage,
    since: "0.1.0",
    judges: Updates,
    properties: ["doingBusinessAs"],
    settings: ["allowDbaUpdate"],
    message: "Your program settings do not allow for updating of dba.",
}

impl Check for DbaUpdateNotAllowed {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        frozen(
            input,
            out,
            input.settings.allow_dba_update,
            "doingBusinessAs",
            |p| p.doing_business_as(),
        );
    }
}

declare_rule! {
    /// ### What it checks
    /// Business customers: with `allowLegalEntityTypeUpdate: false`, `legalEntityType` is not
    /// updated.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "legalEntityType": "LLC" }, "settings": { "allowLegalEntityTypeUpdate": false }, "context": { "customerKind": "business" } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "legalEntityType": null }, "settings": { "allowLegalEntityTypeUpdate": false }, "context": { "customerKind": "business" } }
    /// ```
    pub struct LegalEntityTypeUpdateNotAllowed;
    code: 194104,
    family: Business,
    source: UpdatePage,
    since: "0.1.0",
    judges: Updates,
    properties: ["legalEntityType"],
    settings: ["allowLegalEntityTypeUpdate"],
    message: "Your program settings do not allow for updating of legalEntityType.",
}

impl Check for LegalEntityTypeUpdateNotAllowed {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        frozen(
            input,
            out,
            input.settings.allow_legal_entity_type_update,
            "legalEntityType",
            |p| p.legal_entity_type(),
        );
    }
}

declare_rule! {
    /// ### What it checks
    /// Business customers: with `allowIsTaxExemptUpdate: false`, `isTaxExempt` is not updated.
    /// `false` is a value, and an update.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "isTaxExempt": false }, "settings": { "allowIsTaxExemptUpdate": false }, "context": { "customerKind": "business" } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "isTaxExempt": false }, "settings": { "allowIsTaxExemptUpdate": false },
    ///   "context": { "customerKind": "business", "current": { "isTaxExempt": false } } }
    /// ```
    pub struct IsTaxExemptUpdateNotAllowed;
    code: 194105,
    family: Business,
    source: UpdatePage,
    since: "0.1.0",
    judges: Updates,
    properties: ["isTaxExempt"],
    settings: ["allowIsTaxExemptUpdate"],
    message: "Your program settings do not allow for updating of isTaxExempt.",
}

impl Check for IsTaxExemptUpdateNotAllowed {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        frozen(
            input,
            out,
            input.settings.allow_is_tax_exempt_update,
            "isTaxExempt",
            |p| p.is_tax_exempt(),
        );
    }
}

declare_rule! {
    /// ### What it checks
    /// Business customers: with `allowTaxIdUpdate: false`, `taxId` is not updated.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "taxId": "123456789" }, "settings": { "allowTaxIdUpdate": false }, "context": { "customerKind": "business" } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "taxIdType": "EIN" }, "settings": { "allowTaxIdUpdate": false }, "context": { "customerKind": "business" } }
    /// ```
    pub struct TaxIdUpdateNotAllowed;
    code: 194106,
    family: Business,
    source: UpdatePage,
    since: "0.1.0",
    judges: Updates,
    properties: ["taxId"],
    settings: ["allowTaxIdUpdate"],
    message: "Your program settings do not allow for updating of taxId.",
}

impl Check for TaxIdUpdateNotAllowed {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        frozen(
            input,
            out,
            input.settings.allow_tax_id_update,
            "taxId",
            |p| p.tax_id(),
        );
    }
}

declare_rule! {
    /// ### What it checks
    /// Business customers: with `allowTaxIdTypeUpdate: false`, `taxIdType` is not updated.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "taxIdType": "EIN" }, "settings": { "allowTaxIdTypeUpdate": false }, "context": { "customerKind": "business" } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "taxId": "123456789" }, "settings": { "allowTaxIdTypeUpdate": false }, "context": { "customerKind": "business" } }
    /// ```
    pub struct TaxIdTypeUpdateNotAllowed;
    code: 194107,
    family: Business,
    source: UpdatePage,
    since: "0.1.0",
    judges: Updates,
    properties: ["taxIdType"],
    settings: ["allowTaxIdTypeUpdate"],
    message: "Your program settings do not allow for updating of taxIdType.",
}

impl Check for TaxIdTypeUpdateNotAllowed {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        frozen(
            input,
            out,
            input.settings.allow_tax_id_type_update,
            "taxIdType",
            |p| p.tax_id_type(),
        );
    }
}

declare_rule! {
    /// ### What it checks
    /// Business customers: with `allowPrimaryBusinessAddressUpdate: false`, no PrimaryBusiness
    /// address is updated. One violation per updated address, at `/addresses/i`.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "addresses": [ { "addressType": "PrimaryBusiness", "addressLine1": "1 Main St", "city": "Ames",
    ///   "state": "IA", "postalCode": "50010", "country": "US" } ] },
    ///   "settings": { "allowPrimaryBusinessAddressUpdate": false }, "context": { "customerKind": "business" } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "addresses": [ { "addressType": "Registered", "addressLine1": "1 Main St", "city": "Ames",
    ///   "state": "IA", "postalCode": "50010", "country": "US" } ] },
    ///   "settings": { "allowPrimaryBusinessAddressUpdate": false }, "context": { "customerKind": "business" } }
    /// ```
    pub struct PrimaryBusinessAddressUpdateNotAllowed;
    code: 194108,
    family: Business,
    source: UpdatePage,
    since: "0.1.0",
    judges: Updates,
    properties: ["addresses"],
    settings: ["allowPrimaryBusinessAddressUpdate"],
    message: "Your program settings do not allow for updating of PrimaryBusiness addressType.",
}

impl Check for PrimaryBusinessAddressUpdateNotAllowed {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        frozen_addresses(
            input,
            out,
            input.settings.allow_primary_business_address_update,
            "PrimaryBusiness",
        );
    }
}

declare_rule! {
    /// ### What it checks
    /// Business customers: with `allowMailingAddressUpdate: false`, no Mailing address is
    /// updated. One violation per updated address, at `/addresses/i`.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "addresses": [ { "addressType": "mailing", "addressLine1": "1 Main St", "city": "Ames",
    ///   "state": "IA", "postalCode": "50010", "country": "US" } ] },
    ///   "settings": { "allowMailingAddressUpdate": false }, "context": { "customerKind": "business" } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames",
    ///   "state": "IA", "postalCode": "50010", "country": "US" } ] },
    ///   "settings": { "allowMailingAddressUpdate": false },
    ///   "context": { "customerKind": "business", "current": { "addresses": [ { "addressType": "MAILING",
    ///   "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] } } }
    /// ```
    pub struct MailingAddressUpdateNotAllowed;
    code: 194109,
    family: Business,
    source: UpdatePage,
    since: "0.1.0",
    judges: Updates,
    properties: ["addresses"],
    settings: ["allowMailingAddressUpdate"],
    message: "Your program settings do not allow for updating of Mailing addressType.",
}

impl Check for MailingAddressUpdateNotAllowed {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>) {
        frozen_addresses(
            input,
            out,
            input.settings.allow_mailing_address_update,
            "Mailing",
        );
    }
}

/// The longest business name Helix prints on a card, in Unicode scalar values.
const MAX_NAME_ON_CARD: usize = 26;

/// The card-name profile: what card issuers emboss in a business name.
fn is_card_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ' ' | '&' | '\'' | ',' | '-' | '.' | '/')
}

declare_rule! {
    /// ### What it checks
    /// `businessNameOnCard`, when set, is at most 26 characters, counted as Unicode scalar
    /// values (Helix documents it as a string of 26). Any customer kind. `{0}` is the name as
    /// sent, as Helix's template echoes it.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "businessNameOnCard": "Acme Industrial Supply Co 1" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "businessNameOnCard": "Acme Industrial Supply Co." }
    /// ```
    pub struct BusinessNameOnCardTooLong;
    code: 60006,
    family: Business,
    source: CurrentUpdatePage,
    since: "0.2.0",
    properties: ["businessNameOnCard"],
    settings: [],
    message: "businessNameOnCard {0} is restricted to 26 characters.",
}

impl Check for BusinessNameOnCardTooLong {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if let Some(name) = input.patch.business_name_on_card() {
            if longer_than(name, MAX_NAME_ON_CARD) {
                out.at_with(Path::field("businessNameOnCard"), &[name]);
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// `businessNameOnCard`, when set, holds only characters of the card-name profile: ASCII
    /// letters and digits, space, and `&` `'` `,` `-` `.` `/`. `""` clears the name and is no
    /// violation. Any customer kind. `{0}` is the name as sent.
    ///
    /// Helix does not publish its list ("card name allowed special characters"). This profile
    /// is what card issuers emboss: letters, digits, space and `. , / - & '`. A program whose
    /// Helix configuration takes more switches this code off with `"ignore": [60007]`.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "businessNameOnCard": "Acme #1" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "businessNameOnCard": "A&B Co., 1/2-Price's" }
    /// ```
    pub struct BusinessNameOnCardInvalidCharacters;
    code: 60007,
    family: Business,
    source: CurrentUpdatePage,
    since: "0.2.0",
    properties: ["businessNameOnCard"],
    settings: [],
    message: "businessNameOnCard {0} contains invalid characters. Refer to API documentation for valid characters.",
}

impl Check for BusinessNameOnCardInvalidCharacters {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if let Some(name) = input.patch.business_name_on_card() {
            if !name.chars().all(is_card_name_char) {
                out.at_with(Path::field("businessNameOnCard"), &[name]);
            }
        }
    }
}
