//! WebAssembly binding of `helix-customer-rules`: `validate(request, options?)` and `rules()`
//! for JavaScript, built with `wasm-bindgen` (the npm package in `js/` wraps it).
//!
//! The binding only moves text across the boundary: the request document goes in as JSON text,
//! [`evaluate_request`] decides, and the result comes back as the JSON the command line prints,
//! parsed by the JS engine. No rule runs here, so both sides give the same answers.
//!
//! The adapters [`evaluate`] and [`catalogue`] are plain Rust, so they are tested natively; the
//! `#[wasm_bindgen]` exports around them take and give text only. What JavaScript values mean
//! (an object or its text, `undefined`, `NaN`, the options, the local day) is decided in
//! `js/document.js`, before any text crosses: a call costs one copy in and one copy out.

use helix_customer_rules::__private::parse_plain_date;
use helix_customer_rules::evaluate_request;
use wasm_bindgen::prelude::*;

/// Evaluates a request document (JSON text) and returns the result as JSON text,
/// `{"valid": bool, "violations": [...], "warnings": [...]}`, exactly as the command line
/// prints it.
///
/// `fallback_today` (`YYYY-MM-DD`) is the day used when the document has no `context.today`;
/// the crate never reads a clock, so the caller supplies it.
///
/// ```
/// let doc = r#"{"patch": {"customerId": 7, "gender": "X"}}"#;
/// let out = helix_customer_rules_wasm::evaluate(doc, Some("2026-11-23")).unwrap();
/// assert!(out.starts_with(r#"{"valid":false,"violations":[{"code":60302,"path":"/gender""#));
/// ```
pub fn evaluate(document: &str, fallback_today: Option<&str>) -> Result<String, String> {
    let fallback = match fallback_today {
        None => None,
        Some(day) => Some(
            parse_plain_date(day)
                .ok_or_else(|| "options.today must be a YYYY-MM-DD date".to_owned())?,
        ),
    };
    let outcome = evaluate_request(document.as_bytes(), fallback).map_err(|e| e.to_string())?;
    serde_json::to_string(&outcome).map_err(|e| e.to_string())
}

/// The rules catalogue as JSON text, exactly as the library gives it to every front end
/// ([`helix_customer_rules::catalogue::json`]): in ascending code order, camelCase keys.
#[must_use]
pub fn catalogue() -> String {
    helix_customer_rules::catalogue::json()
}

/// Evaluates a request document (JSON text) on `today` (`YYYY-MM-DD`) unless the document has
/// its own `context.today`, and returns the result as JSON text. The JS entries (`index.cjs`,
/// `web.js`) call it: they turn the caller's object into text, read the options and pick the
/// host's local day, so one text crosses into the module and one comes back.
#[wasm_bindgen(js_name = validateText)]
pub fn validate_text(document: &str, today: &str) -> Result<String, JsError> {
    evaluate(document, Some(today)).map_err(|e| JsError::new(&e))
}

/// The rules catalogue as JSON text (see [`catalogue`]); the JS entries parse it once.
#[wasm_bindgen(js_name = rulesText)]
#[must_use]
pub fn rules_text() -> String {
    catalogue()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluate_prints_what_the_library_returns() {
        let doc = r#"{"patch": {"customerId": 7, "gender": "X", "birthDate": "1899-12-31"}, "context": {"today": "2026-01-01"}}"#;
        let native = evaluate_request(doc.as_bytes(), None).unwrap();
        let text = evaluate(doc, None).unwrap();
        assert_eq!(text, serde_json::to_string(&native).unwrap());
        assert!(!native.valid && native.violations.len() == 2);
    }

    #[test]
    fn fallback_day_applies_only_without_context_today() {
        let future = r#"{"patch": {"customerId": 7, "birthDate": "2026-06-01"}}"#;
        let before = evaluate(future, Some("2026-01-01")).unwrap();
        let after = evaluate(future, Some("2026-12-31")).unwrap();
        assert!(before.contains("60301"), "{before}");
        assert_eq!(after, r#"{"valid":true,"violations":[],"warnings":[]}"#);

        let pinned = r#"{"patch": {"customerId": 7, "birthDate": "2026-06-01"}, "context": {"today": "2026-12-31"}}"#;
        assert_eq!(evaluate(pinned, Some("2026-01-01")).unwrap(), after);
    }

    #[test]
    fn request_errors_keep_the_library_message() {
        let doc = r#"{"patch": {}, "settings": {"allowNameUpdates": false}}"#;
        let native = evaluate_request(doc.as_bytes(), None)
            .unwrap_err()
            .to_string();
        assert_eq!(evaluate(doc, Some("2026-01-01")).unwrap_err(), native);
        assert_eq!(
            evaluate("{}", Some("2026-1-1")).unwrap_err(),
            "options.today must be a YYYY-MM-DD date"
        );
    }

    #[test]
    fn catalogue_is_the_library_catalogue() {
        assert_eq!(catalogue(), helix_customer_rules::catalogue::json());
        let list: Vec<serde_json::Value> = serde_json::from_str(&catalogue()).unwrap();
        assert_eq!(list.len(), helix_customer_rules::RULES.len());
    }
}
