//! Hand-tuned text matchers the rules share: dates, email addresses, post-office boxes.

pub mod dates;
pub mod email;
pub mod po_box;

/// Whether a required text is missing: absent, `null`, empty or only whitespace (any Unicode
/// whitespace, the no-break space included).
#[must_use]
pub fn is_blank(value: Option<&str>) -> bool {
    value.map_or(true, |s| s.chars().all(char::is_whitespace))
}
