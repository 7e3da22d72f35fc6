//! The app shell: loads the bundle, draws the frame, and maps URLs to pages.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::{Footer, Header};
use crate::components::library::UpdateBanner;
use crate::components::states::{NotFound, StaleNotice};
use crate::offline::Offline;
use crate::pages::{
    article::ArticlePage, articles::ArticlesPage, category::CategoryPage, home::HomePage,
    project::ProjectPage, projects::ProjectsPage, saved::SavedPage,
};
use crate::state::{use_base_path, Catalog};

/// The whole reader.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    if use_context::<Catalog>().is_none() {
        Catalog::provide();
    }
    Offline::provide();
    view! {
        <Title text="招商资讯" />
        <Router base=use_base_path()>
            <a class="skip-link" href="#main">"跳到正文"</a>
            <Header />
            <main id="main" class="wrap" tabindex="-1">
                <StaleNotice />
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/articles") view=ArticlesPage />
                    <Route path=path!("/articles/:id") view=ArticlePage />
                    <Route path=path!("/projects") view=ProjectsPage />
                    <Route path=path!("/projects/:id") view=ProjectPage />
                    <Route path=path!("/categories/:id") view=CategoryPage />
                    <Route path=path!("/saved") view=SavedPage />
                </Routes>
            </main>
            <UpdateBanner />
            <Footer />
        </Router>
    }
}
