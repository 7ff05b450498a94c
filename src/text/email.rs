//! The email profile behind 60304.
//!
//! Helix does not publish its matcher; this profile is the conservative core of RFC 5321/5322
//! that mail systems agree on:
//! - exactly one `@`; at most 254 octets in total;
//! - local part: an ASCII dot-atom of 1-64 octets (atext runs joined by single dots; no quoted
//!   strings, comments or display names);
//! - domain: at least two labels of ASCII letters, digits and inner hyphens, each 1-63 octets,
//!   the last (the TLD) alphabetic; no IP literals, no trailing dot.

/// The longest address accepted, in octets.
pub const MAX_TOTAL: usize = 254;
/// The longest local part accepted, in octets.
pub const MAX_LOCAL: usize = 64;
/// The longest domain label accepted, in octets.
pub const MAX_LABEL: usize = 63;

/// Whether `text` is an email address under the profile above.
///
/// ```
/// use helix_customer_rules::__private::is_valid_email;
/// assert!(is_valid_email("ada.lovelace+bank@example.co.uk"));
/// assert!(!is_valid_email("Ada <ada@example.com>"));
/// assert!(!is_valid_email("ada@[127.0.0.1]"));
/// ```
#[must_use]
pub fn is_valid_email(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() > MAX_TOTAL {
        return false;
    }
    // One pass over the bytes, a table lookup each (the top-level label's twice): the local
    // part up to the `@`, then the domain's labels.
    let Some(at) = valid_local(b) else {
        return false;
    };
    valid_domain(&b[at + 1..])
}

/// A byte allowed in a dot-atom's atoms (RFC 5322 `atext`).
const ATEXT: u8 = 1;
/// A byte allowed in a domain label: ASCII letter, digit or hyphen.
const LDH: u8 = 2;
/// An ASCII letter (top-level labels are all letters).
const ALPHA: u8 = 4;

/// Each byte's classes, as bit flags.
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() || b == b'-' {
            table[c] |= LDH;
        }
        if b.is_ascii_alphabetic() {
            table[c] |= ALPHA;
        }
        c += 1;
    }
    let atext =
        *b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~";
    let mut i = 0;
    while i < atext.len() {
        table[atext[i] as usize] |= ATEXT;
        i += 1;
    }
    table
};

/// The end of the run of bytes of `class` that starts at `from`. The matcher's inner loop:
/// a load, a lookup and a test per byte.
fn run(b: &[u8], from: usize, class: u8) -> usize {
    let mut i = from;
    while i < b.len() && CLASS[usize::from(b[i])] & class != 0 {
        i += 1;
    }
    i
}

/// Checks the local part (atoms joined by single dots: no dot first, last, or after another
/// dot; at most 64 octets) and returns the index of the `@` that ends it.
fn valid_local(b: &[u8]) -> Option<usize> {
    let mut start = 0;
    loop {
        let end = run(b, start, ATEXT);
        // An empty atom is a dot (or the `@`) first or after a dot.
        if end == start {
            return None;
        }
        match b.get(end) {
            Some(b'.') => start = end + 1,
            Some(b'@') => return (end <= MAX_LOCAL).then_some(end),
            _ => return None,
        }
    }
}

/// Checks the domain: two or more labels of 1-63 letters, digits and inner hyphens, the last
/// all letters. A second `@`, like any other byte outside the labels, fails it.
fn valid_domain(b: &[u8]) -> bool {
    let mut start = 0;
    loop {
        let end = run(b, start, LDH);
        if !valid_label(&b[start..end]) {
            return false;
        }
        match b.get(end) {
            Some(b'.') => start = end + 1,
            // The top-level label: not the first, and all letters.
            None => return start > 0 && run(b, start, ALPHA) == end,
            Some(_) => return false,
        }
    }
}

/// 1-63 octets, no hyphen first or last (the bytes themselves are checked by the caller).
fn valid_label(label: &[u8]) -> bool {
    (1..=MAX_LABEL).contains(&label.len()) && label[0] != b'-' && label[label.len() - 1] != b'-'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The profile as first written, split by split: the one-pass matcher must agree with it.
    fn reference(text: &str) -> bool {
        fn is_atext(c: u8) -> bool {
            c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&c)
        }
        fn valid_local(local: &str) -> bool {
            !local.is_empty()
                && local.len() <= MAX_LOCAL
                && local
                    .split('.')
                    .all(|atom| !atom.is_empty() && atom.bytes().all(is_atext))
        }
        fn valid_domain(domain: &str) -> bool {
            let labels: Vec<&[u8]> = domain.as_bytes().split(|&c| c == b'.').collect();
            labels.len() >= 2
                && labels.iter().all(|b| {
                    (1..=MAX_LABEL).contains(&b.len())
                        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
                        && b[0] != b'-'
                        && b[b.len() - 1] != b'-'
                })
                && labels[labels.len() - 1].iter().all(u8::is_ascii_alphabetic)
        }
        if text.len() > MAX_TOTAL {
            return false;
        }
        let Some((local, domain)) = text.split_once('@') else {
            return false;
        };
        valid_local(local) && valid_domain(domain)
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_reference(text in "[a-cA-C0-9.@+\\- _é\"\\[\\]]{0,24}") {
            proptest::prop_assert_eq!(is_valid_email(&text), reference(&text), "{:?}", text);
        }

        #[test]
        fn agrees_on_address_shapes(
            local in "[a-z.+-]{0,70}",
            labels in proptest::collection::vec("[a-z0-9-]{0,66}", 0..5),
        ) {
            let text = format!("{local}@{}", labels.join("."));
            proptest::prop_assert_eq!(is_valid_email(&text), reference(&text), "{:?}", text);
        }
    }

    #[test]
    fn accepts_ordinary_addresses() {
        for ok in [
            "a@b.co",
            "first.last@example.com",
            "x_y-z+tag@sub-d.example.org",
            "A@EXAMPLE.COM",
            "o'brien@example.ie",
        ] {
            assert!(is_valid_email(ok), "{ok}");
        }
    }

    #[test]
    fn rejects_outside_the_profile() {
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@b",
            "a@b.c1",
            "a@-b.com",
            "a@b-.com",
            "a@b..com",
            "a@b.com.",
            ".a@b.com",
            "a.@b.com",
            "a..b@b.com",
            "\"a b\"@b.com",
            "a b@b.com",
            "a@b@c.com",
            "a@[1.2.3.4]",
            "a(c)@b.com",
            "Ada <a@b.com>",
            "é@b.com",
            "a@bé.com",
            " a@b.com",
            "a@b.com ",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn length_limits() {
        let local64 = "a".repeat(64);
        assert!(is_valid_email(&format!("{local64}@b.com")));
        assert!(!is_valid_email(&format!("{local64}a@b.com")));
        let label63 = "d".repeat(63);
        assert!(is_valid_email(&format!("a@{label63}.com")));
        assert!(!is_valid_email(&format!("a@{label63}d.com")));
        // 254 in total: "a@" + labels.
        let domain = format!(
            "{}.{}.{}.{}",
            "d".repeat(63),
            "d".repeat(63),
            "d".repeat(63),
            "d".repeat(60)
        );
        let at254 = format!("a@{domain}");
        assert_eq!(at254.len(), 254);
        assert!(is_valid_email(&at254));
        assert!(!is_valid_email(&format!("aa@{domain}")));
    }
}
