//! What a page shows while content loads, when it cannot load, and when it does not exist.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use parkreader_core::Bundle;

use crate::error::LoadError;
use crate::state::site_href;
use crate::state::{use_catalog, Load};

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
            <h1 class="visually-hidden">"正在加载…"</h1>
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
    view! {
        <Title text=error.title() />
        <section class="error-screen" role="alert">
            <h1>{error.title()}</h1>
            <p>{error.to_string()}</p>
            <button type="button" class="button" on:click=move |_| catalog.reload()>"重试"</button>
            <details>
                <summary>"技术细节（供网站管理员参考）"</summary>
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
    move || {
        catalog.stale_error.get().map(|error| {
            let what = match catalog.saved_at.get() {
                Some(at) => format!(
                    "无法获取最新内容，正在显示本机于 {} 保存的内容。",
                    crate::offline::format_saved_at(at)
                ),
                None => "更新内容失败，正在显示上次成功加载的内容。".to_string(),
            };
            view! {
                <div class="notice" role="status">
                    <span>{what} {error.to_string()}</span>
                    <button type="button" class="button small" on:click=move |_| catalog.reload()>"重试"</button>
                </div>
            }
        })
    }
}

/// A prerendered page whose data could not be loaded: the page stays as it is (it was built
/// from a valid bundle), with this notice above it naming the problem and offering a retry.
#[component]
pub fn StaticPageNotice(error: LoadError) -> impl IntoView {
    let details = error.details();
    view! {
        <div class="notice static-notice" role="alert">
            <p><strong>{error.title()}</strong>"：" {error.to_string()} " 下面是本页保存的内容。"</p>
            <button type="button" class="button small" on:click=|_| reload_page()>"重试"</button>
            <details>
                <summary>"技术细节（供网站管理员参考）"</summary>
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

/// Puts a [`StaticPageNotice`] at the top of the prerendered page's main content.
#[cfg(feature = "csr")]
pub fn show_static_notice(error: LoadError) {
    use wasm_bindgen::JsCast;

    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
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
        move || view! { <StaticPageNotice error /> },
    )
    .forget();
}

/// A friendly not-found page with a way home.
#[component]
pub fn NotFound(#[prop(into, optional)] what: Option<String>) -> impl IntoView {
    let message = what.unwrap_or_else(|| "您访问的页面不存在".to_string());
    view! {
        <Title text="页面不存在" />
        <section class="not-found">
            <p class="not-found-code" aria-hidden="true">"404"</p>
            <h1>"页面不存在"</h1>
            <p>{message} "，可能已被删除或链接有误。"</p>
            <p class="actions">
                <A href=site_href("/") attr:class="button">"返回首页"</A>
                <A href=site_href("/articles") attr:class="button secondary">"浏览全部文章"</A>
            </p>
        </section>
    }
}
