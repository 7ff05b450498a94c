//! The registry: the list of rules in code order, and the evaluation that runs them and puts
//! what they report in the contract's order. It names every rule; nothing below it names it.

use crate::input::Input;
use crate::rule::{Check, Emitter, RuleInfo, Sink};
use crate::violation::{Code, Path, Severity, Violation};

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
            let mut sink = Sink::new(input, out);
            $(
                if WARNINGS || matches!(<$rule>::INFO.severity, Severity::Error) {
                    <$rule as Check>::check(input, Emitter::new(&mut sink));
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
            let mut sink = Sink::new(input, out);
            $(
                if (WARNINGS || matches!(<$rule>::INFO.severity, Severity::Error))
                    && !ignored.contains(&<$rule>::INFO.code)
                {
                    <$rule as Check>::check(input, Emitter::new(&mut sink));
                }
            )*
        }
    };
}

rule_list![
    crate::rules::limits::TextTooLong,
    crate::rules::limits::NotDigitsOnly,
    crate::rules::limits::InvalidPostalCode,
    crate::rules::limits::InvalidStateCode,
    crate::rules::limits::CountryNotUs,
    crate::rules::limits::InvalidCulture,
    crate::rules::limits::TextSentAsNumberOrBoolean,
    crate::rules::payload::PropertyTypeMismatch,
    crate::rules::payload::MalformedJson,
    crate::rules::payload::InvalidDateTime,
    crate::rules::payload::InvalidBoolean,
    crate::rules::identity::InvalidCustomerId,
    crate::rules::business::BusinessNameOnCardTooLong,
    crate::rules::business::BusinessNameOnCardInvalidCharacters,
    crate::rules::identity::PreferredNameTooLong,
    crate::rules::identity::PreferredNameInvalidCharacters,
    crate::rules::policy::PreferredNameNotEnabled,
    crate::rules::identity::PreferredNameRequiredOnCard,
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
    crate::rules::identity::InvalidForeignDocumentType,
    crate::rules::policy::ForeignDocumentsNotAllowed,
    crate::rules::identity::ForeignDocumentTypeWithoutNumber,
    crate::rules::identity::ForeignDocumentCountryWithoutNumber,
    crate::rules::identity::ForeignDocumentExpirationWithoutNumber,
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
    use crate::vocabulary::{
        DateProperty, BUSINESS_ADDRESS_TYPES, INDIVIDUAL_ADDRESS_TYPES, PHYSICAL,
    };

    #[test]
    fn date_properties_are_the_ones_59952_declares() {
        let names = DateProperty::ALL.map(DateProperty::name);
        assert_eq!(rule(59952).unwrap().properties, names);
        for d in DateProperty::ALL {
            assert_eq!(DateProperty::ALL[d as usize], d);
        }
    }

    #[test]
    fn the_physical_type_is_first_in_both_lists() {
        assert_eq!(INDIVIDUAL_ADDRESS_TYPES[PHYSICAL], "Residence");
        assert_eq!(BUSINESS_ADDRESS_TYPES[PHYSICAL], "PrimaryBusiness");
    }
}
