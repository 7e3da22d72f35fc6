#!/usr/bin/env bash
# Installs what building and testing need, pinned and idempotent: every step checks first.
# Sources: Debian packages, crates.io and the npm registry only.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Debian: Chromium + ChromeDriver for browser tests, CJK fonts so Chinese renders, brotli for size reports.
missing=()
for pkg in chromium chromium-driver fonts-noto-cjk brotli; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  say "apt-get install ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
  say "cargo install trunk $TRUNK_VERSION (takes ~7 minutes on 2 cores)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

# Without --locked: the CLI's locked webpki-roots release is not on crates.io (see shared toolchain notes).
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]] \
  || [[ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != *"$WASM_BINDGEN_VERSION"* ]]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm: binaryen (wasm-opt 132) and playwright-core, exactly as package-lock.json pins them.
stamp="node_modules/.package-lock.sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  say "npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

# Dependencies for offline Trunk builds (Trunk passes --offline to cargo).
cargo fetch --locked -q
