//! `/projects`: every project, featured first, then the most recent.

use leptos::prelude::*;
use leptos_meta::Title;
use parkreader_core::Project;

use crate::components::cards::ProjectCard;
use crate::components::meta::{Breadcrumb, Crumb};
use crate::components::states::with_bundle;

/// The project list.
#[component]
pub fn ProjectsPage() -> impl IntoView {
    with_bundle(|bundle| {
        let projects: Vec<Project> = bundle.projects_newest(true).into_iter().cloned().collect();
        let count = projects.len();
        let b = bundle.clone();
        view! {
            <Title text=format!("投资项目 - {}", bundle.site.name) />
            <Breadcrumb crumbs=vec![Crumb::link("首页", "/"), Crumb::here("投资项目")] />
            <h1>"投资项目"</h1>
            <p class="result-count">"共 " {count} " 个项目"</p>
            <div class="card-grid">
                {projects.into_iter().map(|p| view! { <ProjectCard project=p bundle=b.clone() /> }).collect_view()}
            </div>
        }
    })
}
