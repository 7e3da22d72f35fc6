#!/usr/bin/env bash
# Every benchmark in one run, as tables: app code bytes (and by crate), Lighthouse (mobile) for
# three pages, first paint and takeover of a shared link on a slow link, search per keystroke in
# Chromium, Pagefind side by side on the same corpus (index bytes, bytes of a cold query, cold
# and warm latency, precision and recall), bytes and takeover of each kind of page of a large
# site, and the builder against Hugo.
# Prints figures; asserts nothing (byte budgets are asserted by tests/e2e/budget.test.mjs).
#   scripts/bench.sh            ARTICLES=10000 (Pagefind, builder)   BROWSER_SIZES=1000,10000,100000
#                               SPLIT_SIZES=10000,100000 (keystrokes in the split layout)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/setup.sh
cargo build -q --release -p parkreader-cli
cargo build -q -p parkreader-cli
export PARKREADER_BIN="$CARGO_TARGET_DIR/release/parkreader"
[[ -f dist/index.html ]] || scripts/dist.sh >/dev/null
articles="${ARTICLES:-10000}"

echo "## App code (dist/, as a host serving the pre-compressed copies sends it)"
echo
echo "| file | raw | gzip | brotli |"
echo "|---|---:|---:|---:|"
for f in dist/parkreader-app-*_bg.wasm dist/parkreader-app-*.js dist/main-*.css; do
  [[ "$f" == *.br || "$f" == *.gz ]] && continue
  printf '| %s | %d | %d | %d |\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(stat -c %s "$f.gz")" "$(stat -c %s "$f.br")"
done
echo
echo "## App code by crate (tests/bench/wasm-crates.mjs: code bytes before wasm-opt, as shares)"
echo
# Trunk's cargo build for dist/, with its function names (the release profile keeps them).
built="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/parkreader-app.wasm"
if [[ -f "$built" ]]; then
  named="$(mktemp -d)"
  wasm-bindgen --target web --no-typescript --out-dir "$named" --out-name app "$built"
  node tests/bench/wasm-crates.mjs "$named/app_bg.wasm" 16
  rm -rf "$named"
else
  echo "(no $built: run scripts/dist.sh first)"
fi
echo
echo "## Lighthouse, mobile profile (tests/bench/lighthouse.mjs)"
echo
node tests/bench/lighthouse.mjs
echo
echo "## A shared link on a slow link: first paint and takeover (tests/bench/takeover.mjs)"
echo
node tests/bench/takeover.mjs
echo
echo "## Search per keystroke in Chromium (tests/bench/search-keystrokes.mjs)"
echo
# Two layouts: the generated bundle whole (bodies inline), and as a large site is built
# (bodies over 400 characters in their own files, searched through search shards).
TIMEOUT_MS=900000 node tests/bench/search-keystrokes.mjs "${BROWSER_SIZES:-1000,10000,100000}"
echo
LAYOUT=split TIMEOUT_MS=900000 node tests/bench/search-keystrokes.mjs "${SPLIT_SIZES:-10000,100000}"
echo
echo "## Pagefind 1.6 side by side (tests/bench/pagefind.mjs)"
echo
node tests/bench/pagefind.mjs "$articles"
echo
LAYOUT=split node tests/bench/pagefind.mjs "$articles"
echo
echo "## Each kind of page of a $articles-article site, cold: bytes and takeover (tests/bench/page-bytes.mjs, takeover.mjs)"
echo
# Built as a large site is published: bodies over 400 characters in their own files.
site_work="$(mktemp -d)"
mkdir -p "$site_work/data"
"$PARKREADER_BIN" generate --articles "$articles" --out "$site_work/data/bundle.json" >/dev/null
"$PARKREADER_BIN" import "$site_work/data/bundle.json" --out "$site_work/content" >/dev/null
printf '\n[build]\nseparate_bodies_over = 400\n' >> "$site_work/content/site.toml"
"$PARKREADER_BIN" build "$site_work/content" --app "$CARGO_TARGET_DIR/app/_" --out "$site_work/site" >/dev/null
node tests/bench/page-bytes.mjs "$site_work/site"
echo
node tests/bench/takeover.mjs 3 "$site_work/site"
rm -rf "$site_work"
echo
echo "## Builder against Hugo (scripts/bench-build.sh)"
echo
ARTICLES="$articles" scripts/bench-build.sh
