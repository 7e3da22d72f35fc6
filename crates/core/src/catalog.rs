//! Looking things up in a bundle and ordering them: by id, newest, most viewed, per category,
//! previous/next, and the related items a detail page shows.
//!
//! Bundles are validated before use, so every reference resolves; these methods still return
//! `Option` rather than panic when handed an unvalidated bundle.

use std::cmp::Reverse;
use std::collections::HashMap;

use crate::bundle::{Article, Bundle, Park, Project, ProjectStatus, Term};

impl Bundle {
    /// The article with this id.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// The project with this id.
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    /// The article with this id, or the one renamed from it ([`Bundle::moved`]).
    pub fn article_now(&self, id: &str) -> Option<&Article> {
        self.article(id).or_else(|| {
            self.moved
                .articles
                .get(id)
                .and_then(|now| self.article(now))
        })
    }

    /// The project with this id, or the one renamed from it ([`Bundle::moved`]).
    pub fn project_now(&self, id: &str) -> Option<&Project> {
        self.project(id).or_else(|| {
            self.moved
                .projects
                .get(id)
                .and_then(|now| self.project(now))
        })
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Term> {
        self.taxonomies.categories.iter().find(|t| t.id == id)
    }

    /// The tag with this id.
    pub fn tag(&self, id: &str) -> Option<&Term> {
        self.taxonomies.tags.iter().find(|t| t.id == id)
    }

    /// The industry with this id.
    pub fn industry(&self, id: &str) -> Option<&Term> {
        self.taxonomies.industries.iter().find(|t| t.id == id)
    }

    /// The district with this id.
    pub fn district(&self, id: &str) -> Option<&Term> {
        self.taxonomies.districts.iter().find(|t| t.id == id)
    }

    /// The park with this id.
    pub fn park(&self, id: &str) -> Option<&Park> {
        self.taxonomies.parks.iter().find(|t| t.id == id)
    }

    /// The project status with this id.
    pub fn status(&self, id: &str) -> Option<&ProjectStatus> {
        self.taxonomies.statuses.iter().find(|t| t.id == id)
    }

    /// All articles, newest first (ties broken by id so the order is stable).
    pub fn articles_newest(&self) -> Vec<&Article> {
        let mut list: Vec<&Article> = self.articles.iter().collect();
        sort_newest(&mut list);
        list
    }

    /// The `n` most viewed articles, most first; only articles with a view count (a site that
    /// publishes none has no ranking to show).
    pub fn most_viewed(&self, n: usize) -> Vec<&Article> {
        let mut list: Vec<&Article> = self.articles.iter().filter(|a| a.views > 0).collect();
        list.sort_by(|a, b| {
            b.views
                .cmp(&a.views)
                .then_with(|| b.published.cmp(&a.published))
                .then_with(|| a.id.cmp(&b.id))
        });
        list.truncate(n);
        list
    }

    /// Articles in a category, newest first.
    pub fn articles_in_category(&self, category: &str) -> Vec<&Article> {
        let mut list: Vec<&Article> = self
            .articles
            .iter()
            .filter(|a| a.category == category)
            .collect();
        sort_newest(&mut list);
        list
    }

    /// The home page's projects, at most `n`: the featured ones, newest first, and `true`; or,
    /// when the site features none (a new site's projects are not featured until the publisher
    /// says so), the newest projects and `false`. Empty only when the site has no project.
    pub fn home_projects(&self, n: usize) -> (Vec<&Project>, bool) {
        let newest = self.projects_newest(true);
        let featured = newest.first().is_some_and(|p| p.featured);
        let list = newest
            .into_iter()
            .filter(|p| p.featured || !featured)
            .take(n)
            .collect();
        (list, featured)
    }

    /// Projects, most recently dated first; featured ones first when `featured_first`.
    pub fn projects_newest(&self, featured_first: bool) -> Vec<&Project> {
        let mut list: Vec<&Project> = self.projects.iter().collect();
        list.sort_by(|a, b| {
            let featured = if featured_first {
                b.featured.cmp(&a.featured)
            } else {
                std::cmp::Ordering::Equal
            };
            featured.then_with(|| newer_project(a, b))
        });
        list
    }

    /// The article published just before (`.0`, older) and just after (`.1`, newer) this one
    /// in the same category.
    pub fn neighbours_in_category(
        &self,
        article: &Article,
    ) -> (Option<&Article>, Option<&Article>) {
        // One pass, no sort: a prerendered site asks this once per article.
        if self.article(&article.id).is_none() {
            return (None, None);
        }
        let here = key(article);
        let mut older: Option<&Article> = None;
        let mut newer: Option<&Article> = None;
        for other in self
            .articles
            .iter()
            .filter(|o| o.category == article.category && o.id != article.id)
        {
            let k = key(other);
            if k < here {
                if older.is_none_or(|o| k > key(o)) {
                    older = Some(other);
                }
            } else if newer.is_none_or(|n| k < key(n)) {
                newer = Some(other);
            }
        }
        (older, newer)
    }

    /// Up to `n` articles related to `article`: sharing projects, tags or category, best first.
    pub fn related_articles(&self, article: &Article, n: usize) -> Vec<&Article> {
        let mut scored: Vec<(u32, &Article)> = self
            .articles
            .iter()
            .filter(|other| other.id != article.id)
            .map(|other| {
                let shared_projects =
                    count_shared(&article.related_projects, &other.related_projects);
                let shared_tags = count_shared(&article.tags, &other.tags);
                let same_category = u32::from(other.category == article.category);
                (shared_projects * 3 + shared_tags * 2 + same_category, other)
            })
            .filter(|(score, _)| *score > 0)
            .collect();
        let order = |(sa, a): &(u32, &Article), (sb, b): &(u32, &Article)| {
            sb.cmp(sa)
                .then_with(|| b.published.cmp(&a.published))
                .then_with(|| a.id.cmp(&b.id))
        };
        // Only the best `n` are sorted: a prerendered site asks this once per article.
        if n < scored.len() {
            scored.select_nth_unstable_by(n, order);
            scored.truncate(n);
        }
        scored.sort_by(order);
        scored.into_iter().map(|(_, a)| a).collect()
    }

    /// Projects an article is about (linked either way), then projects sharing its tags; up to `n`.
    pub fn projects_for_article(&self, article: &Article, n: usize) -> Vec<&Project> {
        let scored: Vec<(u32, &Project)> = self
            .projects
            .iter()
            .map(|p| (article_project_score(article, p), p))
            .filter(|(score, _)| *score > 0)
            .collect();
        best_projects(scored, n)
    }

    /// Articles about a project (linked either way), newest first.
    pub fn articles_for_project(&self, project: &Project) -> Vec<&Article> {
        let mut list: Vec<&Article> = self
            .articles
            .iter()
            .filter(|a| {
                project.related_articles.contains(&a.id) || a.related_projects.contains(&project.id)
            })
            .collect();
        sort_newest(&mut list);
        list
    }

    /// Up to `n` other projects in the same industry, park or with shared tags, best first.
    pub fn related_projects(&self, project: &Project, n: usize) -> Vec<&Project> {
        let scored: Vec<(u32, &Project)> = self
            .projects
            .iter()
            .filter(|p| p.id != project.id)
            .map(|p| (project_similarity(project, p), p))
            .filter(|(score, _)| *score > 0)
            .collect();
        best_projects(scored, n)
    }
}

/// The related articles of every article, computed together: for each, what
/// [`Bundle::related_articles`] gives, from lists of the articles per tag, project and category
/// instead of a scan of all articles per article. A builder rendering 10,000 article pages would
/// otherwise compare 10^8 pairs of string ids.
pub struct RelatedArticles {
    n: usize,
    index: HashMap<String, usize>,
    related: Vec<Vec<usize>>,
}

impl RelatedArticles {
    /// Up to `n` related articles for every article of `bundle`.
    pub fn compute(bundle: &Bundle, n: usize) -> RelatedArticles {
        let articles = &bundle.articles;
        let mut by_project: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
        fn push<'a>(map: &mut HashMap<&'a str, Vec<usize>>, key: &'a str, i: usize) {
            let list = map.entry(key).or_default();
            // An id listed twice by one article still counts once for it, as `contains` does.
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
        for (i, a) in articles.iter().enumerate() {
            for p in &a.related_projects {
                push(&mut by_project, p.as_str(), i);
            }
            for t in &a.tags {
                push(&mut by_tag, t.as_str(), i);
            }
        }
        // Each article's place in (newest first, then id) order: ties on score are broken by
        // comparing two integers instead of two dates and two ids.
        let mut by_recency: Vec<usize> = (0..articles.len()).collect();
        by_recency.sort_by(|&a, &b| {
            articles[b]
                .published
                .cmp(&articles[a].published)
                .then_with(|| articles[a].id.cmp(&articles[b].id))
        });
        let mut rank = vec![0u32; articles.len()];
        for (r, &o) in by_recency.iter().enumerate() {
            rank[o] = r as u32;
        }
        // Each category's articles, newest first; each article's category as a number.
        let mut category_ids: HashMap<&str, usize> = HashMap::new();
        let mut category = Vec::with_capacity(articles.len());
        let mut by_category: Vec<Vec<usize>> = Vec::new();
        for a in articles {
            let next = category_ids.len();
            let id = *category_ids.entry(a.category.as_str()).or_insert(next);
            category.push(id);
        }
        by_category.resize(category_ids.len(), Vec::new());
        for &o in &by_recency {
            by_category[category[o]].push(o);
        }
        let mut score = vec![0u32; articles.len()];
        let mut touched: Vec<usize> = Vec::new();
        let mut related = Vec::with_capacity(articles.len());
        // (Bundles are validated, so ids are unique and the article itself is its index.)
        for (i, a) in articles.iter().enumerate() {
            let mut add = |list: Option<&Vec<usize>>, weight: u32| {
                for &o in list.into_iter().flatten() {
                    if o != i {
                        if score[o] == 0 {
                            touched.push(o);
                        }
                        score[o] += weight;
                    }
                }
            };
            for p in &a.related_projects {
                add(by_project.get(p.as_str()), 3);
            }
            for t in &a.tags {
                add(by_tag.get(t.as_str()), 2);
            }
            // The category adds 1. An article that shares nothing else scores exactly 1, below
            // every one that does, and among those the newest win: so only the `n` newest of
            // them can make the list, not the whole category (thousands on a large site).
            let mine = category[i];
            let mut best: Vec<u64> = Vec::with_capacity(touched.len() + n);
            for &o in &touched {
                let s = score[o] + u32::from(category[o] == mine);
                best.push((u64::from(u32::MAX - s) << 32) | u64::from(rank[o]));
            }
            best.extend(
                by_category[mine]
                    .iter()
                    .filter(|&&o| o != i && score[o] == 0)
                    .take(n)
                    .map(|&o| (u64::from(u32::MAX - 1) << 32) | u64::from(rank[o])),
            );
            // Highest score first, then by recency rank: one u64 per candidate.
            if n < best.len() {
                best.select_nth_unstable(n);
                best.truncate(n);
            }
            best.sort_unstable();
            let mut list = Vec::with_capacity(best.len());
            list.extend(
                best.iter()
                    .map(|&key| by_recency[(key & u64::from(u32::MAX)) as usize]),
            );
            related.push(list);
            for o in touched.drain(..) {
                score[o] = 0;
            }
        }
        let index = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        RelatedArticles { n, index, related }
    }

    /// The related articles of `article`, when computed for this many and this bundle.
    pub fn get<'b>(
        &self,
        bundle: &'b Bundle,
        article: &Article,
        n: usize,
    ) -> Option<Vec<&'b Article>> {
        if n != self.n {
            return None;
        }
        let &i = self.index.get(&article.id)?;
        let list = self.related.get(i)?;
        let found: Vec<&Article> = list
            .iter()
            .filter_map(|&o| bundle.articles.get(o))
            .collect();
        (found.len() == list.len() && bundle.articles.get(i).is_some_and(|a| a.id == article.id))
            .then_some(found)
    }
}

/// An article's place in a newest-first list: greater comes first (ties: smaller id first).
pub(crate) fn key(a: &Article) -> (&crate::Date, Reverse<&str>) {
    (&a.published, Reverse(a.id.as_str()))
}

/// How strongly project `p` belongs on `article`'s page: linked either way, then shared tags.
pub(crate) fn article_project_score(article: &Article, p: &Project) -> u32 {
    let linked =
        article.related_projects.contains(&p.id) || p.related_articles.contains(&article.id);
    u32::from(linked) * 10 + count_shared(&article.tags, &p.tags)
}

/// How alike two projects are: same industry, same park, shared tags.
pub(crate) fn project_similarity(project: &Project, p: &Project) -> u32 {
    let industry = u32::from(p.industry == project.industry) * 2;
    let park = u32::from(p.park.is_some() && p.park == project.park);
    industry + park + count_shared(&project.tags, &p.tags) * 2
}

/// Scored projects, best first (then newest, then by id), at most `n`.
pub(crate) fn best_projects(mut scored: Vec<(u32, &Project)>, n: usize) -> Vec<&Project> {
    scored.sort_by_key(|(score, p)| (Reverse(*score), Reverse(p.date()), p.id.as_str()));
    scored.into_iter().take(n).map(|(_, p)| p).collect()
}

pub(crate) fn sort_newest(list: &mut [&Article]) {
    list.sort_by(|a, b| newer_article(a, b));
}

/// Newest first: the later publication (a time of day after none on the same day), then the
/// smaller id. The home page, the category pages and the lists' newest order all follow it.
pub(crate) fn newer_article(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id))
}

/// Most recently dated first (undated last), then the smaller id: see [`newer_article`].
pub(crate) fn newer_project(a: &Project, b: &Project) -> std::cmp::Ordering {
    b.date().cmp(&a.date()).then_with(|| a.id.cmp(&b.id))
}

fn count_shared(a: &[String], b: &[String]) -> u32 {
    a.iter().filter(|x| b.contains(x)).count() as u32
}
