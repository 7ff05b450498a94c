//! `phones[]`: how many, which types, a number in each.

use crate::input::Input;
use crate::rule::{declare_rule, Check, Emitter};
use crate::rules::address::too_many_or_repeated;
use crate::text::is_blank;
use crate::violation::Path;
use crate::vocabulary::PHONE_TYPES;

declare_rule! {
    /// ### What it checks
    /// `phones` holds at most three entries, no two of the same valid type (types compared in
    /// any case): one each of Home, Mobile, Office. Entries of invalid types are 66801's
    /// business, not repeats. One violation at `/phones`, however long the
    /// list.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "phones": [ { "phoneType": "Home", "number": "5152221212" }, { "phoneType": "home", "number": "5152221213" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "phones": [ { "phoneType": "Home", "number": "5152221212" }, { "phoneType": "Mobile", "number": "5152221213" },
    ///   { "phoneType": "Office", "number": "5152221214" } ] }
    /// ```
    pub struct TooManyPhones;
    code: 60351,
    family: Phone,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["phones"],
    settings: [],
    message: "Only three phones are allowed -- one for each valid type of Home, Mobile, or Office.",
}

impl Check for TooManyPhones {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        let Some(list) = input.patch.phones() else {
            return;
        };
        let types = input.phones().map(|(i, p)| input.phone_type(i, p));
        if too_many_or_repeated(PHONE_TYPES.len(), list.len(), types) {
            out.at(Path::field("phones"));
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// Each phone's `phoneType` is Home, Mobile or Office, in any case. Missing, `null` and
    /// empty are invalid.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "phones": [ { "phoneType": "Cell", "number": "5152221212" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "phones": [ { "phoneType": "MOBILE", "number": "5152221212" } ] }
    /// ```
    pub struct InvalidPhoneType;
    code: 66801,
    family: Phone,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["phones[].phoneType"],
    settings: [],
    message: "Invalid Phone Type. Valid values are: 'Home', 'Mobile', 'Office'.",
}

impl Check for InvalidPhoneType {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for (i, p) in input.phones() {
            // The check first: the path is built only for an entry that may be reported.
            if input.phone_type(i, p).is_none() {
                out.at(Path::field("phones").index(i).name("phoneType"));
            }
        }
    }
}

declare_rule! {
    /// ### What it checks
    /// Each phone has a `number` that is not missing, `null`, empty or whitespace-only.
    /// ### Examples
    /// ```json,invalid
    /// { "customerId": 7, "phones": [ { "phoneType": "Home", "number": "" } ] }
    /// ```
    /// ```json,valid
    /// { "customerId": 7, "phones": [ { "phoneType": "Home", "number": "5152221212" } ] }
    /// ```
    pub struct MissingPhoneNumber;
    code: 66802,
    family: Phone,
    source: UpdatePage,
    since: "0.1.0",
    properties: ["phones[].number"],
    settings: [],
    message: "Phone Number is a required field.",
}

impl Check for MissingPhoneNumber {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn check(input: &Input<'_>, mut out: Emitter<'_, '_, Self>) {
        for (i, p) in input.phones() {
            if is_blank(p.number()) {
                out.at(Path::field("phones").index(i).name("number"));
            }
        }
    }
}
