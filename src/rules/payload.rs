//! The body itself: what Helix's reader rejects before any business rule runs (599xx).

use crate::input::Input;
use crate::model::lenient::IssueKind;
use crate::rule::{declare_rule, Check, Emitter};
use crate::text::dates::DateValue;
use crate::violation::Path;
use crate::vocabulary::DateProperty;

declare_rule! {
    /// ### What it checks
    /// Every property has a JSON type Helix reads: strings for dates, `true`/`false` for
    /// booleans, integers for ids, an array of objects for `addresses` and `phones`, and an
    /// object for the body. Text takes a string, and also a number or a boolean, which Helix's
    /// reader takes as text (58007 warns of it); an array or an object there is this code. `{0}` is the JSON type found, `{1}` the type expected (`string`,
    /// `boolean`, `integer`, `array`, `object`); the value itself is never echoed.
    ///
    /// An integer property also takes a string of digits, as Helix's .NET reader does. An
    /// unreadable property counts as absent for every other rule, and is not also reported as
    /// missing. An array entry that is not an object keeps its index, so later entries are
    /// reported where they are.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "firstName": ["Ada"] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "firstName": "42" }
    /// ```
    pub struct PropertyTypeMismatch;
    code: 59900,
    family: Payload,
    source: CommonErrorCodes,
    since: "0.1.0",
    properties: [],
    settings: [],
    message: "Could not convert {0} to {1}.",
}

impl Check for PropertyTypeMismatch {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for issue in &input.report.issues {
            if let IssueKind::Mismatch { found, expected } = issue.kind {
                out.at_with(issue.path, &[found, expected]);
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// The body is well-formed JSON: one value, nothing after it. Reported at the root (`""`).
    /// Properties completed before the break are still checked by every other rule. A number
    /// beyond a double's range and an escaped lone surrogate (`"\ud83d"`, as a string cut in
    /// the middle of an emoji is written) are well-formed by the JSON grammar, so neither is
    /// 59950: the number is a number that is no integer, and the surrogate reads as U+FFFD.
    /// ### Examples
    /// ```json,invalid
    /// { "patchText": "{\"firstName\": \"Ada\"" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "firstName": "Ada" }
    /// ```
    pub struct MalformedJson;
    code: 59950,
    family: Payload,
    source: CommonErrorCodes,
    since: "0.1.0",
    properties: [],
    settings: [],
    message: "Unexpected end when deserializing object.",
}

impl Check for MalformedJson {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if input.report.syntax_error {
            out.at(Path::root());
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// A date property is an ISO-8601 date or date-time naming a real day: `YYYY-MM-DD`,
    /// optionally followed by `THH:MM[:SS[.fraction]]` and `Z`, `±HH:MM`, `±HHMM` or `±HH`.
    /// February 30th and
    /// February 29th 1900 are not days. `{0}` is the property's wire name.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "birthDate": "1900-02-29" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "birthDate": "1976-07-04T00:00:00.000+00:00" }
    /// ```
    pub struct InvalidDateTime;
    code: 59952,
    family: Payload,
    source: CommonErrorCodes,
    since: "0.1.0",
    properties: [
        "birthDate", "driversLicenseIssueDate", "driversLicenseExpireDate",
        "passportIssueDate", "passportExpireDate", "foreignDocumentExpirationDate",
        "attestationDate",
    ],
    settings: [],
    message: "Value for property '{0}' is not formatted as a valid ISO-8601 DateTime.",
}

impl Check for InvalidDateTime {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for d in DateProperty::ALL {
            if input.date(d) == DateValue::NotADate {
                out.at_with(Path::field(d.name()), &[d.name()]);
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// A boolean property given as a string says `true` or `false` (any case, surrounding
    /// whitespace allowed), as Helix's .NET reader requires. `{0}` is the property's wire name.
    /// Numbers, arrays and objects there are 59900 instead.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "isDocumentsAccepted": "yes" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "isDocumentsAccepted": "True" }
    /// ```
    pub struct InvalidBoolean;
    code: 59953,
    family: Payload,
    source: CommonErrorCodes,
    since: "0.1.0",
    properties: [
        "isSubjectToBackupWithholding", "isOptedInToBankCommunication", "isDocumentsAccepted",
        "usePreferredNameOnCard", "isTaxExempt", "addresses[].isActive", "phones[].isActive",
    ],
    settings: [],
    message: "Value for property '{0}' is not formatted as a valid boolean.",
}

impl Check for InvalidBoolean {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for issue in &input.report.issues {
            if let IssueKind::BadBoolean { property } = issue.kind {
                out.at_with(issue.path, &[property]);
            }
        }
    }
}
