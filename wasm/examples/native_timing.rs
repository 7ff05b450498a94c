//! The native side of `js/scripts/bench.mjs`: times `validate_json` and `evaluate_request` on
//! the request the JS benchmark uses (read from standard input: `{"patch", "settings",
//! "context"}`), so the two are compared on the same machine in one run. Prints JSON.
//!
//! `cargo run --release -p helix-customer-rules-wasm --features helix-customer-rules/fast-regex
//! --example native_timing < request.json` (the native build as Rust users have it).

use std::io::Read;
use std::time::Instant;

use helix_customer_rules::__private::parse_plain_date;
use helix_customer_rules::{evaluate_request, validate_json, Context, ProgramSettings};

/// The median of `rounds` batches of `per` calls, in nanoseconds per call.
// A benchmark harness reads the clock; the rules it times never do.
#[allow(clippy::disallowed_methods)]
fn median_ns(rounds: usize, per: u32, mut f: impl FnMut()) -> f64 {
    let mut samples: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per {
                f();
            }
            start.elapsed().as_secs_f64() * 1e9 / f64::from(per)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let mut doc = String::new();
    std::io::stdin()
        .read_to_string(&mut doc)
        .expect("a request document on standard input");
    let value: serde_json::Value = serde_json::from_str(&doc).expect("the request is JSON");
    let body = serde_json::to_string(&value["patch"]).expect("a patch");
    let owners = std::collections::HashMap::from([("vip-1".to_owned(), 8_i64)]);
    let settings = ProgramSettings::default();
    let today = parse_plain_date(value["context"]["today"].as_str().unwrap_or_default())
        .expect("context.today in the request");
    let cx = Context::new(today).with_tags(&owners);
    // Warm up, then measure.
    for _ in 0..20_000 {
        std::hint::black_box(validate_json(body.as_bytes(), &settings, &cx));
    }
    let body_ns = median_ns(15, 20_000, || {
        std::hint::black_box(validate_json(
            std::hint::black_box(body.as_bytes()),
            &settings,
            &cx,
        ));
    });
    let document_ns = median_ns(15, 20_000, || {
        let out = evaluate_request(std::hint::black_box(doc.as_bytes()), None);
        std::hint::black_box(serde_json::to_string(&out.expect("a valid document")).ok());
    });
    println!("{{\"validate_json_ns\": {body_ns:.1}, \"evaluate_request_ns\": {document_ns:.1}}}");
}
