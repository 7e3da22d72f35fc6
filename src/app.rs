//! The app shell: loads the bundle, draws the frame, and maps URLs to pages.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

use crate::components::layout::{Footer, Header};
use crate::components::library::UpdateBanner;
use crate::components::states::{NotFound, StaleNotice};
use crate::i18n::{ui, Locale};
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
    let offline = Offline::provide();
    // Saved and read entries of items renamed since follow them ([`parkreader_core::Moved`]).
    let catalog = crate::state::use_catalog();
    Effect::new(move || {
        if let Some(bundle) = catalog.bundle() {
            offline.follow_moves(&bundle.moved);
        }
    });
    let locale = use_context::<Locale>().unwrap_or_else(Locale::provide);
    view! {
        <Router base=use_base_path()>
            // Everything under the router is rebuilt when the language changes; the view
            // itself lives in the URL, so nothing the reader chose is lost.
            {move || {
                locale.0.track();
                view! { <Frame /> }
            }}
        </Router>
    }
}

/// Skip link, header, the routed page, update banner and footer, in the current language.
#[component]
fn Frame() -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    {
        let location = leptos_router::hooks::use_location();
        crate::browser::focus_on_page_change(location.pathname, move || {
            format!("{}{}", location.pathname.get(), location.search.get())
        });
        // A reader going from page to page asks for a new deploy (at most once a minute), not
        // only every half hour and when the tab comes back: the data in hand would open an
        // article taken down or corrected since.
        let offline = use_context::<Offline>();
        Effect::new(move |before: Option<()>| {
            location.pathname.track();
            if before.is_some() {
                if let Some(offline) = offline {
                    offline.check_for_update_if_due();
                }
            }
        });
    }
    view! {
            // Moves the focus itself: the router takes the click for a same-page link to `#main`
            // and on some pages left the focus on the skip link.
            <a class="skip-link" href="#main" on:click=|ev| { ev.prevent_default(); crate::browser::focus_first("#main"); }>{ui().skip_to_content}</a>
            <Header />
            <main id="main" class="wrap" tabindex="-1">
                <StaleNotice />
                <FlatRoutes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/articles") view=ArticlesPage />
                    // `*tail`: what a chat glued on after the slash (`/articles/x/。`), for
                    // `states::meant_id`; empty for the item's own address.
                    <Route path=path!("/articles/:id/*tail") view=ArticlePage />
                    <Route path=path!("/projects") view=ProjectsPage />
                    <Route path=path!("/projects/:id/*tail") view=ProjectPage />
                    <Route path=path!("/categories/:id/*tail") view=CategoryPage />
                    <Route path=path!("/saved") view=SavedPage />
                </FlatRoutes>
            </main>
            <UpdateBanner />
            <Footer />
    }
}
