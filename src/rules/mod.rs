//! The rules, one struct per Helix code, grouped by family.
//!
//! Each rule's doc comment is its entry in `rules.md`. Examples are request documents
//! (`{"patch", "settings", "context"}`); a bare object is a patch for an individual customer
//! under default settings, evaluated on 2026-01-01.

// Each check is `#[inline(always)]` natively: with some fifty rules the evaluation sequence
// outgrew the inliner's budget, and a rule called out of line costs 17-22 instructions even
// when the patch has none of its properties (typed `minimal` 1,209 -> 912 instructions per
// call, `full_valid` 5,011 -> 4,784). Not in WebAssembly, where it cost 2.4 KB gzipped (1.6%)
// of a module over its size budget.
#[allow(clippy::inline_always)]
pub mod address;
#[allow(clippy::inline_always)]
pub mod business;
#[allow(clippy::inline_always)]
pub mod identity;
#[allow(clippy::inline_always)]
pub mod limits;
#[allow(clippy::inline_always)]
pub mod payload;
#[allow(clippy::inline_always)]
pub mod phone;
#[allow(clippy::inline_always)]
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
