//! Any query string as a list view: parsing never panics, and writing a parsed view and
//! reading it back gives the same view, written the same way.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parkreader_core::query::{ListKind, ListQuery};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for kind in [ListKind::Articles, ListKind::Projects] {
        let query = ListQuery::parse(kind, &text);
        let written = query.to_query_string();
        let again = ListQuery::parse(kind, &written);
        assert_eq!(again, query, "{text:?} → {written:?}");
        assert_eq!(again.to_query_string(), written);
        let _ = query.href("/articles");
    }
});
