//! `/`: latest articles, featured projects, most read.

use leptos::prelude::*;
use leptos_router::components::A;
use parkreader_core::part::{HOME_FEATURED, HOME_LATEST, HOME_MOST_READ};

use crate::components::cards::{ArticleCard, ArticleLinks, ProjectCard};
use crate::components::meta::{PageHead, PageInfo};
use crate::components::states::with_bundle;
use crate::state::site_href;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    with_bundle(|bundle| {
        let site = bundle.site.clone();
        let latest: Vec<_> = bundle
            .articles_newest()
            .into_iter()
            .take(HOME_LATEST)
            .cloned()
            .collect();
        // The featured projects, or the newest where none is featured; none, no section.
        let (projects, featured) = bundle.home_projects(HOME_FEATURED);
        let projects: Vec<_> = projects.into_iter().cloned().collect();
        let most_viewed: Vec<_> = bundle
            .most_viewed(HOME_MOST_READ)
            .into_iter()
            .cloned()
            .collect();
        let b = bundle.clone();
        let b2 = bundle.clone();
        let lang = crate::i18n::lang();
        let t = lang.ui();
        let hint = lang.search_hint(
            t.search_articles_hint,
            bundle.taxonomies.tags.first().map(|tag| tag.label(lang)),
        );
        view! {
            <PageHead
                info=PageInfo { title: site.name.clone(), description: site.description.clone(), path: "/".into(), image: None, kind: "website" }
                bundle=bundle.clone()
            />
            <section class="hero" lang="zh-CN">
                <h1>{site.name}</h1>
                <p>{site.description}</p>
            </section>
            // A plain form: Enter opens the article list with the search (`?q=`), before the app
            // runs as after; the list loads the index it searches.
            <form class="search-box" role="search" action=site_href("/articles") method="get">
                <label for="home-search" class="visually-hidden">{t.search_articles}</label>
                <input id="home-search" name=parkreader_core::query::PARAM_Q type="search" enterkeyhint="search" autocomplete="off" placeholder=hint />
            </form>
            <div class="home-grid">
                <section class="home-latest" aria-labelledby="latest-heading">
                    <h2 id="latest-heading">{t.latest}</h2>
                    <div class="card-list">
                        {latest.into_iter().map(|a| view! { <ArticleCard article=a bundle=b.clone() /> }).collect_view()}
                    </div>
                    <p class="more"><A href=site_href("/articles")>{t.all_articles_more}</A></p>
                </section>
                // The ranking only where the site publishes view counts.
                {(!most_viewed.is_empty()).then(|| view! {
                    <aside class="home-side">
                        <section aria-labelledby="popular-heading">
                            <h2 id="popular-heading">{t.most_read}</h2>
                            <ArticleLinks articles=most_viewed numbered=true />
                        </section>
                    </aside>
                })}
            </div>
            {(!projects.is_empty()).then(|| view! {
                <section class="home-projects" aria-labelledby="featured-heading">
                    <h2 id="featured-heading">{if featured { t.featured_projects } else { t.latest_projects }}</h2>
                    <div class="card-grid">
                        {projects.into_iter().map(|p| view! { <ProjectCard project=p bundle=b2.clone() /> }).collect_view()}
                    </div>
                    <p class="more"><A href=site_href("/projects")>{t.all_projects_more}</A></p>
                </section>
            })}
        }
    })
}
