#!/usr/bin/env bash
# Builds the deployable site: optimised wasm, hashed assets, content-hashed data, and a
# prerendered page for every route.
#   PARKREADER_BUNDLE  a bundle to build instead of the content folder (content/, docs/content.md)
#   PARKREADER_DIST    the output folder (default dist)
# The site's sub-path (e.g. /reader/) comes from the bundle's site.base_url: set it there once.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
out="${PARKREADER_DIST:-dist}"
cargo build -q -p parkreader-cli
bin="$CARGO_TARGET_DIR/debug/parkreader"
if [[ -z "${PARKREADER_BUNDLE:-}" ]]; then
  # content/ → public/data/bundle.json, body files and hashed images. A bad content file stops
  # the build here, with every problem listed as file:line:column.
  "$bin" bundle content -o public/data/bundle.json
fi
bundle="${PARKREADER_BUNDLE:-public/data/bundle.json}"
base="$("$bin" base-path "$bundle")"
# Built beside the target and swapped in only when every step succeeded: a failed build leaves
# the previous dist/ as it was, never half-written.
stage="$(mktemp -d "${out%/}.building-XXXXXX")"
trap 'rm -rf "$stage"' EXIT
trunk build --release --public-url "$base" --dist "$stage"
cp "$bundle" "$stage/data/bundle.json"
# The plain app shell becomes 404.html: static hosts (GitHub Pages, Netlify, Cloudflare Pages,
# S3 website hosting) serve it for any path without a file, such as a filtered list URL.
cp "$stage/index.html" "$stage/404.html"
# Then every route gets its own static page with the real content (articles/<id>/index.html …),
# the manifest, sitemap, feed, service worker and pre-compressed copies.
"$bin" prerender "$stage"
chmod 755 "$stage"
if [[ -e "$out" ]]; then mv "$out" "$stage.old"; fi
mv "$stage" "$out"
rm -rf "$stage.old"
echo "$out/ ready for $base: $(du -sh --exclude='*.br' --exclude='*.gz' "$out" | cut -f1) (plus .br/.gz copies)"
