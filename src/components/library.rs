//! The reader's own things: the bookmark (收藏) button, the offline badge, the update banner,
//! and the lists of the saved page. All of it reads [`crate::offline::Offline`]; while
//! prerendering there is none, and each renders its plain default.

use leptos::prelude::*;
use leptos_router::components::A;
use parkreader_core::library::{Entry, ItemKind, Shelf};

use crate::i18n::ui;
use crate::offline::{entry, use_offline};
use crate::state::{site_href, use_catalog};

/// "收藏" / "已收藏": bookmarks the item shown. Also records the visit in the reading history.
#[component]
pub fn BookmarkButton(kind: ItemKind, id: String, title: String) -> impl IntoView {
    let offline = use_offline();
    if let Some(offline) = offline {
        let (id, title) = (id.clone(), title.clone());
        // After the first render, so that the page shows before storage is written.
        Effect::new(move |done: Option<()>| {
            if done.is_none() {
                offline.record_visit(entry(kind, &id, &title));
            }
        });
    }
    let id_for_state = id.clone();
    let saved = Memo::new(move |_| {
        offline.is_some_and(|o| o.library.with(|l| l.is_bookmarked(kind, &id_for_state)))
    });
    let toggle = move |_| {
        if let Some(o) = offline {
            o.toggle_bookmark(entry(kind, &id, &title));
        }
    };
    let t = ui();
    view! {
        // The name says the state (「收藏」 / 「已收藏」), so no aria-pressed besides: a toggle
        // button's name must not change with its state.
        <button type="button" class="button small secondary bookmark-button" class:saved=move || saved.get() on:click=toggle>
            <span aria-hidden="true">{move || if saved.get() { "★ " } else { "☆ " }}</span>
            {move || if saved.get() { t.bookmarked } else { t.bookmark }}
        </button>
    }
}

/// "离线" in the header while the browser reports no network.
#[component]
pub fn OfflineBadge() -> impl IntoView {
    let offline = use_offline();
    let t = ui();
    move || {
        offline
            .is_some_and(|o| o.offline.get())
            .then(|| view! { <span class="offline-badge" role="status">{t.offline}</span> })
    }
}

/// The banner that offers a new version once it is ready; it switches only when accepted.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let offline = use_offline();
    let t = ui();
    move || {
        let offline = offline?;
        offline.update_ready.get().then(|| {
            view! {
                <div class="update-banner" role="status">
                    <button type="button" class="button" on:click=move |_| offline.accept_update()>
                        {t.update_ready}
                    </button>
                </div>
            }
        })
    }
}

/// Once the `n`th entry of the list labelled `list` is removed and the list drawn again: the
/// focus on the 移除 that took its place, else the one before it, else the list's 还没有… .
/// It fell to the page's body when the last entry went.
fn focus_after_removal(list: &str, n: usize) {
    let list = list.to_string();
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let buttons = document
            .query_selector_all(&format!("ul[aria-label=\"{list}\"] .entry-remove"))
            .ok();
        let button = buttons.and_then(|b| {
            b.item(n as u32)
                .or_else(|| b.item(n.checked_sub(1)? as u32))
        });
        let target = button.or_else(|| {
            document
                .query_selector(&format!("p[data-shelf=\"{list}\"]"))
                .ok()
                .flatten()
                .map(Into::into)
        });
        if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// A list of bookmarks or history entries (`shelf`), linked, with a message when empty. Each is
/// named as the site names it now, once its data is in: the title kept with the entry is the
/// one it had when saved, and a publisher may have corrected it since. An item the site no
/// longer has says so, unlinked (its link led to 页面不存在). Each entry can be removed: the
/// only other way, the item page's own 收藏 button, is gone with the item.
#[component]
pub fn EntryList(
    entries: Signal<Vec<Entry>>,
    shelf: Shelf,
    #[prop(into)] empty: String,
    #[prop(into)] label: String,
) -> impl IntoView {
    let t = ui();
    let catalog = use_catalog();
    let offline = use_offline();
    move || {
        let entries = entries.get();
        let bundle = catalog.bundle();
        if entries.is_empty() {
            // (Focusable: where the focus goes when the last entry is removed.)
            return view! { <p class="muted" tabindex="-1" data-shelf=label.clone()>{empty.clone()}</p> }.into_any();
        }
        view! {
            <ul class="link-list" aria-label=label.clone()>
                {entries
                    .into_iter()
                    .enumerate()
                    .map(|(n, e)| {
                        let kind = match e.kind {
                            ItemKind::Article => t.kind_article,
                            ItemKind::Project => t.kind_project,
                        };
                        // None until the data is in; then the item's id and title now (renamed
                        // since, its new id), if the site has it.
                        let now = bundle.as_deref().map(|b| match e.kind {
                            ItemKind::Article => b.article_now(&e.id).map(|a| (a.id.clone(), a.title.clone())),
                            ItemKind::Project => b.project_now(&e.id).map(|p| (p.id.clone(), p.name.clone())),
                        });
                        let gone = matches!(now, Some(None));
                        let (id_now, title) = now.flatten().unwrap_or((e.id.clone(), e.title));
                        let title_lang = crate::i18n::written_lang(&title);
                        let remove_label = crate::i18n::lang().labelled(t.remove_entry, &title);
                        let named = if gone {
                            view! { <span lang=title_lang>{title}</span>" "<span class="tag">{t.no_longer_published}</span> }.into_any()
                        } else {
                            view! { <A href=site_href(&e.kind.path(&id_now)) attr:lang=title_lang>{title}</A> }.into_any()
                        };
                        let (item_kind, id) = (e.kind, e.id);
                        let list = label.clone();
                        let remove = move |_| {
                            if let Some(offline) = offline {
                                offline.remove(shelf, item_kind, &id);
                            }
                            focus_after_removal(&list, n);
                        };
                        view! {
                            <li>
                                <span class="tag">{kind}</span>" "{named}" "
                                <button type="button" class="button small secondary entry-remove" aria-label=remove_label on:click=remove>{t.remove_entry}</button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    }
}
