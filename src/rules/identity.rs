//! Properties of the person: the customer id, birth date, gender, tag, email, preferred name
//! and foreign identity documents.

use crate::input::Input;
use crate::rule::{declare_rule, Check, Emitter};
use crate::text::dates::{DateValue, Day};
use crate::text::email::is_valid_email;
use crate::text::{is_blank, longer_than};
use crate::violation::Path;
use crate::vocabulary::{type_is, DateProperty};

/// Birth dates must be strictly after this day.
const EARLIEST_BIRTH_DATE: Day = Day::new(1900, 1, 1);

declare_rule! {
    /// ### What it checks
    /// `birthDate`, when set, names a day strictly after 1900-01-01 and not after the evaluation
    /// day (`context.today`): the update message says "after 01/01/1900", and a birth date in
    /// the future is never valid data (Helix's create message says "in the past").
    ///
    /// The day is taken as written: `1900-01-02T00:00:00-05:00` is January 2nd. Text that is not
    /// a date at all is 59952, not this rule.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "birthDate": "1900-01-01" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "birthDate": "1900-01-02" }
    /// ```
    pub struct BirthDateOutOfRange;
    code: 60301,
    family: Identity,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["birthDate"],
    settings: [],
    message: "Birth Date is invalid. Please enter a valid date after 01/01/1900.",
}

impl Check for BirthDateOutOfRange {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if let DateValue::Day(d) = input.date(DateProperty::BirthDate) {
            if d <= EARLIEST_BIRTH_DATE || d > Day::of(input.cx.today()) {
                out.at(Path::field("birthDate"));
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// `gender`, when set, is `M`, `F` or `U`, in either case. The empty string is not a gender.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "gender": "X" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "gender": "f" }
    /// ```
    pub struct InvalidGender;
    code: 60302,
    family: Identity,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["gender"],
    settings: [],
    message: "Gender is invalid. Valid values are: 'M', 'F', and 'U'.",
}

impl Check for InvalidGender {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        let g = input.patch.gender();
        if g.is_some() && !["M", "F", "U"].iter().any(|v| type_is(g, v)) {
            out.at(Path::field("gender"));
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// `tag`, when set, is not held by a different customer according to the caller's tag
    /// lookup (`context.tagOwners`). The customer is the patch's `customerId`, or the current
    /// record's; when neither says who the customer is, any owner is a different customer.
    /// Tags compare exactly. `{0}` is the tag (Helix's own template echoes it; tags hold no PII).
    ///
    /// Helix enforces tag uniqueness in production among Active, Initiated, Manual Review and
    /// Verified customers, and not in sandbox: the lookup should answer the same way.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "tag": "vip-1" }, "context": { "tagOwners": { "vip-1": 8 } } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "tag": "vip-1" }, "context": { "tagOwners": { "vip-1": 7 } } }
    /// ```
    pub struct TagOwnedByAnotherCustomer;
    code: 60303,
    family: Identity,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["tag", "customerId"],
    settings: [],
    message: "Tag '{0}' is already associated with a different customer.",
}

impl Check for TagOwnedByAnotherCustomer {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        let Some(tag) = input.patch.tag() else {
            return;
        };
        let me = input
            .patch
            .customer_id()
            .or_else(|| input.current().and_then(|c| c.customer_id()));
        if let Some(owner) = input.cx.tags().owner(tag) {
            if Some(owner) != me {
                out.at_with(Path::field("tag"), &[tag]);
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// `emailAddress`, when set, fits this crate's email profile (Helix does not publish its
    /// own): an ASCII dot-atom local part of 1-64 octets (no quoted strings, comments or
    /// display names); a domain of at least two labels of letters, digits and inner hyphens,
    /// each 1-63 octets, ending in an alphabetic top-level label; no IP literals; at most 254
    /// octets in all.
    ///
    /// The empty string is no address to judge: Helix's `GET /customer/get` answers
    /// `"emailAddress": ""` for a customer without one, and object-model SDKs send that back
    /// on update. It is not 60304 (it is still an update for the policy rules, 60307 and 60450).
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "emailAddress": "ada@localhost" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "emailAddress": "ada.lovelace+bank@example.co.uk" }
    /// ```
    pub struct InvalidEmailAddress;
    code: 60304,
    family: Identity,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["emailAddress"],
    settings: [],
    message: "Invalid email address",
}

impl Check for InvalidEmailAddress {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if input
            .patch
            .email_address()
            .is_some_and(|e| !e.is_empty() && !is_valid_email(e))
        {
            out.at(Path::field("emailAddress"));
        }
    }
}

/// The largest customer id: Helix's ids are 32-bit signed integers.
const MAX_CUSTOMER_ID: i64 = 2_147_483_647;

declare_rule! {
    /// ### What it checks
    /// `customerId` names a customer: an integer from 1 to 2147483647. Missing and `null` are
    /// invalid too (Helix's update needs it to find the record; the first-party Java SDK's
    /// static `Customer.update` sends a body without one). `{0}` is the number as sent, or
    /// `[NULL]` when there is none, which is exactly Helix's `Customer id [NULL] is invalid.`
    /// An integer of any size counts as an integer here; a value of another JSON type is
    /// 59900's alone, and a string of digits is read as its number, as Helix's reader does. A
    /// body that is not well-formed JSON (59950) may hold its id past the break, so a missing
    /// id is not reported there.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 0, "firstName": "Ada" }
    /// ```
    /// ```json,valid
    /// { "customerId": 2147483647, "firstName": "Ada" }
    /// ```
    pub struct InvalidCustomerId;
    code: 60001,
    family: Identity,
    source: CurrentUpdatePage,
    since: "0.2.0",
    properties: ["customerId"],
    settings: [],
    message: "Customer id {0} is invalid.",
}

impl Check for InvalidCustomerId {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        match input.patch.customer_id() {
            Some(id) if (1..=MAX_CUSTOMER_ID).contains(&id) => {}
            Some(id) => out.at_with(Path::field("customerId"), &[&id.to_string()]),
            None => match input.report.large_customer_id {
                Some(id) => out.at_with(Path::field("customerId"), &[&id.to_string()]),
                // A body that breaks off may hold its id past the break: not known missing.
                None if input.report.syntax_error => {}
                // An unreadable id is 59900's: the emitter drops this one then.
                None => out.at_with(Path::field("customerId"), &["[NULL]"]),
            },
        }
    }
}

/// The longest preferred name Helix takes, in Unicode scalar values.
const MAX_PREFERRED_NAME: usize = 21;

/// The preferred-name profile: what card issuers print in a cardholder name.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, ' ' | '\'' | '-' | '.')
}

declare_rule! {
    /// ### What it checks
    /// `preferredName`, when set, is at most 21 characters, counted as Unicode scalar values
    /// (Helix documents it as a string of 21). `{0}` is the name as sent, as Helix's template
    /// echoes it.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "preferredName": "Augusta Ada Lovelace K" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "preferredName": "Augusta Ada Lovelace" }
    /// ```
    pub struct PreferredNameTooLong;
    code: 60263,
    family: Identity,
    source: CurrentUpdatePage,
    since: "0.2.0",
    properties: ["preferredName"],
    settings: [],
    message: "PreferredName ‘{0}’ is restricted to 21 characters",
}

impl Check for PreferredNameTooLong {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if let Some(name) = input.patch.preferred_name() {
            if longer_than(name, MAX_PREFERRED_NAME) {
                out.at_with(Path::field("preferredName"), &[name]);
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// `preferredName`, when set, holds only characters of the name profile: ASCII letters,
    /// space, apostrophe `'`, hyphen `-` and full stop `.`. `""` clears the name and is no
    /// violation. `{0}` is the name as sent.
    ///
    /// Helix does not publish its character list. This profile follows what card issuers
    /// print in a cardholder name (letters, spaces, `'` and `-` by default; `.` in initials).
    /// A program whose Helix configuration takes more switches this code off with
    /// `"ignore": [60264]`.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "preferredName": "Ada 2" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "preferredName": "Ada-Mae O'Neil Jr." }
    /// ```
    pub struct PreferredNameInvalidCharacters;
    code: 60264,
    family: Identity,
    source: CurrentUpdatePage,
    since: "0.2.0",
    properties: ["preferredName"],
    settings: [],
    message: "PreferredName ‘{0}’ has some unsupported characters",
}

impl Check for PreferredNameInvalidCharacters {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if let Some(name) = input.patch.preferred_name() {
            if !name.chars().all(is_name_char) {
                out.at_with(Path::field("preferredName"), &[name]);
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// When `usePreferredNameOnCard` is sent as `true`, the record has a preferred name that
    /// is not blank: the patch's `preferredName` when it sends one (a blank one clears the
    /// name), else the current record's (`context.current`). Reported at
    /// `/usePreferredNameOnCard`, even when the flag equals the current record's.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "usePreferredNameOnCard": true, "preferredName": " " }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "usePreferredNameOnCard": true },
    ///   "context": { "current": { "preferredName": "Ada" } } }
    /// ```
    pub struct PreferredNameRequiredOnCard;
    code: 60266,
    family: Identity,
    source: CurrentUpdatePage,
    since: "0.2.0",
    properties: ["usePreferredNameOnCard", "preferredName"],
    settings: [],
    message: "preferredName is required when usePreferredNameOnCard is passed as true",
}

impl Check for PreferredNameRequiredOnCard {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if input.patch.use_preferred_name_on_card() == Some(true)
            && is_blank(input.on_record(|p| p.preferred_name()))
        {
            out.at(Path::field("usePreferredNameOnCard"));
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// `foreignDocumentType`, when set, is not blank (empty or only whitespace); and, when the
    /// settings list the program's types (`foreignDocumentTypes`), it is one of them, in any
    /// case. An empty list allows none; without a list any non-blank type passes, as Helix
    /// does not publish its values.
    /// ### Examples
    /// ```json,invalid
    /// { "patch": { "customerId": 7, "foreignDocumentType": "Visa", "foreignDocumentNumber": "X1" },
    ///   "settings": { "foreignDocumentTypes": ["Passport", "NationalId"] } }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "foreignDocumentType": "nationalid", "foreignDocumentNumber": "X1" },
    ///   "settings": { "foreignDocumentTypes": ["Passport", "NationalId"] } }
    /// ```
    pub struct InvalidForeignDocumentType;
    code: 60352,
    family: Identity,
    source: CurrentUpdatePage,
    since: "0.2.0",
    properties: ["foreignDocumentType"],
    settings: ["foreignDocumentTypes"],
    message: "Invalid foreignDocumentType",
}

impl Check for InvalidForeignDocumentType {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        let Some(t) = input.patch.foreign_document_type() else {
            return;
        };
        let listed = |list: &[String]| list.iter().any(|known| known.eq_ignore_ascii_case(t));
        if is_blank(Some(t))
            || input
                .settings
                .foreign_document_types
                .as_deref()
                .is_some_and(|list| !listed(list))
        {
            out.at(Path::field("foreignDocumentType"));
        }
    }
}

/// Whether the record lacks a foreign document number once the patch is applied.
fn no_foreign_document_number(input: &Input<'_>) -> bool {
    is_blank(input.on_record(|p| p.foreign_document_number()))
}

declare_rule! {
    /// ### What it checks
    /// When `foreignDocumentType` is sent, the record has a foreign document number that is
    /// not blank: the patch's `foreignDocumentNumber` when it sends one (a blank one clears
    /// it), else the current record's. (The doubled "the the" is Helix's own text.)
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "foreignDocumentType": "Passport" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "foreignDocumentType": "Passport", "foreignDocumentNumber": "X1234567" }
    /// ```
    pub struct ForeignDocumentTypeWithoutNumber;
    code: 60354,
    family: Identity,
    source: CurrentUpdatePage,
    since: "0.2.0",
    properties: ["foreignDocumentType", "foreignDocumentNumber"],
    settings: [],
    message: "foreignDocumentType required foreignDocumentNumber on the the customer record",
}

impl Check for ForeignDocumentTypeWithoutNumber {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if input.patch.foreign_document_type().is_some() && no_foreign_document_number(input) {
            out.at(Path::field("foreignDocumentType"));
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// When `foreignDocumentCountryCode` is sent, the record has a foreign document number that
    /// is not blank (the patch's when it sends one, else the current record's).
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "foreignDocumentCountryCode": "MEX", "foreignDocumentNumber": "" }
    /// ```
    /// ```json,valid
    /// { "patch": { "customerId": 7, "foreignDocumentCountryCode": "MEX" },
    ///   "context": { "current": { "foreignDocumentNumber": "X1234567" } } }
    /// ```
    pub struct ForeignDocumentCountryWithoutNumber;
    code: 60355,
    family: Identity,
    source: CurrentUpdatePage,
    since: "0.2.0",
    properties: ["foreignDocumentCountryCode", "foreignDocumentNumber"],
    settings: [],
    message: "foreignDocumentCountryCode required a foreignDocumentNumber on the customer record",
}

impl Check for ForeignDocumentCountryWithoutNumber {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        if input.patch.foreign_document_country_code().is_some()
            && no_foreign_document_number(input)
        {
            out.at(Path::field("foreignDocumentCountryCode"));
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// When `foreignDocumentExpirationDate` is sent (as a date: text that names no day is
    /// 59952's), the record has a foreign document number that is not blank (the patch's when
    /// it sends one, else the current record's).
    ///
    /// Every stored copy of Helix's page cuts this message after "customer re"; the message
    /// here is completed with "record", as the two sibling codes (60354, 60355) word it.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "foreignDocumentExpirationDate": "2030-01-01" }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "foreignDocumentExpirationDate": "2030-01-01", "foreignDocumentNumber": "X1234567" }
    /// ```
    pub struct ForeignDocumentExpirationWithoutNumber;
    code: 60356,
    family: Identity,
    source: CurrentUpdatePage,
    since: "0.2.0",
    properties: ["foreignDocumentExpirationDate", "foreignDocumentNumber"],
    settings: [],
    message: "foreignDocumentExpirationDate requires a foreignDocumentNumber on the customer record",
}

impl Check for ForeignDocumentExpirationWithoutNumber {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        let sent = matches!(
            input.date(DateProperty::ForeignDocumentExpirationDate),
            DateValue::Day(_)
        );
        if sent && no_foreign_document_number(input) {
            out.at(Path::field("foreignDocumentExpirationDate"));
        }
    }
}
