//! Heap allocations per call, counted by dhat's global allocator in testing mode.
//!
//! The crate's promises: typed `validate` of a valid patch never touches the heap, and with
//! violations it allocates at most once per violation; `validate_json` of a valid body without
//! escapes allocates at most twice (a vector per list), and with violations at most once per
//! violation plus four. The same run prints the counts:
//! `cargo test --release --test alloc -- --nocapture`. The comparison with the peers (the
//! table in BENCHMARKS.md) is the `helix-bench` member's: `cargo test -p helix-bench --release
//! --test alloc -- --nocapture`.
//!
//! dhat counts the whole process, so this file holds exactly one test (the test runner then
//! runs it alone, with no other thread allocating).

// The workloads of the benchmark; the file needs nothing but this crate, time and serde_json.
// Not every helper of it is used here.
#[path = "../bench/src/workloads.rs"]
#[allow(dead_code)]
mod workloads;

use std::hint::black_box;

use helix_customer_rules::{validate, validate_json};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Heap blocks allocated while `f` runs (what it frees again included).
fn blocks<R>(f: impl FnOnce() -> R) -> u64 {
    let before = dhat::HeapStats::get().total_blocks;
    black_box(f());
    dhat::HeapStats::get().total_blocks - before
}

#[test]
fn allocations_per_call() {
    let _profiler = dhat::Profiler::builder().testing().build();
    println!("| workload | violations | validate | validate_json |");
    println!("|---|---:|---:|---:|");
    for w in workloads::all() {
        let patch = w.patch();
        let cx = w.context();
        // Warm-up, as for the peers' table: nothing in the crate is lazy, but the first call
        // of a process is not the one to count.
        let _ = validate(&patch, &w.settings, &cx);
        let _ = validate_json(w.body, &w.settings, &cx);

        let typed = blocks(|| validate(&patch, &w.settings, &cx));
        let json = blocks(|| validate_json(w.body, &w.settings, &cx));
        let violations = validate(&patch, &w.settings, &cx);
        println!("| {} | {} | {typed} | {json} |", w.name, violations.len());

        if violations.is_empty() {
            assert_eq!(typed, 0, "typed validate of {} allocated", w.name);
        } else {
            // One vector, plus a string per message whose template has placeholders: never
            // more than one allocation per violation.
            assert!(
                typed <= violations.len() as u64,
                "{}: {typed} allocations for {} violations",
                w.name,
                violations.len()
            );
        }

        // validate_json reads the body borrowed: its text is not copied (these bodies have no
        // escapes), so what is left is each list's vector, and the violations.
        if violations.is_empty() {
            assert!(
                !w.body.contains(&b'\\'),
                "{}: the promise is for bodies without escapes",
                w.name
            );
            assert!(
                json <= 2,
                "validate_json of {} allocated {json} times",
                w.name
            );
        } else {
            assert!(
                json <= violations.len() as u64 + 4,
                "{}: validate_json allocated {json} times for {} violations",
                w.name,
                violations.len()
            );
        }
    }
}
