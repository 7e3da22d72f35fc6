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
fn the_ranking_by_views_leaves_out_articles_without_a_count() {
    let mut bundle = parse_bundle(SAMPLE).unwrap();
    for article in bundle.articles.iter_mut().skip(2) {
        article.views = 0;
    }
    let ranked: Vec<&str> = bundle
        .most_viewed(5)
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ranked.len(), 2, "{ranked:?}");
    for article in &mut bundle.articles {
        article.views = 0;
    }
    assert!(bundle.most_viewed(5).is_empty());
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

/// Previous/next and related articles, computed in one pass each, agree with the plain
/// definitions: positions in the sorted category list, and the first `n` of all scored.
#[test]
fn neighbours_and_related_agree_with_sorting_everything() {
    let bundle = parse_bundle(include_str!("../../../public/data/bundle.json")).unwrap();
    let mut with_ties = bundle.clone();
    // Same-day articles make the id order matter.
    let day = with_ties.articles[0].published.clone();
    for a in with_ties.articles.iter_mut().step_by(2) {
        a.published = day.clone();
    }
    for b in [&bundle, &with_ties] {
        for article in &b.articles {
            let list = b.articles_in_category(&article.category);
            let pos = list.iter().position(|a| a.id == article.id).unwrap();
            let (older, newer) = b.neighbours_in_category(article);
            assert_eq!(older.map(|a| &a.id), list.get(pos + 1).map(|a| &a.id));
            assert_eq!(
                newer.map(|a| &a.id),
                pos.checked_sub(1).map(|i| &list[i].id)
            );
            let all = b.related_articles(article, usize::MAX);
            let together = parkreader_core::catalog::RelatedArticles::compute(b, 5);
            let ids = |list: Vec<&parkreader_core::Article>| -> Vec<String> {
                list.into_iter().map(|a| a.id.clone()).collect()
            };
            assert_eq!(
                together.get(b, article, 5).map(ids),
                Some(ids(b.related_articles(article, 5)))
            );
            assert!(together.get(b, article, 4).is_none());
            for n in [0, 1, 3, 5] {
                let first: Vec<&str> = all.iter().take(n).map(|a| a.id.as_str()).collect();
                let related: Vec<&str> = b
                    .related_articles(article, n)
                    .iter()
                    .map(|a| a.id.as_str())
                    .collect();
                assert_eq!(related, first, "{} n={n}", article.id);
            }
        }
    }
}

/// The home page shows the featured projects; a site that features none (the template's
/// `featured = false`) shows its newest instead, and a site without projects none at all.
#[test]
fn the_home_page_shows_featured_projects_else_the_newest() {
    let mut bundle = parse_bundle(SAMPLE).unwrap();
    let (shown, featured) = bundle.home_projects(4);
    assert!(featured);
    assert!(!shown.is_empty() && shown.iter().all(|p| p.featured));
    // Never a project that is not featured under the featured heading, even with fewer than 4.
    let one = bundle.projects.iter().position(|p| p.featured).unwrap();
    for (i, p) in bundle.projects.iter_mut().enumerate() {
        p.featured = i == one;
    }
    let (shown, featured) = bundle.home_projects(4);
    assert!(featured);
    assert_eq!(shown.len(), 1);

    for p in &mut bundle.projects {
        p.featured = false;
    }
    let newest: Vec<&str> = bundle.projects_newest(false)[..4]
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let (shown, featured) = bundle.home_projects(4);
    assert!(!featured);
    assert_eq!(
        shown.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        newest
    );

    bundle.projects.clear();
    assert!(bundle.home_projects(4).0.is_empty());
}
