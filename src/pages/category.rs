//! `/categories/:id`: the articles of one category.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::articles::{ArticleList, CategoryNav};
use crate::components::meta::{Breadcrumb, Crumb, PageHead, PageInfo};
use crate::components::states::{with_bundle, NotFound};
use crate::state::site_href;

/// A category page; not-found for an unknown category.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    with_bundle(move |bundle| {
        let id = params.read().get("id").unwrap_or_default();
        let Some(category) = bundle.category(&id).cloned() else {
            return view! { <NotFound what="找不到这个分类" /> }.into_any();
        };
        let articles = bundle
            .articles_in_category(&id)
            .into_iter()
            .cloned()
            .collect();
        view! {
            <PageHead
                info=PageInfo { title: category.name.clone(), description: bundle.site.description.clone(), path: format!("/categories/{id}"), image: None, kind: "website" }
                bundle=bundle.clone()
            />
            <Breadcrumb crumbs=vec![Crumb::link("首页", "/"), Crumb::link("全部文章", "/articles"), Crumb::here(category.name.clone())] />
            <h1>{category.name.clone()}</h1>
            <CategoryNav bundle=bundle.clone() current=Some(id.clone()) />
            <ArticleList articles bundle />
            <p class="more"><A href=site_href(&format!("/articles?category={id}"))>"在本分类中搜索和筛选 →"</A></p>
        }
        .into_any()
    })
}
