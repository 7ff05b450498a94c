#!/usr/bin/env bash
# Instructions per run of each cell of benches/handler.rs, under callgrind: the difference
# between 2000 and 1000 runs, divided by 1000, so setup cancels out.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(cargo bench --bench instructions --no-run --message-format=json 2>/dev/null \
  | sed -n 's/.*"executable":"\([^"]*instructions[^"]*\)".*/\1/p' | tail -1)
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
for cell in handler_accepted handler_rejected handler_without_validation serde_parse_accepted check_accepted check_rejected serialize_422; do
  a=$(count "$cell" 1000)
  b=$(count "$cell" 2000)
  echo "$cell $(( (b - a) / 1000 ))"
done
