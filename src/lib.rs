//! # helix-customer-rules
//!
//! Decides, before a request leaves the building, whether Helix (by Q2) will accept an update
//! to a bank customer (`POST /customer/update`), and if not, exactly why: the same numeric error
//! codes and en-US messages Helix returns.
//!
//! A pure rules engine: a [`CustomerPatch`] plus the program's [`ProgramSettings`] and a
//! [`Context`] (the day, the customer kind, the current record, a tag lookup) in, a vector of
//! [`Violation`]s out. No I/O, no clock, no `unsafe`, no panic on any input.
//!
//! ```
//! use helix_customer_rules::{validate, validate_json, Context, CustomerPatch, ProgramSettings};
//! use time::macros::date;
//!
//! let settings = ProgramSettings { allow_email_update: false, ..ProgramSettings::default() };
//! let cx = Context::new(date!(2026 - 11 - 23));
//!
//! let patch = CustomerPatch {
//!     customer_id: Some(42),
//!     gender: Some("X".into()),
//!     email_address: Some("ada@example.com".into()),
//!     ..CustomerPatch::default()
//! };
//! let violations = validate(&patch, &settings, &cx);
//! let codes: Vec<u32> = violations.iter().map(|v| v.code().get()).collect();
//! assert_eq!(codes, [60302, 60307]);
//! assert_eq!(violations[0].path().to_string(), "/gender");
//! assert_eq!(violations[0].message(), "Gender is invalid. Valid values are: 'M', 'F', and 'U'.");
//!
//! // Raw bytes: type errors become coded violations too, and every other rule still runs.
//! let body = br#"{"customerId": 42, "isDocumentsAccepted": "yes", "birthDate": "1899-12-31"}"#;
//! let codes: Vec<u32> = validate_json(body, &settings, &cx).iter().map(|v| v.code().get()).collect();
//! assert_eq!(codes, [59953, 60301]);
//! ```
//!
//! # In a service
//!
//! [`ParsedPatch`] reads a body once: its `customerId` and `tag` are there to use before
//! validating (fetch the tag's owner from an async store, compare the id with the URL), then
//! [`ParsedPatch::check`] answers as [`check_json`] would, without reading the bytes again.
//! [`Context`] is `Send + Sync` and takes a tag lookup borrowed, in an `Arc` or `Box`, or as an
//! inline closure ([`Context::with_tag_fn`]); [`CustomerPatch::from_helix_response`] reads the
//! current record from Helix's own `GET /customer/get` answer. A service's own checks join
//! the crate's with [`Violation::new`] and [`Outcome::merge`]; [`Outcome::into_result`] gives
//! [`Rejected`], a `std::error::Error`, for `?`; [`Outcome`] reads back with `Deserialize`.
//! [`JsonPointer`] and [`ValidationContext`] name [`Path`] and [`Context`] without clashing
//! with `axum::extract::Path` or `anyhow::Context`; [`time`] is re-exported. A whole axum
//! service, tested in process, is in `examples/axum-service/`.
//!
//! # Growth: new properties are not breaking changes
//!
//! Helix adds properties, and each one becomes a field here. So that a new field never breaks
//! a caller, [`CustomerPatch`], [`Address`] and [`Phone`] are built with struct update
//! syntax from their default, which compiles before and after any addition:
//!
//! ```
//! use helix_customer_rules::CustomerPatch;
//! let patch = CustomerPatch { first_name: Some("Ada".into()), ..CustomerPatch::default() };
//! let CustomerPatch { first_name, .. } = patch; // patterns end with `..`
//! # assert_eq!(first_name.as_deref(), Some("Ada"));
//! ```
//!
//! and each carries a hidden field of a type callers cannot build, so that a literal writing
//! out every field (the one form an addition would break) does not compile in the first place:
//!
//! ```compile_fail,E0063
//! use helix_customer_rules::Phone;
//! let phone = Phone {
//!     phone_type: None,
//!     number: None,
//!     is_active: None,
//!     unknown: Default::default(),
//! };
//! ```
//!
//! `#[non_exhaustive]` would forbid the struct update form too (outside the crate it forbids
//! every literal), leaving setters or builders for a type whose fields are all `Option`s that
//! callers read and assign directly: more code for callers, none safer. Fields stay public:
//! reading, assigning and `..` patterns are all unaffected. Every field is an `Option` whose
//! `None` means "no change", so a default with one more `None` in it means what it meant.
//!
//! [`ProgramSettings`] grows the same way, each new switch defaulting to an unrestricted
//! program, so `..ProgramSettings::default()` keeps meaning what it meant. It has no hidden
//! field: a caller who writes every switch out (as the crate's own property tests do) asks to
//! be stopped by the compiler when Helix adds one, and gets that.
//!
//! The rules, with their semantics and examples, are catalogued in `rules.md` (generated from
//! the declarations in [`rules`]).

#![forbid(unsafe_code)]

pub mod catalogue;
mod context;
mod input;
mod model;
mod parsed;
mod registry;
mod request;
mod rule;
mod rules;
mod settings;
mod text;
mod violation;
mod vocabulary;

pub use context::{Context, CustomerKind, NoTags, TagLookup, TagSource, ValidationContext};
pub use model::{Address, CustomerPatch, Phone, RecordError};
pub use parsed::ParsedPatch;
pub use registry::{rule, RULES};
pub use request::{evaluate_request, Outcome, Rejected, RequestError};
pub use rule::{Family, Judges, RuleInfo, Source};
pub use settings::ProgramSettings;
pub use violation::{
    merge_violations, Code, JsonPointer, ParsePathError, Path, Segment, Severity, Violation,
};

/// The `time` crate this one is built on: [`Context::new`] takes its [`Date`](time::Date).
/// Re-exported so a service names the same version (`helix_customer_rules::time::Date`).
pub use time;

/// Not part of the API, and not covered by semver: what the crate's own benchmarks, fuzz
/// targets, tests and bindings reach below the public surface (the matchers, the type lists,
/// the examples in the rule docs).
#[doc(hidden)]
pub mod __private {
    pub use crate::rules::examples;

    /// Whether the crate's own JSON reader and the serde reader read a body alike (`Ok(true)`),
    /// or the crate's gives up on it (`Ok(false)`); `Err` says what differs.
    pub fn readers_agree(bytes: &[u8]) -> Result<bool, String> {
        crate::model::readers_agree(bytes)
    }
    pub use crate::text::dates::{parse_date, parse_plain_date};
    pub use crate::text::email::is_valid_email;
    pub use crate::text::is_blank;
    pub use crate::text::po_box;
    pub use crate::vocabulary::{BUSINESS_ADDRESS_TYPES, INDIVIDUAL_ADDRESS_TYPES, PHONE_TYPES};
}

use input::Input;
use model::lenient::EMPTY_REPORT;
use model::{CustomerPatchRef, CustomerPatchView};
use registry::evaluate;

/// Every violation of `patch` under `settings` in `context`: Helix's codes, ordered by code
/// then path. The crate's warnings are left out (see [`check`] for both).
///
/// An empty vector means Helix's documented rules accept the update. Never allocates when
/// there is nothing to report.
#[must_use]
pub fn validate(
    patch: &CustomerPatch,
    settings: &ProgramSettings,
    context: &Context<'_>,
) -> Vec<Violation> {
    evaluate::<false>(&Input::new(patch.into(), settings, context, &EMPTY_REPORT))
}

/// Every violation of a raw request body, including the body's own: malformed JSON (59950), a
/// property of the wrong JSON type (59900), a date that is not ISO-8601 (59952), a boolean
/// that does not parse (59953). Every other rule still runs over the properties that did parse.
/// Helix's codes only, as [`validate`]; [`check_json`] adds the warnings.
#[must_use]
pub fn validate_json(
    body: &[u8],
    settings: &ProgramSettings,
    context: &Context<'_>,
) -> Vec<Violation> {
    let mut patch = CustomerPatchRef::default();
    let mut report = model::lenient::ParseReport::default();
    CustomerPatchRef::read_into(body, &mut patch, &mut report);
    evaluate::<false>(&Input::new(
        CustomerPatchView::Read(&patch),
        settings,
        context,
        &report,
    ))
}

/// Violations and warnings of `patch`: [`validate`]'s violations, plus the crate's own codes
/// (58000-58999) for limits Helix documents without a code, as [`Outcome::warnings`]. A
/// warning never shares a path with a violation. Allocates nothing when both are empty.
///
/// ```
/// use helix_customer_rules::{check, Context, CustomerPatch, ProgramSettings};
/// use time::macros::date;
/// let patch = CustomerPatch {
///     customer_id: Some(7),
///     tax_id: Some("123-45-6789".into()),
///     ..CustomerPatch::default()
/// };
/// let outcome = check(&patch, &ProgramSettings::default(), &Context::new(date!(2026 - 11 - 23)));
/// // Helix takes it; its docs ask for digits only: a warning, not a violation.
/// assert!(outcome.valid);
/// assert_eq!(outcome.warnings[0].code().get(), 58002);
/// assert_eq!(outcome.warnings[0].path().to_string(), "/taxId");
/// ```
#[must_use]
pub fn check(patch: &CustomerPatch, settings: &ProgramSettings, context: &Context<'_>) -> Outcome {
    evaluate::<true>(&Input::new(patch.into(), settings, context, &EMPTY_REPORT)).into()
}

/// [`validate_json`]'s violations plus the warnings, as [`check`] gives them.
#[must_use]
pub fn check_json(body: &[u8], settings: &ProgramSettings, context: &Context<'_>) -> Outcome {
    let mut patch = CustomerPatchRef::default();
    let mut report = model::lenient::ParseReport::default();
    CustomerPatchRef::read_into(body, &mut patch, &mut report);
    check_read(&patch, &report, settings, context)
}

/// [`check_json`] of a body already read.
pub(crate) fn check_read(
    patch: &CustomerPatchRef<'_>,
    report: &model::lenient::ParseReport,
    settings: &ProgramSettings,
    context: &Context<'_>,
) -> Outcome {
    evaluate::<true>(&Input::new(
        CustomerPatchView::Read(patch),
        settings,
        context,
        report,
    ))
    .into()
}

/// The README's examples run as doctests, so the front page cannot drift from the code.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
