//! `/categories/:id`: the articles of one category.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::articles::{ArticleList, CategoryNav};
use crate::components::meta::{Breadcrumb, Crumb, PageHead, PageInfo};
use crate::components::states::{closest_item, meant_id, with_bundle, NotFound};
use crate::i18n::{lang, term_lang};
use crate::state::site_href;
use parkreader_core::part::CATEGORY_NEWEST;

/// A category page; not-found for an unknown category.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    with_bundle(move |bundle| {
        let id = meant_id(
            &params.read(),
            "categories",
            &|id| bundle.category(id).is_some(),
            None,
        );
        let lang = lang();
        let t = lang.ui();
        let Some(category) = bundle.category(&id).cloned() else {
            // The category a mistyped or cut-short link most likely meant.
            let terms = bundle.taxonomies.categories.iter();
            let meant = closest_item(
                &id,
                "categories",
                terms.map(|c| (c.id.as_str(), c.label(lang))).collect(),
            );
            return view! { <NotFound what=t.not_found_category meant /> }.into_any();
        };
        let name = category.label(lang).to_string();
        let heading_lang = term_lang(lang, &name);
        // The newest; the rest are a search away (a category of a large site holds thousands).
        let articles: Vec<_> = bundle
            .articles_in_category(&id)
            .into_iter()
            .take(CATEGORY_NEWEST)
            .cloned()
            .collect();
        // A category set up before its first article says so, rather than showing nothing.
        let empty = articles.is_empty();
        view! {
            <PageHead
                info=PageInfo { title: name.clone(), description: bundle.site.description.clone(), path: format!("/categories/{id}"), image: None, kind: "website" }
                bundle=bundle.clone()
            />
            <Breadcrumb crumbs=vec![Crumb::link(t.home, "/"), Crumb::link(t.all_articles, "/articles"), Crumb::here(name.clone())] />
            <h1 lang=heading_lang>{name}</h1>
            <CategoryNav bundle=bundle.clone() current=Some(id.clone()) />
            {if empty {
                view! { <p class="muted">{t.category_empty}</p> }.into_any()
            } else {
                view! {
                    <ArticleList articles bundle />
                    <p class="more"><A href=site_href(&format!("/articles?category={id}"))>{t.search_in_category}</A></p>
                }
                .into_any()
            }}
        }
        .into_any()
    })
}
