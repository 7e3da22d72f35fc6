// Where the app's code bytes go, by crate: reads the function name section of a wasm that still
// has one (wasm-bindgen's output before wasm-opt, which strips names) and adds up each
// function's code size under the crate its name points at. Prints a table; asserts nothing.
//   node tests/bench/wasm-crates.mjs path/to/named_bg.wasm [rows]
// scripts/bench.sh makes that file from the release build Trunk left in $CARGO_TARGET_DIR.
// Shares are of code before wasm-opt and brotli; they show proportions, not shipped bytes.
import { readFileSync } from 'node:fs';

const [path, rows = '25'] = process.argv.slice(2);
if (!path) {
  console.error('usage: node tests/bench/wasm-crates.mjs FILE.wasm [rows]');
  process.exit(2);
}
const buf = readFileSync(path);
let at = 8;
const leb = () => {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = buf[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return value;
  }
};
const skip = (n) => { at += n; };
let importedFunctions = 0;
const codeSizes = [];
const names = new Map();
let dataBytes = 0;
while (at < buf.length) {
  const id = buf[at++];
  const end = leb() + at;
  if (id === 2) {
    // Imports: only imported functions shift the function index space.
    for (let n = leb(); n > 0; n--) {
      skip(leb()); skip(leb());
      const kind = buf[at++];
      if (kind === 0) { leb(); importedFunctions++; }
      else if (kind === 1) { at++; const flags = buf[at++]; leb(); if (flags & 1) leb(); }
      else if (kind === 2) { const flags = buf[at++]; leb(); if (flags & 1) leb(); }
      else { at += 2; }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) { const size = leb(); codeSizes.push(size); skip(size); }
  } else if (id === 11) {
    dataBytes = end - at;
  } else if (id === 0) {
    const nameLength = leb();
    const section = buf.subarray(at, at + nameLength).toString();
    skip(nameLength);
    while (section === 'name' && at < end) {
      const sub = buf[at++];
      const subEnd = leb() + at;
      if (sub === 1) {
        for (let n = leb(); n > 0; n--) {
          const index = leb();
          const length = leb();
          names.set(index, buf.subarray(at, at + length).toString());
          skip(length);
        }
      }
      at = subEnd;
    }
  }
  at = end;
}
if (names.size === 0) {
  console.error(`${path} has no function names (wasm-opt strips them): use wasm-bindgen's output`);
  process.exit(1);
}

const STD = new Set(['core', 'alloc', 'std', 'impl']);
/** The crate a function belongs to: ours if our crate is named anywhere in it (a generic
 * instantiated for our types), else the trait's crate for `<T as Trait>::f`, else the first path. */
function crateOf(mangled) {
  // Some names carry a crate's disambiguator: `std[a543996e6e7dbf1e]::thread`.
  const name = mangled.replace(/\[[0-9a-f]+\]/g, '');
  const paths = [...name.matchAll(/([a-z_][a-z0-9_]*)::/g)].map((m) => m[1]);
  const ours = paths.find((c) => c.startsWith('parkreader'));
  if (ours) return ours === 'parkreader' ? 'parkreader (app)' : ours.replaceAll('_', '-');
  const trait = name.match(/^<.*? as ([a-z_][a-z0-9_]*)::/)?.[1];
  if (trait && !STD.has(trait)) return trait;
  const first = name.match(/^<?&?(?:mut )?([a-z_][a-z0-9_]*)::/)?.[1];
  if (first && !['fmt', 'str', 'string', 'slice', 'num', 'raw', 'sync', 'panicking'].includes(first)) return first;
  if (first || /^(memcpy|memset|memmove|memcmp|__rust|rust_)/.test(name)) return 'core, alloc, std';
  return /wbg|wasm_bindgen|externref/.test(name) ? 'wasm_bindgen' : '(unnamed)';
}

const byCrate = new Map();
let total = 0;
codeSizes.forEach((size, i) => {
  const crate = crateOf(names.get(i + importedFunctions) ?? '');
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + size);
  total += size;
});
for (const c of ['core', 'alloc', 'std']) {
  if (byCrate.has(c)) {
    byCrate.set('core, alloc, std', (byCrate.get('core, alloc, std') ?? 0) + byCrate.get(c));
    byCrate.delete(c);
  }
}
console.log(`| crate | code bytes | share |`);
console.log(`|---|---:|---:|`);
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, Number(rows))) {
  console.log(`| ${crate} | ${size} | ${(100 * size / total).toFixed(1)}% |`);
}
console.log(`| all code (${codeSizes.length} functions) | ${total} | 100% |`);
console.log(`| data segments | ${dataBytes} | |`);
