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
//!   becomes empty, a `body_url` stays; likewise other projects' descriptions (they show as
//!   cards);
//! - taxonomy entries nothing in the part uses, except categories (the category page lists them
//!   all).
//!
//! The project list has a part too ([`Page::Projects`]): every project and no article, published
//! as a file of its own, which the list page loads instead of the site's index.
//!
//! Because a part lacks the rest of the site, the app follows links from such a page with a
//! full page load rather than rendering the next page from the part.

use std::collections::{HashMap, HashSet};

use crate::bundle::{Article, Bundle, Project};
use crate::catalog::{
    article_project_score, best_projects, key, project_similarity, sort_newest, RelatedArticles,
};

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
    /// `/projects`: every project, with its description (the list searches it), and no
    /// article. The project list needs nothing else, so on a large site it loads this part
    /// instead of the index of every article (for 10,000 articles and 1,000 projects, about
    /// 36 KB instead of 440 KB, brotli). Too large to travel inside the page, it is published
    /// as a file of its own ([`Page::embedded`]).
    Projects,
}

impl<'a> Page<'a> {
    /// Whether the page carries its part inside itself; the project list's part is a file.
    pub fn embedded(&self) -> bool {
        !matches!(self, Page::Projects)
    }

    /// The page at a site-relative path; `None` for the article list and anything else that
    /// needs the whole bundle.
    pub fn from_path(path: &'a str) -> Option<Page<'a>> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let path = path
            .strip_suffix('/')
            .filter(|p| !p.is_empty())
            .unwrap_or(path);
        if path == "/" || path.is_empty() {
            return Some(Page::Home);
        }
        if path == "/projects" {
            return Some(Page::Projects);
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

/// What every detail page lists, computed for all pages at once.
///
/// Asked page by page, previous/next, an article's projects and a project's articles each scan
/// the whole bundle, so cutting every page of a 100,000-article site would take hours. The plan
/// finds them through lists per category, tag, industry, park and link instead, with the same
/// scores and orders as the `Bundle` methods (a test compares them on a generated corpus).
pub struct SitePlan {
    related: RelatedArticles,
    articles: HashMap<String, usize>,
    projects: HashMap<String, usize>,
    /// Per article: the older and newer article of its category.
    neighbours: Vec<(Option<usize>, Option<usize>)>,
    /// Per article: `projects_for_article(_, ARTICLE_PROJECTS)`.
    article_projects: Vec<Vec<usize>>,
    /// Per project: `articles_for_project`.
    project_articles: Vec<Vec<usize>>,
    /// Per project: `related_projects(_, RELATED_PROJECTS)`.
    related_projects: Vec<Vec<usize>>,
}

/// Scores the candidate projects once each and keeps the best `n`, as indices.
struct Best<'a> {
    projects: &'a [Project],
    index: &'a HashMap<String, usize>,
    seen: Vec<bool>,
}

impl Best<'_> {
    fn of(
        &mut self,
        candidates: impl Iterator<Item = usize>,
        score: impl Fn(&Project) -> u32,
        n: usize,
    ) -> Vec<usize> {
        let mut scored = Vec::new();
        let mut touched = Vec::new();
        for j in candidates {
            if !self.seen[j] {
                self.seen[j] = true;
                touched.push(j);
                let s = score(&self.projects[j]);
                if s > 0 {
                    scored.push((s, &self.projects[j]));
                }
            }
        }
        for j in touched {
            self.seen[j] = false;
        }
        best_projects(scored, n)
            .into_iter()
            .map(|p| self.index[&p.id])
            .collect()
    }
}

impl SitePlan {
    /// Plans every page of `bundle` (a validated bundle: ids are unique).
    pub fn compute(bundle: &Bundle) -> SitePlan {
        let arts = &bundle.articles;
        let projs = &bundle.projects;
        let articles: HashMap<String, usize> = arts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let projects: HashMap<String, usize> = projs
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();

        // Previous/next: each category's articles in order, neighbours side by side.
        let mut neighbours = vec![(None, None); arts.len()];
        let mut by_category: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, a) in arts.iter().enumerate() {
            by_category.entry(a.category.as_str()).or_default().push(i);
        }
        for list in by_category.values_mut() {
            list.sort_by(|&x, &y| key(&arts[x]).cmp(&key(&arts[y])));
            for (k, &i) in list.iter().enumerate() {
                let older = k.checked_sub(1).map(|k| list[k]);
                neighbours[i] = (older, list.get(k + 1).copied());
            }
        }

        // Links between articles and projects, both ways.
        let mut project_links: Vec<Vec<usize>> = vec![Vec::new(); projs.len()];
        let mut article_links: Vec<Vec<usize>> = vec![Vec::new(); arts.len()];
        for (i, a) in arts.iter().enumerate() {
            for &j in a.related_projects.iter().filter_map(|p| projects.get(p)) {
                project_links[j].push(i);
                article_links[i].push(j);
            }
        }
        for (j, p) in projs.iter().enumerate() {
            for &i in p.related_articles.iter().filter_map(|a| articles.get(a)) {
                project_links[j].push(i);
                article_links[i].push(j);
            }
        }
        let project_articles = project_links
            .into_iter()
            .map(|mut list| {
                list.sort_unstable();
                list.dedup();
                let mut found: Vec<&Article> = list.iter().map(|&i| &arts[i]).collect();
                sort_newest(&mut found);
                found.iter().map(|a| articles[&a.id]).collect()
            })
            .collect();

        // Projects per tag, industry and park: where a project's score can come from.
        let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_industry: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_park: HashMap<&str, Vec<usize>> = HashMap::new();
        for (j, p) in projs.iter().enumerate() {
            for t in &p.tags {
                by_tag.entry(t.as_str()).or_default().push(j);
            }
            by_industry.entry(p.industry.as_str()).or_default().push(j);
            if let Some(park) = &p.park {
                by_park.entry(park.as_str()).or_default().push(j);
            }
        }
        let mut best = Best {
            projects: projs,
            index: &projects,
            seen: vec![false; projs.len()],
        };
        let article_projects = arts
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let tagged = a
                    .tags
                    .iter()
                    .filter_map(|t| by_tag.get(t.as_str()))
                    .flatten();
                best.of(
                    article_links[i].iter().chain(tagged).copied(),
                    |p| article_project_score(a, p),
                    ARTICLE_PROJECTS,
                )
            })
            .collect();
        let related_projects = projs
            .iter()
            .enumerate()
            .map(|(j, project)| {
                let tagged = project.tags.iter().filter_map(|t| by_tag.get(t.as_str()));
                let industry = by_industry.get(project.industry.as_str());
                let park = project.park.as_deref().and_then(|p| by_park.get(p));
                best.of(
                    tagged
                        .chain(industry)
                        .chain(park)
                        .flatten()
                        .copied()
                        .filter(|&o| o != j),
                    |p| project_similarity(project, p),
                    RELATED_PROJECTS,
                )
            })
            .collect();

        SitePlan {
            related: RelatedArticles::compute(bundle, RELATED_ARTICLES),
            articles,
            projects,
            neighbours,
            article_projects,
            project_articles,
            related_projects,
        }
    }

    /// Every article's related articles.
    pub fn related(&self) -> &RelatedArticles {
        &self.related
    }

    /// The article with this id, found through the plan's index.
    pub fn article<'b>(&self, bundle: &'b Bundle, id: &str) -> Option<&'b Article> {
        self.articles.get(id).and_then(|&i| bundle.articles.get(i))
    }

    /// The project with this id, found through the plan's index.
    pub fn project<'b>(&self, bundle: &'b Bundle, id: &str) -> Option<&'b Project> {
        self.projects.get(id).and_then(|&j| bundle.projects.get(j))
    }

    /// The older and newer article in `article`'s category.
    pub fn neighbours<'b>(
        &self,
        bundle: &'b Bundle,
        article: &Article,
    ) -> (Option<&'b Article>, Option<&'b Article>) {
        let Some(&(older, newer)) = self
            .articles
            .get(&article.id)
            .and_then(|&i| self.neighbours.get(i))
        else {
            return (None, None);
        };
        let get = |i: Option<usize>| i.and_then(|i| bundle.articles.get(i));
        (get(older), get(newer))
    }

    /// `projects_for_article(article, ARTICLE_PROJECTS)`.
    pub fn projects_for_article<'b>(
        &self,
        bundle: &'b Bundle,
        article: &Article,
    ) -> Vec<&'b Project> {
        self.articles
            .get(&article.id)
            .map(|&i| pick(&bundle.projects, &self.article_projects[i]))
            .unwrap_or_default()
    }

    /// `articles_for_project(project)`.
    pub fn articles_for_project<'b>(
        &self,
        bundle: &'b Bundle,
        project: &Project,
    ) -> Vec<&'b Article> {
        self.projects
            .get(&project.id)
            .map(|&j| pick(&bundle.articles, &self.project_articles[j]))
            .unwrap_or_default()
    }

    /// `related_projects(project, RELATED_PROJECTS)`.
    pub fn related_projects<'b>(&self, bundle: &'b Bundle, project: &Project) -> Vec<&'b Project> {
        self.projects
            .get(&project.id)
            .map(|&j| pick(&bundle.projects, &self.related_projects[j]))
            .unwrap_or_default()
    }
}

fn pick<'b, T>(all: &'b [T], indices: &[usize]) -> Vec<&'b T> {
    indices.iter().filter_map(|&i| all.get(i)).collect()
}

/// The part of `bundle` that `page` shows, or `None` when the page's record does not exist.
///
/// `plan`, when given, is the plan of this same bundle, for a build that cuts every page;
/// otherwise each list is computed for this page.
pub fn page_part(bundle: &Bundle, page: &Page, plan: Option<&SitePlan>) -> Option<Bundle> {
    let mut articles: Vec<&Article> = Vec::new();
    let mut projects: Vec<&Project> = Vec::new();
    // The article whose body, or the project whose description, the page shows.
    let mut own: Option<&str> = None;
    let mut descriptions = false;
    // Records by id: through the plan's index when there is one (a build cutting every page
    // would otherwise scan all articles per page).
    let article_by_id = |id: &str| match plan {
        Some(plan) => plan.article(bundle, id),
        None => bundle.article(id),
    };
    let project_by_id = |id: &str| match plan {
        Some(plan) => plan.project(bundle, id),
        None => bundle.project(id),
    };
    match *page {
        Page::Home => {
            articles.extend(bundle.articles_newest().into_iter().take(HOME_LATEST));
            articles.extend(bundle.most_viewed(HOME_MOST_READ));
            projects.extend(bundle.home_projects(HOME_FEATURED).0);
        }
        Page::Article(id) => {
            let article = article_by_id(id)?;
            own = Some(&article.id);
            articles.push(article);
            let (older, newer) = match plan {
                Some(plan) => plan.neighbours(bundle, article),
                None => bundle.neighbours_in_category(article),
            };
            articles.extend(older);
            articles.extend(newer);
            match plan.and_then(|p| p.related.get(bundle, article, RELATED_ARTICLES)) {
                Some(list) => articles.extend(list),
                None => articles.extend(bundle.related_articles(article, RELATED_ARTICLES)),
            }
            // All of the article's own projects: related articles are scored by them.
            projects.extend(
                article
                    .related_projects
                    .iter()
                    .filter_map(|p| project_by_id(p)),
            );
            match plan {
                Some(plan) => projects.extend(plan.projects_for_article(bundle, article)),
                None => projects.extend(bundle.projects_for_article(article, ARTICLE_PROJECTS)),
            }
        }
        Page::Project(id) => {
            let project = project_by_id(id)?;
            own = Some(&project.id);
            projects.push(project);
            match plan {
                Some(plan) => {
                    articles.extend(plan.articles_for_project(bundle, project));
                    projects.extend(plan.related_projects(bundle, project));
                }
                None => {
                    articles.extend(bundle.articles_for_project(project));
                    projects.extend(bundle.related_projects(project, RELATED_PROJECTS));
                }
            }
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
        Page::Projects => {
            projects.extend(&bundle.projects);
            descriptions = true;
        }
    }
    Some(cut(bundle, &articles, &projects, own, descriptions))
}

/// A bundle of the given records (in the bundle's own order), their references among themselves
/// and the taxonomy entries they use; projects keep their descriptions only when `descriptions`
/// or the project is the page's own.
fn cut(
    bundle: &Bundle,
    articles: &[&Article],
    projects: &[&Project],
    own: Option<&str>,
    descriptions: bool,
) -> Bundle {
    let article_ids: HashSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    let project_ids: HashSet<&str> = projects.iter().map(|p| p.id.as_str()).collect();
    let articles: Vec<Article> = in_bundle_order(&bundle.articles, articles)
        .into_iter()
        .map(|full| {
            let mut a = without_body(full);
            a.related_projects
                .retain(|p| project_ids.contains(p.as_str()));
            if own == Some(a.id.as_str()) {
                // The page's own body travels with it when the caller has it at hand.
                if full.body.is_some() {
                    a.body.clone_from(&full.body);
                    a.body_url = None;
                }
            } else {
                if a.body_url.is_none() {
                    a.body = Some(Vec::new());
                }
                // Another article is a link or a card here: its cover, source and copyright
                // are shown on its own page only (and links from a page with a part load
                // pages). Left out, they took 1.6 KB of an article page's 12 KB part.
                a.cover = None;
                a.source = None;
                a.copyright = None;
            }
            a
        })
        .collect();
    let projects: Vec<Project> = in_bundle_order(&bundle.projects, projects)
        .into_iter()
        .map(|full| {
            let mut p = without_description(full);
            p.related_articles
                .retain(|a| article_ids.contains(a.as_str()));
            if descriptions || own == Some(p.id.as_str()) {
                p.description.clone_from(&full.description);
            } else {
                // Another project is a card here, as other articles are links or cards: its
                // cover, capacity, partners and land area are shown on its own page only.
                p.cover = None;
                p.capacity.clear();
                p.partners.clear();
                p.land_mu = None;
            }
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
        // The article list, which searches bodies through the shards, loads the site's index.
        body_search: None,
        moved: Default::default(),
    }
}

/// A copy of `a` without its body, which most pages leave out: copied whole and then dropped,
/// bodies were the most of what cutting a page cost.
fn without_body(a: &Article) -> Article {
    let Article {
        id,
        slug,
        title,
        summary,
        category,
        tags,
        author,
        published,
        views,
        cover,
        body: _,
        body_url,
        source,
        copyright,
        related_projects,
    } = a;
    Article {
        id: id.clone(),
        slug: slug.clone(),
        title: title.clone(),
        summary: summary.clone(),
        category: category.clone(),
        tags: tags.clone(),
        author: author.clone(),
        published: published.clone(),
        views: *views,
        cover: cover.clone(),
        body: None,
        body_url: body_url.clone(),
        source: source.clone(),
        copyright: copyright.clone(),
        related_projects: related_projects.clone(),
    }
}

/// A copy of `p` without its description, as [`without_body`].
fn without_description(p: &Project) -> Project {
    let Project {
        id,
        name,
        summary,
        description: _,
        industry,
        tags,
        district,
        park,
        investor,
        partners,
        investment,
        land_mu,
        capacity,
        status,
        dates,
        featured,
        cover,
        related_articles,
    } = p;
    Project {
        id: id.clone(),
        name: name.clone(),
        summary: summary.clone(),
        description: Vec::new(),
        industry: industry.clone(),
        tags: tags.clone(),
        district: district.clone(),
        park: park.clone(),
        investor: investor.clone(),
        partners: partners.clone(),
        investment: *investment,
        land_mu: *land_mu,
        capacity: capacity.clone(),
        status: status.clone(),
        dates: dates.clone(),
        featured: *featured,
        cover: cover.clone(),
        related_articles: related_articles.clone(),
    }
}

/// `chosen` (references into `all`) without repeats, in their order in `all`. A page picks a
/// few dozen records; finding them by position keeps the cut from reading the whole list.
fn in_bundle_order<'b, T>(all: &'b [T], chosen: &[&'b T]) -> Vec<&'b T> {
    let size = std::mem::size_of::<T>().max(1);
    let base = all.as_ptr() as usize;
    let mut at: Vec<usize> = chosen
        .iter()
        .map(|&item| (item as *const T as usize).wrapping_sub(base) / size)
        .filter(|&i| i < all.len())
        .collect();
    at.sort_unstable();
    at.dedup();
    at.into_iter().map(|i| &all[i]).collect()
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
        assert_eq!(Page::from_path("/projects/"), Some(Page::Projects));
        assert_eq!(
            Page::from_path("/projects?industry=x"),
            Some(Page::Projects)
        );
        assert!(!Page::Projects.embedded() && Page::Home.embedded());
        for whole in ["/articles", "/saved", "/articles/a/b", "/x/y", "/articles/"] {
            assert_eq!(Page::from_path(whole), None, "{whole}");
        }
    }
}
