#![recursion_limit = "256"]
//! parkreader's WebAssembly app: a Leptos reader for a bundle of articles and projects.
//!
//! The pure logic lives in `parkreader-core`; this crate is the browser side of it.

pub mod app;
pub mod browser;
pub mod components;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod state;

/// Starts the reader in the page's `#app` element.
///
/// On a prerendered page (`data-prerendered` on `#app`) the static content stays on screen
/// while the bundle downloads; the app then mounts over it with the same markup, so nothing
/// flashes or moves. On the plain shell (404.html, filtered lists) the app mounts at once and
/// shows its loading skeleton.
#[cfg(feature = "csr")]
pub fn start() {
    use std::sync::Arc;

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let prerendered = root.has_attribute("data-prerendered");
    let mount = move |initial: Option<state::Load>| {
        root.set_inner_html("");
        // From here on the page is the live app (tests and benchmarks wait for this).
        let _ = root.remove_attribute("data-prerendered");
        leptos::mount::mount_to(root, move || {
            provide_context(state::Today(browser::today()));
            provide_context(browser::base_path());
            if let Some(load) = initial {
                state::Catalog::with_state(load);
            }
            view! { <app::App /> }
        })
        .forget();
    };
    if prerendered {
        wasm_bindgen_futures::spawn_local(async move {
            match state::fetch_bundle().await {
                Ok(bundle) => mount(Some(state::Load::Ready(Arc::new(bundle)))),
                // The static page was built from a valid bundle and is still right: keep it,
                // and say above it what went wrong, with a retry.
                Err(error) => components::states::show_static_notice(error),
            }
        });
    } else {
        mount(None);
    }
}
