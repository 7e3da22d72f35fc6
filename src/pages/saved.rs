//! `/saved`: what this device keeps: bookmarks (收藏), reading history, whether the site reads
//! offline, and export and import of the bookmarks as a file.

use leptos::prelude::*;
use leptos_meta::Title;
use wasm_bindgen::JsCast;

use crate::components::library::EntryList;
use crate::components::meta::{page_title, Breadcrumb, Crumb};
use crate::components::states::with_bundle;
use crate::i18n::lang;
use crate::offline::{download, read_chosen_file, use_offline, works_offline};
use crate::state::use_catalog;
use parkreader_core::library::{Entry, Shelf};

/// The saved page.
#[component]
pub fn SavedPage() -> impl IntoView {
    let offline = use_offline();
    let library = move || offline.map(|o| o.library.get()).unwrap_or_default();
    let bookmarks = Signal::derive(move || library().bookmarks);
    let history = Signal::derive(move || library().history);
    let status = RwSignal::new(String::new());
    let lang = lang();
    let t = lang.ui();
    // The tab and the history list name this page like every other: page - site.
    let catalog = use_catalog();
    let title = move || match catalog.bundle() {
        Some(bundle) => page_title(t.saved_title, &bundle.site.name),
        None => t.saved_title.to_string(),
    };
    let export = move |_| {
        let Some(o) = offline else { return };
        let text = o.library.with_untracked(|l| l.to_json());
        download(t.export_file_name, &text);
        status.set(t.exported.into());
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(o) = offline else { return };
        leptos::task::spawn_local(async move {
            let message = match read_chosen_file(&input).await {
                None => t.file_unreadable.to_string(),
                Some(text) => match o.import(&text) {
                    Ok(m) => lang.imported(m.bookmarks, m.history, m.skipped),
                    Err(e) => lang.import_failed(&e.message(lang)),
                },
            };
            input.set_value("");
            status.set(message);
        });
    };
    // The reading history, cleared at one tap (it was only entry by entry), with an undo.
    let cleared = RwSignal::new(None::<Vec<Entry>>);
    let history_status = RwSignal::new(String::new());
    let clear = move |_| {
        let Some(entries) = offline.and_then(|o| o.clear(Shelf::History)) else {
            return;
        };
        history_status.set(lang.history_cleared(entries.len()));
        cleared.set(Some(entries));
        // The button is gone with the list: the focus to the undo that took its place.
        request_animation_frame(|| crate::browser::focus_first("#undo-clear-history"));
    };
    let undo = move |_| {
        if let (Some(o), Some(entries)) = (offline, cleared.get_untracked()) {
            o.restore(Shelf::History, entries);
        }
        cleared.set(None);
        history_status.set(t.history_restored.into());
        request_animation_frame(|| crate::browser::focus_first("#clear-history"));
    };
    view! {
        <Title text=title />
        <Breadcrumb crumbs=vec![Crumb::link(t.home, "/"), Crumb::here(t.saved_title)] />
        <h1>{t.saved_title}</h1>
        {with_bundle(move |bundle| {
            let (articles, projects) = (bundle.articles.len(), bundle.projects.len());
            let text = if works_offline() {
                let all_texts = bundle.articles.iter().all(|a| a.body_url.is_none());
                lang.offline_ready(articles, projects, all_texts)
            } else {
                t.not_offline_yet.to_string()
            };
            view! { <p class="offline-status needs-app">{text}</p> }
        })}
        <section class="needs-app" aria-labelledby="bookmarks-heading">
            <h2 id="bookmarks-heading">{t.my_bookmarks}</h2>
            <EntryList entries=bookmarks shelf=Shelf::Bookmarks empty=not_read_yet(t.no_bookmarks) label=t.my_bookmarks />
        </section>
        <section class="needs-app" aria-labelledby="history-heading">
            <h2 id="history-heading">{t.recent}</h2>
            <EntryList entries=history shelf=Shelf::History empty=not_read_yet(t.no_history) label=t.recent />
            // Shown and hidden, not drawn anew: an element drawn only sometimes cost the wasm
            // a kilobyte of its own.
            <p hidden=move || history.get().is_empty()><button type="button" id="clear-history" class="button small secondary" on:click=clear>{t.clear_history}</button></p>
            <p role="status" class="copy-status">
                {move || history_status.get()}
                // (The attribute on a wrapper: `.button`'s display would show a hidden button.)
                <span hidden=move || cleared.get().is_none()>" "<button type="button" id="undo-clear-history" class="button small secondary" on:click=undo>{t.undo}</button></span>
            </p>
        </section>
        <section class="needs-app" aria-labelledby="transfer-heading">
            <h2 id="transfer-heading">{t.transfer}</h2>
            <p class="muted">{t.transfer_note}</p>
            <p class="share-actions">
                <button type="button" class="button" on:click=export>{t.export}</button>
                <label class="button secondary file-button">
                    {t.import}
                    <input type="file" accept="application/json,.json" class="visually-hidden" on:change=on_file />
                </label>
            </p>
            <p role="status" class="copy-status">{move || status.get()}</p>
        </section>
    }
}

/// What an empty list says: in the browser, `empty`; on the prerendered page, which cannot
/// know what this device keeps, that it is being read (the app then shows the lists).
fn not_read_yet(empty: &'static str) -> &'static str {
    #[cfg(target_arch = "wasm32")]
    {
        empty
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = empty;
        "正在读取本机保存的内容…"
    }
}
