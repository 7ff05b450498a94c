//! `cargo bench -p helix-bench --bench interleaved`: the crate, garde, validator and
//! `skip_only` timed in turns, round after round, each cell the fastest round.
//!
//! On a shared machine whole seconds can run slow, and `compare` (criterion) measures one
//! function for seconds before the next: a slow stretch lands on one cell of a group and moves
//! its ratio. Here every function gets a short batch in every round, so each sees the same
//! quiet moments and the fastest round of each is compared with the fastest of the others.
//! `ROUNDS` (default 500: about 15 s for the four workloads) sets how many rounds; each batch
//! is about a millisecond.

// The library's rules may not read the clock or the environment; a benchmark must.
#![allow(clippy::disallowed_methods)]

use std::hint::black_box;
use std::time::Instant;

use helix_customer_rules::{validate, validate_json, Context, CustomerPatch};

use helix_bench::workloads::{self, Workload};
use helix_bench::{garde_peer, validator_peer, PeerCtx};

/// One measured function: its name and a call that returns something to keep.
type Cell<'a> = (&'static str, Box<dyn Fn() -> usize + 'a>);

/// `serde_json` reading the bytes as `&str` into `IgnoredAny` (as in `compare`).
fn skip_only(body: &[u8]) -> bool {
    std::str::from_utf8(body)
        .ok()
        .and_then(|text| serde_json::from_str::<serde::de::IgnoredAny>(text).ok())
        .is_some()
}

/// What a workload's cells read, prepared once.
struct Prepared {
    w: Workload,
    patch: CustomerPatch,
    cx: Context<'static>,
    ctx: PeerCtx,
    garde_patch: garde_peer::Patch,
    validator_patch: validator_peer::Patch,
}

impl Prepared {
    fn new(w: Workload) -> Prepared {
        Prepared {
            patch: w.patch(),
            cx: w.context(),
            ctx: PeerCtx::of(&w),
            garde_patch: serde_json::from_slice(w.body).unwrap(),
            validator_patch: serde_json::from_slice(w.body).unwrap(),
            w,
        }
    }

    /// The typed group's cells and the bytes group's, `ours` first in each.
    fn groups(&self) -> [(String, Vec<Cell<'_>>); 2] {
        let typed: Vec<Cell<'_>> = vec![
            (
                "ours",
                Box::new(|| validate(black_box(&self.patch), &self.w.settings, &self.cx).len()),
            ),
            (
                "garde",
                Box::new(|| {
                    usize::from(
                        garde_peer::validate(black_box(&self.garde_patch), &self.ctx).is_ok(),
                    )
                }),
            ),
            (
                "validator",
                Box::new(|| {
                    usize::from(
                        validator_peer::validate(black_box(&self.validator_patch), &self.ctx)
                            .is_ok(),
                    )
                }),
            ),
        ];
        let json: Vec<Cell<'_>> = vec![
            (
                "ours",
                Box::new(|| {
                    validate_json(black_box(self.w.body), &self.w.settings, &self.cx).len()
                }),
            ),
            (
                "garde",
                Box::new(|| {
                    usize::from(
                        garde_peer::validate_json(black_box(self.w.body), &self.ctx).is_ok(),
                    )
                }),
            ),
            (
                "validator",
                Box::new(|| {
                    usize::from(
                        validator_peer::validate_json(black_box(self.w.body), &self.ctx).is_ok(),
                    )
                }),
            ),
            (
                "skip_only",
                Box::new(|| usize::from(skip_only(black_box(self.w.body)))),
            ),
        ];
        [
            (format!("validate_{}", self.w.name), typed),
            (format!("json_{}", self.w.name), json),
        ]
    }
}

/// Calls per batch for `f`: about a millisecond, from a hundred timed calls.
fn batch_of(f: &dyn Fn() -> usize) -> u32 {
    let t = Instant::now();
    for _ in 0..100 {
        black_box(f());
    }
    let per = t.elapsed().as_secs_f64() / 100.0;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = (1e-3 / per.max(1e-9)).clamp(10.0, 100_000.0) as u32;
    n
}

fn main() {
    // `cargo bench` passes `--bench`; other arguments name workloads.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(500);
    let prepared: Vec<Prepared> = workloads::all()
        .into_iter()
        .filter(|w| filters.is_empty() || filters.iter().any(|f| w.name.contains(f.as_str())))
        .map(Prepared::new)
        .collect();
    let groups: Vec<(String, Vec<Cell<'_>>)> = prepared.iter().flat_map(Prepared::groups).collect();
    let batches: Vec<Vec<u32>> = groups
        .iter()
        .map(|(_, cells)| cells.iter().map(|(_, f)| batch_of(f.as_ref())).collect())
        .collect();
    // Every cell of every group in every round, so a slow stretch of the machine falls on
    // all of them alike.
    let mut best: Vec<Vec<f64>> = groups
        .iter()
        .map(|(_, c)| vec![f64::MAX; c.len()])
        .collect();
    for _ in 0..rounds {
        for (g, (_, cells)) in groups.iter().enumerate() {
            for (i, (_, f)) in cells.iter().enumerate() {
                let n = batches[g][i];
                let t = Instant::now();
                for _ in 0..n {
                    black_box(f());
                }
                let per = t.elapsed().as_secs_f64() * 1e9 / f64::from(n);
                best[g][i] = best[g][i].min(per);
            }
        }
    }
    for ((group, cells), best) in groups.iter().zip(&best) {
        let shown: Vec<String> = cells
            .iter()
            .zip(best)
            .map(|((name, _), ns)| format!("{name} {ns:.1} ns ({:.2}x)", ns / best[0]))
            .collect();
        println!("{group}: {}", shown.join(", "));
    }
}
