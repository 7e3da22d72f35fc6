//! `/articles`: every article, newest first, with the categories to narrow by.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use parkreader_core::{Article, Bundle};

use crate::components::cards::ArticleCard;
use crate::components::meta::{Breadcrumb, Crumb};
use crate::components::states::with_bundle;

/// The article list.
#[component]
pub fn ArticlesPage() -> impl IntoView {
    with_bundle(|bundle| {
        let articles: Vec<Article> = bundle.articles_newest().into_iter().cloned().collect();
        view! {
            <Title text=format!("全部文章 - {}", bundle.site.name) />
            <Breadcrumb crumbs=vec![Crumb::link("首页", "/"), Crumb::here("全部文章")] />
            <h1>"全部文章"</h1>
            <CategoryNav bundle=bundle.clone() current=None />
            <ArticleList articles bundle />
        }
    })
}

/// Links to each category, the current one marked.
#[component]
pub fn CategoryNav(bundle: Arc<Bundle>, current: Option<String>) -> impl IntoView {
    let all_current = current.is_none();
    view! {
        <nav class="chips" aria-label="文章分类">
            <A href="/articles" attr:class="chip" attr:aria-current=all_current.then_some("page")>"全部"</A>
            {bundle
                .taxonomies
                .categories
                .iter()
                .map(|c| {
                    let is_current = current.as_deref() == Some(c.id.as_str());
                    let (href, name) = (format!("/categories/{}", c.id), c.name.clone());
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
