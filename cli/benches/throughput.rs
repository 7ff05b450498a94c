//! Throughput of `helix-rules check` (written below).

fn main() {}
