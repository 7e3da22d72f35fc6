//! Names the code that renders the pages: `PARKREADER_SOURCE_DIGEST`, a digest of the sources of
//! the app, core and command-line crates and of the manifests and lock file, so that two builders
//! made from the same code carry the same name on any machine, and any change to that code gives
//! another (`offline::generator_meta`).

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["src", "crates/core/src", "crates/cli/src"] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
        collect(&root.join(dir), &mut files);
    }
    for file in [
        "Cargo.lock",
        "Cargo.toml",
        "crates/core/Cargo.toml",
        "crates/cli/Cargo.toml",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(file).display());
        files.push(root.join(file));
    }
    files.sort();
    // FNV-1a over each file's path (from the root) and bytes: a name, not a defence.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in &files {
        let name = file.strip_prefix(&root).unwrap_or(file).to_string_lossy();
        let bytes = fs::read(file).unwrap_or_default();
        for &b in name.as_bytes().iter().chain([0].iter()).chain(&bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=PARKREADER_SOURCE_DIGEST={hash:016x}");
}

/// Every file under `dir`.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
