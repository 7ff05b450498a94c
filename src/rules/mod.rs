//! The rules, one struct per Helix code, grouped by family.
//!
//! Each rule's doc comment is its entry in `rules.md`. Examples are request documents
//! (`{"patch", "settings", "context"}`); a bare object is a patch for an individual customer
//! under default settings, evaluated on 2026-01-01.

pub mod address;
pub mod business;
pub mod identity;
pub mod payload;
pub mod phone;
pub mod policy;
