//! Properties of the person: birth date, gender, tag, email.

use crate::input::Input;
use crate::rule::{declare_rule, Check, Emitter};
use crate::text::dates::{DateValue, Day};
use crate::text::email::is_valid_email;
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
    /// { "birthDate": "1900-01-01" }
    /// ```
    /// ```json,valid
    /// { "birthDate": "1900-01-02" }
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
    #[inline]
    fn check(input: &Input<'_>, out: &mut Emitter<'_>) {
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
    /// { "gender": "X" }
    /// ```
    /// ```json,valid
    /// { "gender": "f" }
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
    #[inline]
    fn check(input: &Input<'_>, out: &mut Emitter<'_>) {
        let g = input.patch.gender.as_deref();
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
    #[inline]
    fn check(input: &Input<'_>, out: &mut Emitter<'_>) {
        let Some(tag) = input.patch.tag.as_deref() else {
            return;
        };
        let me = input
            .patch
            .customer_id
            .or_else(|| input.cx.current().and_then(|c| c.customer_id));
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
    /// { "emailAddress": "ada@localhost" }
    /// ```
    /// ```json,valid
    /// { "emailAddress": "ada.lovelace+bank@example.co.uk" }
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
    #[inline]
    fn check(input: &Input<'_>, out: &mut Emitter<'_>) {
        if input
            .patch
            .email_address
            .as_deref()
            .is_some_and(|e| !e.is_empty() && !is_valid_email(e))
        {
            out.at(Path::field("emailAddress"));
        }
    }
}
