//! The crate's own codes (58000-58999, a range Helix reserves for third parties and never
//! issues), for limits Helix's object docs state without publishing a code. They are warnings:
//! Helix is not known to reject what they report (a recorded sandbox session accepted the phone
//! number `+16502530000`), and its docs ask clients to clean such input before sending.
//!
//! A warning is reported only where no Helix code is reported at the same path (the registry
//! drops the rest), so a blank phone number is 66802 alone. `{0}` is the property's wire name,
//! never its value.

use crate::input::Input;
use crate::model::lenient::IssueKind;
use crate::model::CustomerPatchView;
use crate::rule::{declare_rule, Check, Emitter};
use crate::text::{is_blank, longer_than as too_long};
use crate::violation::Path;
use crate::vocabulary::is_us_state;

/// The top-level text properties with a documented maximum length, in wire-name order (so a
/// run of violations needs no sorting).
/// Reads one text property of a patch.
type Text = for<'x> fn(CustomerPatchView<'x>) -> Option<&'x str>;

const MAX_LENGTHS: [(&str, usize, Text); 22] = [
    ("attesterName", 50, |p| p.attester_name()),
    ("attesterTitle", 50, |p| p.attester_title()),
    ("businessDescription", 200, |p| p.business_description()),
    ("businessLegalName", 300, |p| p.business_legal_name()),
    ("businessWebsite", 100, |p| p.business_website()),
    ("customField1", 100, |p| p.custom_field1()),
    ("customField2", 100, |p| p.custom_field2()),
    ("customField3", 100, |p| p.custom_field3()),
    ("customField4", 100, |p| p.custom_field4()),
    ("customField5", 100, |p| p.custom_field5()),
    ("driversLicenseNumber", 30, |p| p.drivers_license_number()),
    ("emailAddress", 255, |p| p.email_address()),
    ("firstName", 64, |p| p.first_name()),
    ("foreignDocumentCountryCode", 3, |p| {
        p.foreign_document_country_code()
    }),
    ("foreignDocumentNumber", 30, |p| p.foreign_document_number()),
    ("lastName", 128, |p| p.last_name()),
    ("middleName", 64, |p| p.middle_name()),
    ("passportCountry", 30, |p| p.passport_country()),
    ("passportNumber", 30, |p| p.passport_number()),
    ("suffix", 20, |p| p.suffix()),
    ("tag", 50, |p| p.tag()),
    ("taxId", 30, |p| p.tax_id()),
];

/// The longest address line Helix documents (Visa DPS programs: 76, which is 66908's).
const MAX_ADDRESS_LINE: usize = 100;
/// The longest city Helix documents.
const MAX_CITY: usize = 50;
/// The longest phone number Helix documents.
const MAX_PHONE_NUMBER: usize = 50;

declare_rule! {
    /// ### What it checks
    /// Text is no longer than Helix's docs allow, counted as Unicode scalar values: `firstName`
    /// and `middleName` 64, `lastName` 128, `suffix` 20, `taxId`, `driversLicenseNumber`,
    /// `passportNumber`, `passportCountry` and `foreignDocumentNumber` 30, `emailAddress` 255,
    /// `tag` 50, `customField1`-`customField5` 100, `foreignDocumentCountryCode` 3,
    /// `businessLegalName` 300, `businessDescription` 200, `businessWebsite` 100,
    /// `attesterName` and `attesterTitle` 50; each address's `addressLine1`-`addressLine4` 100
    /// and `city` 50; each phone's `number` 50. `{0}` is the property's wire name, `{1}` the
    /// limit.
    ///
    /// Properties with a format of their own (`state`, `country`, `postalCode`, `culture`) are
    /// 58003-58006's, and `preferredName` and `businessNameOnCard` have Helix's own length codes
    /// (60263, 60006). A Helix code at the same path wins: a 300-character email is 60304
    /// alone, a 90-character line of a DPS program 66908 alone.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "firstName": "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "firstName": "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }
    /// ```
    pub struct TextTooLong;
    code: 58001,
    family: Limits,
    source: DocumentedLimit,
    since: "0.2.0",
    properties: [
        "firstName", "middleName", "lastName", "suffix", "taxId", "driversLicenseNumber",
        "passportNumber", "passportCountry", "emailAddress", "tag", "customField1",
        "customField2", "customField3", "customField4", "customField5", "foreignDocumentNumber",
        "foreignDocumentCountryCode", "businessLegalName", "businessDescription",
        "businessWebsite", "attesterName", "attesterTitle", "addresses[].addressLine1",
        "addresses[].addressLine2", "addresses[].addressLine3", "addresses[].addressLine4",
        "addresses[].city", "phones[].number",
    ],
    settings: [],
    message: "{0} must not be longer than {1} characters.",
}

impl Check for TextTooLong {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for (name, max, get) in MAX_LENGTHS {
            if get(input.patch).is_some_and(|t| too_long(t, max)) {
                out.at_with(Path::field(name), &[name, &max.to_string()]);
            }
        }
        for (i, a) in input.addresses() {
            for (name, line) in a.lines() {
                if line.is_some_and(|l| too_long(l, MAX_ADDRESS_LINE)) {
                    let path = Path::field("addresses").index(i).name(name);
                    out.at_with(path, &[name, &MAX_ADDRESS_LINE.to_string()]);
                }
            }
            if a.city().is_some_and(|c| too_long(c, MAX_CITY)) {
                let path = Path::field("addresses").index(i).name("city");
                out.at_with(path, &["city", &MAX_CITY.to_string()]);
            }
        }
        for (i, p) in input.phones() {
            if p.number().is_some_and(|n| too_long(n, MAX_PHONE_NUMBER)) {
                let path = Path::field("phones").index(i).name("number");
                out.at_with(path, &["number", &MAX_PHONE_NUMBER.to_string()]);
            }
        }
    }
}

/// Whether `text` holds anything but ASCII digits (`""` holds nothing).
fn not_digits(text: &str) -> bool {
    !text.bytes().all(|b| b.is_ascii_digit())
}

declare_rule! {
    /// ### What it checks
    /// `taxId` and each phone's `number` hold ASCII digits only: Helix's docs say "no
    /// formatting (no dashes, spaces, etc.)" and "numbers only, without hyphens". `""` is no
    /// 58002 (a blank phone number is 66802's). `{0}` is the property's wire name.
    ///
    /// A warning: Helix accepted the phone number `+16502530000` in a recorded sandbox session.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "taxId": "123-45-6789" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "taxId": "123456789" }
    /// ```
    pub struct NotDigitsOnly;
    code: 58002,
    family: Limits,
    source: DocumentedLimit,
    since: "0.2.0",
    properties: ["taxId", "phones[].number"],
    settings: [],
    message: "{0} must contain digits only, without spaces, hyphens or other formatting.",
}

impl Check for NotDigitsOnly {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for (i, p) in input.phones() {
            if p.number().is_some_and(not_digits) {
                out.at_with(Path::field("phones").index(i).name("number"), &["number"]);
            }
        }
        if input.patch.tax_id().is_some_and(not_digits) {
            out.at_with(Path::field("taxId"), &["taxId"]);
        }
    }
}

/// Whether a postal code is a ZIP Code (5 digits) or a ZIP+4 without its hyphen (9 digits).
fn is_zip(code: &str) -> bool {
    matches!(code.len(), 5 | 9) && code.bytes().all(|b| b.is_ascii_digit())
}

declare_rule! {
    /// ### What it checks
    /// Each address's `postalCode`, when not blank, is exactly 5 or 9 ASCII digits: Helix's docs
    /// say "U.S. numbers only, without hyphen", at most 9. `50010-1234` is 58003; a blank postal
    /// code is 66905's.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "5001", "country": "US" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "500101234", "country": "US" } ] }
    /// ```
    pub struct InvalidPostalCode;
    code: 58003,
    family: Limits,
    source: DocumentedLimit,
    since: "0.2.0",
    properties: ["addresses[].postalCode"],
    settings: [],
    message: "postalCode must be a 5-digit ZIP Code or a 9-digit ZIP+4 without a hyphen.",
}

impl Check for InvalidPostalCode {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for (i, a) in input.addresses() {
            let code = a.postal_code();
            if !is_blank(code) && !code.is_some_and(is_zip) {
                out.at(Path::field("addresses").index(i).name("postalCode"));
            }
        }
    }
}

/// Whether a text is set, not blank, and fails `ok`.
fn set_and_not(value: Option<&str>, ok: impl Fn(&str) -> bool) -> bool {
    !is_blank(value) && !value.is_some_and(ok)
}

declare_rule! {
    /// ### What it checks
    /// Each address's `state`, `driversLicenseState` and `formationState`, when not blank, is a
    /// two-letter USPS code in any case: the 50 states, DC, the territories (AS, GU, MP, PR,
    /// VI), the freely associated states (FM, MH, PW) and the armed forces' regions (AA, AE,
    /// AP). `Iowa` is 58004; a blank address state is 66904's. `{0}` is the wire name.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "driversLicenseState": "Iowa" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "driversLicenseState": "ia" }
    /// ```
    pub struct InvalidStateCode;
    code: 58004,
    family: Limits,
    source: DocumentedLimit,
    since: "0.2.0",
    properties: ["addresses[].state", "driversLicenseState", "formationState"],
    settings: [],
    message: "{0} must be a two-letter USPS state or territory code.",
}

impl Check for InvalidStateCode {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for (i, a) in input.addresses() {
            if set_and_not(a.state(), is_us_state) {
                out.at_with(Path::field("addresses").index(i).name("state"), &["state"]);
            }
        }
        for (name, value) in [
            ("driversLicenseState", input.patch.drivers_license_state()),
            ("formationState", input.patch.formation_state()),
        ] {
            if set_and_not(value, is_us_state) {
                out.at_with(Path::field(name), &[name]);
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// Each address's `country`, when not blank, is `US` in any case: Helix's docs say "Must be
    /// US". A blank country is 66906's.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "USA" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "us" } ] }
    /// ```
    pub struct CountryNotUs;
    code: 58005,
    family: Limits,
    source: DocumentedLimit,
    since: "0.2.0",
    properties: ["addresses[].country"],
    settings: [],
    message: "country must be US.",
}

impl Check for CountryNotUs {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for (i, a) in input.addresses() {
            if set_and_not(a.country(), |c| c.eq_ignore_ascii_case("US")) {
                out.at(Path::field("addresses").index(i).name("country"));
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// `culture`, when not blank, is `en-US` or `es-US`, in any case (Helix's docs: "accepted
    /// values vary by program"; a program that takes others switches this code off).
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "culture": "fr-FR" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "culture": "es-us" }
    /// ```
    pub struct InvalidCulture;
    code: 58006,
    family: Limits,
    source: DocumentedLimit,
    since: "0.2.0",
    properties: ["culture"],
    settings: [],
    message: "culture must be en-US or es-US.",
}

impl Check for InvalidCulture {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        let known = |c: &str| c.eq_ignore_ascii_case("en-US") || c.eq_ignore_ascii_case("es-US");
        if set_and_not(input.patch.culture(), known) {
            out.at(Path::field("culture"));
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// Text arrives as a JSON string. Helix's server (.NET, Json.NET) reads a JSON number or
    /// boolean where text belongs as text without complaint, and so does the crate: an integer
    /// as written (`50010` is `"50010"`), any other number in .NET's round-trip form (`1.50` is
    /// `"1.5"`, `1e3` is `"1000"`), `true` and `false` as `"True"` and `"False"`. Every other
    /// rule then judges that text, and this warning says it happened. `{0}` is the wire name,
    /// `{1}` `number` or `boolean`.
    ///
    /// An object or an array where text belongs is 59900, and so is a number or a boolean where
    /// a date, a boolean or an integer belongs. An integer beyond 64 bits written without a
    /// fraction reads in .NET's round-trip form, not digit for digit.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": 50010, "country": "US" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "addresses": [ { "addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US" } ] }
    /// ```
    pub struct TextSentAsNumberOrBoolean;
    code: 58007,
    family: Limits,
    source: DocumentedLimit,
    since: "0.2.0",
    properties: [],
    settings: [],
    message: "{0} was sent as a {1}; Helix reads it as text.",
}

impl Check for TextSentAsNumberOrBoolean {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for issue in &input.report.issues {
            if let IssueKind::SentAsText { property, sent_as } = issue.kind {
                out.at_with(issue.path, &[property, sent_as]);
            }
        }
    }
}
