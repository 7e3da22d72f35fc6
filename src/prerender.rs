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

/// Leptos's executor while pages are rendered: a spawned future is polled once on the thread
/// that spawned it, and goes to a thread pool (a local pool, for one that must stay on its
/// thread) only if that poll leaves it pending. Rendering a page spawns one future, which
/// finishes at once: the message of `Executor::tick`, which the head's metadata waits for.
/// Handed to futures' thread pool as `init_futures_executor` does, each woke a pool thread and
/// parked the renderer: a build of 10,000 articles into memory (`/dev/shm`) had 33,000 to
/// 44,000 threads' waits and took 10.55 and 11.29 s, against 7,587 and 403 waits and 10.88
/// and 10.32 s so (`/usr/bin/time -f "%e %w"`), with every page of the site the same.
struct PollFirstHere;

thread_local! {
    static LOCAL_POOL: std::cell::RefCell<futures::executor::LocalPool> =
        std::cell::RefCell::new(futures::executor::LocalPool::new());
    // Taken once, so that a local future spawning another while the pool runs does not
    // borrow the pool.
    static LOCAL_SPAWNER: futures::executor::LocalSpawner =
        LOCAL_POOL.with(|pool| pool.borrow().spawner());
}

/// Polls `fut` once, with a waker that does nothing: true when it finished.
fn finished_at_once<F: std::future::Future<Output = ()> + ?Sized>(
    fut: std::pin::Pin<&mut F>,
) -> bool {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    fut.poll(&mut cx).is_ready()
}

impl any_spawner::CustomExecutor for PollFirstHere {
    fn spawn(&self, mut fut: any_spawner::PinnedFuture<()>) {
        static POOL: std::sync::OnceLock<futures::executor::ThreadPool> =
            std::sync::OnceLock::new();
        if !finished_at_once(fut.as_mut()) {
            POOL.get_or_init(|| {
                futures::executor::ThreadPool::new().expect("a thread pool for rendering")
            })
            .spawn_ok(fut);
        }
    }

    fn spawn_local(&self, mut fut: any_spawner::PinnedLocalFuture<()>) {
        use futures::task::LocalSpawnExt;
        if !finished_at_once(fut.as_mut()) {
            LOCAL_SPAWNER.with(|spawner| {
                let _ = spawner.spawn_local(fut);
            });
        }
    }

    fn poll_local(&self) {
        LOCAL_POOL.with(|pool| {
            // Not from within its own run.
            if let Ok(mut pool) = pool.try_borrow_mut() {
                pool.run_until_stalled();
            }
        });
    }
}

/// Renders `path` (relative to the site's base path) of `bundle` into `shell` (the built index.html): the route's markup goes into
/// `<div id="app">`, its `<title>` and meta tags into `<head>`.
///
/// Returns `None` when the shell has no `<div id="app">…</div>` to fill.
pub fn render_page(shell: &str, bundle: Arc<Bundle>, path: &str) -> Option<String> {
    static EXECUTOR: Once = Once::new();
    EXECUTOR.call_once(|| {
        let _ = any_spawner::Executor::init_custom_executor(PollFirstHere);
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
    let no_script = match (list, body.contains("data-rest=")) {
        (true, true) => NO_SCRIPT_WHOLE_LIST,
        (true, false) => NO_SCRIPT_LIST,
        _ if path.trim_matches('/') == "saved" => NO_SCRIPT_SAVED,
        _ => NO_SCRIPT,
    };
    let page = fill_app(shell, &body, no_script)?;
    let page = if list {
        let end = page.rfind("</body>")?;
        format!(
            "{}<script>{LIST_EARLY_VIEW}</script>{}",
            &page[..end],
            &page[end..]
        )
    } else {
        page
    };
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

/// What a prerendered list page runs as soon as it is parsed (before the app's loader): on a
/// screen as wide as the stylesheet's two columns, it opens the filters (folded on a phone,
/// `components::browse::FacetPanel`). Then, when
/// the early script has marked its address as a view of its own (`data-list-view`: a shared
/// link's filters or order) and the page holds the whole list (`components::browse::early_rest`,
/// `parkreader_core::browse::EarlyView`): it shows that view itself, so that the link reads at
/// once, before and without WebAssembly. Of the hidden whole list it shows the items that have,
/// for every facet the link selects, one of its options, in the link's order (the row's key,
/// largest first, or the page's own newest order); it ticks the link's options (as the page's
/// defaults, so the stylesheet does not take them for the reader's pending changes), counts
/// each option under the other facets' selections and disables those at zero, sets the order,
/// the count (and the filters' count of ticked options), the document title (which WeChat
/// shows above the page), a row of the selected options and the view's pager (the link's page, as the app
/// clamps it) as the app draws them, and drops the mark, so the stylesheet shows the results
/// and the loader waits for their paint. A value the list does not have is left out and named
/// in a notice, as the app does (`DroppedFilters`). A search, or a view of no result, is left
/// to the app, which the mark keeps saying it is opening (and so are the rare values the rule
/// below cannot compare exactly: two options alike but for capitals, characters past U+D7FF, a
/// value for a facet with no options). A chip or
/// 「清除全部」 tapped there unticks its boxes (the app applies the boxes' changes together when
/// it takes over: two chips tapped, replayed as taps, undid each other). Names
/// and values are read as the app reads them (`ListQuery::parse`): names in any capitals and
/// after `amp;`, values apart by commas (`,`, `，`, `、`) and trimmed, of spaces and of what a chat glued on
/// (`links::GLUED`; a test checks the two agree) and of characters that take no room, from
/// an address whose full-width `＆` and `＝` the early script has made `&` and `=` (at most 64
/// a facet, each at most 80 bytes,
/// others ignored), ids in any capitals or an option's Chinese name, the last `sort` and
/// `page` winning; and the pager's links are written as the app writes a view (its ids sorted,
/// defaults left out).
pub const LIST_EARLY_VIEW: &str = "(() => { const html = document.documentElement, rest = document.querySelector('#app[data-prerendered] [data-rest]'); \
if (matchMedia('(min-width: 48rem)').matches) for (const d of document.querySelectorAll('#app details.filters')) d.open = true; \
if (!html.hasAttribute('data-list-view') || !rest) return; \
const lower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase()), facets = rest.dataset.facets.split(','), rows = JSON.parse(rest.dataset.rows), n = facets.length; \
const boxes = facets.map((f) => [...document.querySelectorAll('#app .facets input[name=\"' + f + '\"]')]), sel = facets.map(() => new Set()), asked = facets.map(() => new Set()); \
let sort = '', page = 1; \
const seen = (s) => s.replace(/[\\u00ad\\u200b-\\u200f\\u2060\\ufeff]/gu, ''), glued = (s) => seen(s).trim().replace(/[\\s。，、；：！？）」』】》”’…〉.,;:!?)>'\"]+$/u, ''); \
for (const [k, v] of new URLSearchParams(location.search)) { const key = lower(seen(k)).replace(/^amp;/, ''), slot = facets.indexOf(key); \
if (key === 'q' && v.trim()) return; if (key === 'sort') sort = lower(glued(v)); if (key === 'page') { const p = glued(v); page = /^\\d+$/.test(p) ? Math.max(1, +p) : 1; } if (slot < 0) continue; \
for (const part of v.split(/[,，、]/)) { const value = glued(part); if (value && new TextEncoder().encode(value).length <= 80 && asked[slot].size < 64) asked[slot].add(value); } } \
const dropped = []; let odd = false; asked.forEach((values, slot) => { for (const value of values) { const byId = boxes[slot].filter((b) => lower(b.value) === lower(value)), found = byId.length ? byId : boxes[slot].filter((b) => b.nextElementSibling.textContent === value); \
if (found.length > 1 || !boxes[slot].length || /[\\uD800-\\uFFFF]/.test(value)) odd = true; else if (found.length) sel[slot].add(boxes[slot].indexOf(found[0])); else dropped.push([slot, value]); } }); \
if (odd) return; \
dropped.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)); \
const pass = (r, skip) => sel.every((s, i) => i === skip || !s.size || r[i].some((o) => s.has(o))), by = sort === rest.dataset.sort; \
const hits = rows.map((_, i) => i).filter((i) => pass(rows[i], -1)), grid = rest.previousElementSibling; \
const cards = grid && grid.matches('.card-list, .card-grid') ? [...grid.children, ...rest.children] : []; \
const per = +rest.dataset.per, pages = Math.ceil(hits.length / per); page = Math.min(page, pages); \
if (!hits.length || cards.length !== rows.length) return; \
if (by) hits.sort((a, b) => rows[b][n] - rows[a][n]); \
rest.append(...cards); grid.append(...hits.slice((page - 1) * per, page * per).map((i) => cards[i])); \
const href = (p) => { const q = new URLSearchParams(); facets.forEach((f, s) => { if (sel[s].size) q.append(f, [...sel[s]].map((j) => boxes[s][j].value).sort().join(',')); }); \
if (by) q.append('sort', sort); if (p > 1) q.append('page', p); const t = ('' + q).replace(/%2C/g, ','); return location.pathname.replace(/\\/?$/, '/') + (t ? '?' + t : ''); }; \
for (const p of document.querySelectorAll('#app .pager')) p.remove(); \
if (pages > 1) { const nav = document.createElement('nav'), link = (p, text, attrs) => { const a = document.createElement('a'); a.href = href(p); a.setAttribute('data-noscroll', ''); \
for (const k in attrs) a.setAttribute(k, attrs[k]); a.textContent = text; nav.append(a); }; let last = 0; nav.className = 'pager'; nav.setAttribute('aria-label', '分页'); \
if (page > 1) link(page - 1, '上一页', { rel: 'prev' }); \
for (const p of [1, page - 1, page, page + 1, pages]) { if (p <= last || p > pages) continue; \
if (p > last + 2) { const gap = document.createElement('span'); gap.setAttribute('aria-hidden', 'true'); gap.textContent = '…'; nav.append(gap); } \
for (let n = p === last + 2 ? last + 1 : p; n <= p; n++) link(n, '' + n, n === page ? { 'aria-label': '第 ' + n + ' / ' + pages + ' 页', 'aria-current': 'page' } : { 'aria-label': '第 ' + n + ' / ' + pages + ' 页' }); last = p; } \
if (page < pages) link(page + 1, '下一页', { rel: 'next' }); rest.after(nav); } \
const names = [], chips = document.createElement('div'); chips.className = 'active-filters'; chips.setAttribute('role', 'group'); chips.setAttribute('aria-label', '已选条件'); \
boxes.forEach((list, slot) => list.forEach((b, j) => { const on = sel[slot].has(j), count = rows.filter((r) => pass(r, slot) && r[slot].includes(j)).length, off = !count && !on; \
b.checked = b.defaultChecked = on; b.disabled = off; b.parentElement.classList.toggle('disabled', off); b.parentElement.querySelector('.facet-count').textContent = count; \
if (!on) return; names.push(b.nextElementSibling.textContent); const label = b.closest('fieldset').querySelector('legend').textContent + '：' + names[names.length - 1]; \
const chip = document.createElement('button'), x = document.createElement('span'); chip.type = 'button'; chip.className = 'chip removable'; chip.setAttribute('aria-label', '移除 ' + label); \
x.setAttribute('aria-hidden', 'true'); x.textContent = ' ×'; chip.append(label, x); chips.append(chip); \
chip.onclick = (e) => { e.stopPropagation(); b.checked = false; chip.remove(); if (chips.children.length < 2) chips.remove(); }; })); \
if (chips.children.length) { const clear = document.createElement('button'); clear.type = 'button'; clear.className = 'button small secondary'; clear.textContent = '清除全部'; \
clear.onclick = (e) => { e.stopPropagation(); for (const list of boxes) for (const b of list) b.checked = false; chips.remove(); }; \
chips.append(clear); } \
const notice = document.createElement('p'), legend = (slot) => boxes[slot][0].closest('fieldset').querySelector('legend').textContent; notice.className = 'notice'; notice.setAttribute('role', 'status'); \
notice.textContent = '链接中的筛选条件在本站已不存在，已略去：' + dropped.map(([slot, value]) => legend(slot) + '：' + value).join('、'); \
document.querySelector('#app .results-bar').after(...(dropped.length ? [notice] : []), ...(chips.children.length ? [chips] : [])); \
for (const o of document.querySelectorAll('#app select[name=sort] option')) o.selected = o.defaultSelected = o.value === (by ? sort : 'newest'); \
const count = document.querySelector('#app .result-count'); if (count) { const [n, order] = count.children, chosen = document.querySelector('#app select[name=sort] option:checked'); n.textContent = n.textContent.replace(/\\d+/, hits.length); if (order && chosen) order.textContent = '，按' + chosen.textContent + '排序'; } \
const ticked = sel.reduce((n, s) => n + s.size, 0), badge = document.querySelector('#app .filters-count'); if (badge) badge.textContent = ticked || ''; \
const h1 = document.querySelector('#app h1'); \
if (h1 && document.title.startsWith(h1.textContent)) document.title = h1.textContent + (names.length ? '：' + names.join('、') : '') + (page > 1 ? ' · 第 ' + page + ' / ' + pages + ' 页' : '') + document.title.slice(h1.textContent.length); \
html.removeAttribute('data-list-view'); })();";

/// What a prerendered page says to a reader without JavaScript (a locked-down webview, a
/// reader mode): the page reads as it is, and the buttons do nothing.
const NO_SCRIPT: &str = "<noscript><p class=\"boot-message\">未启用 JavaScript：本页内容可以阅读；搜索、筛选、收藏和分享需要启用 JavaScript。</p></noscript>";

/// What a list says without JavaScript: it is the whole list's first page whatever the
/// address asks for, so a shared link's search, filters or page are not applied, and it must
/// not pass for them (nothing without JavaScript can read the address's query to say so only
/// then).
const NO_SCRIPT_LIST: &str = "<noscript><p class=\"boot-message\">未启用 JavaScript：这里是全部列表的第一页，链接中的搜索、筛选和页码不起作用；搜索、筛选、收藏和分享需要启用 JavaScript。</p></noscript>";

/// What a list says without JavaScript when its page holds it whole (at most
/// `parkreader_core::browse::EARLY_VIEW_MAX` items, `components::browse::early_rest`): every
/// item shows, but not a link's search, filters or order.
const NO_SCRIPT_WHOLE_LIST: &str = "<noscript><p class=\"boot-message\">未启用 JavaScript：这里是全部列表，链接中的搜索、筛选和排序不起作用；搜索、筛选、收藏和分享需要启用 JavaScript。</p></noscript>";

/// What the saved page says without JavaScript: what it lists is kept by the browser, on the
/// device, and only the app reads it (the lists, marked `needs-app`, are hidden). It said
/// 「正在读取本机保存的内容…」 for ever.
const NO_SCRIPT_SAVED: &str = "<noscript><p class=\"boot-message\">未启用 JavaScript：收藏和浏览记录保存在这台设备的浏览器里，启用 JavaScript 后才能查看、导出和导入。</p></noscript>";

fn remove_title(html: &str) -> String {
    match (html.find("<title>"), html.find("</title>")) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{}", &html[..start], &html[end + "</title>".len()..])
        }
        _ => html.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use any_spawner::CustomExecutor;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn a_spawned_future_finishes_where_it_can_and_on_the_pool_otherwise() {
        // Done by its first poll: done before spawn returns.
        let done = Arc::new(AtomicBool::new(false));
        let flag = done.clone();
        PollFirstHere.spawn(Box::pin(async move { flag.store(true, Ordering::SeqCst) }));
        assert!(done.load(Ordering::SeqCst));

        // Waiting for a message: finished on the pool once the message comes.
        let (send, message) = futures::channel::oneshot::channel::<()>();
        let (finished, heard) = std::sync::mpsc::channel();
        PollFirstHere.spawn(Box::pin(async move {
            let _ = message.await;
            let _ = finished.send(());
        }));
        assert!(heard.try_recv().is_err());
        send.send(()).unwrap();
        heard
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the pending future ran on the pool");

        // A local one waiting likewise finishes when the thread's pool is run.
        let (send, message) = futures::channel::oneshot::channel::<()>();
        let local = std::rc::Rc::new(std::cell::Cell::new(false));
        let seen = local.clone();
        PollFirstHere.spawn_local(Box::pin(async move {
            let _ = message.await;
            seen.set(true);
        }));
        PollFirstHere.poll_local();
        assert!(!local.get());
        send.send(()).unwrap();
        PollFirstHere.poll_local();
        assert!(local.get());
    }
}
