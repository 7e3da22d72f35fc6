#!/usr/bin/env bash
# Builds the deployable site into dist/: optimised wasm, hashed assets, the sample bundle.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release "$@"
# The plain app shell becomes 404.html: static hosts (GitHub Pages, Netlify, Cloudflare Pages,
# S3 website hosting) serve it for any path without a file, such as a filtered list URL.
cp dist/index.html dist/404.html
# Then every route gets its own static page with the real content (dist/articles/<id>/index.html …).
cargo run -q -p parkreader-cli -- prerender dist
echo "dist/ ready: $(du -sh dist | cut -f1)"
