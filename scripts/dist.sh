#!/usr/bin/env bash
# Builds the deployable site: optimised wasm, hashed assets, content-hashed data, and a
# prerendered page for every route.
#   PARKREADER_BUNDLE  a bundle to build instead of the content folder (content/, docs/content.md);
#                      its body files and images are read from the data/ and media/ beside it
#   PARKREADER_DIST    the output folder (default dist)
# The site's sub-path (e.g. /reader/) comes from the bundle's site.base_url: set it there once.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
out="${PARKREADER_DIST:-dist}"
cargo build -q -p parkreader-cli
bin="$CARGO_TARGET_DIR/debug/parkreader"
source="${PARKREADER_BUNDLE:-content}"
if [[ -z "${PARKREADER_BUNDLE:-}" ]]; then
  # The committed sample bundle (public/data/, used by tests and `trunk serve`) follows content/.
  # A bad content file stops the build here, with every problem listed as file:line:column.
  "$bin" bundle content -o public/data/bundle.json
fi
# The app, built by Trunk for the site's path (site.toml's base_url), once per path.
base="$("$bin" base-path "$source")"
app="$CARGO_TARGET_DIR/app/$(printf %s "$base" | tr -c 'a-zA-Z0-9' _)"
trunk build --release --public-url "$base" --dist "$app"
# Content and app → out: a page for every route, manifest, sitemap, feed, service worker and
# .br/.gz copies, built beside out and swapped in only when every step succeeded.
"$bin" build "$source" --app "$app" --out "$out"
echo "$out/ is $(du -sh --exclude='*.br' --exclude='*.gz' "$out" | cut -f1) (plus .br/.gz copies)"
