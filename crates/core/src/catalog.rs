//! Looking things up in a bundle and ordering them: by id, newest, most viewed, per category,
//! previous/next, and the related items a detail page shows.
//!
//! Bundles are validated before use, so every reference resolves; these methods still return
//! `Option` rather than panic when handed an unvalidated bundle.

use std::cmp::Reverse;

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

    /// The `n` most viewed articles, most first.
    pub fn most_viewed(&self, n: usize) -> Vec<&Article> {
        let mut list: Vec<&Article> = self.articles.iter().collect();
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

    /// Projects, most recently dated first; featured ones first when `featured_first`.
    pub fn projects_newest(&self, featured_first: bool) -> Vec<&Project> {
        let mut list: Vec<&Project> = self.projects.iter().collect();
        list.sort_by(|a, b| {
            let featured = if featured_first {
                b.featured.cmp(&a.featured)
            } else {
                std::cmp::Ordering::Equal
            };
            featured
                .then_with(|| b.date().cmp(&a.date()))
                .then_with(|| a.id.cmp(&b.id))
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
        let mut scored: Vec<(u32, &Project)> = self
            .projects
            .iter()
            .map(|p| {
                let linked = article.related_projects.contains(&p.id)
                    || p.related_articles.contains(&article.id);
                (
                    u32::from(linked) * 10 + count_shared(&article.tags, &p.tags),
                    p,
                )
            })
            .filter(|(score, _)| *score > 0)
            .collect();
        scored.sort_by_key(|(score, p)| (Reverse(*score), Reverse(p.date()), p.id.as_str()));
        scored.into_iter().take(n).map(|(_, p)| p).collect()
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
        let mut scored: Vec<(u32, &Project)> = self
            .projects
            .iter()
            .filter(|p| p.id != project.id)
            .map(|p| {
                let industry = u32::from(p.industry == project.industry) * 2;
                let park = u32::from(p.park.is_some() && p.park == project.park);
                (
                    industry + park + count_shared(&project.tags, &p.tags) * 2,
                    p,
                )
            })
            .filter(|(score, _)| *score > 0)
            .collect();
        scored.sort_by_key(|(score, p)| (Reverse(*score), Reverse(p.date()), p.id.as_str()));
        scored.into_iter().take(n).map(|(_, p)| p).collect()
    }
}

/// An article's place in a newest-first list: greater comes first (ties: smaller id first).
fn key(a: &Article) -> (&crate::Date, Reverse<&str>) {
    (&a.published, Reverse(a.id.as_str()))
}

fn sort_newest(list: &mut [&Article]) {
    list.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
}

fn count_shared(a: &[String], b: &[String]) -> u32 {
    a.iter().filter(|x| b.contains(x)).count() as u32
}
