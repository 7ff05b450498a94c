//! The PO-box and email matchers alone: generated spellings with a known verdict, a reference
//! email profile, and the invariances the rules promise (case, spacing, surrounding text).
#![no_main]

use arbitrary::Unstructured;
use fuzz_support::spellings::{po_box_line, street_line};
use helix_customer_rules::__private::is_valid_email;
use helix_customer_rules::__private::po_box::is_po_box;
use libfuzzer_sys::fuzz_target;

/// The email profile written out plainly, char by char, from rules.md's words.
fn reference_email(s: &str) -> bool {
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    let parts: Vec<&str> = s.split('@').collect();
    if s.len() > 254 || parts.len() != 2 {
        return false;
    }
    let (local, domain) = (parts[0], parts[1]);
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c == '.' || atext(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let labels_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|t| t.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && labels_ok
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the mode; the rest is the choices, or the text itself.
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut u = Unstructured::new(rest);
    match mode % 4 {
        0 | 1 => {
            // Spellings the rule names, and street lines with the same letters.
            let mut pick = |n: usize| u.choose_index(n).unwrap_or(0);
            let (line, want) = if mode % 4 == 0 {
                (po_box_line(&mut pick), true)
            } else {
                (street_line(&mut pick), false)
            };
            assert_eq!(is_po_box(&line), want, "PO box verdict for {line:?}");
        }
        _ => {
            let Ok(s) = std::str::from_utf8(rest) else {
                return;
            };
            let po = is_po_box(s);
            // Case never matters; a no-break space or a doubled space is spacing like any other.
            assert_eq!(
                is_po_box(&s.to_ascii_uppercase()),
                po,
                "case changed the verdict: {s:?}"
            );
            assert_eq!(
                is_po_box(&s.to_ascii_lowercase()),
                po,
                "case changed the verdict: {s:?}"
            );
            assert_eq!(
                is_po_box(&s.replace(' ', "\u{a0}")),
                po,
                "spacing changed: {s:?}"
            );
            assert_eq!(
                is_po_box(&s.replace(' ', "  ")),
                po,
                "spacing changed: {s:?}"
            );
            // Surrounding text, set apart by a space, cannot hide a PO box.
            if po {
                assert!(
                    is_po_box(&format!("12 Main St {s} Apt 4")),
                    "context hid: {s:?}"
                );
            }
            let email = is_valid_email(s);
            assert_eq!(
                email,
                reference_email(s),
                "email profile disagrees on {s:?}"
            );
            assert_eq!(
                is_valid_email(&s.to_ascii_uppercase()),
                email,
                "case: {s:?}"
            );
            if email {
                assert!(
                    !is_valid_email(&format!(" {s}")),
                    "leading space accepted: {s:?}"
                );
                assert!(
                    !is_valid_email(&format!("Ada <{s}>")),
                    "display name accepted: {s:?}"
                );
            }
        }
    }
});
