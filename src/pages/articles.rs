//! `/articles`: search, filter and sort every article; the view lives in the query string.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use parkreader_core::query::ListKind;
use parkreader_core::{Article, Bundle};

use crate::components::browse::{
    results, ActiveFilters, FacetPanel, ListState, Pager, SearchBox, SortMenu,
};
use crate::components::cards::ArticleCard;
use crate::components::meta::{Breadcrumb, Crumb, PageHead, PageInfo};
use crate::components::share::ShareButton;
use crate::components::states::with_bundle;
use crate::i18n::lang;
use crate::state::list_index;
use crate::state::site_href;

const PATH: &str = "/articles";

/// The article list.
#[component]
pub fn ArticlesPage() -> impl IntoView {
    let state = ListState::new(ListKind::Articles);
    let query = state.query;
    with_bundle(move |bundle| {
        let index = list_index(&bundle, ListKind::Articles);
        let listing = Memo::new(move |_| {
            let query = query.get();
            crate::browser::timed("parkreader:search", || index.run(&query))
        });
        let b = bundle.clone();
        let lang = lang();
        let t = lang.ui();
        view! {
            <PageHead
                info=PageInfo { title: t.all_articles.into(), description: bundle.site.description.clone(), path: PATH.into(), image: None, kind: "website" }
                bundle=bundle.clone()
            />
            <Breadcrumb crumbs=vec![Crumb::link(t.home, "/"), Crumb::here(t.all_articles)] />
            <h1>{t.all_articles}</h1>
            <SearchBox state path=PATH label=t.search_articles placeholder=t.search_articles_hint />
            <div class="browse" on:click=move |_| state.write_url()>
                <aside class="browse-filters" aria-label=t.filters>
                    <FacetPanel listing path=PATH />
                </aside>
                <section class="browse-results" aria-labelledby="results-heading">
                    <h2 id="results-heading" class="visually-hidden">{t.article_list}</h2>
                    <div class="results-bar">
                        <p class="result-count" role="status">{move || lang.article_count(listing.with(|l| l.total))}</p>
                        <SortMenu listing path=PATH />
                        <ShareButton path=Signal::derive(move || listing.with(|l| l.query.href(PATH))) title=t.all_articles />
                    </div>
                    <ActiveFilters listing path=PATH />
                    {results(listing, PATH, "card-list", move |i, terms| {
                        view! { <ArticleCard article=b.articles[i].clone() bundle=b.clone() terms /> }
                    })}
                    <Pager listing path=PATH />
                </section>
            </div>
        }
    })
}

/// Links to each category, the current one marked.
#[component]
pub fn CategoryNav(bundle: Arc<Bundle>, current: Option<String>) -> impl IntoView {
    let all_current = current.is_none();
    let lang = lang();
    let t = lang.ui();
    view! {
        <nav class="chips" aria-label=t.categories_nav>
            <A href=site_href("/articles") attr:class="chip" attr:aria-current=all_current.then_some("page")>{t.all_categories}</A>
            {bundle
                .taxonomies
                .categories
                .iter()
                .map(|c| {
                    let is_current = current.as_deref() == Some(c.id.as_str());
                    let (href, name) = (site_href(&format!("/categories/{}", c.id)), c.label(lang).to_string());
                    view! {
                        <A href=href attr:class="chip" attr:aria-current=is_current.then_some("page")>
                            {name}
                        </A>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// A list of article cards.
#[component]
pub fn ArticleList(articles: Vec<Article>, bundle: Arc<Bundle>) -> impl IntoView {
    view! {
        <h2 class="visually-hidden">{lang().ui().article_list}</h2>
        <div class="card-list">
            {articles.into_iter().map(|a| view! { <ArticleCard article=a bundle=bundle.clone() /> }).collect_view()}
        </div>
    }
}
