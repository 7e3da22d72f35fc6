//! Helpers shared by the builder's integration tests.

use std::fs;
use std::io::Read;
use std::path::Path;

/// Every file under `dir`, as paths relative to it, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// Asserts that every text file under the site `dir` has .gz and .br copies that decompress to
/// exactly its bytes, and returns those text files (relative paths, sorted).
pub fn text_files_with_their_copies(dir: &Path) -> Vec<String> {
    let texts: Vec<String> = files(dir)
        .into_iter()
        .filter(|f| {
            [
                ".html",
                ".json",
                ".bin",
                ".xml",
                ".js",
                ".css",
                ".webmanifest",
            ]
            .iter()
            .any(|ext| f.ends_with(ext))
        })
        .collect();
    for file in &texts {
        let bytes = fs::read(dir.join(file)).unwrap();
        let copy = |suffix: &str| {
            fs::read(dir.join(format!("{file}{suffix}")))
                .unwrap_or_else(|e| panic!("{file}{suffix}: {e}"))
        };
        let mut gz = Vec::new();
        flate2::read::GzDecoder::new(&copy(".gz")[..])
            .read_to_end(&mut gz)
            .unwrap();
        assert!(gz == bytes, "{file}.gz");
        let mut br = Vec::new();
        brotli::Decompressor::new(&copy(".br")[..], 4096)
            .read_to_end(&mut br)
            .unwrap();
        assert!(br == bytes, "{file}.br");
    }
    texts
}
