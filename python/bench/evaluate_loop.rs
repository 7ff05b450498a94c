//! The Rust side of the Python benchmark (`python/bench/bench.py`): `evaluate_request` in a loop
//! on the very request documents the Python side measures, so that `validate_many`'s cost per
//! document can be set against the library's own.
//!
//! Usage: `evaluate_loop WORKLOADS.json [ITERATIONS]` where the file maps a workload name to
//! its request document. Prints `{"name": nanoseconds per document, ...}` (the best of five
//! rounds); with ITERATIONS, evaluates each document that many times and prints nothing, for
//! instruction counts under callgrind (bench/instructions.py).

// A measuring program: it reads its input and the clock, which the library never does.
#![allow(clippy::disallowed_methods)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use helix_customer_rules::evaluate_request;
use serde_json::{Map, Value};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: evaluate_loop WORKLOADS.json");
    let text = std::fs::read(&path).expect("readable workloads file");
    let workloads: Map<String, Value> =
        serde_json::from_slice(&text).expect("a JSON object of request documents");
    let iterations: Option<u32> = std::env::args()
        .nth(2)
        .map(|n| n.parse().expect("ITERATIONS is a number"));
    let mut out = Map::new();
    for (name, doc) in &workloads {
        let bytes = serde_json::to_vec(doc).expect("a document serializes");
        if let Some(n) = iterations {
            // Warmed once in every run, so that the regex engine's lazily built state, made on
            // first use, cancels out of the difference between two runs.
            black_box(evaluate_request(&bytes, None).ok());
            for _ in 0..n {
                black_box(evaluate_request(black_box(&bytes), None).ok());
            }
            continue;
        }
        // Calibrate to about 0.2 s a round.
        let mut n: u32 = 1;
        loop {
            let start = Instant::now();
            for _ in 0..n {
                black_box(evaluate_request(black_box(&bytes), None).ok());
            }
            if start.elapsed() > Duration::from_millis(200) {
                break;
            }
            n *= 2;
        }
        let best = (0..5)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..n {
                    black_box(evaluate_request(black_box(&bytes), None).ok());
                }
                start.elapsed().as_secs_f64() * 1e9 / f64::from(n)
            })
            .fold(f64::INFINITY, f64::min);
        out.insert(name.clone(), Value::from(best));
    }
    if iterations.is_none() {
        println!("{}", Value::Object(out));
    }
}
