#!/usr/bin/env bash
# Search benchmarks: native (index build, memory, p50/p95 of query+filter) and in Chromium
# (per-keystroke latency of the built app). Prints figures; asserts nothing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/setup.sh
cargo build -q --release -p parkreader-cli
cargo build -q -p parkreader-cli
echo "## Native (parkreader bench-search)"
"$CARGO_TARGET_DIR/release/parkreader" bench-search --sizes "${NATIVE_SIZES:-1000,10000,100000}"
[[ -f dist/index.html ]] || scripts/dist.sh
echo
echo "## Chromium, per keystroke (tests/bench/search-keystrokes.mjs)"
node tests/bench/search-keystrokes.mjs "${BROWSER_SIZES:-1000,10000}"
