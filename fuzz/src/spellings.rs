//! Generated address lines with a known verdict for the PO-box rule (66907), shared by the
//! property tests (`tests/properties.rs` includes this file) and the `matchers` fuzz target.
//!
//! Generators take `pick(n)`, a source of choices below `n`, so proptest (a vector of numbers)
//! and libFuzzer (`arbitrary` data) drive the same grammar. The grammar is the rule's own list:
//! the spellings rules.md names as PO boxes (the forms of issue 11 §6 too), and street lines
//! that only contain those letters.

/// A source of choices: `pick(n)` is below `n`.
pub type Pick<'a> = &'a mut dyn FnMut(usize) -> usize;

/// What may stand between the letters of a designation: the rule allows any spacing (the
/// no-break space too), dots, hyphens, slashes and commas, or nothing.
const SEPS: [&str; 11] = [
    "", " ", ".", "-", "/", ",", "\u{a0}", ". ", " - ", "\t", "\u{2003}",
];

fn sep(p: Pick<'_>) -> &'static str {
    SEPS[p(SEPS.len())]
}

fn one<'s>(p: Pick<'_>, from: &[&'s str]) -> &'s str {
    from[p(from.len())]
}

/// `word` with each ASCII letter in a random case.
fn cased(p: Pick<'_>, word: &str) -> String {
    word.chars()
        .map(|c| {
            if p(2) == 0 {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn cased_one(p: Pick<'_>, from: &[&str]) -> String {
    let w = one(p, from);
    cased(p, w)
}

fn number(p: Pick<'_>) -> String {
    let n = 1 + p(5);
    (0..n).map(|_| char::from(b"0123456789"[p(10)])).collect()
}

/// P · O with optional separators between the letters.
fn po(p: Pick<'_>) -> String {
    format!("{}{}{}", cased(p, "P"), sep(p), cased(p, "O"))
}

/// B · O · X with optional separators between the letters.
fn box_word(p: Pick<'_>) -> String {
    format!(
        "{}{}{}{}{}",
        cased(p, "B"),
        sep(p),
        cased(p, "O"),
        sep(p),
        cased(p, "X")
    )
}

/// A line holding a post-office box, in one of the spellings the rule names.
pub fn po_box_line(p: Pick<'_>) -> String {
    let prefix = one(
        p,
        &[
            "",
            "123 Main St ",
            "Rural Route 2, ",
            "Unit 4 / ",
            "(",
            "#9 ",
        ],
    );
    let designation = match p(14) {
        // PO Box, P.O. Box, POBox
        0 | 1 => format!("{}{}{}", po(p), sep(p), box_word(p)),
        // PO Bx
        2 => format!("{}{}{}", po(p), sep(p), cased(p, "BX")),
        // POB, P.O.B.
        3 => format!("{}{}{}", po(p), sep(p), cased(p, "B")),
        // Post Office Box, Post-Office Box
        4 => format!(
            "{}{}{}{}{}",
            cased(p, "POST"),
            sep(p),
            cased(p, "OFFICE"),
            sep(p),
            box_word(p)
        ),
        // Post Box
        5 => format!("{}{}{}", cased(p, "POST"), sep(p), box_word(p)),
        // PO followed by a box number: PO 123, P.O. #123, P.O. No. 5 (a `No` set off from the
        // PO, so that `Pono` stays a word).
        6 => {
            let word = cased_one(p, &["", "#", "NO", "NO.", "NUMBER", "Nº"]);
            let before = if word.is_empty() || word == "#" {
                sep(p)
            } else {
                SEPS[1 + p(SEPS.len() - 1)]
            };
            format!("{}{before}{word}", po(p))
        }
        // Publication 28 section 283 designations, followed by a number.
        7 => {
            let firm = if p(2) == 0 {
                format!("{}{}", cased(p, "FIRM"), sep(p))
            } else {
                String::new()
            };
            format!("{firm}{}", cased(p, "CALLER"))
        }
        8 => match p(3) {
            0 => cased(p, "BIN"),
            1 => format!("{}{}{}", cased(p, "LOCK"), sep(p), cased(p, "BOX")),
            _ => cased(p, "DRAWER"),
        },
        // Post Office abbreviated, Postal for Post: Post Ofc Box, Postal Off. Box
        9 => format!(
            "{}{}{}{}{}",
            cased_one(p, &["POST", "POSTAL"]),
            sep(p),
            cased_one(p, &["OFFICE", "OFF", "OFC", "OFFC"]),
            sep(p),
            box_word(p)
        ),
        // A zero for the O: P0 Box, P.0.B, PO B0X
        10 => {
            let b0x = format!("{}{}0{}{}", cased(p, "B"), sep(p), sep(p), cased(p, "X"));
            match p(3) {
                0 => format!("{}{}0{}{}", cased(p, "P"), sep(p), sep(p), box_word(p)),
                1 => format!("{}{}0{}{}", cased(p, "P"), sep(p), sep(p), cased(p, "B")),
                _ => format!("{}{}{b0x}", po(p), sep(p)),
            }
        }
        // A designation followed by Box or Service: Caller Box, Firm Caller Service, Drawer Svc
        11 => format!(
            "{}{}{}",
            cased_one(p, &["CALLER", "FIRM CALLER", "DRAWER", "BIN"]),
            sep(p),
            cased_one(p, &["BOX", "SERVICE", "SVC"])
        ),
        // The words the other way round: Box 12 PO, Box 7, Post Office
        12 => format!(
            "{}{}{}{}{}",
            cased(p, "BOX"),
            sep(p),
            number(p),
            sep(p),
            if p(2) == 0 {
                po(p)
            } else {
                format!("{}{}{}", cased(p, "POST"), sep(p), cased(p, "OFFICE"))
            }
        ),
        // Puerto Rico
        _ => cased_one(p, &["APARTADO", "APDO"]),
    };
    let suffix = one(p, &["", " ", ", Ames IA", " Apt 4"]);
    format!("{prefix}{designation}{}{}{suffix}", sep(p), number(p))
}

/// Letters that no PO-box designation starts with.
const NOT_AN_INITIAL: &[u8] = b"eghijkmnqrstuvwyz";
/// Letters that cannot turn `Po`, `Post` or `Lock` into a designation when appended.
const SAFE_TAIL: &[u8] = b"acdefghijklmnpqrstuvwyz";

fn letters(p: Pick<'_>, from: &[u8], min: usize) -> String {
    let n = min + p(5);
    (0..n).map(|_| char::from(from[p(from.len())])).collect()
}

const STREET_TYPES: [&str; 9] = [
    "St", "Ave", "Ln", "Rd", "Way", "Ct", "Square", "Plaza", "Dr",
];
/// Words made only of a designation's letters.
const DESIGNATIONS: [&str; 14] = [
    "Box",
    "Po",
    "Post",
    "Office",
    "Bin",
    "Caller",
    "Drawer",
    "Lock",
    "Apartado",
    "Apdo",
    "Apt",
    "Apartamento",
    "Firm",
    "pobox",
];

/// A street line that contains a designation's letters but no post-office box: the letters
/// run on into a longer word (`Boxwood`, `Potomac`, `Sandbox`), or name a street (`Post
/// Office Square`, `Box Elder Rd`), or are an apartment designator (`Apt 4`).
pub fn street_line(p: Pick<'_>) -> String {
    let n = number(p);
    let street = one(p, &STREET_TYPES);
    match p(4) {
        // A designation running on into a longer word.
        0 => {
            let d = one(p, &DESIGNATIONS);
            let d = if d == "pobox" { "Box" } else { d };
            format!("{n} {}{} {street}", cased(p, d), letters(p, SAFE_TAIL, 1))
        }
        // A designation inside a longer word.
        1 => format!(
            "{}{}{} {n}",
            {
                let lead = letters(p, NOT_AN_INITIAL, 1);
                cased(p, &lead)
            },
            cased_one(p, &DESIGNATIONS),
            letters(p, SAFE_TAIL, 0)
        ),
        // Street names made of the words themselves.
        2 => format!(
            "{n} {} {street}",
            cased_one(
                p,
                &["Post Office", "Box Elder", "Post", "Office", "Box", "Bin"]
            )
        ),
        // Apartment designators.
        _ => format!(
            "{n} Main {street} {} {}",
            cased_one(p, &["Apt", "Apartamento", "Suite", "Unit"]),
            number(p)
        ),
    }
}
