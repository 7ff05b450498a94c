#!/usr/bin/env bash
# Fuzzes every cargo-fuzz target for a bounded time (FUZZ_SECONDS each, default 50), fails on
# any crash, and prints how many executions each target reached. Idempotent: installs nightly
# and cargo-fuzz only when missing; new inputs go to fuzz/corpus-run/ (ignored by git), the
# committed seeds in fuzz/corpus/ are only read.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${FUZZ_SECONDS:-50}"

if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  # Its own lock file first; if a crate it locks cannot be had, resolve afresh.
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

cargo +nightly fuzz build
targets=$(cargo +nightly fuzz list)
failed=()
summary=()
for target in $targets; do
  mkdir -p "corpus-run/$target" "corpus/$target"
  log="corpus-run/$target.log"
  status=0
  dict=()
  if [ -f "dict/$target.dict" ]; then dict=("-dict=dict/$target.dict"); fi
  cargo +nightly fuzz run "$target" "corpus-run/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 ${dict[@]+"${dict[@]}"} \
    >"$log" 2>&1 || status=$?
  # libFuzzer's last words: "Done N runs in S second(s)", or the final stats on a crash.
  runs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  if [ -z "$runs" ]; then
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || true)
  fi
  line="fuzz: $target: ${runs:-?} executions in ${seconds}s"
  if [ "$status" -ne 0 ]; then
    line="$line: FAILED (exit $status)"
    failed+=("$target")
    echo "---- $target log (last 60 lines)"
    tail -n 60 "$log"
  fi
  echo "$line"
  summary+=("$line")
done

echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -ne 0 ]; then
  echo "fuzz: crashes in: ${failed[*]} (inputs in fuzz/artifacts/<target>/; reproduce with"
  echo "  cargo +nightly fuzz run <target> <artifact>, then add it to tests/fuzz_regressions.rs)"
  exit 1
fi
