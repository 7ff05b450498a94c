//! `rules.md`, generated from the rule declarations.

use std::fmt::Write;

use serde::Serialize;

use crate::registry::RULES;
use crate::rule::{Family, RuleInfo};
use crate::violation::Severity;

const FAMILIES: [Family; 7] = [
    Family::Payload,
    Family::Identity,
    Family::Policy,
    Family::Address,
    Family::Phone,
    Family::Business,
    Family::Limits,
];

/// The rules catalogue as Markdown: the text of `rules.md`.
#[must_use]
pub fn markdown() -> String {
    let mut s = String::new();
    s.push_str("# Rules catalogue\n\n");
    s.push_str("<!-- Generated from the rule declarations in src/rules/. Do not edit: run `UPDATE_RULES=1 cargo test --test catalogue`. -->\n\n");
    s.push_str(include_str!("catalogue_intro.md"));
    s.push_str("\n## Index\n\n| code | rule | whose | message (en-US) |\n|---|---|---|---|\n");
    for r in RULES {
        let whose = match r.severity {
            Severity::Error => "Helix (error)",
            Severity::Warning => "crate (warning)",
        };
        let _ = writeln!(
            s,
            "| [{}](#{}) | `{}` | {whose} | {} |",
            r.code,
            r.code,
            r.name,
            r.message.replace('|', "\\|")
        );
    }
    for family in FAMILIES {
        let _ = write!(s, "\n## {}\n", family.title());
        for r in RULES.iter().filter(|r| r.family == family) {
            let _ = write!(
                s,
                "\n<a id=\"{}\"></a>\n\n### {} `{}`\n\n",
                r.code, r.code, r.name
            );
            let _ = writeln!(
                s,
                "- **Severity:** {} · **Source:** {} · **Since:** {}",
                r.severity.as_str(),
                r.source.describe(),
                r.since
            );
            let _ = writeln!(s, "- **Message:** `{}`", r.message);
            if let Some(b) = r.business_message {
                let _ = writeln!(s, "- **Message for business customers:** `{b}`");
            }
            if !r.properties.is_empty() {
                let props: Vec<String> = r.properties.iter().map(|p| format!("`{p}`")).collect();
                let _ = writeln!(s, "- **Properties:** {}", props.join(", "));
            }
            if !r.settings.is_empty() {
                let sets: Vec<String> = r.settings.iter().map(|p| format!("`{p}`")).collect();
                let _ = writeln!(s, "- **Settings:** {}", sets.join(", "));
            }
            s.push('\n');
            s.push_str(&docs_for_markdown(r.docs));
        }
    }
    s
}

/// One rule as the catalogue's JSON writes it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    code: u32,
    name: &'static str,
    family: &'static str,
    severity: &'static str,
    source: &'static str,
    since: &'static str,
    message: &'static str,
    business_message: Option<&'static str>,
    properties: &'static [&'static str],
    settings: &'static [&'static str],
    docs: &'static str,
}

impl From<&RuleInfo> for Entry {
    fn from(r: &RuleInfo) -> Entry {
        Entry {
            code: r.code.get(),
            name: r.name,
            family: r.family.title(),
            severity: r.severity.as_str(),
            source: r.source.key(),
            since: r.since,
            message: r.message,
            business_message: r.business_message,
            properties: r.properties,
            settings: r.settings,
            docs: r.docs,
        }
    }
}

/// The catalogue as JSON, for the command line and the bindings: an array in code order of
/// `{"code", "name", "family", "severity", "source", "since", "message", "businessMessage",
/// "properties", "settings", "docs"}` (`docs` is the entry's Markdown).
///
/// ```
/// let rules: serde_json::Value = serde_json::from_str(&helix_customer_rules::catalogue::json()).unwrap();
/// assert_eq!(rules[0]["code"], 58001);
/// assert_eq!(rules[0]["severity"], "warning");
/// let kyc = rules.as_array().unwrap().iter().find(|r| r["code"] == 60450).unwrap();
/// assert_eq!(kyc["severity"], "error");
/// assert_eq!(kyc["source"], "server-response");
/// ```
#[must_use]
pub fn json() -> String {
    let entries: Vec<Entry> = RULES.iter().map(|r| Entry::from(*r)).collect();
    // Strings, integers and lists of them always serialize.
    serde_json::to_string(&entries).unwrap_or_default()
}

/// Demotes the doc headings one level and labels the examples.
fn docs_for_markdown(docs: &str) -> String {
    let mut out = String::new();
    for line in docs.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line);
        if let Some(h) = line.strip_prefix("### ") {
            let _ = writeln!(out, "#### {h}\n");
        } else if line == "```json,invalid" {
            out.push_str("Fires on:\n\n```json\n");
        } else if line == "```json,valid" {
            out.push_str("Stays silent on:\n\n```json\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
