//! `rules` and `explain`: the library's rule catalogue, printed. No rule text lives here.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use helix_customer_rules::{rule, RuleInfo, RULES};

use crate::Status;

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const WARN: Style = AnsiColor::Yellow.on_default().bold();

/// `"error"` or `"warning"`: how the catalogue classes the rule.
pub fn severity(r: &RuleInfo) -> &'static str {
    r.severity.as_str()
}

/// `helix-rules rules`: one code a line, or the catalogue's JSON.
pub fn rules(json: bool) -> Status {
    let mut out = anstream::stdout().lock();
    let result = if json {
        writeln!(out, "{}", helix_customer_rules::catalogue::json())
    } else {
        let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
        let swidth = RULES
            .iter()
            .map(|r| r.source.key().len())
            .max()
            .unwrap_or(0);
        RULES.iter().try_for_each(|r| {
            let tag = if severity(r) == "warning" {
                format!(" {WARN}(warning){WARN:#}")
            } else {
                String::new()
            };
            writeln!(
                out,
                "{BOLD}{:>6}{BOLD:#}  {:<width$}  {DIM}{:<swidth$}{DIM:#}  {}{tag}",
                r.code,
                r.name,
                r.source.key(),
                r.message
            )
        })
    };
    finish(result)
}

/// `helix-rules explain CODE`: one rule's entry, or exit 2 with the nearest known codes.
pub fn explain(query: &str) -> Status {
    let q = query.trim();
    let found = match q.parse::<u32>() {
        Ok(code) => rule(code),
        Err(_) => RULES
            .iter()
            .copied()
            .find(|r| r.name.eq_ignore_ascii_case(q)),
    };
    let Some(r) = found else {
        let near = nearest(q);
        eprintln!(
            "helix-rules: no rule {q:?}; the nearest known: {}\n(`helix-rules rules` lists them all)",
            near.join(", ")
        );
        return Status::Error;
    };
    let mut out = anstream::stdout().lock();
    finish(write_entry(&mut out, r))
}

fn write_entry(out: &mut impl Write, r: &RuleInfo) -> std::io::Result<()> {
    writeln!(out, "{BOLD}# {} {}{BOLD:#}\n", r.code, r.name)?;
    writeln!(out, "Severity: {}", severity(r))?;
    writeln!(out, "Family:   {}", r.family.title())?;
    writeln!(out, "Source:   {}", r.source.describe())?;
    writeln!(out, "Since:    {}", r.since)?;
    writeln!(out, "Message:  {}", r.message)?;
    if let Some(b) = r.business_message {
        writeln!(out, "Message for business customers: {b}")?;
    }
    if !r.properties.is_empty() {
        writeln!(out, "Properties: {}", r.properties.join(", "))?;
    }
    if !r.settings.is_empty() {
        writeln!(out, "Settings:   {}", r.settings.join(", "))?;
    }
    writeln!(out)?;
    // The docs are Markdown written as a doc comment: one leading space per line, and examples
    // fenced as `json,invalid` (the rule fires) or `json,valid` (it stays silent).
    for line in r.docs.lines() {
        match line.strip_prefix(' ').unwrap_or(line) {
            "```json,invalid" => writeln!(out, "Fires on:\n```json")?,
            "```json,valid" => writeln!(out, "Stays silent on:\n```json")?,
            l => writeln!(out, "{l}")?,
        }
    }
    Ok(())
}

/// Up to three known codes (or names, for a query that is not a number) closest to `q`.
fn nearest(q: &str) -> Vec<String> {
    let mut scored: Vec<(u64, &RuleInfo)> = if let Ok(n) = q.parse::<u64>() {
        RULES
            .iter()
            .map(|r| (u64::from(r.code.get()).abs_diff(n), *r))
            .collect()
    } else {
        let q = q.to_ascii_lowercase();
        RULES
            .iter()
            .map(|r| {
                let name = r.name.to_ascii_lowercase();
                // A name that holds the query (`pobox`) is nearer than any misspelling.
                let d = if name.contains(&q) {
                    0
                } else {
                    1 + edit_distance(&q, &name)
                };
                (d as u64, *r)
            })
            .collect()
    };
    scored.sort_by_key(|&(d, r)| (d, r.code.get()));
    scored
        .iter()
        .take(3)
        .map(|(_, r)| format!("{} ({})", r.code, r.name))
        .collect()
}

/// Levenshtein distance over bytes: enough to rank rule names, which are ASCII.
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn finish(result: std::io::Result<()>) -> Status {
    match result {
        Ok(()) => Status::Valid,
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Status::Valid,
        Err(e) => {
            eprintln!("helix-rules: cannot write: {e}");
            Status::Error
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn nearest_codes_are_the_numerically_closest() {
        let near: Vec<String> = nearest("66910").iter().map(|s| s[..5].to_owned()).collect();
        assert_eq!(near, ["66908", "66907", "66906"]);
        assert!(nearest("pobox")[0].starts_with("66907 "));
    }
}
