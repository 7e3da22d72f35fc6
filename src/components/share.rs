//! The share sheet: the view's canonical link to copy, the system share sheet where there is
//! one, a QR code to scan, and inside WeChat a pointer to its ··· menu.

use leptos::prelude::*;
use parkreader_core::share::{share_url, QrMatrix};

use crate::browser;
use crate::i18n::ui;
use crate::state::use_catalog;

/// A "分享" button that opens the share sheet for `path` (site-relative, query included).
#[component]
pub fn ShareButton(
    #[prop(into)] path: Signal<String>,
    #[prop(into)] title: String,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let trigger = NodeRef::<leptos::html::Button>::new();
    let t = ui();
    view! {
        <button node_ref=trigger type="button" class="button small secondary share-button" aria-haspopup="dialog" aria-expanded=move || open.get().to_string() on:click=move |_| open.set(true)>
            {t.share}
        </button>
        {move || open.get().then(|| view! { <ShareSheet path=path.get_untracked() title=title.clone() open trigger /> })}
    }
}

/// A modal sheet: focus moves into it when it opens, Tab stays inside it, Escape, the close
/// button and the backdrop close it, and focus then returns to the button that opened it.
#[component]
fn ShareSheet(
    path: String,
    title: String,
    open: RwSignal<bool>,
    trigger: NodeRef<leptos::html::Button>,
) -> impl IntoView {
    let base = use_catalog()
        .bundle()
        .map(|b| b.site.base_url.clone())
        .unwrap_or_default();
    let url = share_url(&base, &path);
    let qr = QrMatrix::encode(&url).map(|m| {
        let side = m.size + 8;
        (format!("0 0 {side} {side}"), side, m.svg_path(4))
    });
    let copied = RwSignal::new(None::<bool>);
    let t = ui();
    let field = NodeRef::<leptos::html::Input>::new();
    let copy_url = url.clone();
    let copy = move |_| {
        let text = copy_url.clone();
        leptos::task::spawn_local(async move {
            let ok = browser::copy_text(&text).await;
            copied.set(Some(ok));
            if !ok {
                // Last resort: select the link so a long press copies it.
                if let Some(input) = field.get_untracked() {
                    let _ = input.focus();
                    input.select();
                }
            }
        });
    };
    let share_url_native = url.clone();
    let native = browser::can_share_natively().then(|| {
        let on_click = move |_| {
            let (title, url) = (title.clone(), share_url_native.clone());
            leptos::task::spawn_local(async move {
                browser::share_natively(&title, &url).await;
            });
        };
        view! { <button type="button" class="button" on:click=on_click>{t.share_system}</button> }
    });
    let dialog = NodeRef::<leptos::html::Div>::new();
    let close_button = NodeRef::<leptos::html::Button>::new();
    let dismiss = move || {
        open.set(false);
        if let Some(button) = trigger.get_untracked() {
            let _ = button.focus();
        }
    };
    let close = move |_| dismiss();
    #[cfg(target_arch = "wasm32")]
    back_closes(dismiss);
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.focus();
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            dismiss();
        }
        // Tab past the last control comes back to the first, and Shift+Tab the other way.
        "Tab" => {
            let active = document().active_element();
            let first = field.get_untracked();
            let last = close_button.get_untracked();
            let is =
                |el: Option<web_sys::Element>| el.zip(active.clone()).is_some_and(|(a, b)| a == b);
            let on_dialog = is(dialog.get_untracked().map(Into::into));
            if ev.shift_key() && (is(first.clone().map(Into::into)) || on_dialog) {
                ev.prevent_default();
                if let Some(l) = last {
                    let _ = l.focus();
                }
            } else if !ev.shift_key() && is(last.map(Into::into)) {
                ev.prevent_default();
                if let Some(f) = first {
                    let _ = f.focus();
                }
            }
        }
        _ => {}
    };
    view! {
        <div class="share-backdrop" on:click=close></div>
        <div node_ref=dialog tabindex="-1" class="share-sheet" role="dialog" aria-modal="true" aria-labelledby="share-heading" on:keydown=on_key>
            {browser::is_wechat().then(|| view! {
                <p class="wechat-hint" role="note"><span aria-hidden="true" class="wechat-arrow">"↗"</span>{t.wechat_hint}</p>
            })}
            <h2 id="share-heading">{t.share_heading}</h2>
            <label class="share-field">
                <span>{t.link}</span>
                <input node_ref=field type="text" readonly value=url.clone() on:focus=move |_| {
                    if let Some(input) = field.get_untracked() {
                        input.select();
                    }
                } />
            </label>
            <p class="share-actions">
                <button type="button" class="button" on:click=copy>{t.copy_link}</button>
                {native}
                <span class="copy-status" role="status">
                    {move || match copied.get() {
                        Some(true) => t.link_copied,
                        Some(false) => t.copy_link_failed,
                        None => "",
                    }}
                </span>
            </p>
            {qr.map(|(view_box, side, d)| view! {
                <figure class="share-qr">
                    <svg viewBox=view_box role="img" aria-label=t.qr_label xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">
                        <rect width=side height=side fill="#fff" />
                        <path d=d fill="#000" />
                    </svg>
                    <figcaption>{t.qr_caption}</figcaption>
                </figure>
            })}
            <button node_ref=close_button type="button" class="button secondary share-close" on:click=close>{t.close}</button>
        </div>
    }
}

/// Back closes the sheet, as it closes any sheet on a phone (Android's back key, the ‹ of
/// WeChat's browser): the sheet has a history entry of its own at the same address, which Back
/// leaves. Without it, Back went past the view behind the open sheet (a filter undone under a
/// link and QR code that still showed it), or left a page opened from a chat altogether. When
/// the sheet closes otherwise, its entry goes, so that the next Back is the reader's own.
#[cfg(target_arch = "wasm32")]
fn back_closes(dismiss: impl Fn() + Clone + 'static) {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let history = || web_sys::window().and_then(|w| w.history().ok());
    let pushed = history().is_some_and(|h| {
        h.push_state(
            &wasm_bindgen::JsValue::from_str("parkreader-share-sheet"),
            "",
        )
        .is_ok()
    });
    let pushed = Arc::new(AtomicBool::new(pushed));
    let left = pushed.clone();
    let back = window_event_listener(leptos::ev::popstate, move |_| {
        left.store(false, Ordering::Relaxed);
        dismiss();
    });
    on_cleanup(move || {
        back.remove();
        if pushed.load(Ordering::Relaxed) {
            if let Some(h) = history() {
                let _ = h.back();
            }
        }
    });
}
