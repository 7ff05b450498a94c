//! `cargo bench --bench compare`: the crate against garde, validator and jsonschema on the same
//! workloads, with `serde_json` reading the same bytes into `CustomerPatch` as the floor.
//! See BENCHMARKS.md for the results and for what each peer covers.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use helix_customer_rules::{validate, validate_json, CustomerPatch};

mod peers;

use peers::schema_peer::SchemaPeer;
use peers::workloads::{self, Workload};
use peers::{garde_peer, validator_peer, PeerCtx};

/// Typed input: every implementation gets its own already-parsed value.
fn typed_group(c: &mut Criterion, w: &Workload) {
    let patch = w.patch();
    let cx = w.context();
    let ctx = PeerCtx::of(w);
    let garde_patch: garde_peer::Patch = serde_json::from_slice(w.body).unwrap();
    let validator_patch: validator_peer::Patch = serde_json::from_slice(w.body).unwrap();
    let schema = SchemaPeer::new(&w.settings, w.kind);
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
    let schema = SchemaPeer::new(&w.settings, w.kind);

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
    g.finish();
}

fn compare(c: &mut Criterion) {
    for w in workloads::all() {
        typed_group(c, &w);
        json_group(c, &w);
    }
}

/// Short runs: the whole comparison (40 functions) takes about four minutes.
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
