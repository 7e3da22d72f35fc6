#!/usr/bin/env bash
# Builds the deployable site: optimised wasm, hashed assets, content-hashed data, and a
# prerendered page for every route.
#   PARKREADER_BUNDLE  the content (default public/data/bundle.json)
#   PARKREADER_DIST    the output folder (default dist)
# The site's sub-path (e.g. /reader/) comes from the bundle's site.base_url: set it there once.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bundle="${PARKREADER_BUNDLE:-public/data/bundle.json}"
out="${PARKREADER_DIST:-dist}"
cargo build -q -p parkreader-cli
bin="$CARGO_TARGET_DIR/debug/parkreader"
base="$("$bin" base-path "$bundle")"
trunk build --release --public-url "$base" --dist "$out"
cp "$bundle" "$out/data/bundle.json"
# The plain app shell becomes 404.html: static hosts (GitHub Pages, Netlify, Cloudflare Pages,
# S3 website hosting) serve it for any path without a file, such as a filtered list URL.
cp "$out/index.html" "$out/404.html"
# Then every route gets its own static page with the real content (articles/<id>/index.html …).
"$bin" prerender "$out"
echo "$out/ ready for $base: $(du -sh "$out" | cut -f1)"
