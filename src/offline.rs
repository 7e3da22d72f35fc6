//! Reading without a network, and what the reader keeps on the device.
//!
//! - The service worker (`sw.js`, written by the build) is registered here, and when a new
//!   deploy's worker is waiting, [`Offline::update_ready`] turns on the "有更新，点击刷新"
//!   banner; accepting it activates the worker and reloads. A page that is already that
//!   deploy's lets the worker take over without the banner.
//! - Where there is no service worker (iOS in-app webviews), the last good bundle is kept in
//!   `localStorage` and used when the network fails. A full or forbidden storage is never fatal.
//! - Bookmarks and reading history ([`parkreader_core::library`]) live in `localStorage`
//!   under a key of their own, so app updates never touch them.
//!
//! Natively (prerendering) all of this is absent: nothing is stored and nothing is registered.

use leptos::prelude::*;
use parkreader_core::library::{Entry, ItemKind, Library, LibraryError, Merged, Shelf};

/// The device's offline state, shared through context.
#[derive(Clone, Copy)]
pub struct Offline {
    /// The browser reports no network.
    pub offline: RwSignal<bool>,
    /// A new version is installed and waits for the reader's go-ahead.
    pub update_ready: RwSignal<bool>,
    /// The reader's bookmarks and history.
    pub library: RwSignal<Library>,
}

/// Storage keys. The library key never changes between versions.
const LIBRARY_KEY: &str = "parkreader:library";
const BUNDLE_KEY: &str = "parkreader:bundle";
const BUNDLE_META_KEY: &str = "parkreader:bundle-meta";
/// The parts of the bundle a page may load as a file of its own, each saved under its own key.
const SAVED_PARTS: [&str; 1] = ["projects"];

impl Offline {
    /// Provides the offline state and starts watching the network and the service worker.
    pub fn provide() -> Offline {
        let library = storage_get(LIBRARY_KEY)
            .and_then(|text| Library::parse(&text).ok())
            .unwrap_or_default();
        let state = Offline {
            offline: RwSignal::new(false),
            update_ready: RwSignal::new(false),
            library: RwSignal::new(library),
        };
        provide_context(state);
        #[cfg(target_arch = "wasm32")]
        watch(state);
        state
    }

    /// Activates the waiting version and reloads into it.
    pub fn accept_update(self) {
        #[cfg(target_arch = "wasm32")]
        sw::accept_update();
    }

    /// Asks whether a new deploy is out (a file this page named is gone from the host): if so,
    /// its worker installs and [`Offline::update_ready`] turns on.
    pub fn check_for_update(self) {
        #[cfg(target_arch = "wasm32")]
        sw::check_for_update();
    }

    /// [`Offline::check_for_update`], unless a check went out less than a minute ago.
    pub fn check_for_update_if_due(self) {
        #[cfg(target_arch = "wasm32")]
        sw::check_for_update_if_due();
    }

    /// Bookmarks `entry`, or removes its bookmark.
    pub fn toggle_bookmark(self, entry: Entry) {
        self.library.update(|l| {
            l.toggle_bookmark(entry);
        });
        self.store_library();
    }

    /// Takes an item off the bookmarks or the history.
    pub fn remove(self, shelf: Shelf, kind: ItemKind, id: &str) {
        self.library.update(|l| {
            l.remove(shelf, kind, id);
        });
        self.store_library();
    }

    /// Empties a list, giving what it had, for [`Offline::restore`]; nothing if the browser
    /// would not keep the change.
    pub fn clear(self, shelf: Shelf) -> Option<Vec<Entry>> {
        self.kept_change(|l| l.clear(shelf))
    }

    /// Puts back what [`Offline::clear`] took.
    pub fn restore(self, shelf: Shelf, entries: Vec<Entry>) {
        self.library.update(|l| l.restore(shelf, entries));
        self.store_library();
    }

    /// Renames the entries of items renamed since (see [`Library::follow_moves`]).
    pub fn follow_moves(self, moved: &parkreader_core::Moved) {
        if moved.is_empty() {
            return;
        }
        let mut library = self.library.get_untracked();
        if library.follow_moves(moved) {
            self.library.set(library);
            self.store_library();
        }
    }

    /// Records that an item was read.
    pub fn record_visit(self, entry: Entry) {
        self.library.update(|l| l.record_visit(entry));
        self.store_library();
    }

    /// Adds the bookmarks and history in an exported file. When the browser will not keep the
    /// result (its storage full), the library stays as it was, and the import says so: it said
    /// it had imported, and every change after it was lost with it on the next visit.
    pub fn import(self, text: &str) -> Result<Merged, LibraryError> {
        let (other, skipped) = Library::parse_skipping(text)?;
        let merged = self
            .kept_change(|l| l.merge(other))
            .ok_or(LibraryError::NotStored)?;
        Ok(Merged { skipped, ..merged })
    }

    /// Makes `change` to the library and stores it, giving what `change` gave; when the browser
    /// will not keep it (its storage full), the library is put back as it was, and `None`.
    fn kept_change<T>(self, change: impl FnOnce(&mut Library) -> T) -> Option<T> {
        let before = self.library.get_untracked();
        let mut given = None;
        self.library.update(|l| given = Some(change(l)));
        if self.store_library() {
            given
        } else {
            self.library.set(before);
            None
        }
    }

    /// Whether the library was stored.
    fn store_library(self) -> bool {
        let text = self.library.with_untracked(Library::to_json);
        storage_set(LIBRARY_KEY, &text)
    }
}

/// The offline state, if the app provides one (it does not while prerendering).
pub fn use_offline() -> Option<Offline> {
    use_context::<Offline>()
}

/// An entry for an item read or bookmarked now.
pub fn entry(kind: ItemKind, id: &str, title: &str) -> Entry {
    Entry {
        kind,
        id: id.to_string(),
        title: title.to_string(),
        at: now_ms(),
    }
}

/// Milliseconds since 1970.
pub fn now_ms() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// Keeps the text of a bundle that loaded and validated, for when the network fails. Writes
/// only when the bundle changed; a storage that is full or forbidden just keeps nothing. A part
/// of the bundle published as a file (`part`, the project list's) has a place of its own, so it
/// never replaces the saved index of everything; a new index replaces a saved part too (it
/// holds everything the part does), so that the part never takes the index's room.
pub fn save_bundle(url: &str, text: &str, part: Option<&str>) {
    let Some((key, meta_key)) = bundle_keys(part) else {
        return;
    };
    let saved_url =
        storage_get(&meta_key).and_then(|meta| meta.split_once('\n').map(|(u, _)| u.to_string()));
    if saved_url.as_deref() == Some(url) {
        return;
    }
    // The old copies go first, so that the new one has the room.
    storage_remove(&key);
    if part.is_none() {
        for (part_key, part_meta) in SAVED_PARTS.iter().filter_map(|p| bundle_keys(Some(p))) {
            storage_remove(&part_meta);
            storage_remove(&part_key);
        }
    }
    if storage_set(&key, text) {
        storage_set(&meta_key, &format!("{url}\n{}", now_ms()));
    } else {
        storage_remove(&meta_key);
    }
}

/// The bundle text kept by [`save_bundle`] for `part` (`None`: the whole index), and when it
/// was saved (ms since 1970).
pub fn saved_bundle(part: Option<&str>) -> Option<(String, u64)> {
    let (key, meta_key) = bundle_keys(part)?;
    let meta = storage_get(&meta_key)?;
    let at = meta.split_once('\n')?.1.parse().ok()?;
    Some((storage_get(&key)?, at))
}

/// The storage keys of the saved bundle text and of its URL and time, per part; none for a
/// part this app does not know, which is then not kept (never in the index's place).
fn bundle_keys(part: Option<&str>) -> Option<(String, String)> {
    match part {
        None => Some((BUNDLE_KEY.to_string(), BUNDLE_META_KEY.to_string())),
        Some(part) if SAVED_PARTS.contains(&part) => Some((
            format!("{BUNDLE_KEY}:{part}"),
            format!("{BUNDLE_META_KEY}:{part}"),
        )),
        Some(_) => None,
    }
}

/// A saving time as the reader's local date and time: `2026年11月28日 14:05`.
pub fn format_saved_at(ms: u64, lang: parkreader_core::Lang) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        lang.date_time(
            d.get_full_year() as i32,
            d.get_month() + 1,
            d.get_date(),
            d.get_hours(),
            d.get_minutes(),
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang;
        ms.to_string()
    }
}

#[cfg(target_arch = "wasm32")]
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub(crate) fn storage_get(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        local_storage()?.get_item(key).ok()?
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key;
        None
    }
}

/// Whether the value was stored (quota and privacy errors are reported as `false`).
pub(crate) fn storage_set(key: &str, value: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        let stored = local_storage().is_some_and(|s| s.set_item(key, value).is_ok());
        if !stored {
            web_sys::console::warn_1(&format!("parkreader: could not store {key}").into());
        }
        stored
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (key, value);
        false
    }
}

fn storage_remove(key: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = key;
}

/// Follows the network state, other tabs' library changes, and the service worker.
#[cfg(target_arch = "wasm32")]
fn watch(state: Offline) {
    use leptos::ev;

    let navigator = window().navigator();
    state.offline.set(!navigator.on_line());
    window_event_listener(ev::online, move |_| {
        state.offline.set(false);
        sw::check_for_update();
    });
    window_event_listener(ev::offline, move |_| state.offline.set(true));
    window_event_listener(ev::storage, move |e| {
        if e.key().as_deref() == Some(LIBRARY_KEY) {
            if let Some(library) = e.new_value().and_then(|t| Library::parse(&t).ok()) {
                state.library.set(library);
            }
        }
    });
    window_event_listener(ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            sw::check_for_update();
        }
    });
    sw::register(state.update_ready);
}

#[cfg(target_arch = "wasm32")]
mod sw {
    //! Registering the service worker and following its updates.

    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration};

    /// How often an open page asks whether a new version is deployed.
    const CHECK_EVERY_MS: i32 = 30 * 60 * 1000;

    fn container() -> Option<ServiceWorkerContainer> {
        let navigator = web_sys::window()?.navigator();
        // Absent where the browser has none (some in-app webviews, http: pages).
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
            .ok()
            .filter(|has| *has)?;
        Some(navigator.service_worker())
    }

    pub fn register(update_ready: RwSignal<bool>) {
        let Some(container) = container() else {
            return;
        };
        let script = format!("{}/sw.js", crate::browser::base_path().0);
        // Reload once the accepted version has taken over.
        let on_change = Closure::<dyn FnMut()>::new(move || {
            if ACCEPTED.with(|a| a.get()) {
                let _ = web_sys::window().map(|w| w.location().reload());
            }
        });
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        leptos::task::spawn_local(async move {
            // Blocked workers (some webviews, automation) may answer with no registration.
            let Some(registration) = JsFuture::from(container.register(&script))
                .await
                .ok()
                .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
            else {
                return;
            };
            let has_controller = container.controller().is_some();
            if registration.waiting().is_some() && has_controller {
                offer_update(update_ready);
            }
            let reg = registration.clone();
            let on_found = Closure::<dyn FnMut()>::new(move || {
                let Some(worker) = reg.installing() else {
                    return;
                };
                let w = worker.clone();
                let on_state = Closure::<dyn FnMut()>::new(move || {
                    let controlled = container_has_controller();
                    if w.state() == web_sys::ServiceWorkerState::Installed && controlled {
                        offer_update(update_ready);
                    }
                });
                worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            });
            registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
            on_found.forget();
            let check = Closure::<dyn FnMut()>::new(check_for_update);
            let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(
                check.as_ref().unchecked_ref(),
                CHECK_EVERY_MS,
            );
            check.forget();
        });
    }

    /// A new deploy's worker waits. When this page is already that deploy's (loaded from the
    /// network after it: the new worker's script names the page's bundle), the worker takes
    /// over at once and nothing needs reloading; otherwise the reader is offered the update.
    /// Before, a reader who simply reloaded saw the new content with "有更新，点击刷新" over
    /// it, and the tap reloaded the same page.
    fn offer_update(update_ready: RwSignal<bool>) {
        leptos::task::spawn_local(async move {
            // The page's data and app files, each named after a hash of its content: the page
            // is the new deploy's when the new worker precaches both (the same content with a
            // new app is a new deploy too).
            let bundle = crate::browser::bundle_url();
            let data = bundle.rsplit('/').next().unwrap_or_default().to_string();
            let app = app_name();
            let script = format!("{}/sw.js", crate::browser::base_path().0);
            let current = crate::browser::fetch_text_with(&script, true)
                .await
                .is_ok_and(|text| {
                    [&data, &app]
                        .iter()
                        .all(|name| !name.is_empty() && text.contains(name.as_str()))
                });
            let waiting = match container() {
                Some(c) => waiting_worker(&c).await,
                None => None,
            };
            match waiting {
                Some(worker) if current => {
                    let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
                }
                // Waiting, or already taken over by a newer tab of the same site: this page is
                // of the deploy before, and offers the reload.
                _ if !current => update_ready.set(true),
                _ => {}
            }
        });
    }

    /// The worker of a new deploy waiting to take over, if any.
    async fn waiting_worker(container: &ServiceWorkerContainer) -> Option<ServiceWorker> {
        JsFuture::from(container.get_registration())
            .await
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
            .and_then(|r| r.waiting())
    }

    /// The name of the app's code this page runs (`parkreader-app-<hash>`), from the script
    /// that loads it.
    fn app_name() -> String {
        let head = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.head())
            .map(|h| h.inner_html())
            .unwrap_or_default();
        head.find("parkreader-app-")
            .map(|at| {
                head[at..]
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .unwrap_or_default()
    }

    fn container_has_controller() -> bool {
        container().is_some_and(|c| c.controller().is_some())
    }

    thread_local! {
        static ACCEPTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    thread_local! {
        // When the last check went out (`Date.now()`, ms).
        static CHECKED_AT: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    }

    /// [`check_for_update`], unless one went out less than a minute ago.
    pub fn check_for_update_if_due() {
        if js_sys::Date::now() - CHECKED_AT.get() >= 60_000.0 {
            check_for_update();
        }
    }

    /// Asks the browser whether `sw.js` changed (a new deploy).
    pub fn check_for_update() {
        let Some(container) = container() else {
            return;
        };
        CHECKED_AT.set(js_sys::Date::now());
        leptos::task::spawn_local(async move {
            if let Ok(reg) = JsFuture::from(container.get_registration()).await {
                if let Some(reg) = reg.dyn_ref::<ServiceWorkerRegistration>() {
                    if let Ok(promise) = reg.update() {
                        let _ = JsFuture::from(promise).await;
                    }
                }
            }
        });
    }

    /// Tells the waiting worker to take over; the controller change then reloads the page.
    pub fn accept_update() {
        ACCEPTED.with(|a| a.set(true));
        let Some(container) = container() else {
            let _ = window().location().reload();
            return;
        };
        leptos::task::spawn_local(async move {
            match waiting_worker(&container).await {
                Some(worker) => {
                    let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
                }
                None => {
                    let _ = window().location().reload();
                }
            }
        });
    }
}

/// Whether this device can show the site without a network: a service worker controls the
/// page, or a bundle is saved.
pub fn works_offline() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        let controlled = js_sys::Reflect::get(
            &window().navigator(),
            &wasm_bindgen::JsValue::from_str("serviceWorker"),
        )
        .ok()
        .filter(|c| !c.is_undefined())
        .is_some_and(|_| window().navigator().service_worker().controller().is_some());
        controlled || storage_get(BUNDLE_META_KEY).is_some()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// Offers `text` as a file download named `filename`.
pub fn download(filename: &str, text: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;

        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        if let Some(a) = document()
            .create_element("a")
            .ok()
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            a.set_href(&url);
            a.set_download(filename);
            a.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (filename, text);
}

/// The text of the first file chosen in a file input.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let file = input.files()?.get(0)?;
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()?;
        text.as_string()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = input;
        None
    }
}
