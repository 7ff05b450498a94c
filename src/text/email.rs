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
/// use helix_customer_rules::text::email::is_valid_email;
/// assert!(is_valid_email("ada.lovelace+bank@example.co.uk"));
/// assert!(!is_valid_email("Ada <ada@example.com>"));
/// assert!(!is_valid_email("ada@[127.0.0.1]"));
/// ```
#[must_use]
pub fn is_valid_email(text: &str) -> bool {
    if text.len() > MAX_TOTAL {
        return false;
    }
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    valid_local(local) && valid_domain(domain)
}

fn is_atext(c: u8) -> bool {
    // A `match` compiles to a table lookup; this runs once per byte of the local part.
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'/'
                | b'='
                | b'?'
                | b'^'
                | b'_'
                | b'`'
                | b'{'
                | b'|'
                | b'}'
                | b'~'
        )
}

fn valid_local(local: &str) -> bool {
    if local.len() > MAX_LOCAL {
        return false;
    }
    // Atoms joined by single dots: no dot first, last, or after another dot; one pass.
    let mut after_dot = true;
    for &c in local.as_bytes() {
        if c == b'.' {
            if after_dot {
                return false;
            }
            after_dot = true;
        } else if is_atext(c) {
            after_dot = false;
        } else {
            return false;
        }
    }
    !after_dot
}

fn valid_domain(domain: &str) -> bool {
    let mut labels = 0usize;
    let mut last: &[u8] = &[];
    for b in domain.as_bytes().split(|&c| c == b'.') {
        let ok = (1..=MAX_LABEL).contains(&b.len())
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            && b[0] != b'-'
            && b[b.len() - 1] != b'-';
        if !ok {
            return false;
        }
        labels += 1;
        last = b;
    }
    labels >= 2 && last.iter().all(u8::is_ascii_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

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
