//! The request document shared by the command line, the JS binding and the golden cases:
//! `{"patch": {...}, "settings": {...}, "context": {...}, "ignore": [...]}` in,
//! `{"valid", "violations", "warnings"}` out.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use time::Date;

use crate::context::{Context, CustomerKind};
use crate::model::lenient::ParseReport;
use crate::model::{CustomerPatch, CustomerPatchRef, Scanner};
use crate::registry::rule;
use crate::settings::ProgramSettings;
use crate::text::dates::parse_plain_date;
use crate::violation::{Code, Path, Severity, Violation};

/// The result of evaluating a request: `{"valid": bool, "violations": [...], "warnings": [...]}`.
///
/// Serializes to the result document, and reads it back (a service's test reading its own
/// 422 body, say). A service adds its own checks with [`Outcome::merge`], and turns the
/// outcome into a `Result` for `?` with [`Outcome::into_result`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OutcomeDocument")]
pub struct Outcome {
    /// `true` when there is no violation (warnings do not count).
    pub valid: bool,
    /// Helix's codes: what Helix would answer. They decide `valid`.
    pub violations: Vec<Violation>,
    /// The crate's own codes (58000-58999), for limits Helix documents but is not known to
    /// enforce; never at a path where a violation is reported. Same order as `violations`.
    pub warnings: Vec<Violation>,
}

/// The result document as read, before its parts are checked to agree.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeDocument {
    valid: bool,
    violations: Vec<Violation>,
    // Results written before warnings existed have none.
    #[serde(default)]
    warnings: Vec<Violation>,
}

impl TryFrom<OutcomeDocument> for Outcome {
    type Error = &'static str;
    fn try_from(d: OutcomeDocument) -> Result<Outcome, &'static str> {
        if d.valid != d.violations.is_empty() {
            return Err("\"valid\" must be true exactly when \"violations\" is empty");
        }
        Ok(Outcome {
            valid: d.valid,
            violations: d.violations,
            warnings: d.warnings,
        })
    }
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

impl Outcome {
    /// Adds a service's own violations to the crate's, keeping the contract: each goes to
    /// `violations` or `warnings` by its code's [`Severity`] (58000-58999 are warnings), both
    /// lists stay in the contract's order with one entry per (code, path) (the crate's, when
    /// both have one), a warning is dropped where a violation holds its path, and `valid`
    /// follows `violations`.
    ///
    /// ```
    /// use helix_customer_rules::{check_json, Context, Path, ProgramSettings, Violation};
    /// use time::macros::date;
    /// let body = br#"{"customerId": 8, "gender": "X"}"#;
    /// let mut outcome = check_json(body, &ProgramSettings::default(), &Context::new(date!(2026 - 11 - 23)));
    /// // The service's own check: the body names another customer than the URL (its own code).
    /// outcome.merge([Violation::new(900_001, Path::field("customerId"), "customerId does not match the URL.")]);
    /// let codes: Vec<u32> = outcome.violations.iter().map(|v| v.code().get()).collect();
    /// assert_eq!(codes, [60302, 900_001]);
    /// ```
    pub fn merge(&mut self, more: impl IntoIterator<Item = Violation>) {
        let (errors, warnings): (Vec<Violation>, Vec<Violation>) = more
            .into_iter()
            .partition(|v| v.severity() == Severity::Error);
        crate::violation::merge_violations(&mut self.violations, errors);
        crate::violation::merge_violations(&mut self.warnings, warnings);
        if !self.warnings.is_empty() && !self.violations.is_empty() {
            let held: std::collections::BTreeSet<Path> =
                self.violations.iter().map(|v| *v.path()).collect();
            self.warnings.retain(|w| !held.contains(w.path()));
        }
        self.valid = self.violations.is_empty();
    }

    /// `Ok` with the warnings when valid, otherwise [`Rejected`] carrying everything: for `?`
    /// in a function whose error converts from it.
    ///
    /// ```
    /// use helix_customer_rules::{check_json, Context, ProgramSettings, Rejected};
    /// use time::macros::date;
    /// fn update(body: &[u8]) -> Result<(), Rejected> {
    ///     let cx = Context::new(date!(2026 - 11 - 23));
    ///     check_json(body, &ProgramSettings::default(), &cx).into_result()?;
    ///     Ok(()) // ...send it to Helix
    /// }
    /// assert!(update(br#"{"customerId": 7, "gender": "F"}"#).is_ok());
    /// let err = update(br#"{"customerId": 7, "gender": "X"}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "Helix would reject the update: 60302 at /gender");
    /// ```
    pub fn into_result(self) -> Result<Vec<Violation>, Rejected> {
        if self.valid {
            Ok(self.warnings)
        } else {
            Err(Rejected(self))
        }
    }
}

/// The error "Helix would reject this update": the [`Outcome`], with at least one violation.
/// Its `Display` names codes and paths only (never a message, so never a value a template
/// echoes); it serializes as the result document, ready to be a 422 body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Rejected(Outcome);

impl Rejected {
    /// The violations (never empty), in the contract's order.
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        &self.0.violations
    }

    /// The warnings reported beside them.
    #[must_use]
    pub fn warnings(&self) -> &[Violation] {
        &self.0.warnings
    }

    /// The outcome, to answer with or to inspect.
    #[must_use]
    pub fn into_outcome(self) -> Outcome {
        self.0
    }
}

impl From<Rejected> for Outcome {
    fn from(r: Rejected) -> Outcome {
        r.0
    }
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A few are enough to say what is wrong; the outcome holds them all.
        const SHOWN: usize = 5;
        f.write_str("Helix would reject the update: ")?;
        for (i, v) in self.0.violations.iter().take(SHOWN).enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let at = v.path().to_string();
            let at = if at.is_empty() { "the body" } else { &at };
            write!(f, "{sep}{} at {at}", v.code())?;
        }
        let more = self.0.violations.len().saturating_sub(SHOWN);
        if more > 0 {
            write!(f, " and {more} more")?;
        }
        Ok(())
    }
}

impl std::error::Error for Rejected {}

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

/// The document with its `patch` kept as text, read again on its own: the reading that
/// handles every body (and words every document error).
type Document<'a> = DocumentOf<&'a RawValue>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "P: Deserialize<'de>"))]
struct DocumentOf<P> {
    #[serde(default = "none")]
    patch: Option<P>,
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
    // Boxed: a patch is a kilobyte, and the context is moved while the document is read.
    current: Option<Box<CustomerPatch>>,
    #[serde(default)]
    tag_owners: HashMap<String, i64>,
}

fn none<P>() -> Option<P> {
    None
}

fn plain_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    s.map(|s| {
        parse_plain_date(&s).ok_or_else(|| serde::de::Error::custom("expected a YYYY-MM-DD date"))
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
    evaluate_document(bytes, fallback_today, true)
}

/// [`evaluate_request`], with the one-pass reading on or off (the tests compare the two).
fn evaluate_document(
    bytes: &[u8],
    fallback_today: Option<Date>,
    one_pass: bool,
) -> Result<Outcome, RequestError> {
    // serde reads a struct from an array too (`[{"gender": "X"}]` as `{"patch": ...}`): the
    // document is an object, or not a request document at all.
    if let Some(&first) = bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        if first != b'{' && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok() {
            return Err(RequestError(describe::not_an_object(bytes)));
        }
    }
    // One pass: the document read by the crate's own reader, its patch where it sits.
    // Anything that reader gives up on (a syntax error, a number beyond an f64, a repeated
    // key, a document error to word) goes the way that reads the patch on its own, which
    // decides every such case.
    if let (true, Ok(text)) = (one_pass, std::str::from_utf8(bytes)) {
        let mut patch = CustomerPatchRef::default();
        let mut report = ParseReport::default();
        if let Some(doc) = scan_document(text, &mut patch, &mut report) {
            return judge(&doc, fallback_today, |settings, cx| {
                crate::check_read(&patch, &report, settings, cx)
            });
        }
    }
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
        Err(e) => return Err(RequestError(describe::document_error(bytes, &e))),
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
    judge(&doc, fallback_today, |settings, cx| {
        crate::check_json(body, settings, cx)
    })
}

/// A document as the crate's own reader reads it in one pass: its parts, and its patch read
/// leniently where it sits, into `patch` and `report`. `None` for anything but a plain
/// document (each key once, no `patchText`, every part readable), which the serde reading then
/// decides and words.
fn scan_document<'a>(
    text: &'a str,
    patch: &mut CustomerPatchRef<'a>,
    report: &mut ParseReport,
) -> Option<DocumentOf<()>> {
    // Read where it sits: serde_json says where the value ended, so it is scanned once.
    fn part<'a, T: Deserialize<'a>>(sc: &mut Scanner<'a>) -> Option<T> {
        sc.peek();
        let mut values = serde_json::Deserializer::from_str(sc.rest()).into_iter::<T>();
        let value = values.next()?.ok()?;
        sc.advance(values.byte_offset());
        Some(value)
    }
    let mut sc = Scanner::new(text);
    sc.eat(b'{').ok()?;
    let mut doc = DocumentOf::<()> {
        patch: None,
        patch_text: None,
        settings: ProgramSettings::default(),
        context: DocumentContext::default(),
        ignore: Vec::new(),
    };
    let mut seen = [false; 4];
    loop {
        let key = sc.string().ok()?;
        sc.eat(b':').ok()?;
        match &*key {
            "patch" if !seen[0] && sc.peek() != Some(b'n') => {
                seen[0] = true;
                sc.body(patch, report).ok()?;
            }
            "settings" if !seen[1] => {
                seen[1] = true;
                doc.settings = part(&mut sc)?;
            }
            "context" if !seen[2] => {
                seen[2] = true;
                doc.context = part(&mut sc)?;
            }
            "ignore" if !seen[3] => {
                seen[3] = true;
                doc.ignore = part(&mut sc)?;
            }
            _ => return None,
        }
        if !sc.more(b'}').ok()? {
            break;
        }
    }
    // No patch at all is the serde reading's to word.
    (sc.at_end() && seen[0]).then_some(doc)
}

/// Evaluates a read document's body (`evaluate`, given the settings and the context the
/// document sets up).
fn judge<P>(
    doc: &DocumentOf<P>,
    fallback_today: Option<Date>,
    evaluate: impl FnOnce(&ProgramSettings, &Context<'_>) -> Outcome,
) -> Result<Outcome, RequestError> {
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
    Ok(evaluate(&doc.settings, &cx))
}

/// The text of a [`RequestError`] for a document that is JSON but not a request document: the
/// key it concerns, as a JavaScript caller writes it (`settings.allowNameUpdate`,
/// `context.current.addresses[0].city`), and the problem in JSON's words (`expected a boolean,
/// found a string`). Never the offending value, which may be PII; never a line and column (the
/// caller may have passed an object, not text); never a Rust type name.
mod describe {
    use serde_json::{Map, Value};

    use super::Document;

    /// Finds the smallest part of the document that fails on its own and words its problem.
    /// Runs only when the document was refused, so re-reading parts of it costs nothing on the
    /// way to an answer.
    pub(super) fn document_error(bytes: &[u8], e: &serde_json::Error) -> String {
        let fails = |v: &Value| -> Option<String> {
            let text = serde_json::to_string(v).ok()?;
            serde_json::from_str::<Document<'_>>(&text)
                .err()
                .map(|e| e.to_string())
        };
        let Ok(root) = serde_json::from_slice::<Value>(bytes) else {
            return format!("the request document: {}", problem(&e.to_string(), None));
        };
        if !root.is_object() {
            return not_an_object(bytes);
        }
        let mut path = String::new();
        let mut node = &root;
        // `wrap` rebuilds, around a candidate part, the keys and one-entry arrays that lead to
        // it from the root: every field of the document is optional, so the part alone is a
        // document, and it fails exactly when the part is at fault.
        let mut trail: Vec<Step<'_>> = Vec::new();
        let mut message = e.to_string();
        'descend: loop {
            // Tags are the program's data, not the document's vocabulary: not named.
            if path == "context.tagOwners" {
                break;
            }
            let children: Vec<(Step<'_>, &Value)> = match node {
                Value::Object(map) => map.iter().map(|(k, v)| (Step::Key(k), v)).collect(),
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (Step::Index(i), v))
                    .collect(),
                _ => break,
            };
            for (step, child) in children {
                trail.push(step);
                if let Some(msg) = fails(&wrap(&trail, child.clone())) {
                    message = msg;
                    // Into the child only if its own shape is accepted (an unknown key, or an
                    // object where a boolean belongs, is the child's fault as a whole).
                    let shell = match child {
                        Value::Object(_) => Some(Value::Object(Map::new())),
                        Value::Array(_) => Some(Value::Array(Vec::new())),
                        _ => None,
                    };
                    step.push_onto(&mut path);
                    node = child;
                    if shell.is_some_and(|s| fails(&wrap(&trail, s)).is_none()) {
                        continue 'descend;
                    }
                    break 'descend;
                }
                trail.pop();
            }
            // No part fails alone (a repeated key, say): the node as a whole is at fault.
            break;
        }
        let place = if path.is_empty() {
            "the request document"
        } else {
            &path
        };
        format!("{place}: {}", problem(&message, Some(node)))
    }

    /// For a document that is JSON but not an object.
    pub(super) fn not_an_object(bytes: &[u8]) -> String {
        let found = serde_json::from_slice::<Value>(bytes).map_or("not an object", |v| kind(&v));
        format!("the request document: expected an object, found {found}")
    }

    /// One step from a value to a part of it.
    #[derive(Clone, Copy)]
    enum Step<'a> {
        Key(&'a str),
        Index(usize),
    }

    impl Step<'_> {
        fn push_onto(self, path: &mut String) {
            match self {
                Step::Key(k) if path.is_empty() => path.push_str(k),
                Step::Key(k) => {
                    path.push('.');
                    path.push_str(k);
                }
                Step::Index(i) => {
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                }
            }
        }
    }

    fn wrap(trail: &[Step<'_>], part: Value) -> Value {
        trail.iter().rev().fold(part, |inner, step| match step {
            Step::Key(k) => Value::Object(Map::from_iter([((*k).to_owned(), inner)])),
            Step::Index(_) => Value::Array(vec![inner]),
        })
    }

    /// JSON's name for what a value is.
    fn kind(v: &Value) -> &'static str {
        match v {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(n) if n.is_f64() => "a number with a fraction",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// serde's and the strict reader's expectations in JSON's words.
    fn expected(what: &str) -> String {
        let what = what.trim().trim_end_matches('.');
        match what {
            "a sequence" => "an array".into(),
            "a map" | "a JSON object" => "an object".into(),
            "string" => "a string".into(),
            "boolean" | "bool" => "a boolean".into(),
            "i8" | "i16" | "i32" | "i64" | "i128" | "integer" => "a whole number".into(),
            "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number, 0 or more".into(),
            "f32" | "f64" => "a number".into(),
            w if w.starts_with("struct ") || w.starts_with("object ") => "an object".into(),
            w if w.starts_with("enum ") || w.starts_with("variant ") => "a string".into(),
            w if w.starts_with("an ") || w.starts_with("a ") || w.starts_with('`') => w.to_owned(),
            w if w.starts_with("array") || w.starts_with("list") => "an array".into(),
            w if w.starts_with("object") => "an object".into(),
            w => format!("a {w}"),
        }
    }

    /// The problem, from the message of the part that failed and the part itself.
    fn problem(message: &str, found: Option<&Value>) -> String {
        // serde_json appends a position in text the caller may never have written.
        let message = message
            .rfind(" at line ")
            .map_or(message, |i| &message[..i]);
        let found_text = |expect: &str| match found {
            Some(v) if kind(v) != expect => format!("expected {expect}, found {}", kind(v)),
            _ => format!("expected {expect}"),
        };
        if let Some(rest) = message.strip_prefix("unknown field `") {
            let tail = rest.find("`, ").map_or("", |i| &rest[i + 3..]);
            return if tail.is_empty() {
                "unknown key".into()
            } else {
                format!("unknown key; {tail}")
            };
        }
        if let Some(rest) = message.strip_prefix("unknown variant `") {
            let tail = rest.find("`, ").map_or("", |i| &rest[i + 3..]);
            return format!("not a known name; {tail}");
        }
        if let Some(rest) = message.strip_prefix("duplicate field `") {
            let key = rest.split('`').next().unwrap_or_default();
            return format!("the key `{key}` appears twice");
        }
        for lead in ["invalid type: ", "invalid value: ", "invalid length "] {
            if let Some(rest) = message.strip_prefix(lead) {
                if let Some(i) = rest.find(", expected ") {
                    return found_text(&expected(&rest[i + ", expected ".len()..]));
                }
            }
        }
        // The strict patch reader: `at "/city": could not convert integer to string`.
        if let Some(i) = message.find("could not convert ") {
            if let Some(j) = message[i..].find(" to ") {
                return found_text(&expected(&message[i + j + 4..]));
            }
        }
        if message.contains("is not a valid boolean") {
            return found_text("a boolean");
        }
        message.to_owned()
    }
}

#[cfg(test)]
mod error_text_tests {
    use super::evaluate_request;
    use time::macros::date;

    fn error(doc: &str) -> String {
        match evaluate_request(doc.as_bytes(), Some(date!(2026 - 01 - 01))) {
            Ok(outcome) => format!("accepted: {outcome:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn errors_name_the_key_and_the_problem_in_json_words() {
        let cases = [
            (
                r#"{"patch": {}, "settings": {"allowNameUpdate": "false"}}"#,
                "settings.allowNameUpdate: expected a boolean, found a string",
            ),
            (
                "42",
                "the request document: expected an object, found a number",
            ),
            (
                r#"{"patch": {}, "settings": {"industryClassificationCodeIds": [1, "2"]}}"#,
                "settings.industryClassificationCodeIds[1]: expected a whole number, found a string",
            ),
            (
                r#"{"patch": {}, "settings": 5}"#,
                "settings: expected an object, found a number",
            ),
            (
                r#"{"patch": {}, "context": {"today": "1/2/2026"}}"#,
                "context.today: expected a YYYY-MM-DD date",
            ),
            (
                r#"{"patch": {}, "context": {"today": 20260101}}"#,
                "context.today: expected a string, found a number",
            ),
            (
                r#"{"patch": {}, "context": {"customerKind": "person"}}"#,
                "context.customerKind: not a known name; expected `individual` or `business`",
            ),
            (
                r#"{"patch": {}, "context": {"current": {"addresses": [{}, {"city": [7]}]}}}"#,
                "context.current.addresses[1].city: expected a string, found an array",
            ),
            (
                r#"{"patch": {}, "context": {"tagOwners": {"vip-7": "x"}}}"#,
                "context.tagOwners: expected a whole number, found an object",
            ),
        ];
        for (doc, want) in cases {
            assert_eq!(error(doc), want, "{doc}");
        }
    }

    #[test]
    fn unknown_keys_are_named_with_the_known_ones() {
        let got = error(r#"{"patch": {}, "settings": {"allowNameUpdates": false}}"#);
        assert!(
            got.starts_with(
                "settings.allowNameUpdates: unknown key; expected one of `usesHelixKyc`"
            ),
            "{got}"
        );
        let got = error(r#"{"patch": {}, "contxt": {}}"#);
        assert!(
            got.starts_with("contxt: unknown key; expected one of `patch`"),
            "{got}"
        );
    }

    #[test]
    fn errors_never_carry_the_value_a_position_or_a_rust_type() {
        let docs = [
            r#"{"patch": {}, "settings": {"allowNameUpdate": "123-45-6789"}}"#,
            r#"{"patch": {}, "context": {"current": {"taxId": 123456789}}}"#,
            r#"{"patch": {}, "context": {"current": "123-45-6789"}}"#,
            r#"{"patch": {}, "context": {"tagOwners": {"vip": "123-45-6789"}}}"#,
            r#"{"patch": {}, "patch": {}}"#,
            "[1]",
        ];
        for doc in docs {
            let got = error(doc);
            for leak in [
                "123", "line", "column", "struct", "i64", "u32", "Document", "Option",
            ] {
                assert!(!got.contains(leak), "{doc}: {got}");
            }
        }
    }
}

#[cfg(test)]
mod one_pass_tests {
    use super::evaluate_document;
    use proptest::prelude::*;

    /// Every request document of the golden cases, as written to the wire, with its case's
    /// name.
    #[allow(clippy::disallowed_methods)] // reads the golden case files
    fn golden_documents() -> Vec<(String, Vec<u8>)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");
        let mut docs = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension() != Some(std::ffi::OsStr::new("json")) {
                continue;
            }
            let file: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            for case in file["cases"].as_array().unwrap() {
                let doc = serde_json::to_vec(&case["request"]).unwrap();
                docs.push((case["name"].to_string(), doc));
            }
        }
        docs
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        /// A golden document with bytes replaced, inserted or cut: the one-pass reading answers
        /// exactly as the two-pass one, error text included.
        #[test]
        fn mutated_documents_answer_alike(
            pick in any::<prop::sample::Index>(),
            edits in prop::collection::vec(
                (any::<prop::sample::Index>(), 0u8..3, prop::sample::select(b"{}[],:\"\\ 0123456789-.eEtrufalsn".to_vec())),
                1..5,
            ),
        ) {
            static DOCS: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
            let docs = DOCS.get_or_init(golden_documents);
            let mut doc = pick.get(docs).1.clone();
            for (at, kind, byte) in edits {
                let i = at.index(doc.len() + 1);
                match kind {
                    0 if i < doc.len() => doc[i] = byte,
                    1 => doc.insert(i, byte),
                    _ => doc.truncate(i.max(1)),
                }
            }
            let day = Some(time::macros::date!(2026 - 01 - 01));
            prop_assert_eq!(
                evaluate_document(&doc, day, true),
                evaluate_document(&doc, day, false),
                "{}",
                String::from_utf8_lossy(&doc)
            );
        }
    }

    /// Every request document of the golden cases, and each with its `patch` broken in the
    /// ways only the two-pass reading handles: the one-pass reading answers exactly as the
    /// reading of the patch on its own does.
    #[test]
    fn one_pass_answers_as_two_passes_on_every_golden_case() {
        let mut seen = 0;
        for (name, doc) in golden_documents() {
            let day = Some(time::macros::date!(2026 - 01 - 01));
            let one = evaluate_document(&doc, day, true);
            let two = evaluate_document(&doc, day, false);
            assert_eq!(one, two, "{name}");
            seen += 1;
        }
        assert!(seen > 400, "{seen} cases");
        // Bodies only the second reading takes: a number beyond an f64, a lone surrogate,
        // a key repeated, a document key repeated.
        for doc in [
            r#"{"patch": {"customerId": 1e400, "firstName": "A"}, "context": {"today": "2026-01-01"}}"#,
            r#"{"patch": {"customerId": 7, "firstName": "\ud800"}, "context": {"today": "2026-01-01"}}"#,
            r#"{"patch": {"customerId": 7, "gender": "X", "gender": "M"}, "context": {"today": "2026-01-01"}}"#,
            r#"{"patch": {"customerId": 7}, "patch": {"customerId": 8}, "context": {"today": "2026-01-01"}}"#,
            r#"{"patch": {"customerId": 7, "phones": [1, {"number": []}]}, "settings": {"usesHelixKyc": "yes"}}"#,
        ] {
            let one = evaluate_document(doc.as_bytes(), None, true);
            let two = evaluate_document(doc.as_bytes(), None, false);
            assert_eq!(one, two, "{doc}");
        }
    }
}
