#!/usr/bin/env bash
# The WebAssembly build and the JS package: the binding crate's lints and tests, the npm build,
# the golden conformance suite under Node, and the live form in headless Chromium.
# Installs what it needs and skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
export PATH="$HOME/.cargo/bin:$PATH"

echo "== wasm: toolchain"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# The CLI must be the very version of the wasm-bindgen crate that Cargo.lock pins.
pinned=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$pinned" ]; then
  echo "wasm-bindgen is not in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $pinned" ]; then
  # The CLI's own lock file first; if a crate it locks cannot be had, resolve afresh.
  cargo install wasm-bindgen-cli --version "=$pinned" --locked \
    || cargo install wasm-bindgen-cli --version "=$pinned"
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt-get update && apt-get install -y nodejs npm
fi
if [ ! -x /usr/bin/chromium ]; then
  apt-get update && apt-get install -y chromium
fi

echo "== wasm: binding crate lints and tests"
cargo clippy -p helix-customer-rules-wasm --all-targets -- -D warnings
cargo clippy -p helix-customer-rules-wasm --target wasm32-unknown-unknown -- -D warnings
cargo test -p helix-customer-rules-wasm

echo "== wasm: npm package"
cd js
npm ci --no-audit --no-fund
npm run build
npm test

echo "== wasm: live form in headless Chromium"
CHROMIUM=/usr/bin/chromium npm run test:browser
