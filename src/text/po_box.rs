//! Post-office-box detection for 66907 (residential and primary-business addresses).
//!
//! Helix does not publish its matcher. This one follows USPS Publication 28: section 281-284
//! forms of a PO box, and the section 283 designations mailers must rewrite as `PO BOX`
//! (Caller, Firm Caller, Bin, Lockbox, Drawer), plus Puerto Rico's `Apartado` / `Apdo`.
//!
//! Matching ignores case, and treats separators between the letters as optional: whitespace
//! (any Unicode whitespace, the no-break space too), any dash, and `.` `,` `/` `_` `'` `’` `:`
//! `·`. So `P.O. Box`, `P O B`, `POBOX`, `p/o box` and `Post-Office Box` all match anywhere in a
//! line. Words that only contain those letters (`Boxwood`, `Post Office Square`, `Potomac`,
//! `Pobrecito`) and apartment designators (`Apt`, `Apartamento`) do not.

use once_cell::sync::Lazy;
use regex::Regex;

use super::HIGH;

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

/// A box number after a designation: an optional `No.` / `Number` / `Nº` (set off by a
/// separator, so `Pono` is not `PO No`), an optional `#`, then a digit.
macro_rules! box_number {
    () => {
        concat!(
            r"(?:",
            sep_char!(),
            r"+(?:NO\.?|NUMBER|Nº|N°))?",
            sep!(),
            r"#?",
            sep!(),
            r"\p{N}"
        )
    };
}

static PO_BOX: Lazy<Regex> = Lazy::new(|| {
    let pattern = concat!(
        r"(?i)(?:^|[^\p{L}\p{N}])(?:",
        // PO Box, P.O. Box, POBox, PO Bx, POB, P O B, Post Office Box, Post Box, Postbox
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
        // "PO" followed by a box number: PO 123, P.O. #123, PO123, P.O. No. 5
        r"|P",
        sep!(),
        r"O",
        box_number!(),
        // Publication 28 section 283 designations, followed by a box number or a box letter
        r"|(?:(?:FIRM",
        sep!(),
        r")?CALLER|BIN|LOCK",
        sep!(),
        r"BOX|DRAWER)(?:",
        box_number!(),
        r"|",
        sep_char!(),
        r"+\p{L}(?:[^\p{L}]|$))",
        // Puerto Rico: Apartado (PO box), Apdo
        r"|APARTADO(?:[^\p{L}]|$)|APDO(?:[^\p{L}]|$)",
        r")"
    );
    Regex::new(pattern).expect("the PO box pattern is a valid regex")
});

/// Whether an address line contains a post-office box.
///
/// ```
/// use helix_customer_rules::__private::po_box::is_po_box;
/// assert!(is_po_box("P.O. Box 12"));
/// assert!(is_po_box("123 Main St, pobox 9"));
/// assert!(!is_po_box("12 Boxwood Ln"));
/// ```
#[must_use]
pub fn is_po_box(line: &str) -> bool {
    may_hold_po_box(line) && PO_BOX.is_match(line)
}

/// A cheap necessary condition for [`PO_BOX`] to match, so most street lines skip the regex.
///
/// Every alternative of the pattern starts right after the start of the line or a character
/// that is neither a letter nor a number, with one of these: `CALLER`, `FIRM` (of
/// `FIRM CALLER`, which may be fused), `BIN`, `LOC` (of `LOCK`), `DRAWER`, `APARTADO`, `APDO`,
/// or a `P` followed by an `O` with nothing alphanumeric between (`P.O.`, `PO`, `POST`). So
/// only word starts are tried: a byte after an ASCII letter or digit is not one (a byte after
/// any other byte, non-ASCII included, may be, and is tried). Under `(?i)` those letters match
/// only their ASCII upper and lower case (a test checks every `char`); `K` and `S` would not
/// be safe (the Kelvin sign and the long s fold to them), which is why `LOCK` is cut to `LOC`
/// and `POST` to its `PO`.
fn may_hold_po_box(line: &str) -> bool {
    let bytes = line.as_bytes();
    // Eight bytes at a time: a mask of the word starts, then a look at each one.
    let mut boundary_before = HIGH_BIT_0;
    let mut at = 0;
    while at < bytes.len() {
        let word = word_at(bytes, at);
        let alnum = ascii_alnum(word);
        let boundary = !alnum & HIGH;
        let mut starts = alnum & ((boundary << 8) | boundary_before);
        boundary_before = boundary >> 56;
        while starts != 0 {
            let i = at + starts.trailing_zeros() as usize / 8;
            if FIRST_LETTERS[usize::from(bytes[i])] && starts_literal(line, i) {
                return true;
            }
            starts &= starts - 1;
        }
        at += 8;
    }
    false
}

/// The eight bytes from `at` (a byte of `bytes`), little-endian, NUL bytes past the end: a
/// NUL is no letter or digit, so it starts no word.
#[inline]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    // An eight-byte range always converts; the default only spares a panic path.
    let load =
        |from: usize| u64::from_le_bytes(bytes[from..from + 8].try_into().unwrap_or_default());
    if at + 8 <= bytes.len() {
        load(at)
    } else if bytes.len() >= 8 {
        // The last eight bytes, shifted down past the ones already seen.
        load(bytes.len() - 8) >> (8 * (at + 8 - bytes.len()))
    } else {
        bytes[at..]
            .iter()
            .rev()
            .fold(0, |word, &b| word << 8 | u64::from(b))
    }
}

/// The high bit of the first byte: the line's start counts as a boundary.
const HIGH_BIT_0: u64 = 0x80;

/// The high bit of each byte of `w` that is an ASCII letter or digit. Adding to bytes of at
/// most 0x7F never carries into the next byte, so each byte's high bit says whether it
/// reached a bound.
fn ascii_alnum(w: u64) -> u64 {
    const fn each(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    let ascii = !w & HIGH;
    let low = w & !HIGH;
    // ASCII letters fold to 0x61..=0x7A; nothing else does.
    let folded = low | each(0x20);
    let letter = (folded + each(0x80 - 0x61)) & !(folded + each(0x80 - 0x7B));
    let digit = (low + each(0x80 - 0x30)) & !(low + each(0x80 - 0x3A));
    (letter | digit) & ascii
}

/// Whether one of the literals starts at byte `i`, a byte of [`FIRST_LETTERS`] (so an ASCII
/// letter, and `i + 1` a character boundary).
fn starts_literal(line: &str, i: usize) -> bool {
    let rest = &line.as_bytes()[i..];
    match rest[0] | 0x20 {
        b'p' => p_then_o(&line[i + 1..]),
        b'c' => starts_with_ci(rest, b"caller"),
        b'f' => starts_with_ci(rest, b"firm"),
        b'b' => starts_with_ci(rest, b"bin"),
        b'l' => starts_with_ci(rest, b"loc"),
        b'd' => starts_with_ci(rest, b"drawer"),
        b'a' => starts_with_ci(rest, b"apartado") || starts_with_ci(rest, b"apdo"),
        _ => false,
    }
}

/// The letters that start a literal, in either case: `P`, `C`, `F`, `B`, `L`, `D`, `A` (one
/// arm each in [`starts_literal`]). Looked up at each word start.
static FIRST_LETTERS: [bool; 256] = {
    let mut table = [false; 256];
    let letters = *b"pcfblda";
    let mut i = 0;
    while i < letters.len() {
        table[letters[i] as usize] = true;
        table[letters[i].to_ascii_uppercase() as usize] = true;
        i += 1;
    }
    table
};

/// Whether the first alphanumeric character of `rest` is an `O`. Skipping every
/// non-alphanumeric character covers every separator the pattern allows between them.
fn p_then_o(rest: &str) -> bool {
    rest.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.eq_ignore_ascii_case(&'o'))
}

/// Whether `haystack` starts with `word` (lowercase ASCII letters) in any ASCII case.
fn starts_with_ci(haystack: &[u8], word: &[u8]) -> bool {
    haystack.len() >= word.len() && haystack.iter().zip(word).all(|(&c, &w)| c | 0x20 == w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefilter_letters_fold_only_to_ascii() {
        // The letters `may_hold_po_box` looks for, matched as the pattern matches them.
        let letters = Regex::new("(?i)[abcdefilmnoprtw]").unwrap();
        let mut buf = [0u8; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if !c.is_ascii() {
                assert!(!letters.is_match(c.encode_utf8(&mut buf)), "{c:?}");
            }
        }
        // ... unlike K and S, which is why the prefilter never relies on them.
        assert!(is_po_box("LOC\u{212A}BOX 5"));
        assert!(is_po_box("PO\u{17F}T OFFICE BOX 5"));
    }

    /// The prefilter as first written, a byte at a time: the word-at-a-time one must try
    /// exactly the same word starts.
    fn bytewise_prefilter(line: &str) -> bool {
        let mut word_start = true;
        for (i, &c) in line.as_bytes().iter().enumerate() {
            if word_start && FIRST_LETTERS[usize::from(c)] && starts_literal(line, i) {
                return true;
            }
            word_start = !c.is_ascii_alphanumeric();
        }
        false
    }

    #[test]
    fn word_starts_at_every_offset() {
        // A literal inside a word, at the start of a word, after a non-ASCII character, at
        // every offset across and past the eight-byte words.
        for k in 0..26 {
            for line in [
                format!("{}po", "x".repeat(k)),
                format!("{} po", "x".repeat(k)),
                format!("{}\u{e9}po", "x".repeat(k)),
                format!("{}9bin", "1".repeat(k)),
                format!("{}.drawer", "x".repeat(k)),
            ] {
                assert_eq!(
                    may_hold_po_box(&line),
                    bytewise_prefilter(&line),
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn ascii_alnum_marks_exactly_ascii_letters_and_digits() {
        for c in 0..=u8::MAX {
            for at in 0..8 {
                let mut word = [b' '; 8];
                word[at] = c;
                let expected = if c.is_ascii_alphanumeric() {
                    0x80 << (8 * at)
                } else {
                    0
                };
                assert_eq!(
                    ascii_alnum(u64::from_le_bytes(word)),
                    expected,
                    "{c} at {at}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn prefilter_tries_the_same_word_starts(
            line in "[pPoOcCaAbBfFlLdD .,/#_:'0-9\u{a0}\u{e9}\u{80}-\u{ff}@\\[`{]{0,40}|\\PC{0,40}"
        ) {
            proptest::prop_assert_eq!(may_hold_po_box(&line), bytewise_prefilter(&line));
        }

        #[test]
        fn prefilter_agrees_with_the_pattern(
            line in "[pPoOsStTfFiIrRmMcCaAlLeEbBnNkKdDwWxX .,/#_:'’·º°\\-\u{2013}0-9\u{a0}\u{212a}\u{17f}\u{e9}\u{301}]{0,14}"
        ) {
            proptest::prop_assert_eq!(is_po_box(&line), PO_BOX.is_match(&line));
        }
    }

    #[test]
    fn prefilter_never_hides_a_match() {
        let lines = [
            "P.O. Box 12",
            "p/o box 1",
            "P\u{a0}\u{2003}O B",
            "P\u{301}O Box 1",
            "Post Box 3",
            "Caller 1234",
            "firm-caller no. 5",
            "bin #7",
            "Lock-Box 3",
            "drawer 7",
            "Apartado 1",
            "apdo",
            "12 Boxwood Ln",
            "1200 Elm Street",
            "Apartment 4B",
            "Care of Charles Babbage",
            "",
            "p",
            "P.",
            "\u{e9}po 1",
            "x-po 12",
            "1 PO",
            "Pö Box 1",
            "P\u{1d7c}O Box 1",
        ];
        for line in lines {
            assert_eq!(is_po_box(line), PO_BOX.is_match(line), "{line:?}");
        }
    }

    #[test]
    fn po_box_spellings() {
        for yes in [
            "PO Box 123",
            "P.O. Box 123",
            "p.o.box 123",
            "P O Box 5",
            "POBox 5",
            "POBOX5",
            "PO Bx 4",
            "POB 77",
            "P.O.B. 77",
            "Post Office Box 9",
            "post-office box 9",
            "PostOfficeBox 9",
            "Post Box 3",
            "PO 123",
            "P.O. #123",
            "PO123",
            "P/O Box 1",
            "P-O Box 1",
            "123 Main St PO Box 4",
            "PO\u{a0}Box 1",
            "P\u{2010}O Box 1",
            "P\u{2013}O Box 1",
            "P\u{2014}O Box 1",
            "P_O Box 3",
            "P'O Box 3",
            "P.O. Nº 5",
            "P.O. No. 5",
            "PO Number 12",
            "Caller 1234",
            "Firm Caller 55",
            "caller#9",
            "Bin 12",
            "Lockbox 3",
            "Lock Box 3",
            "Drawer 7",
            "Drawer K",
            "PO Drawer K",
            "Lockbox A",
            "Apartado 123",
            "Apdo. 44",
            "APDO 5",
            "pO bOx 1",
        ] {
            assert!(is_po_box(yes), "should match: {yes}");
        }
    }

    #[test]
    fn street_lines_with_the_same_letters() {
        for no in [
            "12 Boxwood Ln",
            "1 Post Office Square",
            "400 Potomac Ave",
            "Pobrecito St",
            "9 Poblano Way",
            "Apt 4",
            "Apartamento 3",
            "12 Bingham Rd",
            "3 Callery Ct",
            "Drawers Ln",
            "77 Polo Dr",
            "Box Elder Rd",
            "1 Port Blvd",
            "Sandbox Rd",
            "Boxer St",
            "21 Caller St",
            "Bin St",
            "Suite 400",
            "Post Rd",
            "1 Spoonbill Way",
            "Pono 5",
            "Caller St",
            "2 Drawers Ave",
            "Bin Laden Rd",
            "",
            "Opposite 4",
        ] {
            assert!(!is_po_box(no), "should not match: {no}");
        }
    }
}
