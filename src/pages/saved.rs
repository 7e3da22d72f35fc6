//! `/saved`: what this device keeps: bookmarks (收藏), reading history, whether the site reads
//! offline, and export and import of the bookmarks as a file.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::library::EntryList;
use crate::components::meta::{Breadcrumb, Crumb};
use crate::components::states::with_bundle;
use crate::offline::{download, read_chosen_file, use_offline, works_offline};

/// The saved page.
#[component]
pub fn SavedPage() -> impl IntoView {
    let offline = use_offline();
    let library = move || offline.map(|o| o.library.get()).unwrap_or_default();
    let bookmarks = Signal::derive(move || library().bookmarks);
    let history = Signal::derive(move || library().history);
    let status = RwSignal::new(String::new());
    let export = move |_| {
        let Some(o) = offline else { return };
        let text = o.library.with_untracked(|l| l.to_json());
        download("parkreader-收藏.json", &text);
        status.set("已导出收藏与阅读记录。".into());
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
                None => "无法读取所选文件。".to_string(),
                Some(text) => match o.import(&text) {
                    Ok(m) => format!("已导入 {} 条收藏、{} 条阅读记录。", m.bookmarks, m.history),
                    Err(e) => format!("导入失败：{e}"),
                },
            };
            input.set_value("");
            status.set(message);
        });
    };
    view! {
        <Breadcrumb crumbs=vec![Crumb::link("首页", "/"), Crumb::here("收藏与离线")] />
        <h1>"收藏与离线"</h1>
        {with_bundle(move |bundle| {
            let (articles, projects) = (bundle.articles.len(), bundle.projects.len());
            let text = if works_offline() {
                format!("本机已保存全部 {articles} 篇文章和 {projects} 个项目，没有网络时也能打开、搜索和筛选。读过的正文和图片也会保存。")
            } else {
                "本机尚未保存离线内容；联网浏览一次后即可离线阅读。".to_string()
            };
            view! { <p class="offline-status">{text}</p> }
        })}
        <section aria-labelledby="bookmarks-heading">
            <h2 id="bookmarks-heading">"我的收藏"</h2>
            <EntryList entries=bookmarks empty="还没有收藏。在文章或项目页点「☆ 收藏」即可加入。" label="我的收藏" />
        </section>
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"最近阅读"</h2>
            <EntryList entries=history empty="还没有阅读记录。" label="最近阅读" />
        </section>
        <section aria-labelledby="transfer-heading">
            <h2 id="transfer-heading">"导出与导入"</h2>
            <p class="muted">"收藏和阅读记录只保存在本机浏览器中。可导出为文件，在其他设备或浏览器中导入。"</p>
            <p class="share-actions">
                <button type="button" class="button" on:click=export>"导出收藏文件"</button>
                <label class="button secondary file-button">
                    "导入收藏文件"
                    <input type="file" accept="application/json,.json" class="visually-hidden" on:change=on_file />
                </label>
            </p>
            <p role="status" class="copy-status">{move || status.get()}</p>
        </section>
    }
}
