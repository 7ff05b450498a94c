//! The rule table and the evaluation loop.

use std::borrow::Cow;

use crate::input::Input;
use crate::violation::{render, Code, Path, Severity, Violation};

/// The family a rule belongs to: where it lives in `rules/` and in `rules.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// The body itself could not be read as Helix reads it (599xx).
    Payload,
    /// Properties of the person: birth date, gender, tag, email.
    Identity,
    /// What the program's settings allow to be updated.
    Policy,
    /// `addresses[]`.
    Address,
    /// `phones[]`.
    Phone,
    /// Business customers' properties.
    Business,
}

impl Family {
    /// The family's title in `rules.md`.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Family::Payload => "Payload",
            Family::Identity => "Identity",
            Family::Policy => "Program policy",
            Family::Address => "Addresses",
            Family::Phone => "Phones",
            Family::Business => "Business customers",
        }
    }
}

/// Where a rule's code and message come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// Helix's `POST /customer/update` page, the version this crate started from.
    UpdatePage,
    /// A later version of that page, with codes the first one did not list.
    CurrentUpdatePage,
    /// Helix's common error codes (the 599xx codes of its JSON reader).
    CommonErrorCodes,
    /// A recorded Helix server response, whose text differs from the page's and wins.
    ServerResponse,
    /// The crate's own code (58000-58999) for a limit Helix's object docs state without a code.
    DocumentedLimit,
}

impl Source {
    /// A short key for catalogues (`"update-page"`, ...).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Source::UpdatePage => "update-page",
            Source::CurrentUpdatePage => "current-update-page",
            Source::CommonErrorCodes => "common-error-codes",
            Source::ServerResponse => "server-response",
            Source::DocumentedLimit => "documented-limit",
        }
    }

    /// What it means, in a sentence for a compliance reader.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Source::UpdatePage => "Helix's code, from its customer update page",
            Source::CurrentUpdatePage => {
                "Helix's code, from the current version of its customer update page"
            }
            Source::CommonErrorCodes => "Helix's code, from its common error codes",
            Source::ServerResponse => {
                "Helix's code, worded as Helix's server sends it (a recorded response)"
            }
            Source::DocumentedLimit => {
                "the crate's own code for a limit Helix documents without a code (a warning)"
            }
        }
    }
}

/// A rule's metadata: its code, message, the properties it reads and its documentation.
///
/// The fields are data for catalogues and tooling. The check is the rule struct's private
/// `check`, which emits only through this `INFO`, so a rule reports only its own code.
#[non_exhaustive]
pub struct RuleInfo {
    /// The rule's name: the bad state it detects, such as `PoBoxResidenceAddress`.
    pub name: &'static str,
    /// The Helix code it reports.
    pub code: Code,
    /// Where it lives.
    pub family: Family,
    /// Whether Helix rejects the request for it, or the crate only warns.
    pub severity: Severity,
    /// Where its code and message come from.
    pub source: Source,
    /// The crate version that first reported it.
    pub since: &'static str,
    /// The en-US message template, exactly as Helix words it.
    pub message: &'static str,
    /// Helix's wording for business customers, where it differs.
    pub business_message: Option<&'static str>,
    /// The wire names of the properties it reads.
    pub properties: &'static [&'static str],
    /// The `ProgramSettings` keys that switch it.
    pub settings: &'static [&'static str],
    /// Its documentation (Markdown): what it checks, semantics, examples.
    pub docs: &'static str,
}

impl std::fmt::Debug for RuleInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleInfo")
            .field("name", &self.name)
            .field("code", &self.code)
            .finish_non_exhaustive()
    }
}

/// Declares one rule: a unit struct named after the bad state, whose doc comment is its
/// catalogue entry, and whose `INFO` carries its code and message as data.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident;
        code: $code:literal,
        family: $family:ident,
        source: $source:ident,
        since: $since:literal,
        properties: [$($prop:literal),* $(,)?],
        settings: [$($setting:literal),* $(,)?],
        message: $message:literal,
        $(business_message: $bmessage:literal,)?
        check: |$input:ident, $out:ident| $body:expr $(,)?
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name;

        impl $name {
            /// Runs the check: called directly by the evaluation sequence, so it can be inlined.
            #[inline]
            pub(crate) fn check($input: &$crate::input::Input<'_>, $out: &mut $crate::registry::Emitter<'_>) {
                $body
            }

            /// This rule's metadata.
            pub const INFO: $crate::registry::RuleInfo = $crate::registry::RuleInfo {
                name: stringify!($name),
                code: $crate::violation::Code($code),
                family: $crate::registry::Family::$family,
                severity: $crate::violation::Code($code).severity(),
                source: $crate::registry::Source::$source,
                since: $since,
                message: $message,
                business_message: declare_rule!(@opt $($bmessage)?),
                properties: &[$($prop),*],
                settings: &[$($setting),*],
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
    (@opt) => { None };
    (@opt $m:literal) => { Some($m) };
}
pub(crate) use declare_rule;

/// Declares the rule list once: the public table, and the evaluation sequence that calls each
/// rule's check directly (so the compiler can inline it) instead of through the table's
/// function pointers.
macro_rules! rule_list {
    ($($rule:path),* $(,)?) => {
        /// Every rule, in ascending code order.
        pub static RULES: &[&RuleInfo] = &[$(&<$rule>::INFO),*];

        /// Runs every rule (every error rule unless `WARNINGS`), in the order of [`RULES`].
        /// The severity test is on a constant, so it costs nothing at run time.
        fn run_all<const WARNINGS: bool>(input: &Input<'_>, out: &mut Vec<Violation>) {
            $(
                if WARNINGS || matches!(<$rule>::INFO.severity, Severity::Error) {
                    <$rule>::check(input, &mut Emitter { info: &<$rule>::INFO, out });
                }
            )*
        }

        /// As `run_all`, skipping the rules the caller has switched off: a second sequence,
        /// so that the usual call, with nothing switched off, pays nothing per rule for it.
        #[inline(never)]
        fn run_enabled<const WARNINGS: bool>(
            input: &Input<'_>,
            ignored: &[Code],
            out: &mut Vec<Violation>,
        ) {
            $(
                if (WARNINGS || matches!(<$rule>::INFO.severity, Severity::Error))
                    && !ignored.contains(&<$rule>::INFO.code)
                {
                    <$rule>::check(input, &mut Emitter { info: &<$rule>::INFO, out });
                }
            )*
        }
    };
}

rule_list![
    crate::rules::payload::PropertyTypeMismatch,
    crate::rules::payload::MalformedJson,
    crate::rules::payload::InvalidDateTime,
    crate::rules::payload::InvalidBoolean,
    crate::rules::identity::BirthDateOutOfRange,
    crate::rules::identity::InvalidGender,
    crate::rules::identity::TagOwnedByAnotherCustomer,
    crate::rules::identity::InvalidEmailAddress,
    crate::rules::business::UnknownIndustryClassificationCode,
    crate::rules::policy::NameUpdateNotAllowed,
    crate::rules::policy::EmailUpdateNotAllowed,
    crate::rules::policy::ResidenceAddressUpdateNotAllowed,
    crate::rules::address::TooManyAddresses,
    crate::rules::phone::TooManyPhones,
    crate::rules::policy::IdentityUpdateWithKyc,
    crate::rules::phone::InvalidPhoneType,
    crate::rules::phone::MissingPhoneNumber,
    crate::rules::address::InvalidAddressType,
    crate::rules::address::MissingAddressLine1,
    crate::rules::address::MissingCity,
    crate::rules::address::MissingState,
    crate::rules::address::MissingPostalCode,
    crate::rules::address::MissingCountry,
    crate::rules::address::PoBoxResidenceAddress,
    crate::rules::address::AddressLineTooLongForDps,
    crate::rules::business::BusinessLegalNameUpdateNotAllowed,
    crate::rules::business::DbaUpdateNotAllowed,
    crate::rules::business::LegalEntityTypeUpdateNotAllowed,
    crate::rules::business::IsTaxExemptUpdateNotAllowed,
    crate::rules::business::TaxIdUpdateNotAllowed,
    crate::rules::business::TaxIdTypeUpdateNotAllowed,
    crate::rules::business::PrimaryBusinessAddressUpdateNotAllowed,
    crate::rules::business::MailingAddressUpdateNotAllowed,
];

/// The rule that reports `code`, if any.
#[must_use]
pub fn rule(code: u32) -> Option<&'static RuleInfo> {
    RULES
        .binary_search_by_key(&code, |r| r.code.get())
        .ok()
        .map(|i| RULES[i])
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

/// Collects one rule's violations; it can only write that rule's code.
pub(crate) struct Emitter<'o> {
    info: &'static RuleInfo,
    out: &'o mut Vec<Violation>,
}

impl Emitter<'_> {
    /// A violation at `path` with the rule's message as is.
    pub(crate) fn at(&mut self, path: Path) {
        self.push(path, Cow::Borrowed(self.info.message));
    }

    /// A violation at `path` with the message's placeholders filled.
    pub(crate) fn at_with(&mut self, path: Path, args: &[&str]) {
        self.push(path, render(self.info.message, args));
    }

    /// A violation in Helix's business wording (falls back to the default message).
    pub(crate) fn at_business(&mut self, path: Path, args: &[&str]) {
        let template = self.info.business_message.unwrap_or(self.info.message);
        self.push(path, render(template, args));
    }

    fn push(&mut self, path: Path, message: Cow<'static, str>) {
        // Nothing is allocated for a valid patch; an invalid one usually has several
        // violations, so start with room for a few instead of growing from one.
        if self.out.capacity() == 0 {
            self.out.reserve(8);
        }
        self.out.push(Violation::new(self.info.code, path, message));
    }
}

/// Runs every rule (the warning rules too when `WARNINGS`) and returns what they report in
/// the contract's order, without duplicates.
#[inline]
pub(crate) fn evaluate<const WARNINGS: bool>(input: &Input<'_>) -> Vec<Violation> {
    let mut out = Vec::new();
    let ignored = input.cx.ignored();
    if ignored.is_empty() {
        run_all::<WARNINGS>(input, &mut out);
    } else {
        run_enabled::<WARNINGS>(input, ignored, &mut out);
    }
    if !out.is_empty() {
        order(&mut out);
    }
    out
}

/// Puts violations in the contract's order and drops duplicates. Out of line, because a valid
/// patch never needs it: inlined, its stack frame and saved registers cost every call (about
/// 20 instructions, measured on the minimal patch).
#[inline(never)]
fn order(out: &mut Vec<Violation>) {
    // RULES ascend by code and a rule emits only its own code, so the output is already in
    // code order: sorting each code's run by path gives the contract's order, at the cost of a
    // few small sorts instead of one over every violation.
    debug_assert!(out.windows(2).all(|w| w[0].code() <= w[1].code()));
    let mut start = 0;
    while start < out.len() {
        let code = out[start].code();
        let end = out[start..]
            .iter()
            .position(|v| v.code() != code)
            .map_or(out.len(), |n| start + n);
        let run = &mut out[start..end];
        // Most rules emit in path order already (addresses in index order). A stable sort, so
        // that of two violations at one path (a repeated property's two unreadable values) the
        // first emitted is the one kept, whatever else is sorted beside it.
        if !run.windows(2).all(|w| w[0].path() <= w[1].path()) {
            run.sort_by(|a, b| a.path().cmp(b.path()));
        }
        start = end;
    }
    // Keeps the first of each (code, path).
    out.dedup_by(|a, b| a.sort_key() == b.sort_key());
    // A Helix code wins: a warning is dropped where an error is reported at the same path.
    if out.iter().any(|v| v.severity() == Severity::Warning) {
        let mut errors: Vec<Path> = out
            .iter()
            .filter(|v| v.severity() == Severity::Error)
            .map(|v| *v.path())
            .collect();
        errors.sort_unstable();
        out.retain(|v| v.severity() == Severity::Error || errors.binary_search(v.path()).is_err());
    }
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
