//! `/projects`: search, filter (industry, district, park, status, size, year) and sort projects.

use leptos::prelude::*;
use parkreader_core::query::ListKind;

use crate::components::browse::{
    heard_order, results, ActiveFilters, DroppedFilters, FacetPanel, ListState, ListTitle,
    OpeningView, Pager, SearchBox, SortMenu,
};
use crate::components::cards::ProjectCard;
use crate::components::meta::{Breadcrumb, Crumb, PageHead, PageInfo};
use crate::components::share::ShareButton;
use crate::components::states::with_bundle;
use crate::i18n::lang;
use crate::state::list_index;

const PATH: &str = "/projects";

/// The project list.
#[component]
pub fn ProjectsPage() -> impl IntoView {
    let state = ListState::new(ListKind::Projects);
    let query = state.query;
    with_bundle(move |bundle| {
        let index = list_index(&bundle, ListKind::Projects);
        // The whole of a small list, for a shared link's view before the app (prerender only).
        #[cfg(not(target_arch = "wasm32"))]
        index.provide_early_view();
        let listing = Memo::new(move |_| {
            let query = query.get();
            crate::browser::timed("parkreader:search", || index.run(&query))
        });
        state.tidy_address(listing, PATH, || true);
        let b = bundle.clone();
        let lang = lang();
        let t = lang.ui();
        view! {
            <PageHead
                info=PageInfo { title: t.investment_projects.into(), description: bundle.site.description.clone(), path: PATH.into(), image: None, kind: "website" }
                bundle=bundle.clone()
            />
            <ListTitle listing list=t.investment_projects site=b.site.name.clone() />
            <Breadcrumb crumbs=vec![Crumb::link(t.home, "/"), Crumb::here(t.investment_projects)] />
            <h1>{t.investment_projects}</h1>
            <SearchBox state path=PATH label=t.search_projects placeholder=lang.search_hint(t.search_projects_hint, b.taxonomies.industries.first().map(|i| i.label(lang))) />
            <OpeningView path=PATH />
            <div class="browse" on:click=move |_| state.write_url()>
                <aside class="browse-filters" aria-label=t.filters>
                    <FacetPanel listing path=PATH />
                </aside>
                <section class="browse-results" aria-labelledby="results-heading">
                    <h2 id="results-heading" class="visually-hidden" tabindex="-1">{t.project_list}</h2>
                    <div class="results-bar">
                        <p class="result-count" role="status"><span>{move || lang.project_count(listing.with(|l| l.total))}</span><span class="visually-hidden">{move || heard_order(listing, lang)}</span></p>
                        <SortMenu listing path=PATH />
                        <ShareButton path=Signal::derive(move || listing.with(|l| l.query.href(PATH))) title=t.investment_projects />
                    </div>
                    <DroppedFilters state listing />
                    <ActiveFilters listing path=PATH />
                    {results(listing, None, PATH, "card-grid", move |i, terms| {
                        view! { <ProjectCard project=b.projects[i].clone() bundle=b.clone() terms /> }
                    })}
                    <Pager listing path=PATH />
                </section>
            </div>
        }
    })
}
