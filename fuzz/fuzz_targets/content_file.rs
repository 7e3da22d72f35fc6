//! Any text as a content file (TOML front matter and a Markdown body): parsing never panics,
//! and every problem points at a line and column inside the file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use parkreader_cli::content::{parse_article, parse_project, Diagnostic};

fn check(text: &str, result: Result<(), Vec<Diagnostic>>) {
    let Err(diagnostics) = result else {
        return;
    };
    assert!(!diagnostics.is_empty());
    let lines = text.lines().count().max(1) + 1;
    for d in diagnostics {
        // Line 0 is the file as a whole.
        assert!(d.line <= lines, "line {} of {lines}: {d}", d.line);
        assert!(d.line == 0 || d.column >= 1, "{d}");
        assert!(!d.to_string().is_empty());
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A folder that does not exist: images named by the file are reported missing, never read.
    let path = Path::new("/nonexistent-parkreader-fuzz/articles/item.md");
    check(text, parse_article(path, text).map(|_| ()));
    check(text, parse_project(path, text).map(|_| ()));
});
