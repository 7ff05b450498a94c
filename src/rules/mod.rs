//! The rules, one struct per Helix code, grouped by family.
//!
//! Each rule's doc comment is its entry in `rules.md`. Examples are request documents
//! (`{"patch", "settings", "context"}`); a bare object is a patch for an individual customer
//! under default settings, evaluated on 2026-01-01.

pub mod address;
pub mod business;
pub mod identity;
pub mod limits;
pub mod payload;
pub mod phone;
pub mod policy;

/// The examples in a rule's docs: `(fires, request document text)`.
#[must_use]
pub fn examples(docs: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut current: Option<(bool, String)> = None;
    for line in docs.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line);
        match (&mut current, line) {
            (None, "```json,invalid") => current = Some((true, String::new())),
            (None, "```json,valid") => current = Some((false, String::new())),
            (Some(_), "```") => out.extend(current.take()),
            (Some((_, text)), l) => {
                text.push_str(l);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    out
}
