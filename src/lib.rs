#![recursion_limit = "256"]
//! parkreader's WebAssembly app: a Leptos reader for a bundle of articles and projects.
//!
//! The pure logic lives in `parkreader-core`; this crate is the browser side of it.

pub mod app;
pub mod browser;
pub mod components;
pub mod error;
pub mod i18n;
pub mod offline;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod state;

/// Starts the reader in the page's `#app` element.
///
/// On a prerendered page (`data-prerendered` on `#app`) the static content stays on screen
/// while the bundle downloads; the app then mounts over it with the same markup, so nothing
/// flashes or moves, once the static page's largest paint has been reported
/// ([`browser::after_first_paint`]). A detail page embeds the part of the bundle it shows
/// (`parkreader_core::part`), and the app mounts from that with no download; the project list
/// names its part as a file (`<meta name="parkreader-bundle-part">`), which it downloads instead
/// of the site's index, and from both, links load pages ([`browser::bundle_part`]). What the reader
/// typed or ticked on a static list is kept ([`browser::EarlyInput`]), and a button tapped
/// before the takeover is tapped again in the app ([`browser::replay_early_clicks`]). On the
/// plain shell (404.html, filtered lists) the app mounts at once and shows its loading skeleton.
#[cfg(feature = "csr")]
pub fn start() {
    use std::sync::Arc;

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    browser::tidy_address();
    // Scripts run: the controls that need them show (the built pages' early script says so
    // first; a shell without it, as `trunk serve` gives, has it from here).
    browser::set_root_attribute("data-js", "");
    browser::watch_composition();
    crate::components::reading::apply_saved();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let prerendered = root.has_attribute("data-prerendered");
    // A page whose data is a part of the bundle published as a file (the project list's)
    // lacks the rest of the site, as a detail page does.
    if browser::bundle_part().is_some() {
        browser::follow_links_with_page_loads();
    }
    // What to start with: nothing (the app loads the bundle), a bundle, or the copy saved on
    // this device and why it is shown.
    type Initial = Option<(state::Load, Option<(u64, error::LoadError)>)>;
    let mount = move |initial: Initial| {
        // What the reader typed or ticked on the static list: the app starts on the view it
        // asks for, with the focus where it was.
        let early = browser::EarlyInput::take(&root);
        early.apply_to_url();
        browser::note_static_filters(&root);
        let app_root = root.clone();
        browser::drop_static_head_tags();
        root.set_inner_html("");
        // From here on the page is the live app (tests and benchmarks wait for this).
        let _ = root.remove_attribute("data-prerendered");
        leptos::mount::mount_to(root, move || {
            provide_context(state::Today(browser::today()));
            provide_context(browser::base_path());
            if let Some((load, saved)) = initial {
                let catalog = state::Catalog::with_state(load);
                if let Some((at, error)) = saved {
                    catalog.saved_at.set(Some(at));
                    catalog.stale_error.set(Some(error));
                }
            }
            view! { <app::App /> }
        })
        .forget();
        browser::restore_static_filters(&app_root);
        early.restore_focus(&app_root);
        browser::replay_early_clicks(&app_root);
    };
    if prerendered {
        // A detail page carries the part of the bundle it shows: no download at all.
        if let Some(part) = browser::embedded_part() {
            browser::follow_links_with_page_loads();
            // Once the static page's paint has been reported (so the takeover, with the same
            // markup, is not a later largest paint); starting the app and mounting it are then
            // two tasks instead of one long one.
            browser::after_first_paint(move || {
                mount(Some((state::Load::Ready(Arc::new(part)), None)))
            });
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            match state::fetch_bundle(false).await {
                // On a fast network the data can come before the static page's paint has
                // been reported: the takeover waits for it too.
                Ok(bundle) => browser::after_first_paint(move || {
                    mount(Some((state::Load::Ready(Arc::new(bundle)), None)))
                }),
                Err(error) => match state::saved_copy() {
                    // Offline without a service worker: the copy saved on this device.
                    Some((bundle, at)) => browser::after_first_paint(move || {
                        mount(Some((
                            state::Load::Ready(Arc::new(bundle)),
                            Some((at, error)),
                        )))
                    }),
                    // The saved page shows what this device keeps, which needs no data of
                    // the site's: it starts, with what went wrong in place of the site's part.
                    None if browser::on_saved_page() => browser::after_first_paint(move || {
                        mount(Some((state::Load::Failed(error), None)))
                    }),
                    // The static page was built from a valid bundle and is still right: keep
                    // it, and say above it what went wrong, with a retry.
                    None => components::states::show_static_notice(error),
                },
            }
        });
    } else {
        mount(None);
    }
}
