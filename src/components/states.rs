//! What a page shows while content loads, when it cannot load, and when it does not exist.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;
use parkreader_core::Bundle;

use crate::error::LoadError;
use crate::i18n::{lang, ui};
use crate::state::site_href;
use crate::state::{use_catalog, Load};

/// Says `message`: a file this page named is gone from the host, because the site was deployed
/// again since the page opened (data files are named after their content), so asking again gets
/// the same 404. Asks whether a new worker waits, and offers to reload into the site as it is
/// now. For an article's text and for the search shards.
#[component]
pub fn SiteUpdated(message: &'static str) -> impl IntoView {
    let offline = crate::offline::use_offline();
    if let Some(offline) = offline {
        offline.check_for_update();
    }
    view! {
        <div class="inline-error" role="alert">
            <p>{message}</p>
            <button type="button" class="button small" on:click=move |_| {
                if let Some(offline) = offline {
                    offline.accept_update();
                }
            }>{ui().reload_page}</button>
        </div>
    }
}

/// The address and title of the item of `items` (id, title) that a link to the unknown `id` at
/// `/<list>/<id>` most likely meant: mistyped, or cut short by a chat
/// (`links::closest_id`), for [`NotFound`] to offer.
pub fn closest_item(id: &str, list: &str, items: Vec<(&str, &str)>) -> Option<(String, String)> {
    let ids: Vec<&str> = items.iter().map(|(id, _)| *id).collect();
    let meant = parkreader_core::links::closest_id(id, &ids)?;
    let (_, title) = items.into_iter().find(|(id, _)| *id == meant)?;
    Some((site_href(&format!("/{list}/{meant}")), title.to_string()))
}

/// The id of the item a detail page at `/<list>/<id>/<tail>` shows (the route's `id` and
/// `tail`): the id as written if `exists` says so, else the id it most likely means
/// (`links::id_meant`: `JN-IC-2024`, `x.html`, `x/index.html`, or `x/。`, a chat's full stop
/// after the slash the site writes) if that exists, and the address becomes that item's own,
/// so that a share or bookmark from here is the right link. The old id of a renamed item
/// (`moved`, the bundle's for this list) means the item.
pub fn meant_id(
    params: &leptos_router::params::ParamsMap,
    list: &str,
    exists: &dyn Fn(&str) -> bool,
    moved: Option<&std::collections::BTreeMap<String, String>>,
) -> String {
    let id = match params.get("tail").filter(|tail| !tail.is_empty()) {
        Some(tail) => format!("{}/{tail}", params.get("id").unwrap_or_default()),
        None => params.get("id").unwrap_or_default(),
    };
    if exists(&id) {
        return id;
    }
    let meant = parkreader_core::links::id_meant(&id)
        .filter(|meant| exists(meant))
        .or_else(|| moved?.get(&id).filter(|now| exists(now)).cloned());
    match meant {
        Some(meant) => {
            // In the browser; the builder prerenders only the items' own addresses.
            #[cfg(target_arch = "wasm32")]
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let address = site_href(&format!("/{list}/{meant}"));
                let _ = history.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&address),
                );
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = list;
            meant
        }
        None => id,
    }
}

/// Renders `page` with the bundle once it is loaded; a skeleton before, the error screen on failure.
pub fn with_bundle<V: IntoView + 'static>(
    page: impl Fn(Arc<Bundle>) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let catalog = use_catalog();
    move || match catalog.load.get() {
        Load::Loading => view! { <Loading /> }.into_any(),
        Load::Failed(error) => view! { <ErrorScreen error /> }.into_any(),
        Load::Ready(bundle) => page(bundle).into_any(),
    }
}

/// Grey placeholder lines the size of a page's first screen, so nothing jumps when content arrives.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="loading" role="status" aria-live="polite">
            <h1 class="visually-hidden">{ui().loading}</h1>
            <div class="skeleton skeleton-title"></div>
            <div class="skeleton skeleton-line"></div>
            <div class="skeleton skeleton-line"></div>
            <div class="skeleton skeleton-line short"></div>
        </div>
    }
}

/// Names what went wrong in plain words, shows the details for the publisher, and offers a retry.
#[component]
pub fn ErrorScreen(error: LoadError) -> impl IntoView {
    let catalog = use_catalog();
    let details = error.details();
    let lang = lang();
    let t = lang.ui();
    view! {
        <Title text=error.title(lang) />
        <section class="error-screen" role="alert">
            <h1>{error.title(lang)}</h1>
            <p>{error.message(lang)}</p>
            <button type="button" class="button" on:click=move |_| catalog.reload()>{t.retry}</button>
            <details>
                <summary>{t.technical_details}</summary>
                <ul class="problems">{details.into_iter().map(|d| view! { <li><code>{d}</code></li> }).collect_view()}</ul>
            </details>
        </section>
    }
}

/// A reload failed but the last good content is still shown: the one loaded earlier in this
/// visit, or the copy saved on this device (then saying from when).
#[component]
pub fn StaleNotice() -> impl IntoView {
    let catalog = use_catalog();
    let lang = lang();
    let t = lang.ui();
    move || {
        catalog.stale_error.get().map(|error| {
            let what = match catalog.saved_at.get() {
                Some(at) => {
                    lang.showing_saved_copy(&crate::offline::format_saved_at(at, lang))
                }
                None => t.stale_failed.to_string(),
            };
            view! {
                <div class="notice" role="status">
                    <span>{what} " " {error.message(lang)}</span>
                    <button type="button" class="button small" on:click=move |_| catalog.reload()>{t.retry}</button>
                </div>
            }
        })
    }
}

/// A prerendered page whose data could not be loaded: the page stays as it is (it was built
/// from a valid bundle), with this notice above it naming the problem and offering a retry.
#[component]
pub fn StaticPageNotice(error: LoadError, #[prop(optional)] whole_list: bool) -> impl IntoView {
    let details = error.details();
    let lang = crate::i18n::saved();
    let t = lang.ui();
    let colon = lang.labelled("", "");
    let kept = if whole_list {
        t.static_whole_list
    } else {
        t.static_kept
    };
    view! {
        <div class="notice static-notice" role="alert">
            <p><strong>{error.title(lang)}</strong>{colon}{error.message(lang)} " " {kept}</p>
            <button type="button" class="button small" on:click=|_| reload_page()>{t.retry}</button>
            <details>
                <summary>{t.technical_details}</summary>
                <ul class="problems">{details.into_iter().map(|d| view! { <li><code>{d}</code></li> }).collect_view()}</ul>
            </details>
        </div>
    }
}

fn reload_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Puts a [`StaticPageNotice`] at the top of the prerendered page's main content. The page is
/// no longer waiting for the app: a list opened on a link's view (`data-list-view`, which hid
/// its static results for "正在按链接中的条件筛选…" for ever) shows its whole first page again,
/// and says so, and the controls that only the app works are disabled, as when the app's code
/// does not load (`prerender::APP_FAILED`).
#[cfg(feature = "csr")]
pub fn show_static_notice(error: LoadError) {
    use wasm_bindgen::JsCast;

    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let whole_list = document.document_element().is_some_and(|html| {
        let marked = html.has_attribute("data-list-view");
        let _ = html.remove_attribute("data-list-view");
        marked
    });
    if let Some(app) = document.get_element_by_id("app") {
        let _ = app.remove_attribute("data-prerendered");
        let controls = "input, select, button, [aria-busy]";
        for control in crate::browser::matching::<web_sys::Element>(&app, controls) {
            let _ = control.set_attribute("disabled", "");
            let _ = control.remove_attribute("aria-busy");
        }
    }
    let Some(main) = document.get_element_by_id("main") else {
        return;
    };
    let Ok(host) = document.create_element("div") else {
        return;
    };
    if main
        .insert_before(&host, main.first_child().as_ref())
        .is_err()
    {
        return;
    }
    leptos::mount::mount_to(
        host.unchecked_into(),
        move || view! { <StaticPageNotice error whole_list /> },
    )
    .forget();
}

/// A friendly not-found page with a way home, and to the item the link most likely meant
/// (`meant`: its address and title; `parkreader_core::links::closest_id`).
#[component]
pub fn NotFound(
    #[prop(into, optional)] what: Option<String>,
    #[prop(default = None)] meant: Option<(String, String)>,
) -> impl IntoView {
    let lang = lang();
    let t = lang.ui();
    let message = what.unwrap_or_else(|| t.not_found_page.to_string());
    // Offline, the device knows the site as of its last visit: the page may be newer, not gone.
    let offline = crate::offline::use_offline().map(|o| o.offline);
    let reason = move || match offline.is_some_and(|o| o.get()) {
        true => lang.not_found_offline(&message),
        false => lang.not_found_reason(&message),
    };
    // Named like every other page (page - site): a tab or a history entry of 「页面不存在」 alone
    // did not say which site's.
    let catalog = use_catalog();
    let title = move || match catalog.bundle() {
        Some(bundle) => crate::components::meta::page_title(t.not_found_title, &bundle.site.name),
        None => t.not_found_title.to_string(),
    };
    view! {
        <Title text=title />
        <section class="not-found">
            <p class="not-found-code" aria-hidden="true">"404"</p>
            <h1>{t.not_found_title}</h1>
            <p>{reason}</p>
            {meant.map(|(href, title)| view! {
                <p>{t.did_you_mean}<a href=href>{title}</a></p>
            })}
            // Plain links (the router follows them all the same): the router's own marks one
            // whose address starts the page's `aria-current="page"`, and a screen reader said
            // 「浏览全部文章，当前页」 on /articles/nope.
            <p class="actions">
                <a href=site_href("/") class="button">{t.back_home}</a>
                <a href=site_href("/articles") class="button secondary">{t.browse_articles}</a>
                <a href=site_href("/projects") class="button secondary">{t.browse_projects}</a>
            </p>
        </section>
    }
}
