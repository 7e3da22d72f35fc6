//! Any text as a bundle: parsing and validation never panic, and a bundle they accept can be
//! indexed, searched, filtered and rendered into list results.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parkreader_core::browse::{ListIndex, PAGE_SIZE};
use parkreader_core::query::{ListKind, ListQuery};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(bundle) = parkreader_core::parse_bundle(text) else {
        return;
    };
    for kind in [ListKind::Articles, ListKind::Projects] {
        let index = match kind {
            ListKind::Articles => ListIndex::articles(&bundle),
            ListKind::Projects => ListIndex::projects(&bundle),
        };
        // A query made of the bundle's own text, and the facet values it has.
        let title = bundle.articles.first().map(|a| a.title.clone()).unwrap_or_default();
        let q: String = title.chars().skip(1).take(4).collect();
        let listing = index.run(&ListQuery::parse(kind, "").with_q(&q), PAGE_SIZE);
        assert!(listing.items.len() <= PAGE_SIZE);
        assert!(listing.total <= index.len());
        for article in &bundle.articles {
            let _ = bundle.related_articles(article, 5);
            let _ = bundle.neighbours_in_category(article);
        }
    }
});
