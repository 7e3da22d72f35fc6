//! Static HTML for a route, rendered natively by the very components the browser runs
//! (feature `ssr`), so the prerendered page and the app cannot drift apart.

use std::sync::{Arc, Once};

use futures::StreamExt;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use parkreader_core::Bundle;

use crate::app::App;
use crate::state::{BasePath, Catalog, Load};

/// Marker on `#app` telling the browser that the page already shows its content.
pub const PRERENDERED_ATTR: &str = "data-prerendered";

/// Renders `path` (relative to the site's base path) of `bundle` into `shell` (the built index.html): the route's markup goes into
/// `<div id="app">`, its `<title>` and meta tags into `<head>`.
///
/// Returns `None` when the shell has no `<div id="app">…</div>` to fill.
pub fn render_page(shell: &str, bundle: Arc<Bundle>, path: &str) -> Option<String> {
    static EXECUTOR: Once = Once::new();
    EXECUTOR.call_once(|| {
        let _ = any_spawner::Executor::init_futures_executor();
    });
    let owner = Owner::new();
    let (body, meta) = owner.with(|| {
        let (meta, output) = ServerMetaContext::new();
        provide_context(meta);
        let base = BasePath::from_base_url(&bundle.site.base_url);
        provide_context(RequestUrl::new(&format!("{}{path}", base.0)));
        provide_context(base);
        Catalog::with_state(Load::Ready(bundle));
        (view! { <App /> }.to_html(), output)
    });
    let list = matches!(path.trim_matches('/'), "articles" | "projects");
    let page = fill_app(shell, &body, if list { NO_SCRIPT_LIST } else { NO_SCRIPT })?;
    // The shell's own <title> gives way to the route's.
    let page = remove_title(&page);
    let head = futures::executor::block_on(async move {
        meta.inject_meta_context(futures::stream::once(async move { page }).boxed())
            .await
            .collect::<String>()
            .await
    });
    drop(owner);
    Some(head)
}

/// Replaces the contents of `<div id="app">…</div>` (the shell's boot placeholder) with `body`.
fn fill_app(shell: &str, body: &str, no_script: &str) -> Option<String> {
    let open = shell.find("<div id=\"app\">")?;
    let inner_start = open + "<div id=\"app\">".len();
    let close = shell
        .rfind("</div>\n  </body>")
        .or_else(|| shell.rfind("</div></body>"))?;
    if close < inner_start {
        return None;
    }
    Some(format!(
        "{}<div id=\"app\" {PRERENDERED_ATTR}>{no_script}{body}{}",
        &shell[..open],
        &shell[close..]
    ))
}

/// What a prerendered page says to a reader without JavaScript (a locked-down webview, a
/// reader mode): the page reads as it is, and the buttons do nothing.
const NO_SCRIPT: &str = "<noscript><p class=\"boot-message\">未启用 JavaScript：本页内容可以阅读；搜索、筛选、收藏和分享需要启用 JavaScript。</p></noscript>";

/// What a list says without JavaScript: it is the whole list's first page whatever the
/// address asks for, so a shared link's search, filters or page are not applied, and it must
/// not pass for them (nothing without JavaScript can read the address's query to say so only
/// then).
const NO_SCRIPT_LIST: &str = "<noscript><p class=\"boot-message\">未启用 JavaScript：这里是全部列表的第一页，链接中的搜索、筛选和页码不起作用；搜索、筛选、收藏和分享需要启用 JavaScript。</p></noscript>";

fn remove_title(html: &str) -> String {
    match (html.find("<title>"), html.find("</title>")) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{}", &html[..start], &html[end + "</title>".len()..])
        }
        _ => html.to_string(),
    }
}
