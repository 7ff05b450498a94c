//! The request document shared by the command line, the JS binding and the golden cases:
//! `{"patch": {...}, "settings": {...}, "context": {...}, "ignore": [...]}` in,
//! `{"valid", "violations", "warnings"}` out.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use time::Date;

use crate::context::{Context, CustomerKind};
use crate::model::CustomerPatch;
use crate::registry::rule;
use crate::settings::ProgramSettings;
use crate::text::dates::parse_plain_date;
use crate::violation::{Code, Severity, Violation};

/// The result of evaluating a request: `{"valid": bool, "violations": [...], "warnings": [...]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// `true` when there is no violation (warnings do not count).
    pub valid: bool,
    /// Helix's codes: what Helix would answer. They decide `valid`.
    pub violations: Vec<Violation>,
    /// The crate's own codes (58000-58999), for limits Helix documents but is not known to
    /// enforce; never at a path where a violation is reported. Same order as `violations`.
    pub warnings: Vec<Violation>,
}

impl From<Vec<Violation>> for Outcome {
    /// Splits one evaluation's list by severity; each part keeps the contract's order.
    fn from(mut violations: Vec<Violation>) -> Self {
        let warnings = if violations.iter().any(|v| v.severity() == Severity::Warning) {
            let (errors, warnings) = violations
                .into_iter()
                .partition(|v| v.severity() == Severity::Error);
            violations = errors;
            warnings
        } else {
            Vec::new()
        };
        Outcome {
            valid: violations.is_empty(),
            violations,
            warnings,
        }
    }
}

/// Why a request document could not be evaluated. The body's own problems are violations, not
/// errors; this is for the document around it: its settings, its context, its shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestError(String);

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RequestError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document<'a> {
    #[serde(borrow, default)]
    patch: Option<&'a RawValue>,
    #[serde(rename = "patchText", default)]
    patch_text: Option<String>,
    #[serde(default)]
    settings: ProgramSettings,
    #[serde(default)]
    context: DocumentContext,
    #[serde(default)]
    ignore: Vec<u32>,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DocumentContext {
    #[serde(default, deserialize_with = "plain_date")]
    today: Option<Date>,
    #[serde(default)]
    customer_kind: CustomerKind,
    #[serde(default)]
    current: Option<CustomerPatch>,
    #[serde(default)]
    tag_owners: HashMap<String, i64>,
}

/// serde's message without the offending value (`invalid type: string "123-45-6789", expected
/// a boolean` becomes `invalid type: string, expected a boolean`): a misplaced value may be PII.
/// Property names, which are not customer data, stay.
fn redact(e: &serde_json::Error) -> String {
    let text = e.to_string();
    for lead in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = text.strip_prefix(lead) {
            let kind = rest.split([' ', ',']).next().unwrap_or_default();
            let tail = rest.find(", expected").map_or("", |i| &rest[i..]);
            return format!("{lead}{kind}{tail}");
        }
    }
    text
}

fn plain_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    s.map(|s| {
        parse_plain_date(&s)
            .ok_or_else(|| serde::de::Error::custom("context.today must be a YYYY-MM-DD date"))
    })
    .transpose()
}

/// Evaluates one request document.
///
/// `patch` is the body as JSON; `patchText`, alternatively, is the body as text (for bodies
/// that are not JSON at all). `ignore` lists codes to switch off; a code the crate does not
/// report there is an error, never silently ignored. `context.today` (`YYYY-MM-DD`) is required unless `fallback_today`
/// is given: the library never reads the clock. A document that is not JSON is answered like a
/// body that is not JSON: with a 59950 violation.
///
/// ```
/// use helix_customer_rules::evaluate_request;
/// let doc = br#"{"patch": {"customerId": 7, "gender": "X"}, "context": {"today": "2026-11-23"}}"#;
/// let out = evaluate_request(doc, None).unwrap();
/// assert!(!out.valid);
/// assert_eq!(out.violations[0].code().get(), 60302);
/// ```
pub fn evaluate_request(
    bytes: &[u8],
    fallback_today: Option<Date>,
) -> Result<Outcome, RequestError> {
    let doc: Document<'_> = match serde_json::from_slice(bytes) {
        Ok(doc) => doc,
        Err(e) if e.is_syntax() || e.is_eof() => {
            let today = fallback_today.ok_or_else(|| {
                RequestError("the request document is not JSON, and no day was given".into())
            })?;
            return Ok(crate::check_json(
                bytes,
                &ProgramSettings::default(),
                &Context::new(today),
            ));
        }
        Err(e) => {
            return Err(RequestError(format!(
                "invalid request document: {}",
                redact(&e)
            )))
        }
    };
    let body: &[u8] = match (&doc.patch, &doc.patch_text) {
        (Some(p), None) => p.get().as_bytes(),
        (None, Some(t)) => t.as_bytes(),
        (None, None) => return Err(RequestError("the request document has no \"patch\"".into())),
        (Some(_), Some(_)) => {
            return Err(RequestError(
                "give either \"patch\" or \"patchText\", not both".into(),
            ))
        }
    };
    let today = doc
        .context
        .today
        .or(fallback_today)
        .ok_or_else(|| RequestError("context.today (YYYY-MM-DD) is required".into()))?;
    let ignored = doc
        .ignore
        .iter()
        .map(|&c| {
            rule(c).map(|r| r.code).ok_or_else(|| {
                RequestError(format!("ignore: {c} is not a code this crate reports"))
            })
        })
        .collect::<Result<Vec<Code>, RequestError>>()?;
    let mut cx = Context::new(today)
        .with_kind(doc.context.customer_kind)
        .with_tags(&doc.context.tag_owners)
        .with_ignored(&ignored);
    if let Some(current) = &doc.context.current {
        cx = cx.with_current(current);
    }
    Ok(crate::check_json(body, &doc.settings, &cx))
}
