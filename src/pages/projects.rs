//! `/projects`: search, filter (industry, district, park, status, size, year) and sort projects.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use parkreader_core::browse::{Listing, PAGE_SIZE};
use parkreader_core::query::{ListKind, ListQuery};
use parkreader_core::Bundle;

use crate::components::browse::{ActiveFilters, FacetPanel, NoResults, Pager, SearchBox, SortMenu};
use crate::components::cards::ProjectCard;
use crate::components::meta::{Breadcrumb, Crumb, PageHead, PageInfo};
use crate::components::share::ShareButton;
use crate::components::states::with_bundle;
use crate::state::list_index;

const PATH: &str = "/projects";

/// The project list.
#[component]
pub fn ProjectsPage() -> impl IntoView {
    let location = use_location();
    let query = Memo::new(move |_| ListQuery::parse(ListKind::Projects, &location.search.get()));
    with_bundle(move |bundle| {
        let index = list_index(&bundle, ListKind::Projects);
        let listing = Memo::new(move |_| index.run(&query.get(), PAGE_SIZE));
        let b = bundle.clone();
        view! {
            <PageHead
                info=PageInfo { title: "投资项目".into(), description: bundle.site.description.clone(), path: PATH.into(), image: None, kind: "website" }
                bundle=bundle.clone()
            />
            <Breadcrumb crumbs=vec![Crumb::link("首页", "/"), Crumb::here("投资项目")] />
            <h1>"投资项目"</h1>
            <SearchBox query path=PATH label="搜索项目" placeholder="搜索项目、投资方、产品，如：无人机" />
            <div class="browse">
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
                    {move || project_results(listing.get(), b.clone())}
                    <Pager listing path=PATH />
                </section>
            </div>
        }
    })
}

fn project_results(listing: Listing, bundle: Arc<Bundle>) -> AnyView {
    if listing.total == 0 {
        return view! { <NoResults listing path=PATH /> }.into_any();
    }
    let terms = listing.terms.clone();
    view! {
        <div class="card-grid">
            {listing
                .items
                .iter()
                .map(|&i| {
                    let project = bundle.projects[i].clone();
                    view! { <ProjectCard project bundle=bundle.clone() terms=terms.clone() /> }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}
