#!/usr/bin/env bash
# Every test, as CI runs it: formatting, lints, native tests, wasm tests in headless Chromium,
# a release build of the site, and end-to-end flows in Chromium against it.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

scripts/setup.sh

say "cargo fmt --check"
cargo fmt --all -- --check

say "cargo clippy (native and wasm)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p parkreader --target wasm32-unknown-unknown --features csr --all-targets --locked -- -D warnings

say "native tests"
cargo test --workspace --locked

say "wasm-bindgen tests in headless Chromium"
cargo test -p parkreader --target wasm32-unknown-unknown --features csr --locked

say "release build of dist/"
scripts/dist.sh
cargo build -q -p parkreader-cli

say "end-to-end tests (Playwright + Chromium)"
PARKREADER_BIN="$CARGO_TARGET_DIR/debug/parkreader" node --test --test-concurrency=1 tests/e2e/
