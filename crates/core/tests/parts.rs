//! A page's part of the bundle is a valid bundle on its own, and every list the page shows comes
//! out of it exactly as it comes out of the whole bundle.

use parkreader_core::part::*;
use parkreader_core::{parse_bundle, Article, Bundle, Project};

const SAMPLE: &str = include_str!("../../../public/data/bundle.json");

fn ids<'a>(list: impl IntoIterator<Item = &'a Article>) -> Vec<&'a str> {
    list.into_iter().map(|a| a.id.as_str()).collect()
}

fn pids<'a>(list: impl IntoIterator<Item = &'a Project>) -> Vec<&'a str> {
    list.into_iter().map(|p| p.id.as_str()).collect()
}

/// What each page shows, as ids, computed from `b`.
fn shown(b: &Bundle, page: &Page) -> Vec<Vec<String>> {
    let own = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    match *page {
        Page::Home => vec![
            own(ids(b.articles_newest().into_iter().take(HOME_LATEST))),
            own(ids(b.most_viewed(HOME_MOST_READ))),
            own(pids(b.home_projects(HOME_FEATURED).0)),
        ],
        Page::Article(id) => {
            let a = b.article(id).unwrap();
            let (older, newer) = b.neighbours_in_category(a);
            vec![
                own(ids(older)),
                own(ids(newer)),
                own(ids(b.related_articles(a, RELATED_ARTICLES))),
                own(pids(b.projects_for_article(a, ARTICLE_PROJECTS))),
                vec![format!("{:?}", a.body)],
            ]
        }
        Page::Project(id) => {
            let p = b.project(id).unwrap();
            vec![
                own(ids(b.articles_for_project(p))),
                own(pids(b.related_projects(p, RELATED_PROJECTS))),
            ]
        }
        Page::Category(id) => vec![own(ids(b
            .articles_in_category(id)
            .into_iter()
            .take(CATEGORY_NEWEST)))],
        Page::Projects => vec![
            own(pids(b.projects_newest(false))),
            b.projects
                .iter()
                .map(|p| format!("{:?} {:?}", p.description, p.related_articles))
                .collect(),
        ],
    }
}

#[test]
fn every_sample_page_shows_the_same_from_its_part() {
    let bundle = parse_bundle(SAMPLE).unwrap();
    let mut paths = vec!["/".to_string(), "/projects".to_string()];
    paths.extend(
        bundle
            .articles
            .iter()
            .map(|a| format!("/articles/{}", a.id)),
    );
    paths.extend(
        bundle
            .projects
            .iter()
            .map(|p| format!("/projects/{}", p.id)),
    );
    paths.extend(
        bundle
            .taxonomies
            .categories
            .iter()
            .map(|c| format!("/categories/{}", c.id)),
    );
    for path in &paths {
        let page = Page::from_path(path).unwrap();
        let part = page_part(&bundle, &page, None).unwrap();
        // Valid on its own, as the app reads it.
        let json = serde_json::to_string(&part).unwrap();
        let part = parse_bundle(&json).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut full = shown(&bundle, &page);
        if let Page::Article(id) = page {
            // The page's own inline body travels with it.
            full[4] = vec![format!("{:?}", bundle.article(id).unwrap().body)];
        }
        if page == Page::Projects {
            // Every project, with its description and without links to articles.
            assert!(part.articles.is_empty());
            full[1] = bundle
                .projects
                .iter()
                .map(|p| format!("{:?} {:?}", p.description, Vec::<String>::new()))
                .collect();
        }
        assert_eq!(shown(&part, &page), full, "{path}");
        if page.embedded() {
            assert!(part.articles.len() + part.projects.len() <= 30, "{path}");
        }
    }
}

#[test]
fn a_part_leaves_out_what_the_page_does_not_show() {
    let bundle = parse_bundle(SAMPLE).unwrap();
    let article = bundle.articles.iter().find(|a| a.body.is_some()).unwrap();
    let part = page_part(&bundle, &Page::Article(&article.id), None).unwrap();
    assert!(part.articles.len() < bundle.articles.len());
    for other in part.articles.iter().filter(|a| a.id != article.id) {
        // Other articles travel without their text, nor what only their own page shows.
        assert!(
            other.body.as_ref().is_none_or(|b| b.is_empty()),
            "{}",
            other.id
        );
        assert_eq!(
            (&other.cover, &other.source, &other.copyright),
            (&None, &None, &None),
            "{}",
            other.id
        );
    }
    // The page's own article keeps all of it.
    let own = part.article(&article.id).unwrap();
    assert_eq!(
        (&own.cover, &own.source, &own.copyright, &own.body),
        (
            &article.cover,
            &article.source,
            &article.copyright,
            &article.body
        )
    );
    // Of the sample's articles with a cover or a source, some are listed on this page: the
    // check above checks something.
    assert!(part.articles.iter().any(|a| {
        let full = bundle.article(&a.id).unwrap();
        a.id != article.id && (full.cover.is_some() || full.source.is_some())
    }));
    for project in &part.projects {
        // Cards: no cover, capacity, partners or land area.
        assert!(
            project.cover.is_none()
                && project.capacity.is_empty()
                && project.partners.is_empty()
                && project.land_mu.is_none(),
            "{}",
            project.id
        );
    }
    assert!(part.projects.iter().any(|p| {
        let full = bundle.project(&p.id).unwrap();
        full.cover.is_some() || !full.capacity.is_empty()
    }));
    // Every reference left points inside the part, and every tag is one used there.
    for a in &part.articles {
        for p in &a.related_projects {
            assert!(part.project(p).is_some(), "{} → {p}", a.id);
        }
        for t in &a.tags {
            assert!(part.tag(t).is_some());
        }
    }
    assert!(part.taxonomies.tags.len() <= bundle.taxonomies.tags.len());
    assert_eq!(part.taxonomies.categories, bundle.taxonomies.categories);
    let project = &bundle.projects[0];
    let part = page_part(&bundle, &Page::Project(&project.id), None).unwrap();
    for other in &part.projects {
        assert_eq!(
            other.id == project.id,
            !other.description.is_empty(),
            "{}",
            other.id
        );
    }
    // The page's own project keeps what its page shows.
    let own = part.project(&project.id).unwrap();
    assert_eq!(
        (&own.cover, &own.capacity, &own.partners, own.land_mu),
        (
            &project.cover,
            &project.capacity,
            &project.partners,
            project.land_mu
        )
    );
    assert_eq!(page_part(&bundle, &Page::Article("no-such-id"), None), None);
    assert_eq!(
        page_part(&bundle, &Page::Category("no-such-id"), None),
        None
    );
}
