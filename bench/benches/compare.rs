//! `cargo bench -p helix-bench --bench compare`: the crate against garde, validator and
//! jsonschema on the same workloads, with `serde_json` reading the same bytes into
//! `CustomerPatch` as the floor (`parse_only`) and, for bytes in, `serde_json` looking at every
//! byte once without building anything (`skip_only`). See BENCHMARKS.md for the results and
//! for what each peer covers.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use helix_customer_rules::{validate, validate_json, CustomerPatch};

use helix_bench::schema_peer::SchemaPeer;
use helix_bench::workloads::{self, Workload};
use helix_bench::{garde_peer, validator_peer, PeerCtx};

/// Typed input: every implementation gets its own already-parsed value.
fn typed_group(c: &mut Criterion, w: &Workload) {
    let patch = w.patch();
    let cx = w.context();
    let ctx = PeerCtx::of(w);
    let garde_patch: garde_peer::Patch = serde_json::from_slice(w.body).unwrap();
    let validator_patch: validator_peer::Patch = serde_json::from_slice(w.body).unwrap();
    let schema = SchemaPeer::new(&ctx);
    let doc = w.value();

    let mut g = c.benchmark_group(format!("validate_{}", w.name));
    g.bench_function("ours", |b| {
        b.iter(|| validate(black_box(&patch), &w.settings, &cx));
    });
    g.bench_function("garde", |b| {
        b.iter(|| garde_peer::validate(black_box(&garde_patch), &ctx));
    });
    g.bench_function("validator", |b| {
        b.iter(|| validator_peer::validate(black_box(&validator_patch), &ctx));
    });
    g.bench_function("jsonschema", |b| {
        b.iter(|| schema.validate(black_box(&doc)).len());
    });
    // For scale: reading the same bytes costs this much before any rule runs.
    g.bench_function("parse_only", |b| {
        b.iter(|| serde_json::from_slice::<CustomerPatch>(black_box(w.body)));
    });
    g.finish();
}

/// Bytes in: parsing is part of the cost.
fn json_group(c: &mut Criterion, w: &Workload) {
    let cx = w.context();
    let ctx = PeerCtx::of(w);
    let schema = SchemaPeer::new(&ctx);

    let mut g = c.benchmark_group(format!("json_{}", w.name));
    g.bench_function("ours", |b| {
        b.iter(|| validate_json(black_box(w.body), &w.settings, &cx));
    });
    g.bench_function("garde", |b| {
        b.iter(|| garde_peer::validate_json(black_box(w.body), &ctx));
    });
    g.bench_function("validator", |b| {
        b.iter(|| validator_peer::validate_json(black_box(w.body), &ctx));
    });
    g.bench_function("jsonschema", |b| {
        b.iter(|| schema.validate_json(black_box(w.body)));
    });
    g.bench_function("parse_only", |b| {
        b.iter(|| serde_json::from_slice::<CustomerPatch>(black_box(w.body)));
    });
    // The cost of looking at every byte once: UTF-8 checked, the grammar followed, nothing
    // built.
    g.bench_function("skip_only", |b| {
        b.iter(|| skip_only(black_box(w.body)));
    });
    g.finish();
}

/// `serde_json` reading the bytes as `&str` into `IgnoredAny`.
fn skip_only(body: &[u8]) -> bool {
    std::str::from_utf8(body)
        .ok()
        .and_then(|text| serde_json::from_str::<serde::de::IgnoredAny>(text).ok())
        .is_some()
}

fn compare(c: &mut Criterion) {
    for w in workloads::all() {
        typed_group(c, &w);
        json_group(c, &w);
    }
}

/// Short runs: the whole comparison (44 functions) takes about four minutes.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = config();
    targets = compare
}
criterion_main!(benches);
