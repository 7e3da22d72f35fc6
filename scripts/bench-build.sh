#!/usr/bin/env bash
# Builder benchmark: the generated corpus (default 10k articles, the search benchmark's
# generator) written out as Markdown content files, then built by our builder and by Hugo
# (Debian's `hugo`) in the same run, each timed with its peak memory; Hugo once more with .br
# and .gz copies made beside its pages, as ours writes them; then both again after one article is
# edited, as a publisher builds next. Prints figures only.
#   ARTICLES=10000 scripts/bench-build.sh
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
articles="${ARTICLES:-10000}"
if ! command -v hugo >/dev/null; then
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq hugo
fi
cargo build -q --release -p parkreader-cli
bin="$CARGO_TARGET_DIR/release/parkreader"
app="$CARGO_TARGET_DIR/app/_"   # the app as scripts/dist.sh has Trunk build it for the path /
[[ -f "$app/index.html" ]] || scripts/dist.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus/data"
"$bin" generate --articles "$articles" --out "$work/corpus/data/bundle.json" >/dev/null
"$bin" import "$work/corpus/data/bundle.json" --out "$work/content" >/dev/null
files=$(find "$work/content" -name '*.md' | wc -l)

# Ours: `parkreader build`, content → bundle → every page prerendered, sitemap, feed, service
# worker, .br/.gz. The app itself (Trunk's output) is built once and copied with its cached
# compressed copies, as for any content change.
ours() { "$bin" build "$work/content" --app "$app" --out "$work/ours" >/dev/null; }
# Hugo: the same Markdown files (its own TOML front matter format), a page per article and
# project through minimal templates, no minification.
mkdir -p "$work/hugo/layouts/_default"
cp -r "$work/content" "$work/hugo/content"
rm "$work/hugo/content/site.toml"
cat > "$work/hugo/config.toml" <<'TOML'
baseURL = "https://example.org/"
title = "bench"
disableKinds = ["taxonomy", "term", "RSS"]
TOML
echo '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>' > "$work/hugo/layouts/_default/single.html"
echo '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>' > "$work/hugo/layouts/_default/list.html"
hugo_build() { (cd "$work/hugo" && hugo --quiet -d "$work/hugo-public" >/dev/null); }
# The same work as ours in what it writes: Hugo's pages, then a .br and a .gz beside each, as a
# Hugo publisher would add them for a host that serves compressed copies: Debian's brotli and
# gzip at the levels our pages get (brotli 5, gzip 6), 500 files per call, on every core.
hugo_compressed() {
  hugo_build
  find "$work/hugo-public" -name '*.html' -print0 \
    | xargs -0 -n 500 -P "$(nproc)" sh -c 'brotli -k -f -q 5 "$@" && gzip -k -f -6 "$@"' _
}

measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
echo "| builder | content files | seconds | peak memory |"
echo "|---|---:|---:|---:|"
read -r s kb < <(measure bash -c "$(declare -f ours); work='$work' bin='$bin' app='$app' ours")
echo "| parkreader build (bundle + prerender + compress) | $files | $s | $((kb / 1024)) MiB |"
read -r s kb < <(measure bash -c "$(declare -f hugo_build); work='$work' hugo_build")
hugo_name="hugo $(hugo version | grep -o 'v[0-9.]*' | head -1)"
echo "| $hugo_name | $files | $s | $((kb / 1024)) MiB |"
rm -rf "$work/hugo-public"
read -r s kb < <(measure bash -c "$(declare -f hugo_build hugo_compressed); work='$work' hugo_compressed")
echo "| $hugo_name, then brotli 5 and gzip 6 beside each page | $files | $s | $((kb / 1024)) MiB |"

# A publisher's next build: one article's body edited (a sentence added to its last
# paragraph), then the same command again, into the same output. Ours takes what did not
# change from the site it replaces; Hugo builds its pages again.
edited="$(find "$work/content/articles" -name '*.md' | sort | sed -n "$((files / 2))p")"
for copy in "$edited" "$work/hugo/content/articles/$(basename "$edited")"; do
  printf '\n新增一句：项目已于本月全面投产。\n' >> "$copy"
done
read -r s kb < <(measure bash -c "$(declare -f ours); work='$work' bin='$bin' app='$app' ours")
echo "| parkreader build, again after one article edited | $files | $s | $((kb / 1024)) MiB |"
read -r s kb < <(measure bash -c "$(declare -f hugo_build); work='$work' hugo_build")
echo "| $hugo_name, again after one article edited | $files | $s | $((kb / 1024)) MiB |"
