//! parkreader's WebAssembly app: a Leptos reader for a bundle of articles and projects.
//!
//! The pure logic lives in `parkreader-core`; this crate is the browser side of it.

pub mod app;
pub mod browser;
pub mod components;
pub mod error;
pub mod pages;
pub mod state;

/// Replaces the page's boot placeholder with the running app.
pub fn start() {
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, app::App).forget();
}
