#!/usr/bin/env bash
# Builds the deployable site into dist/: optimised wasm, hashed assets, the sample bundle.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release "$@"
# Static hosts that serve 404.html for unknown paths (GitHub Pages, Netlify, Cloudflare Pages,
# S3 website hosting) then open deep links in the app.
cp dist/index.html dist/404.html
echo "dist/ ready: $(du -sh dist | cut -f1)"
