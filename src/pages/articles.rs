//! `/articles`: search, filter and sort every article; the view lives in the query string.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use parkreader_core::browse::{Listing, PAGE_SIZE};
use parkreader_core::query::{ListKind, ListQuery};
use parkreader_core::{Article, Bundle};

use crate::components::browse::{ActiveFilters, FacetPanel, NoResults, Pager, SearchBox, SortMenu};
use crate::components::cards::ArticleCard;
use crate::components::meta::{Breadcrumb, Crumb, PageHead, PageInfo};
use crate::components::share::ShareButton;
use crate::components::states::with_bundle;
use crate::state::list_index;
use crate::state::site_href;

const PATH: &str = "/articles";

/// The article list.
#[component]
pub fn ArticlesPage() -> impl IntoView {
    let location = use_location();
    let query = Memo::new(move |_| ListQuery::parse(ListKind::Articles, &location.search.get()));
    with_bundle(move |bundle| {
        let index = list_index(&bundle, ListKind::Articles);
        let listing = Memo::new(move |_| index.run(&query.get(), PAGE_SIZE));
        let b = bundle.clone();
        view! {
            <PageHead
                info=PageInfo { title: "全部文章".into(), description: bundle.site.description.clone(), path: PATH.into(), image: None, kind: "website" }
                bundle=bundle.clone()
            />
            <Breadcrumb crumbs=vec![Crumb::link("首页", "/"), Crumb::here("全部文章")] />
            <h1>"全部文章"</h1>
            <SearchBox query path=PATH label="搜索文章" placeholder="搜索标题、正文，如：碳纤维" />
            <div class="browse">
                <aside class="browse-filters" aria-label="筛选">
                    <FacetPanel listing path=PATH />
                </aside>
                <section class="browse-results" aria-label="文章列表">
                    <div class="results-bar">
                        <p class="result-count" role="status">{move || format!("共 {} 篇", listing.with(|l| l.total))}</p>
                        <SortMenu listing path=PATH />
                        <ShareButton path=Signal::derive(move || listing.with(|l| l.query.href(PATH))) title="全部文章" />
                    </div>
                    <ActiveFilters listing path=PATH />
                    {move || article_results(listing.get(), b.clone())}
                    <Pager listing path=PATH />
                </section>
            </div>
        }
    })
}

fn article_results(listing: Listing, bundle: Arc<Bundle>) -> AnyView {
    if listing.total == 0 {
        return view! { <NoResults listing path=PATH /> }.into_any();
    }
    let terms = listing.terms.clone();
    view! {
        <div class="card-list">
            {listing
                .items
                .iter()
                .map(|&i| {
                    let article = bundle.articles[i].clone();
                    view! { <ArticleCard article bundle=bundle.clone() terms=terms.clone() /> }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// Links to each category, the current one marked.
#[component]
pub fn CategoryNav(bundle: Arc<Bundle>, current: Option<String>) -> impl IntoView {
    let all_current = current.is_none();
    view! {
        <nav class="chips" aria-label="文章分类">
            <A href=site_href("/articles") attr:class="chip" attr:aria-current=all_current.then_some("page")>"全部"</A>
            {bundle
                .taxonomies
                .categories
                .iter()
                .map(|c| {
                    let is_current = current.as_deref() == Some(c.id.as_str());
                    let (href, name) = (site_href(&format!("/categories/{}", c.id)), c.name.clone());
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

/// A list of article cards, with a count.
#[component]
pub fn ArticleList(articles: Vec<Article>, bundle: Arc<Bundle>) -> impl IntoView {
    let count = articles.len();
    view! {
        <p class="result-count">"共 " {count} " 篇"</p>
        <div class="card-list">
            {articles.into_iter().map(|a| view! { <ArticleCard article=a bundle=bundle.clone() /> }).collect_view()}
        </div>
    }
}
