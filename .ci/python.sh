#!/usr/bin/env bash
# The Python package (python/): the binding crate's lints, the abi3 wheel built with a pinned
# maturin, installed into a virtual environment, checked by mypy's stubtest, then pytest: the
# golden cases, the API tests and the PySpark job in local mode against the command line.
# Installs what it needs and skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
export PATH="$HOME/.cargo/bin:$PATH"
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')

echo "== python: virtual environment and pinned tools"
venv=${HELIX_PY_VENV:-python/.venv}
python=${HELIX_PYTHON:-python3.11}
if ! command -v "$python" >/dev/null; then
  python=python3
fi
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
venv=$(cd "$venv" && pwd)
# pip skips what is already installed at the pinned version.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r python/requirements-ci.txt
if ! command -v java >/dev/null; then
  apt-get update && apt-get install -y openjdk-17-jre-headless
fi
export PYO3_PYTHON="$venv/bin/python"

echo "== python: binding crate lints"
cargo clippy -p helix-customer-rules-python --all-targets -- -D warnings

echo "== python: wheel"
wheels="$target_dir/wheels-python"
rm -rf "$wheels"
(cd python && "$venv/bin/maturin" build --release --locked --out "$wheels")
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheels"/helix_customer_rules-*.whl

echo "== python: stubtest and typed use"
# From outside the checkout, so that the installed package is what is imported and checked.
(cd "$target_dir" && "$venv/bin/python" -m mypy.stubtest helix_customer_rules)
"$venv/bin/python" -m mypy --strict python/tests/typed_use.py

echo "== python: the command line for the PySpark test"
if [ -f cli/Cargo.toml ]; then
  cargo build --release -p helix-rules
  export HELIX_RULES_BIN="$target_dir/release/helix-rules"
else
  # The PySpark test then fails, saying HELIX_RULES_BIN is not set.
  echo "cli/ is not in this checkout: no helix-rules binary"
fi

echo "== python: pytest (golden cases, API, PySpark in local mode)"
export PYSPARK_PYTHON="$venv/bin/python"
(cd python && "$venv/bin/python" -m pytest -q -p no:cacheprovider --durations=3)
