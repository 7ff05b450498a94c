//! The PO-box rule (66907) written as one regular expression: the reference the crate's
//! hand-written matcher (`src/text/po_box.rs`) must agree with on every line. The library
//! carries no regex engine (its Unicode tables were most of the WebAssembly build); the
//! differential tests (`tests/po_box.rs`) and the `po_box_diff` fuzz target hold the two
//! together. Also the pattern as it stood before the forms of issue 11 §6, which the new one
//! must contain (a line once reported stays reported).

use regex::Regex;

/// A separator allowed between the letters of a designation: whitespace, any dash, and the
/// punctuation people type there (`P.O.`, `P/O`, `P_O`, `P'O`, `P:O`, `P·O`).
macro_rules! sep_char {
    () => {
        r"[\s\p{Pd}.,/_'’:·]"
    };
}

/// Any run of separators, or none.
macro_rules! sep {
    () => {
        concat!(sep_char!(), "*")
    };
}

/// The words for "number" after a designation.
macro_rules! number_word {
    () => {
        r"(?:NO\.?|NUMBER|Nº|N°)"
    };
}

/// A box number after a designation: an optional `No.` / `Number` / `Nº` (set off by a
/// separator, so `Pono` is not `PO No`), an optional `#`, then a digit.
macro_rules! box_number {
    () => {
        concat!(
            r"(?:",
            sep_char!(),
            r"+",
            number_word!(),
            r")?",
            sep!(),
            r"#?",
            sep!(),
            r"\p{N}"
        )
    };
}

/// `Office` and its abbreviations.
macro_rules! office {
    () => {
        r"(?:OFFICE|OFFC|OFC|OFF)"
    };
}

/// Not followed by a letter.
macro_rules! end_of_word {
    () => {
        r"(?:[^\p{L}]|$)"
    };
}

/// The rule's pattern.
pub const PATTERN: &str = concat!(
    r"(?i)(?:^|[^\p{L}\p{N}])(?:",
    // PO Box, P.O. Box, P0 Box, POBox, PO Bx, POB, P O B, Post Office Box, Post Off. Box,
    // Post Ofc Box, Postal Box, Post Box, Postbox, PO B0X
    r"(?:P",
    sep!(),
    r"[O0]|POST(?:AL)?",
    sep!(),
    r"(?:",
    office!(),
    sep!(),
    r")?)",
    sep!(),
    r"(?:B",
    sep!(),
    r"[O0]",
    sep!(),
    r"X|BX|B)",
    end_of_word!(),
    // "PO" followed by a box number: PO 123, P.O. #123, PO123, P.O. No. 5
    r"|P",
    sep!(),
    r"O",
    box_number!(),
    // The same with a zero for the O, set off from the number: P0 123, P.0. #5 (not P05)
    r"|P",
    sep!(),
    r"0(?:",
    sep_char!(),
    sep!(),
    r"(?:",
    number_word!(),
    r")?",
    sep!(),
    r"#?|#)",
    sep!(),
    r"\p{N}",
    // "Post Office" followed by a box number: Post Office 123, Post Ofc #5
    r"|POST",
    sep!(),
    r"(?:OFFICE|OFC)",
    box_number!(),
    // The words the other way round: Box PO, Box 12 P.O., Box 7, Post Office
    r"|BOX(?:",
    sep!(),
    r"#?",
    sep!(),
    r"\p{N}+)?",
    sep!(),
    r"(?:P",
    sep!(),
    r"O|POST(?:AL)?",
    sep!(),
    office!(),
    r")",
    end_of_word!(),
    // Publication 28 section 283 designations, maybe followed by Box or Service, then a box
    // number or a box letter: Caller 5, Caller Box 5, Caller Service 5, Firm Caller K
    r"|(?:(?:FIRM",
    sep!(),
    r")?CALLER|BIN|LOCK",
    sep!(),
    r"BOX|DRAWER)(?:",
    sep!(),
    r"(?:BOX|SERVICE|SVC))?(?:",
    box_number!(),
    r"|",
    sep_char!(),
    r"+\p{L}",
    end_of_word!(),
    r")",
    // Puerto Rico: Apartado (PO box), Apdo
    r"|APARTADO",
    end_of_word!(),
    r"|APDO",
    end_of_word!(),
    r")"
);

/// The pattern before issue 11 §6 (crate version 0.1.0): every line it matches, [`PATTERN`]
/// matches too.
pub const PATTERN_0_1: &str = concat!(
    r"(?i)(?:^|[^\p{L}\p{N}])(?:",
    r"(?:P",
    sep!(),
    r"O|POST",
    sep!(),
    r"(?:OFFICE",
    sep!(),
    r")?)",
    sep!(),
    r"(?:B",
    sep!(),
    r"O",
    sep!(),
    r"X|BX|B)(?:[^\p{L}]|$)",
    r"|P",
    sep!(),
    r"O",
    box_number!(),
    r"|(?:(?:FIRM",
    sep!(),
    r")?CALLER|BIN|LOCK",
    sep!(),
    r"BOX|DRAWER)(?:",
    box_number!(),
    r"|",
    sep_char!(),
    r"+\p{L}(?:[^\p{L}]|$))",
    r"|APARTADO(?:[^\p{L}]|$)|APDO(?:[^\p{L}]|$)",
    r")"
);

/// The two patterns, compiled.
pub struct Reference {
    /// [`PATTERN`].
    pub now: Regex,
    /// [`PATTERN_0_1`].
    pub before: Regex,
}

impl Reference {
    /// Compiles both patterns (once per test or fuzz process).
    #[must_use]
    pub fn new() -> Self {
        Self {
            now: Regex::new(PATTERN).expect("the reference pattern is a valid regex"),
            before: Regex::new(PATTERN_0_1).expect("the 0.1 pattern is a valid regex"),
        }
    }
}

impl Default for Reference {
    fn default() -> Self {
        Self::new()
    }
}
