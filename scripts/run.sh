#!/usr/bin/env bash
# One command from a fresh machine: install the tools, build the sample site, serve it.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/setup.sh
scripts/dist.sh
cargo build -q -p parkreader-cli
echo "Open http://127.0.0.1:$PORT/ (Ctrl-C stops the server)"
# Served like any plain static host: prerendered pages, and 404.html for everything else.
exec "$CARGO_TARGET_DIR/debug/parkreader" serve dist --port "$PORT"
