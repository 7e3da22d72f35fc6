//! The part of a bundle one page shows, so that a large site's pages stay light.
//!
//! A detail page (home, an article, a project, a category) shows a handful of records: the
//! article, its neighbours, related articles and projects. [`page_part`] cuts exactly those out
//! of the site's bundle into a bundle of its own, which the build embeds in the page. The app
//! takes the page over from it without downloading the site's bundle at all, so a page of a
//! 100,000-article site carries a few kilobytes of data instead of megabytes.
//!
//! A part is a valid bundle in the same format, and the page components render it exactly as
//! they render the whole bundle: every list a page shows is a "best n" under a total order, and a
//! part holds those n plus everything their order and scores depend on (a test renders every
//! page of a generated corpus both ways and compares). What a part leaves out:
//! - articles and projects the page does not show;
//! - references to them (`related_projects`, `related_articles`), so the part validates;
//! - the bodies of articles other than the page's own (they show as links only): an inline body
//!   becomes empty, a `body_url` stays;
//! - taxonomy entries nothing in the part uses, except categories (the category page lists them
//!   all).
//!
//! Because a part lacks the rest of the site, the app follows links from such a page with a
//! full page load rather than rendering the next page from the part.

use std::collections::HashSet;

use crate::bundle::{Article, Bundle, Project};
use crate::catalog::RelatedArticles;

/// Newest articles on the home page.
pub const HOME_LATEST: usize = 6;
/// Most-read articles on the home page.
pub const HOME_MOST_READ: usize = 5;
/// Featured projects on the home page.
pub const HOME_FEATURED: usize = 4;
/// Related articles on an article page.
pub const RELATED_ARTICLES: usize = 8;
/// Projects on an article page.
pub const ARTICLE_PROJECTS: usize = 4;
/// Related projects on a project page.
pub const RELATED_PROJECTS: usize = 4;
/// Newest articles a category page lists; the rest are a search away.
pub const CATEGORY_NEWEST: usize = 30;

/// A page of the site whose content is a part of the bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page<'a> {
    /// `/`
    Home,
    /// `/articles/<id>`
    Article(&'a str),
    /// `/projects/<id>`
    Project(&'a str),
    /// `/categories/<id>`
    Category(&'a str),
}

impl<'a> Page<'a> {
    /// The page at a site-relative path; `None` for lists and anything else that needs the
    /// whole bundle.
    pub fn from_path(path: &'a str) -> Option<Page<'a>> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let path = path
            .strip_suffix('/')
            .filter(|p| !p.is_empty())
            .unwrap_or(path);
        if path == "/" || path.is_empty() {
            return Some(Page::Home);
        }
        let (section, id) = path.trim_start_matches('/').split_once('/')?;
        if id.is_empty() || id.contains('/') {
            return None;
        }
        match section {
            "articles" => Some(Page::Article(id)),
            "projects" => Some(Page::Project(id)),
            "categories" => Some(Page::Category(id)),
            _ => None,
        }
    }
}

/// The part of `bundle` that `page` shows, or `None` when the page's record does not exist.
///
/// `related`, when given, holds every article's related articles computed at once (a build that
/// cuts every page); otherwise they are computed for this article.
pub fn page_part(
    bundle: &Bundle,
    page: &Page,
    related: Option<&RelatedArticles>,
) -> Option<Bundle> {
    let mut articles: Vec<&Article> = Vec::new();
    let mut projects: Vec<&Project> = Vec::new();
    // The article whose body the page shows.
    let mut own: Option<&str> = None;
    match *page {
        Page::Home => {
            articles.extend(bundle.articles_newest().into_iter().take(HOME_LATEST));
            articles.extend(bundle.most_viewed(HOME_MOST_READ));
            projects.extend(
                bundle
                    .projects_newest(true)
                    .into_iter()
                    .filter(|p| p.featured)
                    .take(HOME_FEATURED),
            );
        }
        Page::Article(id) => {
            let article = bundle.article(id)?;
            own = Some(&article.id);
            articles.push(article);
            let (older, newer) = bundle.neighbours_in_category(article);
            articles.extend(older);
            articles.extend(newer);
            match related.and_then(|r| r.get(bundle, article, RELATED_ARTICLES)) {
                Some(list) => articles.extend(list),
                None => articles.extend(bundle.related_articles(article, RELATED_ARTICLES)),
            }
            // All of the article's own projects: related articles are scored by them.
            projects.extend(
                article
                    .related_projects
                    .iter()
                    .filter_map(|p| bundle.project(p)),
            );
            projects.extend(bundle.projects_for_article(article, ARTICLE_PROJECTS));
        }
        Page::Project(id) => {
            let project = bundle.project(id)?;
            projects.push(project);
            articles.extend(bundle.articles_for_project(project));
            projects.extend(bundle.related_projects(project, RELATED_PROJECTS));
        }
        Page::Category(id) => {
            bundle.category(id)?;
            articles.extend(
                bundle
                    .articles_in_category(id)
                    .into_iter()
                    .take(CATEGORY_NEWEST),
            );
        }
    }
    Some(cut(bundle, &articles, &projects, own))
}

/// A bundle of the given records (in the bundle's own order), their references among themselves
/// and the taxonomy entries they use.
fn cut(bundle: &Bundle, articles: &[&Article], projects: &[&Project], own: Option<&str>) -> Bundle {
    let article_ids: HashSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    let project_ids: HashSet<&str> = projects.iter().map(|p| p.id.as_str()).collect();
    let articles: Vec<Article> = bundle
        .articles
        .iter()
        .filter(|a| article_ids.contains(a.id.as_str()))
        .map(|a| {
            let mut a = a.clone();
            a.related_projects
                .retain(|p| project_ids.contains(p.as_str()));
            if own == Some(a.id.as_str()) {
                // The page's own body travels with it when the caller has it at hand.
                if a.body.is_some() {
                    a.body_url = None;
                }
            } else if a.body_url.is_some() {
                a.body = None;
            } else {
                a.body = Some(Vec::new());
            }
            a
        })
        .collect();
    let projects: Vec<Project> = bundle
        .projects
        .iter()
        .filter(|p| project_ids.contains(p.id.as_str()))
        .map(|p| {
            let mut p = p.clone();
            p.related_articles
                .retain(|a| article_ids.contains(a.as_str()));
            p
        })
        .collect();

    let mut used: HashSet<&str> = HashSet::new();
    for a in &articles {
        used.extend(a.tags.iter().map(String::as_str));
    }
    for p in &projects {
        used.extend(p.tags.iter().map(String::as_str));
        used.extend([p.industry.as_str(), p.district.as_str(), p.status.as_str()]);
        used.extend(p.park.as_deref());
    }
    let t = &bundle.taxonomies;
    // A park's district is needed to validate the park.
    let parks: Vec<_> = t
        .parks
        .iter()
        .filter(|p| used.contains(p.id.as_str()))
        .cloned()
        .collect();
    let park_districts: HashSet<&str> = parks.iter().map(|p| p.district.as_str()).collect();
    let mut taxonomies = t.clone();
    taxonomies.tags.retain(|x| used.contains(x.id.as_str()));
    taxonomies
        .industries
        .retain(|x| used.contains(x.id.as_str()));
    taxonomies
        .districts
        .retain(|x| used.contains(x.id.as_str()) || park_districts.contains(x.id.as_str()));
    taxonomies.parks = parks;
    taxonomies.statuses.retain(|x| used.contains(x.id.as_str()));
    Bundle {
        format: bundle.format,
        site: bundle.site.clone(),
        taxonomies,
        articles,
        projects,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_from_paths() {
        assert_eq!(Page::from_path("/"), Some(Page::Home));
        assert_eq!(Page::from_path(""), Some(Page::Home));
        assert_eq!(Page::from_path("/articles/a-1"), Some(Page::Article("a-1")));
        assert_eq!(
            Page::from_path("/articles/a-1/"),
            Some(Page::Article("a-1"))
        );
        assert_eq!(Page::from_path("/projects/p?x=1"), Some(Page::Project("p")));
        assert_eq!(Page::from_path("/categories/c"), Some(Page::Category("c")));
        for whole in [
            "/articles",
            "/projects",
            "/saved",
            "/articles/a/b",
            "/x/y",
            "/articles/",
        ] {
            assert_eq!(Page::from_path(whole), None, "{whole}");
        }
    }
}
