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

say "release build of dist/, and of the same site published under /reader/"
scripts/dist.sh
# The sample as a bundle file with its body files and images beside it, as `build` reads one.
subpath_site="$(mktemp -d)"
cp -r public/data public/media "$subpath_site/"
node -e 'const fs = require("fs"); const b = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  b.site.base_url = "https://example.org/reader/"; fs.writeFileSync(process.argv[1], JSON.stringify(b));' \
  "$subpath_site/data/bundle.json"
PARKREADER_BUNDLE="$subpath_site/data/bundle.json" PARKREADER_DIST=dist-subpath scripts/dist.sh
rm -rf "$subpath_site"

say "end-to-end tests (Playwright + Chromium)"
PARKREADER_BIN="$CARGO_TARGET_DIR/debug/parkreader" node --test --test-concurrency=1 tests/e2e/
