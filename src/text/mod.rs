//! Hand-tuned text matchers the rules share: dates, email addresses, post-office boxes.

mod classes;
pub mod dates;
pub mod email;
pub mod po_box;

/// The high bit of every byte of a word: where the word-at-a-time matchers (dates, the PO-box
/// prefilter) put each byte's answer.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether `text` is longer than `max` Unicode scalar values. The byte length bounds the count,
/// so short text is decided without counting.
#[inline]
pub(crate) fn longer_than(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().count() > max
}

/// Whether a required text is missing: absent, `null`, empty or only whitespace (any Unicode
/// whitespace, the no-break space included).
#[must_use]
#[inline]
pub fn is_blank(value: Option<&str>) -> bool {
    // Most values start with a visible ASCII character: decided without decoding the rest.
    value.map_or(true, |s| match s.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => false,
        _ => s.chars().all(char::is_whitespace),
    })
}
