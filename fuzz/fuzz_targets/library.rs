//! Any text as an imported bookmarks file: parsing never panics, and what it accepts writes
//! back to a file that parses to the same library.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parkreader_core::library::Library;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(library) = Library::parse(&text) {
        let written = library.to_json();
        assert_eq!(Library::parse(&written).ok(), Some(library));
    }
});
