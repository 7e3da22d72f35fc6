#!/usr/bin/env bash
# Fuzzing, kept out of the normal test command: each cargo-fuzz target (fuzz/fuzz_targets/)
# runs for SECONDS (default 180) and prints libFuzzer's summary. A crash stops the run and
# leaves its input in fuzz/artifacts/<target>/; make it a regression test before fixing it.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Needs a nightly toolchain (rustup's `nightly`) for the sanitizer flags; cargo-fuzz is
# installed from crates.io, pinned.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT/fuzz"
seconds="${1:-180}"; shift || true
targets=("$@"); [[ ${#targets[@]} -gt 0 ]] || targets=(bundle url_state content_file library)
if ! cargo fuzz --version 2>/dev/null | grep -q '0.13.1'; then
  cargo install cargo-fuzz --version 0.13.1 --locked
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "error: fuzzing needs rustup's nightly toolchain (rustup toolchain install nightly)" >&2
  exit 1
fi
# Seeds: the sample bundle, the broken fixtures, the built index, content files and list URLs.
mkdir -p corpus/bundle corpus/url_state corpus/content_file corpus/library
cp ../public/data/bundle.json ../tests/fixtures/*.json corpus/bundle/ 2>/dev/null || true
cp ../tests/fixtures/broken/*.json corpus/bundle/ 2>/dev/null || true
# A built site's index, its lists in column form (when scripts/dist.sh has built dist/).
cp ../dist/data/bundle-*.json corpus/bundle/ 2>/dev/null || true
cp ../content/articles/*.md ../content/projects/*.md corpus/content_file/
printf 'q=碳纤维&category=signings,policy&sort=views&page=2' > corpus/url_state/list
printf 'industry=new-materials&district=jinshan&status=signed&size=10-50&year=2024' > corpus/url_state/projects
printf '{"version":1,"bookmarks":[{"kind":"article","id":"a","title":"标题","at":1}],"history":[]}' > corpus/library/one
for target in "${targets[@]}"; do
  echo "== $target, ${seconds} s"
  # CARGO_TARGET_DIR is the shared one; fuzz builds need their own flags, so their own folder.
  CARGO_TARGET_DIR="$ROOT/fuzz/target" cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 2>&1 | grep -E '^(#[0-9]+ +DONE|Done|==[0-9]+==|SUMMARY|thread|.*panicked)' || true
  if ls "artifacts/$target"/crash-* >/dev/null 2>&1; then
    echo "error: $target crashed; inputs in fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
