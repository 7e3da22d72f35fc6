//! Everything that talks to the browser beyond the DOM: fetching, the clock, page metadata.
//! Kept in one small module so the rest of the app reads like plain Rust.

use gloo_net::http::Request;
use parkreader_core::Date;

use crate::error::LoadError;

/// Puts the address the page was opened at in the form the router matches: a link with doubled
/// slashes (`//projects//x/`) showed its prerendered page, then "page not found" once the app
/// took over. Called before the app reads the address.
pub fn tidy_address() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let Some(path) = location
        .pathname()
        .ok()
        .and_then(|p| parkreader_core::links::single_slashes(&p))
    else {
        return;
    };
    let search = location.search().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}{hash}")),
        );
    }
}

/// Whether this is the saved page (`/saved/`), which lists what this device keeps.
pub fn on_saved_page() -> bool {
    let base = base_path().0;
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|p| {
            p.strip_prefix(base.as_str())
                .is_some_and(|rest| rest.trim_end_matches('/') == "/saved")
        })
}

/// Where the bundle lives: the `<meta name="parkreader-bundle">` of the page, so the build can
/// point it at a content-hashed file; `/data/bundle.json` otherwise.
pub fn bundle_url() -> String {
    meta_content("parkreader-bundle").unwrap_or_else(|| "/data/bundle.json".to_string())
}

/// Which part of the bundle the page's `parkreader-bundle` names, when it is a part published
/// as a file rather than the index (`projects`: the project list's; see
/// `parkreader_core::part::Page::Projects`).
pub fn bundle_part() -> Option<String> {
    meta_content("parkreader-bundle-part").filter(|part| !part.is_empty())
}

/// The site's base path from `<meta name="parkreader-base">` (written by the build).
pub fn base_path() -> crate::state::BasePath {
    crate::state::BasePath::normalized(&meta_content("parkreader-base").unwrap_or_default())
}

/// Runs `f` between two User Timing marks, so a benchmark (or DevTools) can read how long it took
/// as the `performance.measure` entry `name`.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    #[cfg(target_arch = "wasm32")]
    {
        let performance = web_sys::window().and_then(|w| w.performance());
        let start = format!("{name}:start");
        if let Some(p) = &performance {
            let _ = p.mark(&start);
        }
        let out = f();
        if let Some(p) = &performance {
            let _ = p.measure_with_start_mark(name, &start);
        }
        out
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = name;
        f()
    }
}

/// Sets the User Timing mark `name`, for benchmarks and DevTools.
pub fn mark(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

fn meta_content(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    meta.get_attribute("content").filter(|c| !c.is_empty())
}

/// Downloads a text file, mapping each way it can fail to a [`LoadError`].
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    fetch_text_with(url, false).await
}

/// Like [`fetch_text`]; `fresh` downloads the file again, bypassing every cache (the browser's
/// and the service worker's), as a retry after bad data must. Not a revalidation (`no-cache`):
/// a host answers that by date, and a file put back with an older date than the broken copy
/// would be "not modified" for ever.
pub async fn fetch_text_with(url: &str, fresh: bool) -> Result<String, LoadError> {
    let mut request = Request::get(url);
    if fresh {
        request = request.cache(web_sys::RequestCache::Reload);
    }
    let response = request.send().await.map_err(|e| LoadError::Network {
        url: url.to_string(),
        detail: e.to_string(),
    })?;
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.to_string(),
            status: response.status(),
        });
    }
    response.text().await.map_err(|e| LoadError::Network {
        url: url.to_string(),
        detail: e.to_string(),
    })
}

/// Downloads `url` and reads it with `read`, giving what it read and the text. A copy that
/// does not read is asked for once more from the host itself (`fresh` from the start for a
/// retry): the one a cache gave, the browser's or the service worker's, may be a broken upload
/// since put right under the same name, and was all a retry got; a host asked whether it is
/// current answers by date (a file put back with `cp -a` is "not modified").
pub async fn fetch_checked<T>(
    url: &str,
    mut fresh: bool,
    read: impl Fn(&str) -> Result<T, parkreader_core::BundleError>,
) -> Result<(T, String), LoadError> {
    loop {
        let text = fetch_text_with(url, fresh).await?;
        match read(&text) {
            Ok(value) => return Ok((value, text)),
            Err(error) if fresh => {
                return Err(LoadError::Invalid {
                    url: url.to_string(),
                    error,
                })
            }
            Err(_) => fresh = true,
        }
    }
}

/// Downloads and checks an article body published as its own file (`body_url`).
pub async fn fetch_body(url: &str) -> Result<Vec<parkreader_core::Block>, LoadError> {
    fetch_checked(url, false, parkreader_core::parse_body)
        .await
        .map(|(blocks, _)| blocks)
}

/// Downloads a binary file, mapping each way it can fail to a [`LoadError`].
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let network = |e: gloo_net::Error| LoadError::Network {
        url: url.to_string(),
        detail: e.to_string(),
    };
    let response = Request::get(url).send().await.map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.to_string(),
            status: response.status(),
        });
    }
    response.binary().await.map_err(network)
}

/// Today's date on the reader's device, for relative dates ("8个月前").
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or_else(|| Date::from_ymd(2025, 1, 1).expect("a valid date"))
}

/// Scrolls to the top of the page, as a new page load would.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Once a body that arrived after its page is drawn: the heading the address's `#…` names
/// (`/articles/x/#申报条件`, `links::heading_ids`), which the router, finding none yet, had
/// left the page at its top for; unless the reader has scrolled since.
pub fn scroll_to_named_heading() {
    leptos::prelude::request_animation_frame(|| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let hash = window.location().hash().unwrap_or_default();
        if hash.len() < 2 || window.scroll_y().unwrap_or(1.0) != 0.0 {
            return;
        }
        let id = js_sys::decode_uri_component(&hash[1..])
            .ok()
            .and_then(|id| id.as_string())
            .unwrap_or_else(|| hash[1..].to_string());
        if let Some(heading) = window.document().and_then(|d| d.get_element_by_id(&id)) {
            heading.scroll_into_view();
        }
    });
}

/// Moves the keyboard focus to the first element `selector` finds, if any: where a control the
/// reader used is about to disappear (a pager link, 「清除全部」), so the focus does not fall to
/// the page's body.
pub fn focus_first(selector: &str) {
    use wasm_bindgen::JsCast;

    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Where the keyboard focus goes when the app shows another page (another path; a new search
/// or filter of the same list keeps it where the reader is): to the start of the new page's
/// content (`#main`), so the next Tab is its first link, not the skip link at the top; and on a
/// page gone back (or forward) to, to the link the reader followed from it, where they were in
/// the list. Left alone, the focus fell to the page's body with the link it was on. `url`, the
/// address shown (path and query), is what a link followed is remembered under.
#[cfg(target_arch = "wasm32")]
pub fn focus_on_page_change(
    path: leptos::prelude::Memo<String>,
    url: impl Fn() -> String + 'static,
) {
    use leptos::prelude::*;
    use std::cell::{Cell, RefCell};
    use wasm_bindgen::JsCast;

    thread_local! {
        static LISTENING: Cell<bool> = const { Cell::new(false) };
        static CAME_BACK: Cell<bool> = const { Cell::new(false) };
        static SHOWN: RefCell<String> = const { RefCell::new(String::new()) };
        // (the address shown, the `href` of a link in the page's content followed from it)
        static FOLLOWED: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    }
    if !LISTENING.replace(true) {
        // (Listeners that outlive the frame, which a change of language draws anew.)
        std::mem::forget(window_event_listener(leptos::ev::popstate, |_| {
            CAME_BACK.set(true)
        }));
        // Before the router's own listener (capturing): it shows the next page at once.
        let on_click =
            wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
                let href = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("#main a[href]").ok().flatten())
                    .and_then(|a| a.get_attribute("href"));
                if let Some(href) = href {
                    FOLLOWED.with_borrow_mut(|f| {
                        f.push((SHOWN.with_borrow(Clone::clone), href));
                        if f.len() > 50 {
                            f.remove(0);
                        }
                    });
                }
            });
        if let Some(window) = web_sys::window() {
            let _ = window.add_event_listener_with_callback_and_bool(
                "click",
                on_click.as_ref().unchecked_ref(),
                true,
            );
        }
        on_click.forget();
    }
    Effect::new(move |before: Option<String>| {
        // (`/projects` and `/projects/` are one page.)
        let now = path.get().trim_end_matches('/').to_string();
        let shown = url();
        SHOWN.set(shown.clone());
        let changed = before.is_some_and(|b| b != now);
        // After the frame: the page is drawn, and the router's `popstate`, which the page
        // changed on, has reached the listener above too.
        request_animation_frame(move || {
            let came_back = CAME_BACK.replace(false);
            if changed {
                let Some(main) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("main"))
                else {
                    return;
                };
                let followed = came_back.then(|| {
                    FOLLOWED.with_borrow(|f| {
                        f.iter()
                            .rev()
                            .find(|(page, _)| *page == shown)
                            .map(|(_, href)| href.clone())
                    })
                });
                let link = followed.flatten().and_then(|href| {
                    matching::<web_sys::HtmlElement>(&main, "a[href]")
                        .into_iter()
                        .find(|a| a.get_attribute("href").as_deref() == Some(href.as_str()))
                });
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = link
                    .unwrap_or_else(|| main.unchecked_into())
                    .focus_with_options(&options);
            }
        });
        now
    });
}

/// Copies text to the clipboard: the Clipboard API where the page may use it, else the older
/// `execCommand("copy")` that in-app webviews still support. True when either worked.
pub async fn copy_text(text: &str) -> bool {
    use wasm_bindgen::JsCast;

    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    if let Some(clipboard) = clipboard {
        let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
        if wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
            .await
            .is_ok()
        {
            return true;
        }
    }
    let Some(document) = window.document() else {
        return false;
    };
    let Ok(area) = document.create_element("textarea") else {
        return false;
    };
    let area: web_sys::HtmlTextAreaElement = area.unchecked_into();
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("style", "position:fixed;top:0;left:0;opacity:0");
    let Some(body) = document.body() else {
        return false;
    };
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let copied = document
        .unchecked_ref::<web_sys::HtmlDocument>()
        .exec_command("copy")
        .unwrap_or(false);
    area.remove();
    copied
}

/// True inside WeChat's in-app browser, which shares through its own ··· menu.
pub fn is_wechat() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .is_some_and(|ua| ua.contains("MicroMessenger"))
}

fn navigator_share_fn() -> Option<(web_sys::Navigator, js_sys::Function)> {
    use wasm_bindgen::JsCast;
    let navigator = web_sys::window()?.navigator();
    let share = js_sys::Reflect::get(&navigator, &"share".into()).ok()?;
    let share = share.dyn_into::<js_sys::Function>().ok()?;
    Some((navigator, share))
}

/// True where the system share sheet (`navigator.share`) is available.
pub fn can_share_natively() -> bool {
    navigator_share_fn().is_some()
}

/// Opens the system share sheet; false if it is missing or the reader cancelled.
pub async fn share_natively(title: &str, url: &str) -> bool {
    let Some((navigator, share)) = navigator_share_fn() else {
        return false;
    };
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
    match share.call1(&navigator, &data) {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
            .await
            .is_ok(),
        Err(_) => false,
    }
}

/// Sets an attribute of the page's root element (`<html>`), which the stylesheet and assistive
/// technology read: the reading size, the language. Natively (prerendering) it does nothing.
pub fn set_root_attribute(name: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(name, value);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, value);
}

/// The id of the `<script type="application/json">` a prerendered detail page carries its part
/// of the bundle in (`parkreader_core::part`).
pub const PART_ID: &str = "parkreader-part";

/// The part of the bundle embedded in this page, if it has one. A part that does not parse is
/// logged and ignored: the app then fetches the whole bundle instead.
pub fn embedded_part() -> Option<parkreader_core::Bundle> {
    let element = web_sys::window()?.document()?.get_element_by_id(PART_ID)?;
    let text = element.text_content()?;
    // Read once; the app holds it from here.
    element.remove();
    match parkreader_core::parse_bundle(&text) {
        Ok(bundle) => Some(bundle),
        Err(e) => {
            web_sys::console::warn_1(&format!("{PART_ID}: {e}").into());
            None
        }
    }
}

/// Whether two paths are one page: `/projects` and `/projects/`.
#[cfg(target_arch = "wasm32")]
fn same_page(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// From a page that holds only its part of the bundle, links to other pages of the site load
/// those pages (each prerendered with its own part) instead of rendering them in place, and so
/// does a step through the history to another page's address.
///
/// The router follows link clicks with a listener on `window`; this one, on `document`, stops
/// a link click from reaching it and leaves the browser's own navigation to happen, except for
/// a link to this same path with another query (the project list's pages and filters).
///
/// A page reloaded keeps the history before it, and Back to an address the document before it
/// reached in place (the article list, which rendered the article the reader then reloaded)
/// comes, in Chromium, to this document as a `popstate`, not as a page load: the router drew
/// that list from this page's part, 10 articles of 19. A listener on `window` added before the
/// router's (the app mounts after this) loads that address instead, and keeps the router from
/// drawing it first.
#[cfg(target_arch = "wasm32")]
pub fn follow_links_with_page_loads() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let page = window.location().pathname().unwrap_or_default();
    let on_step = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let now = location.pathname().unwrap_or_default();
        if !same_page(&now, &page) {
            ev.stop_immediate_propagation();
            let _ = location.reload();
        }
    });
    let _ = window.add_event_listener_with_callback("popstate", on_step.as_ref().unchecked_ref());
    on_step.forget();
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(|ev: web_sys::MouseEvent| {
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        // A link to this same page with another query (the project list's next page of
        // results, a filter dropped) stays with the router: the part holds the whole page.
        let here = web_sys::window().and_then(|w| w.location().pathname().ok());
        let in_place = link.hash().is_empty()
            && link.origin()
                == web_sys::window()
                    .and_then(|w| w.location().origin().ok())
                    .unwrap_or_default()
            && here.is_some_and(|here| same_page(&link.pathname(), &here));
        if !in_place && !ev.default_prevented() {
            ev.stop_propagation();
        }
    });
    let _ = document.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
}

/// What the reader did to a prerendered list's controls before the app took the page over:
/// text typed into the search box, boxes ticked, an order chosen, and where the focus was.
///
/// The list's controls carry their URL parameter as their `name` (and a facet box its id as
/// its `value`), so each change is a [`FormChange`](parkreader_core::query::FormChange) and the
/// view they ask for is a URL. The app starts on that URL, so nothing typed early is lost.
#[cfg(target_arch = "wasm32")]
#[derive(Debug, Default)]
pub struct EarlyInput {
    /// The list the page shows (`data-list` on its search form), if it is one.
    list: Option<parkreader_core::query::ListKind>,
    changes: Vec<parkreader_core::query::FormChange>,
    /// The control that had the focus, as (name, value), and the caret in it.
    focus: Option<(String, String, Option<u32>)>,
    /// On a page that is no list: the search box's text is kept, but it had no focus.
    only_text: bool,
}

#[cfg(target_arch = "wasm32")]
impl EarlyInput {
    /// Reads what the reader changed in the named controls under `root`.
    pub fn take(root: &web_sys::Element) -> EarlyInput {
        use parkreader_core::query::{FormChange, ListKind};
        use wasm_bindgen::JsCast;

        let list = root
            .query_selector("form[data-list]")
            .ok()
            .flatten()
            .and_then(|f| f.get_attribute("data-list"))
            .and_then(|name| ListKind::from_name(&name));
        let mut early = EarlyInput {
            list,
            ..EarlyInput::default()
        };
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        if list.is_none() {
            // No list (the home page's search box): no view to change, but what was typed in
            // a search box stays in the app's, and the focus and caret with it.
            if let Ok(Some(input)) = root.query_selector("input[type=search][name]") {
                if let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() {
                    let focused = active.as_ref() == Some(input.as_ref());
                    if focused || !input.value().is_empty() {
                        early.focus = Some((
                            input.name(),
                            input.value(),
                            input.selection_end().ok().flatten(),
                        ));
                        early.only_text = !focused;
                    }
                }
            }
            return early;
        }
        let Ok(named) = root.query_selector_all("input[name], select[name]") else {
            return early;
        };
        for el in
            (0..named.length()).filter_map(|i| named.item(i)?.dyn_into::<web_sys::Element>().ok())
        {
            let name = el.get_attribute("name").unwrap_or_default();
            let mut value = String::new();
            if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                value = input.value();
                if input.type_() == "checkbox" {
                    if input.checked() != input.default_checked() {
                        early.changes.push(FormChange::Ticked {
                            name: name.clone(),
                            value: value.clone(),
                            checked: input.checked(),
                        });
                    }
                } else if input.value() != input.default_value() {
                    early.changes.push(FormChange::Typed {
                        name: name.clone(),
                        value: value.clone(),
                    });
                }
            } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
                value = select.value();
                let chosen_at_first = (0..select.length())
                    .filter_map(|i| {
                        select
                            .item(i)?
                            .dyn_into::<web_sys::HtmlOptionElement>()
                            .ok()
                    })
                    .find(|o| o.default_selected())
                    .map(|o| o.value());
                if chosen_at_first.as_deref() != Some(value.as_str()) {
                    early.changes.push(FormChange::Chosen {
                        name: name.clone(),
                        value: value.clone(),
                    });
                }
            }
            if active.as_ref() == Some(&el) {
                let caret = el
                    .dyn_ref::<web_sys::HtmlInputElement>()
                    .and_then(|i| i.selection_end().ok().flatten());
                early.focus = Some((name, value, caret));
            }
        }
        early
    }

    /// Puts the view the changes ask for in the address bar, as a new history entry (as the
    /// app's own first keystroke or tick would), before the app reads it.
    pub fn apply_to_url(&self) {
        use parkreader_core::query::ListQuery;

        let (Some(kind), false) = (self.list, self.changes.is_empty()) else {
            return;
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
            return;
        };
        let now = ListQuery::parse(kind, &search);
        let next = now.with_form_changes(&self.changes);
        if next == now {
            return;
        }
        let query = next.to_query_string();
        let url = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }

    /// Gives the focus back to the same control, and the caret to the same place. The app
    /// renders its page in the same task as it mounts (`FlatRoutes` builds a synchronous route
    /// at once), so the control is there, and no key typed meanwhile can fall between the two.
    pub fn restore_focus(self, root: &web_sys::Element) {
        use wasm_bindgen::JsCast;

        let Some((name, value, caret)) = &self.focus else {
            return;
        };
        let Ok(named) = root.query_selector_all("[name]") else {
            return;
        };
        let found = (0..named.length())
            .filter_map(|i| named.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .find(|el| {
                el.get_attribute("name").as_deref() == Some(name.as_str())
                    && match el.dyn_ref::<web_sys::HtmlInputElement>() {
                        Some(input) if input.type_() == "checkbox" => input.value() == *value,
                        _ => true,
                    }
            });
        if let Some(el) = found {
            if !self.only_text {
                let _ = el.focus();
            }
            if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                // The app's box shows the search as the view keeps it, trimmed; the reader may be
                // between two words ("金山区 " before "新材料"), and the space must stay for what
                // comes next. A box that is no list's starts empty and takes the text as typed.
                let shown = input.value();
                if input.type_() != "checkbox"
                    && shown != *value
                    && (shown == value.trim() || shown.is_empty())
                {
                    input.set_value(value);
                }
                if self.only_text {
                    return;
                }
                if let Some(at) = caret {
                    let _ = input.set_selection_range(*at, *at);
                }
            }
        }
    }
}

/// The elements under `root` that match `selector`, as `T` (`Element`, `HtmlElement`…); none
/// for a selector the browser refuses.
#[cfg(target_arch = "wasm32")]
pub fn matching<T: wasm_bindgen::JsCast>(root: &web_sys::Element, selector: &str) -> Vec<T> {
    use wasm_bindgen::JsCast;

    let Ok(found) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into().ok())
        .collect()
}

/// Removes the prerendered page's description, canonical link and share-card tags from the
/// head: the app's `PageHead` writes its own, which keep up with the page shown, and with both
/// the page had two canonical links (which search engines may take for none) and two of each
/// card tag.
#[cfg(target_arch = "wasm32")]
pub fn drop_static_head_tags() {
    let Some(head) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.head())
    else {
        return;
    };
    let tags = matching::<web_sys::Element>(
        &head,
        "meta[name=description], link[rel=canonical], meta[property^='og:'], meta[itemprop]",
    );
    for tag in tags {
        tag.remove();
    }
}

/// Taps the app's buttons the reader tapped on the static page before the takeover (recorded
/// by the builder's `RECORD_EARLY_INPUT` script in `window.parkreaderEarlyClicks`), in the
/// order they were first tapped: the share sheet opens, the article is bookmarked. A button is
/// found by its class and text and which of the buttons alike it is, so one the app shows
/// differently (已收藏, bookmarked on an earlier visit) is not tapped. Once only.
///
/// One tap per task, each button found afresh: a tap on the language switch rebuilds the page
/// in the other language, and the share button tapped after it was, found before, a button no
/// longer on the page (the sheet never opened). Once the language has changed, a button's
/// text is the other language's, and it is found by its class and which of that class it is.
#[cfg(target_arch = "wasm32")]
pub fn replay_early_clicks(root: &web_sys::Element) {
    use js_sys::Reflect;
    use wasm_bindgen::{JsCast, JsValue};

    let Some(window) = web_sys::window() else {
        return;
    };
    let name = JsValue::from_str("parkreaderEarlyClicks");
    let Some(clicks) = Reflect::get(&window, &name)
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
    else {
        return;
    };
    let _ = Reflect::delete_property(&window, &name);
    let clicks: Vec<EarlyClick> = clicks
        .iter()
        .filter_map(|click| {
            let field = |f: &str| Reflect::get(&click, &JsValue::from_str(f)).ok();
            Some(EarlyClick {
                key: field("key")?.as_string()?,
                nth: field("nth")?.as_f64()? as usize,
                // Recorded by builds since this field came; older pages' taps keep to the key.
                of_class: field("cnth").and_then(|n| n.as_f64()).map(|n| n as usize),
            })
        })
        .collect();
    replay_from(root.clone(), std::rc::Rc::new(clicks), 0, root_lang());
}

/// A button tapped before the takeover: its class and text, which of the buttons alike it
/// was, and which of its class.
#[cfg(target_arch = "wasm32")]
struct EarlyClick {
    key: String,
    nth: usize,
    of_class: Option<usize>,
}

#[cfg(target_arch = "wasm32")]
fn root_lang() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_default()
}

/// Taps the button of `clicks[i]`, then the next ones, a task apart (see
/// [`replay_early_clicks`]); `lang` is the page's language when they were tapped.
#[cfg(target_arch = "wasm32")]
fn replay_from(
    root: web_sys::Element,
    clicks: std::rc::Rc<Vec<EarlyClick>>,
    i: usize,
    lang: String,
) {
    let Some(click) = clicks.get(i) else {
        return;
    };
    let buttons: Vec<web_sys::HtmlElement> = matching(&root, "button");
    let key = |b: &web_sys::HtmlElement| {
        format!(
            "{}\n{}",
            b.class_name(),
            b.text_content().unwrap_or_default().trim()
        )
    };
    let class = click.key.split('\n').next().unwrap_or_default();
    let button = buttons
        .iter()
        .filter(|b| key(b) == click.key)
        .nth(click.nth)
        .or_else(|| {
            let nth = click.of_class.filter(|_| root_lang() != lang)?;
            buttons.iter().filter(|b| b.class_name() == class).nth(nth)
        });
    if let Some(button) = button {
        button.click();
    }
    leptos::prelude::set_timeout(
        move || replay_from(root, clicks, i + 1, lang),
        std::time::Duration::ZERO,
    );
}

/// Runs `f` once the browser has reported the page's largest contentful paint, and no input
/// method is composing text in the page.
///
/// The takeover replaces a prerendered page's nodes with the app's identical ones. Chromium
/// reports a paint's candidate for largest contentful paint only after the frame is shown; if the
/// static node is gone by then, the app's copy is counted as the largest paint instead, later
/// and after the app's download (Lighthouse then put the home page's LCP at 3.1 s instead of
/// 0.9 s in about half of its runs). Waiting for the first report keeps the static paint as the
/// page's largest. A hidden page paints nothing and reports nothing: it is taken over at once.
/// Where the report is not available (WebKit), `f` runs after the next frame. Either way it
/// runs after at most [`PAINT_WAIT`].
///
/// Text being composed (拼音 before it is chosen) is not yet what the reader typed, and
/// replacing the box would throw it away: the takeover waits for the composition to end, for
/// at most [`COMPOSITION_WAIT`] (see [`watch_composition`]). Then it waits for a finger or
/// button pressed on the page to lift ([`after_release`]).
#[cfg(target_arch = "wasm32")]
pub fn after_first_paint(f: impl FnOnce() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let fire = once(move || after_composition(move || after_release(Box::new(f), None)));
    let hidden = web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
    if hidden {
        leptos::prelude::set_timeout(fire, std::time::Duration::ZERO);
        return;
    }
    leptos::prelude::set_timeout(fire.clone(), PAINT_WAIT);
    const LCP: &str = "largest-contentful-paint";
    // `PerformanceObserver.supportedEntryTypes`, which web-sys does not bind.
    let supported = js_sys::Reflect::get(&js_sys::global(), &"PerformanceObserver".into())
        .and_then(|class| js_sys::Reflect::get(&class, &"supportedEntryTypes".into()))
        .ok()
        .and_then(|types| types.dyn_into::<js_sys::Array>().ok())
        .is_some_and(|types| types.includes(&LCP.into(), 0));
    let observed = supported.then(|| {
        let fire = fire.clone();
        let on_entries = Closure::<dyn FnMut(JsValue, web_sys::PerformanceObserver)>::new(
            move |_entries: JsValue, observer: web_sys::PerformanceObserver| {
                observer.disconnect();
                // The first report may be of an early frame (the title before the text below
                // it): two frames more let the paint of the whole page be reported too.
                let fire = fire.clone();
                leptos::prelude::request_animation_frame(move || {
                    leptos::prelude::request_animation_frame(move || {
                        leptos::prelude::set_timeout(fire, std::time::Duration::ZERO)
                    })
                });
            },
        );
        let observer =
            web_sys::PerformanceObserver::new(on_entries.as_ref().unchecked_ref()).ok()?;
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"type".into(), &LCP.into()).ok()?;
        js_sys::Reflect::set(&options, &"buffered".into(), &true.into()).ok()?;
        observer.observe(options.unchecked_ref());
        on_entries.forget();
        Some(())
    });
    if observed.flatten().is_none() {
        // After the next frame: the static page paints first.
        leptos::prelude::request_animation_frame(move || {
            leptos::prelude::set_timeout(fire, std::time::Duration::ZERO)
        });
    }
}

/// Runs `f` once nothing is pressed on the page (the early script records a press from
/// `pointerdown` until just after its `pointerup`, `pointercancel` or `contextmenu`, or the
/// window losing focus: `window.parkreaderPressed`), checking every 25 ms, for at most
/// [`PRESS_WAIT`] since `since` (`performance.now()`; `None` the first time). Swapping the static
/// page for the app's in the middle of a tap lost the tap: pressed on a static link and
/// released on the app's copy of it, it reached neither. While it waits, `#app` carries
/// `data-takeover-waits`.
#[cfg(target_arch = "wasm32")]
fn after_release(f: Box<dyn FnOnce()>, since: Option<f64>) {
    let window = web_sys::window();
    let now = window
        .as_ref()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now());
    let pressed = window
        .as_ref()
        .and_then(|w| js_sys::Reflect::get(w, &"parkreaderPressed".into()).ok())
        .and_then(|pressed| pressed.as_bool());
    let app = window
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    let since = since.unwrap_or(now);
    if pressed != Some(true) || now - since >= PRESS_WAIT.as_millis() as f64 {
        if let Some(app) = app {
            let _ = app.remove_attribute("data-takeover-waits");
        }
        f();
        return;
    }
    if let Some(app) = app {
        let _ = app.set_attribute("data-takeover-waits", "");
    }
    leptos::prelude::set_timeout(
        move || after_release(f, Some(since)),
        std::time::Duration::from_millis(25),
    );
}

/// Notes whether the static list's filters (`details.filters` in `root`) are open, opened by
/// the reader or by the page's script on a wide screen, before the takeover replaces them, and
/// how far their row of groups was swiped, which [`restore_static_filters`] puts back (a reader
/// who had swiped along the groups was thrown back to the first).
#[cfg(target_arch = "wasm32")]
pub fn note_static_filters(root: &web_sys::Element) {
    if let Ok(Some(filters)) = root.query_selector("details.filters") {
        STATIC_FILTERS_OPEN.with(|open| open.set(Some(filters.has_attribute("open"))));
    }
    if let Ok(Some(row)) = root.query_selector(".facets") {
        STATIC_FILTERS_ACROSS.with(|at| at.set(row.scroll_left()));
    }
}

/// Swipes the app's row of filter groups in `root` where the static page's was
/// ([`note_static_filters`]).
#[cfg(target_arch = "wasm32")]
pub fn restore_static_filters(root: &web_sys::Element) {
    let across = STATIC_FILTERS_ACROSS.with(|at| at.replace(0));
    if across != 0 {
        if let Ok(Some(row)) = root.query_selector(".facets") {
            row.set_scroll_left(across);
        }
    }
}

/// Whether the filters start open: as the static list had them at the takeover (once), else on
/// a screen as wide as the stylesheet's two columns (48rem).
pub fn filters_open() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        STATIC_FILTERS_OPEN
            .with(|open| open.take())
            .unwrap_or_else(|| {
                web_sys::window()
                    .and_then(|w| w.inner_width().ok())
                    .and_then(|w| w.as_f64())
                    .is_some_and(|w| w >= 768.0)
            })
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// The longest a takeover waits for a press on the page to lift.
pub const PRESS_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// The longest [`after_first_paint`] waits for the paint to be reported.
pub const PAINT_WAIT: std::time::Duration = std::time::Duration::from_secs(3);
/// The longest a takeover waits for an input method to finish composing.
pub const COMPOSITION_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// Whether the prerendered list's filters were open when the app took the page over.
    static STATIC_FILTERS_OPEN: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
    /// How far the prerendered list's row of filter groups was swiped across.
    static STATIC_FILTERS_ACROSS: std::cell::Cell<i32> = const { std::cell::Cell::new(0) };
    /// An input method is composing text in the page (`compositionstart` seen, not its end).
    static COMPOSING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// What waits for the composition to end.
    static AFTER_COMPOSITION: std::cell::RefCell<Vec<Box<dyn FnOnce()>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Follows input-method composition anywhere in the page (listeners on `document`, in the
/// capture phase), for [`after_first_paint`]. Called once, first thing in `start()`. A
/// composition begun before then (the app's code still downloading) was seen by the builder's
/// early script, which says so in `window.parkreaderComposing`.
#[cfg(target_arch = "wasm32")]
pub fn watch_composition() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let on_start = Closure::<dyn Fn()>::new(|| COMPOSING.with(|c| c.set(true)));
    let on_end = Closure::<dyn Fn()>::new(|| {
        COMPOSING.with(|c| c.set(false));
        // After this event: the chosen text is in the box by then.
        for f in AFTER_COMPOSITION.with(|w| std::mem::take(&mut *w.borrow_mut())) {
            leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
        }
    });
    let _ = document.add_event_listener_with_callback_and_bool(
        "compositionstart",
        on_start.as_ref().unchecked_ref(),
        true,
    );
    let _ = document.add_event_listener_with_callback_and_bool(
        "compositionend",
        on_end.as_ref().unchecked_ref(),
        true,
    );
    on_start.forget();
    on_end.forget();
    let early = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"parkreaderComposing".into()).ok())
        .and_then(|composing| composing.as_bool());
    if early == Some(true) {
        COMPOSING.with(|c| c.set(true));
    }
}

/// Runs `f` now, or when the input method composing text finishes (at most
/// [`COMPOSITION_WAIT`] from now).
#[cfg(target_arch = "wasm32")]
fn after_composition(f: impl FnOnce() + 'static) {
    if !COMPOSING.with(|c| c.get()) {
        f();
        return;
    }
    let run = once(f);
    AFTER_COMPOSITION.with(|w| w.borrow_mut().push(Box::new(run.clone())));
    leptos::prelude::set_timeout(run, COMPOSITION_WAIT);
}

/// `f` as a function that can be called from several places (an event and its timeout
/// fallback) and runs `f` the first time only.
#[cfg(target_arch = "wasm32")]
fn once(f: impl FnOnce() + 'static) -> impl Fn() + Clone + 'static {
    let pending = std::rc::Rc::new(std::cell::RefCell::new(Some(f)));
    move || {
        let f = pending.borrow_mut().take();
        if let Some(f) = f {
            f();
        }
    }
}
