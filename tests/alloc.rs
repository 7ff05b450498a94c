//! Heap allocations per call, counted by dhat's global allocator in testing mode.
//!
//! The crate's promise: typed `validate` of a valid patch never touches the heap. The same run
//! prints the allocations per call of every implementation on every workload (the table in
//! BENCHMARKS.md): `cargo test --test alloc -- --nocapture`.
//!
//! dhat counts the whole process, so this file holds exactly one test (the test runner then
//! runs it alone, with no other thread allocating).

#[path = "../benches/peers/mod.rs"]
mod peers;

use std::hint::black_box;

use helix_customer_rules::{validate, validate_json, CustomerPatch};
use peers::schema_peer::SchemaPeer;
use peers::{garde_peer, validator_peer, workloads, PeerCtx};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Heap blocks allocated while `f` runs (what it frees again included).
fn blocks<R>(f: impl FnOnce() -> R) -> u64 {
    let before = dhat::HeapStats::get().total_blocks;
    black_box(f());
    dhat::HeapStats::get().total_blocks - before
}

#[test]
fn typed_validate_of_a_valid_patch_does_not_allocate() {
    let _profiler = dhat::Profiler::builder().testing().build();
    println!("| workload | input | ours | garde | validator | jsonschema | parse_only |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for w in workloads::all() {
        let patch = w.patch();
        let cx = w.context();
        let ctx = PeerCtx::of(&w);
        let garde_patch: garde_peer::Patch = serde_json::from_slice(w.body).unwrap();
        let validator_patch: validator_peer::Patch = serde_json::from_slice(w.body).unwrap();
        let schema = SchemaPeer::new(&w.settings, w.kind);
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
        ];
        for (input, counts) in [("typed", typed), ("json", json)] {
            let cells: Vec<String> = counts.iter().map(u64::to_string).collect();
            println!("| {} | {input} | {} |", w.name, cells.join(" | "));
        }

        let violations = validate(&patch, &w.settings, &cx);
        if violations.is_empty() {
            assert_eq!(typed[0], 0, "typed validate of {} allocated", w.name);
        } else {
            // One vector, plus a string per message whose template has placeholders: never
            // more than one allocation per violation.
            assert!(
                typed[0] <= violations.len() as u64,
                "{}: {} allocations for {} violations",
                w.name,
                typed[0],
                violations.len()
            );
        }
    }
}
