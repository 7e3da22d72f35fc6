//! `/projects`: search, filter (industry, district, park, status, size, year) and sort projects.

use std::sync::Arc;

use leptos::prelude::*;
use parkreader_core::browse::{Listing, PAGE_SIZE};
use parkreader_core::query::ListKind;
use parkreader_core::Bundle;

use crate::components::browse::{
    ActiveFilters, FacetPanel, ListState, NoResults, Pager, SearchBox, SortMenu,
};
use crate::components::cards::ProjectCard;
use crate::components::meta::{Breadcrumb, Crumb, PageHead, PageInfo};
use crate::components::share::ShareButton;
use crate::components::states::with_bundle;
use crate::state::list_index;

const PATH: &str = "/projects";

/// The project list.
#[component]
pub fn ProjectsPage() -> impl IntoView {
    let state = ListState::new(ListKind::Projects);
    let query = state.query;
    with_bundle(move |bundle| {
        let index = list_index(&bundle, ListKind::Projects);
        let listing = Memo::new(move |_| {
            let query = query.get();
            crate::browser::timed("parkreader:search", || index.run(&query, PAGE_SIZE))
        });
        let b = bundle.clone();
        view! {
            <PageHead
                info=PageInfo { title: "投资项目".into(), description: bundle.site.description.clone(), path: PATH.into(), image: None, kind: "website" }
                bundle=bundle.clone()
            />
            <Breadcrumb crumbs=vec![Crumb::link("首页", "/"), Crumb::here("投资项目")] />
            <h1>"投资项目"</h1>
            <SearchBox state path=PATH label="搜索项目" placeholder="搜索项目、投资方、产品，如：无人机" />
            <div class="browse" on:click=move |_| state.write_url()>
                <aside class="browse-filters" aria-label="筛选">
                    <FacetPanel listing path=PATH />
                </aside>
                <section class="browse-results" aria-label="项目列表">
                    <div class="results-bar">
                        <p class="result-count" role="status">{move || format!("共 {} 个项目", listing.with(|l| l.total))}</p>
                        <SortMenu listing path=PATH />
                        <ShareButton path=Signal::derive(move || listing.with(|l| l.query.href(PATH))) title="投资项目" />
                    </div>
                    <ActiveFilters listing path=PATH />
                    {project_results(listing, b.clone())}
                    <Pager listing path=PATH />
                </section>
            </div>
        }
    })
}

/// One page of results, keyed by document: a card that stays in the list as the reader types
/// is kept, and only its marks follow the new terms.
fn project_results(listing: Memo<Listing>, bundle: Arc<Bundle>) -> impl IntoView {
    let empty = Memo::new(move |_| listing.with(|l| l.total == 0));
    let items = Memo::new(move |_| listing.with(|l| l.items.clone()));
    let terms = Memo::new(move |_| listing.with(|l| l.terms.clone()));
    move || {
        if empty.get() {
            return view! { <NoResults listing=listing.get() path=PATH /> }.into_any();
        }
        let bundle = bundle.clone();
        view! {
            <div class="card-grid">
                <For each=move || items.get() key=|i| *i let:i>
                    <ProjectCard project=bundle.projects[i].clone() bundle=bundle.clone() terms=terms />
                </For>
            </div>
        }
        .into_any()
    }
}
