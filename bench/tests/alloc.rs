//! Heap allocations per call of every implementation on every workload (the table in
//! BENCHMARKS.md), counted by dhat's global allocator in testing mode:
//! `cargo test -p helix-bench --release --test alloc -- --nocapture`.
//!
//! The crate's own promises (no allocation for a valid patch, at most one per violation) are
//! asserted by the library's `tests/alloc.rs`; this file prints the comparison.
//!
//! dhat counts the whole process, so this file holds exactly one test (the test runner then
//! runs it alone, with no other thread allocating).

use std::hint::black_box;

use helix_bench::schema_peer::SchemaPeer;
use helix_bench::{garde_peer, validator_peer, workloads, PeerCtx};
use helix_customer_rules::{validate, validate_json, CustomerPatch};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Heap blocks allocated while `f` runs (what it frees again included).
fn blocks<R>(f: impl FnOnce() -> R) -> u64 {
    let before = dhat::HeapStats::get().total_blocks;
    black_box(f());
    dhat::HeapStats::get().total_blocks - before
}

#[test]
fn allocations_per_call_of_every_implementation() {
    let _profiler = dhat::Profiler::builder().testing().build();
    println!(
        "| workload | input | ours | garde | validator | jsonschema | parse_only | skip_only |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    for w in workloads::all() {
        let patch = w.patch();
        let cx = w.context();
        let ctx = PeerCtx::of(&w);
        let garde_patch: garde_peer::Patch = serde_json::from_slice(w.body).unwrap();
        let validator_patch: validator_peer::Patch = serde_json::from_slice(w.body).unwrap();
        let schema = SchemaPeer::new(&ctx);
        let doc = w.value();
        // Warm-up: the peers' regex crate takes its matching cache from a pool on first use,
        // and lazily compiled patterns compile on first use.
        let _ = validate(&patch, &w.settings, &cx);
        let _ = garde_peer::validate(&garde_patch, &ctx);
        let _ = validator_peer::validate(&validator_patch, &ctx);
        let _ = schema.validate(&doc);

        let typed = [
            blocks(|| validate(&patch, &w.settings, &cx)),
            blocks(|| garde_peer::validate(&garde_patch, &ctx)),
            blocks(|| validator_peer::validate(&validator_patch, &ctx)),
            blocks(|| schema.validate(&doc).len()),
            blocks(|| serde_json::from_slice::<CustomerPatch>(w.body)),
        ];
        let json = [
            blocks(|| validate_json(w.body, &w.settings, &cx)),
            blocks(|| garde_peer::validate_json(w.body, &ctx)),
            blocks(|| validator_peer::validate_json(w.body, &ctx)),
            blocks(|| schema.validate_json(w.body)),
            typed[4],
            blocks(|| {
                std::str::from_utf8(w.body)
                    .ok()
                    .map(serde_json::from_str::<serde::de::IgnoredAny>)
            }),
        ];
        let cells = |counts: &[u64]| {
            counts
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(" | ")
        };
        println!("| {} | typed | {} | - |", w.name, cells(&typed));
        println!("| {} | json | {} |", w.name, cells(&json));
    }
}
