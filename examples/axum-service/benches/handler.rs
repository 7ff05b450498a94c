//! The cost of validation inside the example handler (BENCHMARKS.md, "Inside a service"):
//! the whole handler in process with and without validation, the in-handler work alone
//! (parse once, context, check), and serializing the 422 body.
//!
//! ```text
//! cargo bench -p helix-axum-service --bench handler -- --noplot
//! ```

mod common;

use std::time::Duration;

use common::{app, in_handler, request, ACCEPTED, REJECTED};
use criterion::{criterion_group, criterion_main, Criterion};
use helix_customer_rules::Outcome;

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let with = app(&rt, true);
    let without = app(&rt, false);

    let mut g = c.benchmark_group("handler");
    g.bench_function("with_validation/accepted", |b| {
        b.iter(|| rt.block_on(request(&with, ACCEPTED)));
    });
    g.bench_function("with_validation/rejected", |b| {
        b.iter(|| rt.block_on(request(&with, REJECTED)));
    });
    g.bench_function("without_validation", |b| {
        b.iter(|| rt.block_on(request(&without, ACCEPTED)));
    });
    g.finish();

    let current = rt.block_on(with.store.current(1234)).unwrap();
    let mut g = c.benchmark_group("in_handler");
    g.bench_function("parse_and_check/accepted", |b| {
        b.iter(|| in_handler(&with, &current, ACCEPTED.as_bytes(), None));
    });
    g.bench_function("parse_and_check/rejected", |b| {
        b.iter(|| in_handler(&with, &current, REJECTED.as_bytes(), Some(99)));
    });
    let rejected: Outcome = in_handler(&with, &current, REJECTED.as_bytes(), Some(99));
    assert_eq!(rejected.violations.len(), 4);
    g.bench_function("serialize_422_body", |b| {
        b.iter(|| serde_json::to_vec(&rejected).unwrap());
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50);
    targets = bench
}
criterion_main!(benches);
