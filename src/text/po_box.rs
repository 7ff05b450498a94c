//! Post-office-box detection for 66907 (residential and primary-business addresses).
//!
//! Helix does not publish its matcher. This one follows USPS Publication 28: the section
//! 281-283 forms of a PO box (`PO Box`, `Post Office Box` and its abbreviations, `Postal Box`)
//! and the section 283 designations mailers must rewrite as `PO BOX` (Caller, Firm Caller,
//! Bin, Lockbox, Drawer, also as `Caller Box` / `Caller Service`), plus Puerto Rico's
//! `Apartado` / `Apdo`; and the spellings public PO-box detectors test for (a zero typed for
//! the letter O, the words the other way round). `tests/corpora/po_box.tsv` lists each form
//! with its source.
//!
//! Matching ignores case, and treats separators between the letters as optional: whitespace
//! (any Unicode whitespace, the no-break space too), any dash, and `.` `,` `/` `_` `'` `’` `:`
//! `·`. So `P.O. Box`, `P O B`, `POBOX`, `p/o box` and `Post-Office Box` all match anywhere in a
//! line. Words that only contain those letters (`Boxwood`, `Post Office Square`, `Potomac`,
//! `Pobrecito`, `P O Davis Dr`) and apartment designators (`Apt`, `Apartamento`) do not.
//!
//! The rule is written as one regular expression in `fuzz/src/po_box_reference.rs`; this is
//! that expression by hand (a regex engine and its Unicode tables were most of the
//! WebAssembly build). Every alternative starts with an ASCII letter right after the start of
//! the line or a character that is neither a letter nor a number, so only such word starts
//! are tried, eight bytes at a time. The differential tests (`tests/po_box.rs`) and the
//! `po_box_diff` fuzz target check that the two agree.

use super::classes::{is_dash, is_letter, is_number};
use super::HIGH;

/// Whether an address line contains a post-office box.
///
/// ```
/// use helix_customer_rules::__private::po_box::is_po_box;
/// assert!(is_po_box("P.O. Box 12"));
/// assert!(is_po_box("123 Main St, pobox 9"));
/// assert!(is_po_box("Caller Service 1044"));
/// assert!(!is_po_box("12 Boxwood Ln"));
/// assert!(!is_po_box("123 P O Davis Dr"));
/// ```
#[must_use]
pub fn is_po_box(line: &str) -> bool {
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
            if FIRST_LETTERS[usize::from(bytes[i])]
                && starts_literal(line, i)
                && box_after_boundary(line, i)
            {
                return true;
            }
            starts &= starts - 1;
        }
        at += 8;
    }
    false
}

/// Whether a PO box starts at byte `i`, a word start whose first literal is there. Kept out of
/// the scan loop: most lines never get here, and the loop stays small.
#[cold]
#[inline(never)]
fn box_after_boundary(line: &str, i: usize) -> bool {
    after_boundary(line, i) && box_at(&line[i..])
}

/// Whether the character before byte `i` (an ASCII letter after a byte that is no ASCII
/// letter or digit) is neither a letter nor a number. Only a non-ASCII one needs a look.
fn after_boundary(line: &str, i: usize) -> bool {
    i == 0
        || line.as_bytes()[i - 1].is_ascii()
        || line[..i]
            .chars()
            .next_back()
            .is_some_and(|c| !is_letter(c) && !is_number(c))
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

/// The letters an alternative starts with, in either case: `P` (PO, Post, Postal), `B` (Bin,
/// Box), `C` (Caller), `F` (Firm Caller), `L` (Lockbox), `D` (Drawer), `A` (Apartado, Apdo).
/// Under the pattern's case folding these match only their ASCII forms (a test checks every
/// `char`).
static FIRST_LETTERS: [bool; 256] = {
    let mut table = [false; 256];
    let letters = *b"pbcflda";
    let mut i = 0;
    while i < letters.len() {
        table[letters[i] as usize] = true;
        table[letters[i].to_ascii_uppercase() as usize] = true;
        i += 1;
    }
    table
};

/// A cheap look at the first word before [`box_at`]: whether `rest` (starting with one of
/// [`FIRST_LETTERS`]) starts with the first literal of an alternative, so most street words
/// are passed over at once. `LOCK` is cut to `LOC` (the Kelvin sign folds onto K), and `P`
/// needs only an `O` or a `0` as the next letter or digit (separators are neither).
fn starts_literal(line: &str, i: usize) -> bool {
    let rest = &line.as_bytes()[i..];
    match rest[0] | 0x20 {
        b'p' => p_then_o(&line[i + 1..]),
        b'b' => {
            rest.len() >= 3
                && matches!(
                    [rest[1] | 0x20, rest[2] | 0x20],
                    [b'i', b'n'] | [b'o', b'x']
                )
        }
        b'c' => starts_with_ci(rest, b"caller"),
        b'f' => starts_with_ci(rest, b"firm"),
        b'l' => starts_with_ci(rest, b"loc"),
        b'd' => starts_with_ci(rest, b"drawer"),
        b'a' => starts_with_ci(rest, b"apartado") || starts_with_ci(rest, b"apdo"),
        _ => false,
    }
}

/// Whether the first alphanumeric character of `rest` is an `O` or a `0`. Skipping every
/// non-alphanumeric character covers every separator the pattern allows between them.
fn p_then_o(rest: &str) -> bool {
    rest.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.eq_ignore_ascii_case(&'o') || c == '0')
}

/// Whether `haystack` starts with `word` (lowercase ASCII letters) in any ASCII case.
fn starts_with_ci(haystack: &[u8], word: &[u8]) -> bool {
    haystack.len() >= word.len() && haystack.iter().zip(word).all(|(&c, &w)| c | 0x20 == w)
}

/// The ASCII separators: whitespace (vertical tab too), `-` `.` `,` `/` `_` `'` `:`.
static ASCII_SEP: [bool; 256] = {
    let mut table = [false; 256];
    let seps = *b" \t\n\x0b\x0c\r-.,/_':";
    let mut i = 0;
    while i < seps.len() {
        table[seps[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether a PO box starts at `s`, which starts with one of [`FIRST_LETTERS`].
fn box_at(s: &str) -> bool {
    match s.as_bytes()[0] | 0x20 {
        b'p' => po_forms(s),
        b'b' => designation(s) || box_first(s),
        b'a' => [b"APARTADO".as_slice(), b"APDO"]
            .iter()
            .any(|w| word(s, w).is_some_and(end_of_word)),
        _ => designation(s),
    }
}

/// `PO`, `P0`, `Post`, `Postal`, then what may follow each.
fn po_forms(s: &str) -> bool {
    let Some(after_p) = letter(s, b'P') else {
        return false;
    };
    let rest = skip_seps(after_p);
    // `Po` then an ASCII letter other than B (Box) or S (Post) starts no alternative: a number
    // word needs a separator first. Most street words (`Potomac`, `Polo`) end here.
    if let [o, c, ..] = rest.as_bytes() {
        if o | 0x20 == b'o' && c.is_ascii_alphabetic() && !matches!(c | 0x20, b'b' | b's') {
            return false;
        }
    }
    if let Some(r) = letter(rest, b'O') {
        if box_word(skip_seps(r)) || box_number(r) {
            return true;
        }
    }
    if let Some(r) = rest.strip_prefix('0') {
        if box_word(skip_seps(r)) || zero_box_number(r) {
            return true;
        }
    }
    let Some(post) = word(s, b"POST") else {
        return false;
    };
    // Post [Office] Box, and Post Office (or Ofc) followed by a box number.
    let r = skip_seps(post);
    let office = offices(r);
    if box_word(r)
        || office.into_iter().flatten().any(|o| box_word(skip_seps(o)))
        || [office[0], office[2]].into_iter().flatten().any(box_number)
    {
        return true;
    }
    // Postal [Office] Box.
    word(post, b"AL").is_some_and(|postal| {
        let r = skip_seps(postal);
        box_word(r)
            || offices(r)
                .into_iter()
                .flatten()
                .any(|o| box_word(skip_seps(o)))
    })
}

/// `Box`, `B O X`, `B0X`, `BX` or `B`, not followed by a letter.
#[inline]
fn box_word(s: &str) -> bool {
    let Some(b) = letter(s, b'B') else {
        return false;
    };
    let spelled = {
        let r = skip_seps(b);
        letter(r, b'O')
            .or_else(|| r.strip_prefix('0'))
            .and_then(|r| letter(skip_seps(r), b'X'))
            .is_some_and(end_of_word)
    };
    spelled || letter(b, b'X').is_some_and(end_of_word) || end_of_word(b)
}

/// `Office` and its abbreviations at the start of `s`: where each one that is there ends, in
/// the order `Office`, `Offc`, `Ofc`, `Off`.
#[inline]
fn offices(s: &str) -> [Option<&str>; 4] {
    let Some(o) = letter(s, b'O') else {
        return [None; 4];
    };
    let ofc = word(o, b"FC");
    let Some(off) = word(o, b"FF") else {
        return [None, None, ofc, None];
    };
    [word(off, b"ICE"), letter(off, b'C'), ofc, Some(off)]
}

/// The words the other way round: `Box PO`, `Box 12 P.O.`, `Box 7, Post Office`.
fn box_first(s: &str) -> bool {
    let Some(after_box) = word(s, b"BOX") else {
        return false;
    };
    let numbered = {
        let r = skip_seps(after_box);
        let r = skip_seps(r.strip_prefix('#').unwrap_or(r));
        starts_with_number(r).then(|| r.trim_start_matches(is_number))
    };
    [Some(after_box), numbered].into_iter().flatten().any(|r| {
        let r = skip_seps(r);
        let po = letter(r, b'P')
            .and_then(|p| letter(skip_seps(p), b'O'))
            .is_some_and(end_of_word);
        po || word(r, b"POST").is_some_and(|post| {
            [Some(post), word(post, b"AL")]
                .into_iter()
                .flatten()
                .any(|p| offices(skip_seps(p)).into_iter().flatten().any(end_of_word))
        })
    })
}

/// Publication 28 section 283's designations, maybe followed by `Box` or `Service`, then a box
/// number or a box letter.
fn designation(s: &str) -> bool {
    let name = match s.as_bytes()[0] | 0x20 {
        b'f' => word(s, b"FIRM").and_then(|r| word(skip_seps(r), b"CALLER")),
        b'c' => word(s, b"CALLER"),
        b'b' => word(s, b"BIN"),
        b'l' => word(s, b"LOCK").and_then(|r| word(skip_seps(r), b"BOX")),
        b'd' => word(s, b"DRAWER"),
        _ => None,
    };
    let Some(r) = name else {
        return false;
    };
    let numbered = |r: &str| box_number(r) || box_letter(r);
    numbered(r) || {
        let r = skip_seps(r);
        [b"BOX".as_slice(), b"SERVICE", b"SVC"]
            .iter()
            .any(|w| word(r, w).is_some_and(numbered))
    }
}

/// A box letter: separators, then one letter not followed by another (`Drawer K`).
fn box_letter(s: &str) -> bool {
    let r = skip_seps(s);
    r.len() < s.len()
        && r.chars()
            .next()
            .is_some_and(|c| is_letter(c) && end_of_word(&r[c.len_utf8()..]))
}

/// A box number: an optional `No.` / `Number` / `Nº` (set off by a separator, so `Pono` is not
/// `PO No`), an optional `#`, then a number, separators allowed between them.
#[inline]
fn box_number(s: &str) -> bool {
    let r = skip_seps(s);
    (r.len() < s.len() && number_word(r).is_some_and(hash_number)) || hash_number(s)
}

/// After a zero typed for the O: the same, but set off from it by a separator or a `#`
/// (`P0 123`, `P0#5`; `P05` is no PO box).
fn zero_box_number(s: &str) -> bool {
    if let Some(r) = s.strip_prefix('#') {
        return starts_with_number(skip_seps(r));
    }
    let r = skip_seps(s);
    r.len() < s.len() && (number_word(r).is_some_and(hash_number) || hash_number(r))
}

/// `No`, `Number`, `Nº` or `N°` at the start of `s`: where it ends.
#[inline]
fn number_word(s: &str) -> Option<&str> {
    let n = letter(s, b'N')?;
    letter(n, b'O')
        .or_else(|| word(n, b"UMBER"))
        .or_else(|| n.strip_prefix(['º', '°']))
}

/// Separators, an optional `#`, separators, then a number.
#[inline]
fn hash_number(s: &str) -> bool {
    let r = skip_seps(s);
    starts_with_number(skip_seps(r.strip_prefix('#').unwrap_or(r)))
}

#[inline]
fn starts_with_number(s: &str) -> bool {
    match s.as_bytes().first() {
        None => false,
        Some(c) if c.is_ascii() => c.is_ascii_digit(),
        Some(_) => s.chars().next().is_some_and(is_number),
    }
}

/// Whether `s` does not start with a letter.
#[inline]
fn end_of_word(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(c) if c.is_ascii() => !c.is_ascii_alphabetic(),
        Some(_) => !s.chars().next().is_some_and(is_letter),
    }
}

/// `s` past its leading separators.
#[inline]
fn skip_seps(s: &str) -> &str {
    // Most often there are none.
    match s.as_bytes().first() {
        Some(&c) if c < 0x80 && !ASCII_SEP[usize::from(c)] => s,
        None => s,
        Some(_) => skip_some_seps(s),
    }
}

fn skip_some_seps(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        while b.get(i).is_some_and(|&c| ASCII_SEP[usize::from(c)]) {
            i += 1;
        }
        match b.get(i) {
            Some(&c) if c >= 0x80 => match s[i..].chars().next() {
                Some(c) if is_sep(c) => i += c.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    &s[i..]
}

/// A separator: whitespace, dash punctuation, or one of `. , / _ ' ’ : ·`.
fn is_sep(c: char) -> bool {
    if c.is_ascii() {
        ASCII_SEP[c as usize]
    } else {
        matches!(c, '’' | '·') || c.is_whitespace() || is_dash(c)
    }
}

/// `s` past `upper` (an ASCII capital) in any case: ASCII, and the two characters Unicode folds
/// onto ASCII letters (the Kelvin sign onto K, the long s onto S).
#[inline]
fn letter(s: &str, upper: u8) -> Option<&str> {
    let c = *s.as_bytes().first()?;
    if c < 0x80 {
        // Clearing 0x20 maps only the lowercase letter onto its capital.
        (c & !0x20 == upper).then(|| &s[1..])
    } else {
        match upper {
            b'K' => s.strip_prefix('\u{212A}'),
            b'S' => s.strip_prefix('\u{17F}'),
            _ => None,
        }
    }
}

/// `s` past the word `upper` (ASCII capitals) in any case, as [`letter`] matches each.
#[inline]
fn word<'s>(s: &'s str, upper: &[u8]) -> Option<&'s str> {
    upper.iter().try_fold(s, |r, &u| letter(r, u))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_fold_as_the_pattern_folds_them() {
        // Every letter of the pattern's words, as `(?i)` matches it.
        for upper in b'A'..=b'Z' {
            let hir = regex_syntax::parse(&format!("(?i){}", char::from(upper))).unwrap();
            let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) =
                hir.kind()
            else {
                panic!("{upper}");
            };
            let folds: Vec<char> = class
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .collect();
            for c in folds {
                let mut buf = [0; 4];
                assert!(letter(c.encode_utf8(&mut buf), upper).is_some(), "{c:?}");
            }
            for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
                let mut buf = [0; 4];
                if letter(c.encode_utf8(&mut buf), upper).is_some() {
                    assert!(class
                        .ranges()
                        .iter()
                        .any(|r| (r.start()..=r.end()).contains(&c)));
                }
            }
        }
        // The first letters fold only to ASCII, so only ASCII word starts are tried.
        for upper in *b"PBCFLDA" {
            let mut buf = [0; 4];
            for c in (0x80..=u32::from(char::MAX)).filter_map(char::from_u32) {
                assert!(letter(c.encode_utf8(&mut buf), upper).is_none(), "{c:?}");
            }
        }
    }

    #[test]
    fn separators_are_the_patterns() {
        let sep = regex::Regex::new(r"\A[\s\p{Pd}.,/_'’:·]\z").unwrap();
        let mut buf = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_sep(c), sep.is_match(c.encode_utf8(&mut buf)), "{c:?}");
        }
    }

    /// Word starts found a byte at a time, as first written: the word-at-a-time scan must try
    /// exactly the same ones.
    fn bytewise_starts(line: &str) -> Vec<usize> {
        let mut word_start = true;
        let mut out = Vec::new();
        for (i, &c) in line.as_bytes().iter().enumerate() {
            if word_start && c.is_ascii_alphanumeric() {
                out.push(i);
            }
            word_start = !c.is_ascii_alphanumeric();
        }
        out
    }

    fn wordwise_starts(line: &str) -> Vec<usize> {
        let bytes = line.as_bytes();
        let mut out = Vec::new();
        let mut boundary_before = HIGH_BIT_0;
        let mut at = 0;
        while at < bytes.len() {
            let alnum = ascii_alnum(word_at(bytes, at));
            let boundary = !alnum & HIGH;
            let mut starts = alnum & ((boundary << 8) | boundary_before);
            boundary_before = boundary >> 56;
            while starts != 0 {
                out.push(at + starts.trailing_zeros() as usize / 8);
                starts &= starts - 1;
            }
            at += 8;
        }
        out
    }

    #[test]
    fn word_starts_at_every_offset() {
        for k in 0..26 {
            for line in [
                format!("{}po", "x".repeat(k)),
                format!("{} po", "x".repeat(k)),
                format!("{}\u{e9}po", "x".repeat(k)),
                format!("{}9bin", "1".repeat(k)),
                format!("{}.drawer", "x".repeat(k)),
            ] {
                assert_eq!(wordwise_starts(&line), bytewise_starts(&line), "{line:?}");
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
        fn scan_tries_the_same_word_starts(
            line in "[pPoOcCaAbBfFlLdD .,/#_:'0-9\u{a0}\u{e9}\u{80}-\u{ff}@\\[`{]{0,40}|\\PC{0,40}"
        ) {
            proptest::prop_assert_eq!(wordwise_starts(&line), bytewise_starts(&line));
        }
    }
}
