//! The PO-box matcher behind 66907 against its corpus (`tests/corpora/po_box.tsv`: the forms
//! USPS Publication 28 and public PO-box detectors' test suites list, each row with its
//! source) and against the rule written as one regular expression
//! (`fuzz/src/po_box_reference.rs`), on the corpus and on generated lines.

// The tables test reads (and with UPDATE_TABLES rewrites) a source file: a test's I/O.
#![allow(clippy::disallowed_methods)]

#[path = "../fuzz/src/po_box_reference.rs"]
mod reference;

use helix_customer_rules::__private::po_box::is_po_box;
use once_cell::sync::Lazy;
use proptest::prelude::*;

static REFERENCE: Lazy<reference::Reference> = Lazy::new(reference::Reference::new);

/// The class's ranges as regex-syntax builds them.
fn ranges(pattern: &str) -> Vec<(u32, u32)> {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::parse(pattern).unwrap();
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .map(|r| (u32::from(r.start()), u32::from(r.end())))
            .collect(),
        other => panic!("{pattern} is no Unicode class: {other:?}"),
    }
}

fn table(name: &str, doc: &str, ranges: &[(u32, u32)]) -> String {
    let mut out = format!("/// {doc}\n#[rustfmt::skip]\nstatic {name}: &[(u32, u32)] = &[\n");
    for row in ranges.chunks(4) {
        let cells: Vec<String> = row
            .iter()
            .map(|(a, b)| format!("(0x{a:04X}, 0x{b:04X})"))
            .collect();
        out.push_str("    ");
        out.push_str(&cells.join(", "));
        out.push_str(",\n");
    }
    out.push_str("];\n");
    out
}

/// The matcher's Unicode tables (`src/text/classes.rs`) are regex-syntax's, as the reference
/// pattern's `(?i)` closes them under case folding (which makes U+0345, the combining iota
/// subscript that folds to `ι`, a letter), so it answers as the pattern does.
/// `UPDATE_TABLES=1` rewrites them (after a regex-syntax upgrade).
#[test]
fn unicode_tables_are_regex_syntaxs() {
    let generated = [
        table("LETTER", "`(?i)\\p{L}`.", &ranges(r"(?i)\p{L}")),
        table("NUMBER", "`(?i)\\p{N}`.", &ranges(r"(?i)\p{N}")),
        table("DASH", "`(?i)\\p{Pd}`.", &ranges(r"(?i)\p{Pd}")),
    ]
    .join("\n");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/classes.rs");
    let file = std::fs::read_to_string(path).unwrap();
    let (start, end) = ("// @generated tables start\n", "// @generated tables end\n");
    let head = &file[..file.find(start).unwrap() + start.len()];
    let tail = &file[file.find(end).unwrap()..];
    let want = format!("{head}{generated}{tail}");
    if std::env::var_os("UPDATE_TABLES").is_some() {
        std::fs::write(path, &want).unwrap();
    } else {
        assert!(
            file == want,
            "src/text/classes.rs differs from regex-syntax's tables: UPDATE_TABLES=1 cargo test --test po_box"
        );
    }
}

/// A corpus row.
struct Row {
    line: String,
    po_box: bool,
    source: String,
}

/// `\u{XXXX}` in a corpus line stands for that character.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('}').expect("a closed \\u{") + at;
        let code = u32::from_str_radix(&rest[at + 3..end], 16).expect("hex digits");
        out.push(char::from_u32(code).expect("a scalar value"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn corpus() -> Vec<Row> {
    let text = include_str!("corpora/po_box.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), 4, "four cells: {l:?}");
            let po_box = match cells[1] {
                "box" => true,
                "street" => false,
                other => panic!("expect is box or street, not {other:?}"),
            };
            assert!(!cells[2].is_empty(), "a source: {l:?}");
            Row {
                line: unescape(cells[0]),
                po_box,
                source: cells[2].to_owned(),
            }
        })
        .collect()
}

#[test]
fn every_corpus_row() {
    let rows = corpus();
    assert!(rows.len() >= 200, "{} rows", rows.len());
    let mut wrong = Vec::new();
    for row in &rows {
        if is_po_box(&row.line) != row.po_box {
            wrong.push(format!("{:?} ({})", row.line, row.source));
        }
        assert_eq!(
            REFERENCE.now.is_match(&row.line),
            row.po_box,
            "the reference pattern on {:?}",
            row.line
        );
    }
    assert!(wrong.is_empty(), "wrong verdicts:\n{}", wrong.join("\n"));
}

#[test]
fn corpus_rows_in_context() {
    // A PO box anywhere in a line is one; surrounding text set off by spaces changes nothing.
    for row in corpus().iter().filter(|r| !r.line.is_empty()) {
        let line = format!("12 Main St {} Apt 4", row.line);
        assert_eq!(is_po_box(&line), REFERENCE.now.is_match(&line), "{line:?}");
        if row.po_box {
            assert!(is_po_box(&line), "{line:?}");
        }
        for cased in [row.line.to_ascii_uppercase(), row.line.to_ascii_lowercase()] {
            assert_eq!(is_po_box(&cased), row.po_box, "{cased:?}");
        }
    }
}

#[test]
fn the_new_pattern_contains_the_old() {
    for row in corpus() {
        if REFERENCE.before.is_match(&row.line) {
            assert!(REFERENCE.now.is_match(&row.line), "{:?}", row.line);
        }
    }
}

/// The characters the pattern's words are made of, every kind of separator, digits, `#`,
/// `º`, letters, numbers and combining marks beyond ASCII, and the two non-ASCII characters that fold onto
/// ASCII letters (Kelvin sign, long s).
const ALPHABET: &str = "[pPoO0sStTaAlLfFiIcCeEbBxXnNuUmMrRkKdDwWvV .,/#_:'’·º°\\-\u{2013}\u{2e5d}1-9\u{a0}\u{3000}\u{212a}\u{17f}\u{e9}\u{301}\u{345}\u{663}\u{2167}\u{5d0}]";

/// Pieces that are most of a designation, so that generated lines reach deep into the
/// pattern.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("PO".to_owned()),
        Just("P.O.".to_owned()),
        Just("P0".to_owned()),
        Just("Post".to_owned()),
        Just("Postal".to_owned()),
        Just("Office".to_owned()),
        Just("Off".to_owned()),
        Just("Ofc".to_owned()),
        Just("Box".to_owned()),
        Just("B0X".to_owned()),
        Just("Caller".to_owned()),
        Just("Firm".to_owned()),
        Just("Bin".to_owned()),
        Just("Lock".to_owned()),
        Just("Drawer".to_owned()),
        Just("Service".to_owned()),
        Just("Svc".to_owned()),
        Just("No".to_owned()),
        Just("Number".to_owned()),
        Just("Nº".to_owned()),
        Just("Apartado".to_owned()),
        Just("Apdo".to_owned()),
        Just("#".to_owned()),
        Just(" ".to_owned()),
        Just("12".to_owned()),
        proptest::string::string_regex(&format!("{ALPHABET}{{1,3}}")).unwrap(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn agrees_with_the_reference_on_characters(line in proptest::string::string_regex(&format!("{ALPHABET}{{0,16}}")).unwrap()) {
        prop_assert_eq!(is_po_box(&line), REFERENCE.now.is_match(&line), "{:?}", line);
    }

    #[test]
    fn agrees_with_the_reference_on_pieces(pieces in prop::collection::vec(piece(), 0..8)) {
        let line = pieces.concat();
        prop_assert_eq!(is_po_box(&line), REFERENCE.now.is_match(&line), "{:?}", line);
        if REFERENCE.before.is_match(&line) {
            prop_assert!(is_po_box(&line), "reported before, not now: {:?}", line);
        }
    }

    #[test]
    fn agrees_with_the_reference_on_any_text(line in "\\PC{0,24}") {
        prop_assert_eq!(is_po_box(&line), REFERENCE.now.is_match(&line), "{:?}", line);
    }
}
