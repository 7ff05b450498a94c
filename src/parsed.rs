//! [`ParsedPatch`]: a request body read once, kept by the caller, validated later.

use crate::context::Context;
use crate::input::Input;
use crate::model::lenient::ParseReport;
use crate::model::CustomerPatch;
use crate::registry::evaluate;
use crate::request::Outcome;
use crate::settings::ProgramSettings;
use crate::violation::Violation;

/// A request body read once, as [`validate_json`](crate::validate_json) reads it: the patch,
/// and what could not be read. A service reads the body, uses what it needs before validating
/// (the `customerId` to check against its URL, the `tag` whose owner it fetches, the record
/// to load), then validates without reading the bytes again: the answer is the one
/// `validate_json` gives for the same bytes.
///
/// ```
/// use helix_customer_rules::{Context, ParsedPatch, ProgramSettings};
/// use time::macros::date;
///
/// let body = br#"{"customerId": 7, "tag": "vip-7", "gender": "X"}"#;
/// let parsed = ParsedPatch::read(body);
/// assert_eq!(parsed.customer_id(), Some(7));
/// assert_eq!(parsed.tag(), Some("vip-7"));
///
/// // The tag's owner, fetched from the caller's store (asynchronously, say).
/// let owner = Some(8);
/// let cx = Context::new(date!(2026 - 11 - 23)).with_tag_fn(move |_| owner);
/// let codes: Vec<u32> = parsed
///     .validate(&ProgramSettings::default(), &cx)
///     .iter()
///     .map(|v| v.code().get())
///     .collect();
/// assert_eq!(codes, [60302, 60303]);
/// ```
///
/// `Send + Sync`, and `Clone`. Its `Debug` shows which properties are set, never their text.
#[derive(Clone, Debug)]
pub struct ParsedPatch {
    patch: CustomerPatch,
    report: ParseReport,
}

impl ParsedPatch {
    /// Reads a request body. Never fails: malformed JSON, a property of the wrong JSON type,
    /// a date or boolean that does not parse are remembered and reported by
    /// [`ParsedPatch::validate`] (59950, 59900, 59952, 59953), and every property that could
    /// be read is in [`ParsedPatch::patch`].
    #[must_use]
    pub fn read(body: &[u8]) -> ParsedPatch {
        let (patch, report) = CustomerPatch::read_lenient(body);
        ParsedPatch { patch, report }
    }

    /// Every property that could be read. A property that could not be read (its violation
    /// comes from [`ParsedPatch::validate`]) is `None` here, as absent ones are.
    #[must_use]
    pub fn patch(&self) -> &CustomerPatch {
        &self.patch
    }

    /// The patch, for a caller done validating (to store it, say).
    #[must_use]
    pub fn into_patch(self) -> CustomerPatch {
        self.patch
    }

    /// The body's `customerId`, as Helix reads it: a number, or a string holding one. `None`
    /// when absent, `null` or unreadable (the last is 59900).
    #[must_use]
    pub fn customer_id(&self) -> Option<i64> {
        self.patch.customer_id
    }

    /// The body's `tag`, if it sets one: the tag whose owner 60303 asks about.
    #[must_use]
    pub fn tag(&self) -> Option<&str> {
        self.patch.tag.as_deref()
    }

    /// Whether the body is well-formed JSON (otherwise it is 59950, and only the properties
    /// completed before the break were read).
    #[must_use]
    pub fn is_well_formed(&self) -> bool {
        !self.report.syntax_error
    }

    /// Whether every property was read as Helix would read it: well-formed, and no 599xx
    /// type problem. A body can be readable and still break rules.
    #[must_use]
    pub fn is_readable(&self) -> bool {
        !self.report.syntax_error && self.report.issues.is_empty()
    }

    /// Every violation of the body under `settings` in `context` (Helix's codes), in the
    /// contract's order: what [`validate_json`](crate::validate_json) returns for the bytes
    /// it was read from.
    #[must_use]
    pub fn validate(&self, settings: &ProgramSettings, context: &Context<'_>) -> Vec<Violation> {
        evaluate::<false>(&self.input(settings, context))
    }

    /// Violations and warnings, as [`check_json`](crate::check_json) gives them for the bytes
    /// it was read from: the result document a service answers with.
    #[must_use]
    pub fn check(&self, settings: &ProgramSettings, context: &Context<'_>) -> Outcome {
        evaluate::<true>(&self.input(settings, context)).into()
    }

    fn input<'a>(&'a self, settings: &'a ProgramSettings, context: &'a Context<'a>) -> Input<'a> {
        Input::new((&self.patch).into(), settings, context, &self.report)
    }
}
