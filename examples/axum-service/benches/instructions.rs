//! Instruction counts for the cells of `handler.rs`, which a shared machine cannot disturb:
//! runs one cell N times; callgrind's totals at two N give the cost of one run.
//!
//! ```text
//! bash benches/instructions.sh    # from examples/axum-service/, needs valgrind
//! ```

mod common;

use std::hint::black_box;

use common::{app, in_handler, request, ACCEPTED, REJECTED};
use helix_customer_rules::CustomerPatch;

fn main() {
    let mut args = std::env::args().skip(1);
    let cell = args.next().unwrap_or_default();
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let with = app(&rt, true);
    let without = app(&rt, false);
    let current = rt.block_on(with.store.current(1234)).unwrap();
    let rejected = in_handler(&with, &current, REJECTED.as_bytes(), Some(99));
    for _ in 0..n {
        let _ = match cell.as_str() {
            "handler_accepted" => black_box(rt.block_on(request(&with, ACCEPTED))),
            "handler_rejected" => black_box(rt.block_on(request(&with, REJECTED))),
            "handler_without_validation" => black_box(rt.block_on(request(&without, ACCEPTED))),
            "serde_parse_accepted" => {
                black_box(serde_json::from_slice::<CustomerPatch>(ACCEPTED.as_bytes()).is_ok())
                    .into()
            }
            "check_accepted" => black_box(in_handler(&with, &current, ACCEPTED.as_bytes(), None))
                .violations
                .len(),
            "check_rejected" => {
                black_box(in_handler(&with, &current, REJECTED.as_bytes(), Some(99)))
                    .violations
                    .len()
            }
            "serialize_422" => black_box(serde_json::to_vec(&rejected).unwrap()).len(),
            other => panic!("unknown cell {other:?}"),
        };
    }
}
