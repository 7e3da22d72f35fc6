//! The sample bundle the app serves by default is valid and has what the home page needs.

use parkreader_core::{parse_bundle, Lang};

const SAMPLE: &str = include_str!("../../../public/data/bundle.json");

#[test]
fn sample_bundle_is_valid() {
    let bundle = match parse_bundle(SAMPLE) {
        Ok(b) => b,
        Err(e) => panic!("{e}"),
    };
    assert!(bundle.articles.len() >= 12, "at least 12 articles");
    assert!(bundle.projects.len() >= 8, "at least 8 projects");
    assert!(
        bundle.projects.iter().any(|p| p.featured),
        "some featured projects"
    );
    assert_eq!(bundle.site.locale, "zh-CN");
}

#[test]
fn sample_has_the_seed_projects_amounts() {
    let bundle = parse_bundle(SAMPLE).unwrap();
    let amounts: Vec<String> = bundle
        .projects
        .iter()
        .filter_map(|p| p.investment.map(|i| i.format(Lang::Zh)))
        .collect();
    assert!(amounts.iter().any(|a| a == "32.7亿元"), "{amounts:?}");
    assert!(amounts.iter().any(|a| a == "1.61亿美元"), "{amounts:?}");
}

#[test]
fn sample_round_trips_through_serde() {
    let bundle = parse_bundle(SAMPLE).unwrap();
    let again = parse_bundle(&serde_json::to_string(&bundle).unwrap()).unwrap();
    assert_eq!(bundle, again);
}

#[test]
fn sample_body_files_exist_and_are_valid() {
    let bundle = parse_bundle(SAMPLE).unwrap();
    let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public");
    let lazy: Vec<_> = bundle
        .articles
        .iter()
        .filter_map(|a| a.body_url.as_deref())
        .collect();
    assert!(!lazy.is_empty(), "the sample shows a lazily loaded body");
    for url in lazy {
        let text = std::fs::read_to_string(public.join(url.trim_start_matches('/')))
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        let blocks = parkreader_core::parse_body(&text).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert!(!blocks.is_empty(), "{url} has no blocks");
    }
}
