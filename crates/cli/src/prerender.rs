//! `parkreader prerender DIST`: writes every route of the bundle as its own static page
//! (dist/articles/<id>/index.html …), rendered by the app's own components.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parkreader::state::BasePath;
use parkreader_core::browse::blocks_text;
use parkreader_core::part::{page_part, Page, SitePlan};
use parkreader_core::shards::ShardBuilder;
use parkreader_core::text::{escape_html, fold};
use parkreader_core::{parse_body, parse_bundle, BodySearch, Bundle};

/// Every route worth a static page, in the order written.
pub fn routes(bundle: &Bundle) -> Vec<String> {
    // `/saved` too, though what it lists is on the reader's device: a page of its own answers
    // its address with 200, not with the shell as a 404.
    let mut routes = vec![
        "/".to_string(),
        "/articles".to_string(),
        "/projects".to_string(),
        "/saved".to_string(),
    ];
    routes.extend(
        bundle
            .taxonomies
            .categories
            .iter()
            .map(|c| format!("/categories/{}", c.id)),
    );
    routes.extend(
        bundle
            .articles
            .iter()
            .map(|a| format!("/articles/{}", a.id)),
    );
    routes.extend(
        bundle
            .projects
            .iter()
            .map(|p| format!("/projects/{}", p.id)),
    );
    routes
}

/// Prerenders `dist`, using its 404.html (the plain app shell) as the page template and its
/// data/bundle.json, with the body files it names, as the content: see [`prerender_content`].
/// Returns the number of pages written.
pub fn prerender(dist: &Path) -> io::Result<usize> {
    let text = fs::read_to_string(dist.join("data/bundle.json"))?;
    let bundle = parse_bundle(&text).map_err(|e| {
        io::Error::new(io::ErrorKind::InvalidData, format!("data/bundle.json: {e}"))
    })?;
    let mut bodies = Vec::new();
    for article in &bundle.articles {
        if let Some(url) = &article.body_url {
            let file = dist.join(url.trim_start_matches('/'));
            let text = fs::read_to_string(&file)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", file.display())))?;
            bodies.push((url.clone(), text));
        }
    }
    // Published again below, under names that carry their content's hash.
    for (url, _) in &bodies {
        fs::remove_file(dist.join(url.trim_start_matches('/')))?;
    }
    fs::remove_file(dist.join("data/bundle.json"))?;
    prerender_content(dist, bundle, &bodies, None)
}

/// Prerenders `dist` from content in memory, using its 404.html (the plain app shell) as the
/// page template: `bodies` are the (URL, JSON) of the bodies the bundle's articles name in
/// `body_url`. The data files are written named after their content
/// (`data/bundle-<hash>.json`, bodies likewise) and every page points at those names, so a page
/// that WeChat or a CDN cached never pairs with data it does not match. Each file is written
/// once, with its compressed copies beside it; a file the site `previous` (the one this build
/// replaces) has too takes its copies from there when they decode to it (see
/// [`crate::offline::write_with_copies`] and [`crate::offline::PreviousPages`]). Returns the
/// number of pages written.
pub fn prerender_content(
    dist: &Path,
    mut bundle: Bundle,
    bodies: &[(String, String)],
    previous: Option<&Path>,
) -> io::Result<usize> {
    let shell_path = dist.join("404.html");
    let shell = fs::read_to_string(&shell_path).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("{}: {e} (build the site first)", shell_path.display()),
        )
    })?;

    // Content-addressed data: bodies first (the bundle names them), then the bundle itself.
    // Per article (by position), its separate body, for the static pages and search shards.
    let by_url: HashMap<&str, &str> = bodies
        .iter()
        .map(|(url, json)| (url.as_str(), json.as_str()))
        .collect();
    let mut inline_bodies = vec![None; bundle.articles.len()];
    let mut body_files = Vec::new();
    for (i, article) in bundle.articles.iter_mut().enumerate() {
        if let Some(url) = article.body_url.take() {
            let text = by_url.get(url.as_str()).ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("{url}: no such body file (named by article {})", article.id),
                )
            })?;
            let blocks = parse_body(text)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{url}: {e}")))?;
            let hashed = fingerprinted_body(&url, text);
            body_files.push((dist.join(hashed.trim_start_matches('/')), *text));
            article.body_url = Some(hashed);
            inline_bodies[i] = Some(blocks);
        }
    }
    let folders: BTreeSet<&Path> = body_files.iter().filter_map(|(p, _)| p.parent()).collect();
    for folder in folders {
        fs::create_dir_all(folder)?;
    }
    // Files that have their .br and .gz already, for the last step to leave alone.
    let mut compressed: HashSet<PathBuf> = HashSet::new();
    // Every detail page's lists at once (asked page by page, they scan the whole bundle):
    // planned on a thread of its own while the bodies and search shards are written, since it
    // reads neither (alone, it held one core for half a second at 10,000 articles).
    let (plan, body_search) = std::thread::scope(|scope| {
        let plan = scope.spawn(|| SitePlan::compute(&bundle));
        let written = crate::progress::each_in_parallel("bodies", &body_files, |(path, text)| {
            let old = previous.and_then(|site| crate::offline::same_file(site, path, dist));
            crate::offline::write_with_copies(path, dist, text.as_bytes(), old.as_deref())
        })
        .and_then(|()| write_search_shards(dist, &inline_bodies, &mut compressed, previous));
        let plan = plan
            .join()
            .map_err(|_| io::Error::other("planning the pages panicked"));
        Ok::<_, io::Error>((plan?, written?))
    })?;
    bundle.body_search = body_search;
    compressed.extend(body_files.into_iter().map(|(p, _)| p));
    // The index and the project list's part are written with their lists in column form,
    // which compresses a third smaller (`parkreader_core::columns`).
    let json = parkreader_core::columns::bundle_json(&bundle).map_err(io::Error::other)?;
    let bundle_file = fingerprinted("/data/bundle.json", &json);
    let bundle_path = dist.join(bundle_file.trim_start_matches('/'));
    if let Some(folder) = bundle_path.parent() {
        fs::create_dir_all(folder)?;
    }
    // The bundle file itself is written with its copies beside the pages, below: at brotli's
    // best it is the slowest file of the site to compress (half a second at 10,000 articles).
    // Pages find the data and their routes under the site's base path (set once, in base_url).
    let base = BasePath::from_base_url(&bundle.site.base_url).0;
    let shell = set_meta(&shell, "parkreader-bundle", &format!("{base}{bundle_file}"))
        .and_then(|s| set_meta(&s, "parkreader-base", &format!("{base}/")))
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "404.html lacks <meta name=\"parkreader-bundle\"> or <meta name=\"parkreader-base\">"))?;
    // The shell's own first screen (before the app starts) names the site and links home.
    let site_name = escape_html(&bundle.site.name);
    let shell = shell
        .replace(
            "<title>招商资讯</title>",
            &format!("<title>{site_name}</title>"),
        )
        .replace(
            "<a class=\"site-name\" href=\"/\">招商资讯</a>",
            &format!("<a class=\"site-name\" href=\"{base}/\">{site_name}</a>"),
        )
        // Links Trunk leaves alone follow the base path here.
        .replace(
            "href=\"/manifest.webmanifest\"",
            &format!("href=\"{base}/manifest.webmanifest\""),
        )
        .replace(
            "href=\"/icons/icon-180.png\"",
            &format!("href=\"{base}/icons/icon-180.png\""),
        )
        // Feed readers given the site's address find its Atom feed here.
        .replace(
            "title=\"招商资讯\" href=\"/feed.xml\"",
            &format!("title=\"{site_name}\" href=\"{base}/feed.xml\""),
        )
        // Without JavaScript the shell is a page the site does not have: its way on.
        .replace(
            "<a href=\"/\">返回首页</a> · <a href=\"/articles/\">全部文章</a> · <a href=\"/projects/\">投资项目</a>",
            &format!("<a href=\"{base}/\">返回首页</a> · <a href=\"{base}/articles/\">全部文章</a> · <a href=\"{base}/projects/\">投资项目</a>"),
        );
    // 404.html, served for any address without a page, also goes from a chat's `/articles/x。`
    // to the item's own address at once ([`TIDY_ADDRESS`]), by a script file of its own: inline,
    // its hash would be in every page's policy, and its text in every page's early script.
    // (Its class of glued punctuation is the one `links::without_glued_end` trims.)
    let tidy = TIDY_ADDRESS.replace("GLUED", parkreader_core::links::GLUED);
    let tidy_url = fingerprinted("/address.js", &tidy);
    fs::write(dist.join(tidy_url.trim_start_matches('/')), tidy)?;
    let shell = with_start_scripts(&shell);
    let plain_shell = shell.replacen(
        "<script>",
        &format!("<script src=\"{base}{tidy_url}\"></script>\n<script>"),
        1,
    );
    let plain_shell = with_inline_stylesheet(&plain_shell, dist, false)?;
    // Detail pages carry the stylesheet without the lists' rules.
    let detail_shell = with_inline_stylesheet(&shell, dist, true)?;
    let shell = with_inline_stylesheet(&shell, dist, false)?;
    // The shells are final: their inline scripts' and styles' hashes make the
    // Content-Security-Policy.
    // The list pages add their early view (`parkreader::prerender::LIST_EARLY_VIEW`).
    let policy = crate::csp::policy(
        &[&shell, &detail_shell],
        &[parkreader::prerender::LIST_EARLY_VIEW],
    );
    let with_policy = |shell: &str| {
        crate::csp::with_meta(shell, &policy).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "404.html lacks <meta charset=\"utf-8\" />",
            )
        })
    };
    let shell = with_policy(&shell)?;
    let detail_shell = with_policy(&detail_shell)?;
    crate::csp::write_headers(dist, &policy)?;
    fs::write(&shell_path, with_policy(&plain_shell)?)?;
    // Pages (not 404.html, which any build of this app and content gives alike) name the
    // builder and template they were made with.
    let generator = crate::offline::generator_meta(&shell);
    let charset = "<meta charset=\"utf-8\" />";
    let shell = shell.replacen(charset, &format!("{charset}\n    {generator}"), 1);
    let detail_shell = detail_shell.replacen(charset, &format!("{charset}\n    {generator}"), 1);

    // Static pages include bodies published as separate files.
    for (article, blocks) in bundle.articles.iter_mut().zip(inline_bodies) {
        if let Some(blocks) = blocks {
            article.body = Some(blocks);
        }
    }
    let bundle = Arc::new(bundle);
    let routes = routes(&bundle);
    // The project list's part (every project, no article) is a file of its own, which the
    // project list page names instead of the index.
    let projects = page_part(&bundle, &Page::Projects, Some(&plan))
        .ok_or_else(|| io::Error::other("the project list has no part"))?;
    let projects_json =
        parkreader_core::columns::bundle_json(&projects).map_err(io::Error::other)?;
    let projects_file = fingerprinted("/data/projects.json", &projects_json);
    let projects_path = dist.join(projects_file.trim_start_matches('/'));
    let projects = Arc::new(projects);
    let projects_shell = with_bundle_part(&shell, &format!("{base}{projects_file}"), "projects")
        .and_then(|shell| with_data_preload(&shell))
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "404.html lacks <meta name=\"parkreader-bundle\">",
            )
        })?;
    // The pages that carry no part (the article list, the saved page) download the index.
    let index_shell = with_data_preload(&shell).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "404.html lacks <meta name=\"parkreader-bundle\">",
        )
    })?;
    // A detail page is rendered from, and carries, the part of the bundle it shows; the project
    // list is rendered from its part, which the app downloads; the article list renders the
    // whole bundle and the app downloads the index.
    // The part a page carries, with its JSON: the pages of `Page::embedded`.
    let part_of = |route: &str| -> io::Result<Option<(Bundle, String)>> {
        match Page::from_path(route) {
            Some(page) if page.embedded() => match page_part(&bundle, &page, Some(&plan)) {
                Some(part) => {
                    let json = part_json(&part)?;
                    Ok(Some((part, json)))
                }
                None => Ok(None),
            },
            _ => Ok(None),
        }
    };
    let render = |route: &str, part: Option<(Bundle, String)>| -> io::Result<String> {
        match (Page::from_path(route), part) {
            // The one page whose part is a file (`Page::embedded`).
            (Some(page), _) if !page.embedded() => {
                parkreader::prerender::render_page(&projects_shell, projects.clone(), route)
            }
            (_, Some((part, json))) => {
                parkreader::prerender::render_page(&detail_shell, Arc::new(part), route)
                    .and_then(|html| embed_part(&html, &json))
            }
            _ => parkreader::prerender::render_page(&index_shell, bundle.clone(), route),
        }
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "404.html has no <div id=\"app\"> to fill",
            )
        })
    };
    // What every detail page starts with (the common start of the first, middle and last: the
    // home page and two others), compressed once for all. The lists, whose stylesheet is
    // whole, and the project list, which names its part file in its head, are compressed
    // whole: three pages.
    let usual: Vec<&String> = routes
        .iter()
        .filter(|r| Page::from_path(r).is_some_and(|page| page.embedded()))
        .collect();
    let mut picked = vec![0, usual.len() / 2, usual.len().saturating_sub(1)];
    picked.dedup();
    let picked: Vec<&String> = picked
        .into_iter()
        .filter_map(|i| usual.get(i).copied())
        .collect();
    let samples: Vec<String> = picked
        .iter()
        .map(|route| render(route, part_of(route)?))
        .collect::<io::Result<_>>()?;
    let samples: Vec<&[u8]> = samples.iter().map(|page| page.as_bytes()).collect();
    let start = if samples.len() > 1 {
        crate::offline::SharedStart::of(&samples)?
    } else {
        None
    };
    // The previous site's pages at the same routes give its start.
    let page_file =
        |site: &Path, route: &str| site.join(route.trim_start_matches('/')).join("index.html");
    let previous_pages = match (previous, &start) {
        (Some(site), Some(start)) => {
            let old: Option<Vec<Vec<u8>>> = picked
                .iter()
                .map(|route| fs::read(page_file(site, route)).ok())
                .collect();
            match old {
                Some(old) => {
                    let old: Vec<&[u8]> = old.iter().map(Vec::as_slice).collect();
                    crate::offline::PreviousPages::of(site, &old, start)?
                }
                None => None,
            }
        }
        _ => None,
    };
    // Pages are independent: rendered on every core. The data files are written meanwhile:
    // at brotli's best, as every data file at the top, the project list's part takes 1.5 s for
    // the 790 KB of 1,000 projects, which at the end would be 1.5 s more of the build.
    std::thread::scope(|scope| {
        let part = scope.spawn(|| {
            for (path, bytes) in [(&projects_path, &projects_json), (&bundle_path, &json)] {
                let old = previous.and_then(|site| crate::offline::same_file(site, path, dist));
                crate::offline::write_with_copies(path, dist, bytes.as_bytes(), old.as_deref())?;
            }
            Ok::<(), io::Error>(())
        });
        let pages = crate::progress::each_in_parallel("pages", &routes, |route| {
            let path = page_file(dist, route);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            let part = part_of(route)?;
            // A page whose part did not change is, with the same app, template and builder,
            // the page the last build wrote: taken as it is, not rendered again.
            if let (Some(previous), Some(start), Some((_, json))) = (&previous_pages, &start, &part)
            {
                if let Some(page) = previous.unchanged_page(&path, dist, start, &part_script(json))
                {
                    return page.write(&path);
                }
            }
            let html = render(route, part)?;
            crate::offline::write_page_with_copies(
                &path,
                dist,
                html.as_bytes(),
                start.as_ref(),
                previous_pages.as_ref(),
            )
        });
        // Both finished, whatever either gave.
        let part = part.join();
        pages?;
        part.map_err(|_| io::Error::other("writing the data files panicked"))?
    })?;
    compressed.extend([projects_path, bundle_path]);
    compressed.extend(
        routes
            .iter()
            .map(|route| dist.join(route.trim_start_matches('/')).join("index.html")),
    );
    // Installable and offline: the manifest, then the worker that precaches everything above.
    crate::offline::write_manifest(dist, &bundle, &base)?;
    crate::offline::write_discovery(dist, &bundle, &plan, &routes)?;
    crate::offline::write_service_worker(
        dist,
        &base,
        &[&bundle_file, &projects_file],
        bundle.body_search.as_ref().map(|s| s.path.as_str()),
    )?;
    // Last, so that every file above has its compressed copies.
    crate::offline::precompress(dist, &compressed)?;
    // Freeing the site's records took half a second at 10,000 articles: a thread of its own
    // does it, and the build goes on without waiting (if no thread can start, they are freed
    // here).
    let pages = routes.len();
    let _ = std::thread::Builder::new()
        .spawn(move || drop((bundle, plan, projects, routes, compressed)));
    Ok(pages)
}

/// What Trunk's loader runs before it starts the app: wait until the browser has reported the
/// page's largest paint (or, where it cannot, for the next frame, never failing the loader in
/// an older browser; at once in a hidden page; at most 3 s). The glue JS and the wasm, the
/// largest download, then start once the static page is on screen instead of competing with
/// it, and Lighthouse's simulation no longer counts them against the largest paint (the wasm
/// put the home page at 2.9 s in some runs). A list page opened on a view of its own
/// (`data-list-view`, see [`MARK_LIST_VIEW`]) waits for nothing: its static results are hidden,
/// and the app is what shows the view.
pub const START_AFTER_FIRST_PAINT: &str = "await new Promise((go) => { \
if (document.visibilityState === 'hidden' || document.documentElement.hasAttribute('data-list-view')) return go(); \
setTimeout(go, 3000); \
try { const lcp = 'largest-contentful-paint'; \
if (!(window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || []).includes(lcp))) throw 0; \
new PerformanceObserver((_, o) => { o.disconnect(); go(); }).observe({ type: lcp, buffered: true }); \
} catch (_) { requestAnimationFrame(() => setTimeout(go)); } });\n";

/// What the loader does when the app cannot start (its code did not download, or the browser
/// has no WebAssembly): a prerendered page stays as it is, readable, and says that search,
/// filters and bookmarks do not work, with a button to try again. It is no longer waiting for
/// the app (`data-prerendered` goes), so what stood for a pending app goes too: the busy marks
/// of early taps, the dimmed cards of a search typed or filled in. A list opened on a view of
/// its own (`data-list-view`) shows its static first page again instead of waiting for the
/// view for ever, and says that this is the whole list, not the link's view. The page's
/// controls (search, filters, order, buttons) are disabled: ticked or typed, they did nothing.
/// A list shown whole has its search box emptied: it said the link's words over a list they
/// did not search.
/// What only the app can know (`needs-app`: the saved page's lists, whether the site reads
/// offline) goes: the saved page said 「正在读取本机保存的内容…」 for ever.
/// The plain shell (404.html, a page not prerendered) has nothing to read: it says the page
/// did not load, with a link home. A
/// reader already down the page (come back to it) stays on what they read: the notice above
/// pushed it down by its height on every return.
const APP_FAILED: &str = "console.error(e); const html = document.documentElement, list = html.hasAttribute('data-list-view'), \
app = document.getElementById('app'), page = app && app.hasAttribute('data-prerendered'); \
html.removeAttribute('data-list-view'); if (app) app.removeAttribute('data-prerendered'); \
if (app) for (const c of app.querySelectorAll('input, select, button')) { c.disabled = true; if (list && c.type === 'search') c.value = ''; } \
for (const b of document.querySelectorAll('[aria-busy]')) b.removeAttribute('aria-busy'); \
for (const l of document.querySelectorAll('.loading, .needs-app')) l.remove(); const y = scrollY, h = html.getBoundingClientRect().height; \
if (!html.hasAttribute('data-not-found')) { \
(document.querySelector('main') || document.body).insertAdjacentHTML('afterbegin', '<p class=\"notice\" role=\"alert\">' + \
(page ? '功能未能加载，搜索、筛选和收藏暂不可用' + (list ? '；下面是全部列表，未按链接筛选' : '') : '页面未能加载') + \
'。 <button type=\"button\" class=\"button small\">重试</button>' + (page ? '' : ' <a href=\"' + (document.querySelector('meta[name=parkreader-base]') || { content: '/' }).content + '\">返回首页</a>') + '</p>'); \
if (y > 0) scrollTo(0, y + html.getBoundingClientRect().height - h); \
document.querySelector('[role=alert] button').onclick = () => location.reload(); }";

/// What runs as soon as the page's head is parsed, long before the app:
/// - it records the buttons the reader taps on the static page (share, bookmark, language),
///   each once, as its class and text and which of the buttons alike it is (and of its
///   class, for a page whose language the reader switched first), for
///   `browser::replay_early_clicks` to tap the app's same button once the app has taken over.
///   Without it such a tap did nothing.
/// - it follows input-method composition (`window.parkreaderComposing`), for
///   `browser::watch_composition`: 拼音 begun before the app's code arrived would otherwise go
///   unseen, and the takeover would throw it away.
/// - it records whether a finger or button is down on the page (`window.parkreaderPressed`,
///   until just after it lifts), for `browser::after_release`: a takeover in the middle of a
///   tap lost it.
///
/// A classic inline script in the head, ahead of Trunk's loader, listening on the document: it
/// runs while the rest of the page is still arriving, so a tap or a composition on a long page
/// that a slow link is still streaming counts too (a module script would run only once the
/// whole page is parsed). Taps count only on a prerendered page before the takeover. A tapped
/// button is marked `aria-busy` at once, which the stylesheet shows (`分享…`): without it, a tap
/// on a slow link seemed to do nothing for seconds, until the app acted on it. A 字号 button
/// is acted on at once instead (the size set on the root element and kept, the button shown
/// pressed), as the app would: nothing else is needed, and the size changed seconds later,
/// under a reader who had read on.
pub const RECORD_EARLY_INPUT: &str = "(() => { const early = window.parkreaderEarlyClicks = []; \
window.parkreaderComposing = false; window.parkreaderPressed = false; \
document.addEventListener('pointerdown', () => { window.parkreaderPressed = true; }, true); \
const lift = () => setTimeout(() => { window.parkreaderPressed = false; }); \
for (const t of ['pointerup', 'pointercancel', 'contextmenu']) document.addEventListener(t, lift, true); addEventListener('blur', lift); \
document.addEventListener('compositionstart', () => { window.parkreaderComposing = true; }, true); \
document.addEventListener('compositionend', () => { window.parkreaderComposing = false; }, true); \
const key = (b) => b.className + '\\n' + b.textContent.trim(); \
document.addEventListener('click', (e) => { const app = document.getElementById('app'); \
if (!app || !app.hasAttribute('data-prerendered')) return; \
const b = e.target instanceof Element && e.target.closest('button'); \
if (!b || !app.contains(b)) return; \
const group = b.closest('.text-size'); if (group) { const all = [...group.querySelectorAll('button')], size = ['normal', 'large', 'larger'][all.indexOf(b)]; \
document.documentElement.setAttribute('data-text-size', size); try { localStorage.setItem('parkreader:text-size', size); } catch (_) {} \
for (const o of all) o.setAttribute('aria-pressed', o === b); return; } \
const all = [...app.querySelectorAll('button')], click = { key: key(b), nth: all.filter((o) => key(o) === key(b)).indexOf(b), \
cnth: all.filter((o) => o.className === b.className).indexOf(b) }; \
if (!early.some((c) => c.key === click.key && c.nth === click.nth)) early.push(click); b.setAttribute('aria-busy', 'true'); }); })();\n";

/// What else the early script does, with `PARAMS` the list views' query parameters: on an
/// address that asks a list for another view than its whole first page (a shared link with a
/// search, filters, an order or a page), it marks the document (`data-list-view` on `<html>`),
/// so that the stylesheet shows `OpeningView` instead of the static page's results, which would
/// be the wrong list. Only the lists' own addresses count, and of their parameters neither
/// unknown ones (WeChat adds `from=singlemessage`) nor `sort=newest` and `page=1`, which are the
/// static page's own view; names in capitals, or with the `amp;` of a link copied out of HTML,
/// count as the app reads them. The search words of such an address are put in the static list's
/// search box once the page is parsed (`DOMContentLoaded`), as its default value, so that the
/// reader sees what the link searches for while the app is on its way, and the app does not
/// take them for text typed early (which would start the view over at page 1). The link's
/// filters and order go into that form as hidden fields, so that a search sent from it before
/// the app runs (Enter, the keyboard's 搜索) searches within the link's view, as the app does,
/// instead of the whole list.
/// First, an address that names a page's file (`/projects/index.html`, as some links and
/// hosts write it) becomes the page's own address, which is the route the app knows: the app
/// took the file's name for an unknown page and replaced the list with "页面不存在". Doubled
/// slashes go too: `//articles//index.html` became `//articles/`, an address of the host
/// `articles`, which the browser refused, and the app then said 页面不存在. A Chinese
/// keyboard's full-width `＆` and `＝` in the query become `&` and `=` there too, so that the
/// list's early view (`parkreader::prerender::LIST_EARLY_VIEW`) reads the address as meant.
const MARK_LIST_VIEW: &str = "(() => { const tidy = location.pathname.replace(/\\/{2,}/g, '/').replace(/\\/index\\.html$/, '/'), \
search = location.search.replace(/＆|%EF%BC%86/gi, '&').replace(/＝|%EF%BC%9D/gi, '='); \
if (tidy !== location.pathname || search !== location.search) history.replaceState(history.state, '', tidy + search + location.hash); \
const asked = new Map([...new URLSearchParams(search)].map(([k, v]) => [k.toLowerCase().replace(/^amp;/, ''), v])), plain = { sort: 'newest', page: '1' }; \
if (!/\\/(articles|projects)\\/?$/.test(location.pathname) || !PARAMS.some((p) => { const v = (asked.get(p) || '').trim().toLowerCase(); return v && v !== plain[p]; })) return; \
document.documentElement.setAttribute('data-list-view', ''); \
const q = asked.get('q'); addEventListener('DOMContentLoaded', () => { \
for (const form of document.querySelectorAll('[data-prerendered] form[data-list]')) { const box = form.querySelector('[name=q]'); if (q && box && !box.value) box.defaultValue = q; \
for (const [name, v] of new URLSearchParams(search)) { const k = name.toLowerCase().replace(/^amp;/, ''); if (k === 'q' || k === 'page' || !PARAMS.includes(k)) continue; \
const keep = document.createElement('input'); keep.type = 'hidden'; keep.name = k; keep.value = v; form.append(keep); } } }); })();\n";

/// What else the early script does, for a reader who comes back and who chose a reading size:
/// - Back and forward within the app return to where the reader was on that page. The
///   browser's own restoring runs as the address changes, before the app has drawn the page
///   it goes back to: on a long list it landed at the list's bottom, far from the tapped card.
///   So the position on each address is noted as the reader scrolls, and after a back or
///   forward it is held on each frame until the page has kept its height for a second (an
///   article's text file arriving late grows the page above the place, and the browser's
///   scroll anchoring then moved the reader by as much), and not once the reader touches,
///   clicks, types or scrolls the page; the listeners for that go when it ends. Positions are kept by address, not by history entry:
///   the same list opened twice returns to where it was last. A page notes places only for
///   the addresses it showed itself (where it was opened, and those it went to by
///   `pushState` or `replaceState`): Back from an article reloaded after the list opened it
///   comes to the list's address in the article's document, which loads the list
///   (`browser::follow_links_with_page_loads`), and the article's height, noted as the list's
///   place, brought the list back above where the reader was.
/// - Back to another document works the same way. A list opened from a link with a filter is
///   a short placeholder until the app draws it (and a detail page links to it with a page
///   load), so the browser's own restoring found no room and left the reader near the top.
///   The positions this page noted are merged into `sessionStorage` as the page is left (the
///   last 50 addresses are kept), and after a back or forward load the position is put back
///   until the page holds it, or until a second after the app has taken over (at most 15
///   seconds when it never does), on the same terms. A reload (pull to refresh, WeChat's
///   刷新) returns to the place in the same way. A page opened afresh, by a link or by the
///   app (`pushState`), starts where it starts: an address's old position counts only for
///   going back or reloading. So a page opened afresh reads neither `sessionStorage` nor its
///   own position while it is parsed: the first read of storage and of `scrollY` (which
///   lays out the page so far) cost 5–16 ms each there on a 4× slowed CPU, in the task that
///   parses the page. Its position is noted on its first frame instead, when the page is laid
///   out anyway.
/// - On a first visit the service worker takes over only after the page has loaded what it
///   shows (the page itself, its images, an article's text file), so none of it would be kept
///   for reading offline, though this is the case of a link opened once from a chat. When a
///   worker takes over, the page tells it the pages and files it has loaded, and the worker
///   keeps them (`sw.js`, `keep`).
/// - The reading size kept on this device (`parkreader:text-size`, see `reading.rs`) is set
///   on the root element before the first paint, not after the app starts: the page would
///   otherwise draw at the standard size and then grow, shifting everything; once the page is
///   parsed, its 字号 control shows that size pressed (it showed 标准 until the app came).
const KEEP_PLACE: &str = "(() => { const K = 'parkreader:at', mine = {}; \
const read = () => { try { return JSON.parse(sessionStorage.getItem(K)) || {}; } catch (_) { return {}; } }; \
const nav = performance.getEntriesByType('navigation')[0], returning = nav && (nav.type === 'back_forward' || nav.type === 'reload'), at = returning ? read() : {}; \
const own = new Set([location.href]), here = () => { if (own.has(location.href)) at[location.href] = mine[location.href] = scrollY; }; \
if (!returning) requestAnimationFrame(() => { if (!(location.href in mine)) here(); }); \
const push = history.pushState; history.pushState = function (...args) { push.apply(this, args); own.add(location.href); here(); }; \
const replace = history.replaceState; history.replaceState = function (...args) { replace.apply(this, args); own.add(location.href); }; \
addEventListener('scroll', here, { passive: true }); \
addEventListener('pagehide', () => { try { const all = read(); for (const u in mine) { delete all[u]; all[u] = mine[u]; } \
const urls = Object.keys(all); for (const u of urls.slice(0, -50)) delete all[u]; sessionStorage.setItem(K, JSON.stringify(all)); } catch (_) {} }); \
const back = (y, live) => { if (y === undefined) return; let until = 0, tall = -1; const done = new AbortController(); \
for (const e of ['touchstart', 'wheel', 'keydown', 'pointerdown']) addEventListener(e, () => done.abort(), { passive: true, signal: done.signal }); \
const put = () => { if (done.signal.aborted) return; const h = document.documentElement.scrollHeight; \
if (!live() || h !== tall) { tall = h; until = performance.now() + 1000; } \
if (performance.now() > until) { done.abort(); return; } \
if (Math.abs(scrollY - y) >= 1) scrollTo(0, y); requestAnimationFrame(put); }; \
requestAnimationFrame(put); }; \
addEventListener('popstate', () => back(at[location.href], () => true)); \
if (returning) { const started = performance.now(); \
back(at[location.href], () => { const app = document.getElementById('app'); return performance.now() - started > 15000 || (app && !app.hasAttribute('data-prerendered')); }); } \
try { navigator.serviceWorker.addEventListener('controllerchange', () => { const sw = navigator.serviceWorker.controller; \
if (sw) sw.postMessage({ keep: { pages: [nav ? nav.name : location.href, location.href], \
files: performance.getEntriesByType('resource').map((e) => e.name) } }); }); } catch (_) {} \
try { const size = localStorage.getItem('parkreader:text-size'); \
if (size === 'large' || size === 'larger') { document.documentElement.setAttribute('data-text-size', size); \
document.addEventListener('DOMContentLoaded', () => document.querySelectorAll('#app .text-size button').forEach((b, j) => b.setAttribute('aria-pressed', j === (size === 'large' ? 1 : 2)))); } } catch (_) {} })();\n";

/// What the early script does first: it says that scripts run (`data-js` on `<html>`), before
/// anything is drawn. Without it (JavaScript off) the stylesheet hides the controls that only
/// the app can work (bookmark, share, text size, language, search, filters, order, pages),
/// which would otherwise sit on the page doing nothing; the `<noscript>` note says so.
const SCRIPTS_RUN: &str = "document.documentElement.setAttribute('data-js', '');\n";

/// What 404.html's script (`address-<hash>.js`, loaded in its head ahead of the early script)
/// does on an address a chat or a hand mangled: what a chat glued on after it (`。`, `）`, a
/// space, and after an item's id, or its closing slash, whatever words follow those:
/// `/articles/x，大家看看`, `/articles/x/，你看看`), an old
/// page's ending (`.html`, `/index.html`), a list's name in capitals
/// (`/ARTICLES/x`, `/Projects/`), doubled slashes (`//projects//x/`) or characters that take
/// no room (a zero-width space copied with a chat's text, anywhere in it): it goes to the page meant
/// at once, `location.replace`, keeping the query and fragment. Such an address has no page: the
/// host answers with the plain shell, and the reader waited for the whole app (ten seconds on
/// a slow phone) to see a page that was prerendered all along. It knows the site's own
/// addresses only (a list's name also in the singular, `/project/x`): home, the two lists, the
/// saved page, and an item or a category by its id
/// (letters, digits, `-`, `_`, as `links::id_meant` reads them in the app). Any other address
/// (an old page's, `aliases`) goes once without what a chat glued on, else once in lower case
/// (`/art/…/ART_1_2.HTML。` takes two steps), which is where the old page's redirect is if
/// the site has one; on an address with neither, it does nothing. An item's id in capitals
/// likewise goes once in lower case, once the rest is tidy (`/ARTICLES/X。` → `/articles/X/`
/// → `/articles/x/`): ids that differ only in capitals are refused, so an id written with
/// capitals of its own is met at the first step, and its page is found by the app at worst.
///
/// Where it goes nowhere and the host answered 404 (the navigation's `responseStatus`, in
/// Chromium's webviews, WeChat's among them), the address is no page of the site: it marks
/// `data-not-found` and puts the `<noscript>`'s 页面不存在 and links, in the app's not-found
/// card, in place of the loading skeleton, instead of the skeleton until the app said so (ten
/// seconds on a slow phone); the app, when it comes, draws its own, with the item the link
/// most likely meant. [`APP_FAILED`] adds no 页面未能加载 to it. The worker's shell offline is
/// no 404, and keeps the skeleton for the app, which shows any route from the cached data.
const TIDY_ADDRESS: &str = r#"(() => { const base = (document.querySelector('meta[name=parkreader-base]') || { content: '/' }).content;
const mark = location.pathname.search(/？|%EF%BC%9F/i); if (mark > 0) { const after = location.pathname.slice(mark).replace(/^(？|%EF%BC%9F)/i, ''), more = location.search.slice(1);
  location.replace(location.pathname.slice(0, mark) + '?' + after + (more ? '&' + more : '') + location.hash); return true; }
let raw; try { raw = decodeURIComponent(location.pathname); } catch (_) { return false; }
const path = raw.replace(/[\u200b-\u200d\u2060\ufeff]/gu, '').replace(/\/{2,}/g, '/'); if (!path.startsWith(base)) return false;
const rest = path.slice(base.length).replace(/^((?:articles?|projects?|categor(?:y|ies))\/[\w-]+)\/?[\sGLUED].*$/iu, '$1').replace(/[\sGLUED\/]+$/u, '').replace(/\.(html|htm|shtml)$/i, '').replace(/(^|\/)index$/i, '');
const m = /^(?:(articles?|projects?|saved)|(articles?|projects?|categor(?:y|ies))\/([\w-]+))?$/i.exec(rest);
const list = (s) => s.toLowerCase().replace(/^(article|project)$/, '$1s').replace(/^category$/, 'categories');
const go = (to) => { location.replace(to + location.search + location.hash); return true; };
if (!m) { const bare = path.replace(/[\sGLUED]+$/u, ''), to = bare !== path ? bare : path.toLowerCase();
  return to !== raw && to.length > base.length && go(to); }
const page = (id) => base + (m[1] ? list(m[1]) + '/' : m[2] ? list(m[2]) + '/' + id + '/' : '');
const exact = page(m[3]), to = exact !== raw ? exact : page(m[3] && m[3].toLowerCase());
return to !== raw && go(to); })() || (() => {
const nav = window.performance && performance.getEntriesByType && performance.getEntriesByType('navigation')[0];
if (!nav || nav.responseStatus !== 404) return; document.documentElement.setAttribute('data-not-found', '');
document.addEventListener('DOMContentLoaded', () => { const said = document.querySelector('#app noscript'), loading = document.querySelector('#app .loading');
  if (!said || !loading) return; const page = document.createElement('div'); page.className = 'not-found'; page.innerHTML = said.textContent;
  for (const e of page.children) e.removeAttribute('class'); loading.replaceWith(page); }); })();
"#;

/// The early script: [`SCRIPTS_RUN`], [`RECORD_EARLY_INPUT`], [`MARK_LIST_VIEW`] and
/// [`KEEP_PLACE`].
fn early_script() -> String {
    use parkreader_core::query::{FacetKey, ListKind, PARAM_PAGE, PARAM_Q, PARAM_SORT};
    let mut params = vec![PARAM_Q, PARAM_SORT, PARAM_PAGE];
    for kind in [ListKind::Articles, ListKind::Projects] {
        params.extend(FacetKey::for_kind(kind).iter().map(|f| f.param()));
    }
    params.sort_unstable();
    params.dedup();
    let params = serde_json::to_string(&params).unwrap_or_else(|_| "[]".into());
    format!(
        "{SCRIPTS_RUN}{RECORD_EARLY_INPUT}{}{KEEP_PLACE}",
        MARK_LIST_VIEW.replace("PARAMS", &params)
    )
}

/// The shell with [`early_script`] ahead of Trunk's loader, and the loader changed to
/// wait with [`START_AFTER_FIRST_PAINT`] before it fetches anything, and the start wrapped in
/// [`APP_FAILED`]'s handler for when it cannot (the loader's usual shape only): Trunk's static
/// `import init, * as bindings from '….js'` (fetched with the page, before its first paint)
/// becomes a dynamic `import()` after the wait, and `Trunk.toml` asks for no preload of it. A
/// page then paints from its own bytes alone. Lighthouse's simulation counts every request that
/// starts before the largest paint against it: without the glue JS there, the article's LCP
/// went from 1,019–1,104 ms to 676–903 ms (3 runs each, stylesheet inline in both). A shell
/// without that loader starts no app, and one that has the wait already (a site prerendered
/// again) is left as it is: its scripts, and the hashes the policy allows them by, stay the
/// same.
fn with_start_scripts(shell: &str) -> String {
    let open = "<script type=\"module\">\n";
    let Some(script) = shell.find(&format!("{open}import init")) else {
        return shell.to_string();
    };
    let Some(at) = shell[script..]
        .find("const wasm = await init(")
        .map(|at| script + at)
    else {
        return shell.to_string();
    };
    if shell.contains(START_AFTER_FIRST_PAINT) {
        return shell.to_string();
    }
    let record = format!("<script>{}</script>\n", early_script());
    let import = script + open.len();
    let line_end = shell[import..at].find('\n').map_or(at, |n| import + n);
    // The wasm is asked for at once too, beside the glue JS rather than after it: one round
    // trip less before the app takes over (an article on a 300 ms, 200 KB/s link, 5 runs
    // each: 2.80–2.99 s from navigation to the takeover, 2.62–2.69 s so). wasm-bindgen's
    // `init` takes the pending response (its failure marked as handled here, so that a glue
    // JS that fails to load leaves no unhandled rejection behind; `init` still sees it).
    let init = "const wasm = await init({ module_or_path: '";
    let wasm_url = shell[at..]
        .strip_prefix(init)
        .and_then(|rest| rest.split_once("' })"))
        .map(|(url, _)| url)
        .filter(|url| !url.contains(['\'', '\n']));
    // The wasm's URL, where the loader goes on after `init`, and where the loader ends.
    let loader = wasm_url.and_then(|wasm| {
        let after_init = at + init.len() + wasm.len() + "' })".len();
        let end = after_init + shell[after_init..].find("</script>")?;
        Some((wasm, after_init, end))
    });
    match (shell[import..line_end].split('\'').nth(1), loader) {
        (Some(url), Some((wasm, after_init, end))) if line_end < at => format!(
            "{}{record}{open}{START_AFTER_FIRST_PAINT}try {{\nconst response = fetch('{wasm}');\n\
             response.catch(() => {{}});\n\
             const bindings = await import('{url}');\nconst init = bindings.default;\n{}\
             const wasm = await init({{ module_or_path: response }}){}}} catch (e) {{ {APP_FAILED} }}\n{}",
            &shell[..script],
            &shell[line_end + 1..at],
            &shell[after_init..end],
            &shell[end..]
        ),
        // A loader of another shape: the wait before the wasm, the import as it is.
        _ => format!(
            "{}{record}{}{START_AFTER_FIRST_PAINT}{}",
            &shell[..script],
            &shell[script..at],
            &shell[at..]
        ),
    }
}

/// The shell with Trunk's `<link rel="stylesheet">` to a file of the site replaced by the
/// stylesheet itself, in a `<style>` element the policy allows by its hash. A shared link
/// then paints from the page alone: the stylesheet (20 KB, 4.6 KB brotli) no longer costs a
/// round trip before the first paint. On Lighthouse's mobile profile the article's FCP went
/// from 841–920 to 725–763 ms (3 runs each); its LCP (1,028–1,107 ms) moved only once the glue
/// JS no longer loaded before the paint either (see [`with_start_scripts`]).
/// A stylesheet that inline would mean something else keeps its link: one for some media
/// only, one with `url(`, `image-set(` or `@import` (inline, relative addresses would resolve
/// against each page's own), one that could close the element early. Line ends are made `\n`,
/// as the HTML parser makes them before the browser hashes the element's text.
///
/// For a detail page (`detail`), the rules marked as the lists' own are left out
/// ([`without_list_rules`]).
pub(crate) fn with_inline_stylesheet(shell: &str, dist: &Path, detail: bool) -> io::Result<String> {
    let link = "<link rel=\"stylesheet\" href=\"";
    let Some(start) = shell.find(link) else {
        return Ok(shell.to_string());
    };
    let after = &shell[start + link.len()..];
    let (Some(href_end), Some(tag_end)) = (after.find('"'), after.find('>')) else {
        return Ok(shell.to_string());
    };
    let href = &after[..href_end];
    let name = href.rsplit('/').next().unwrap_or(href);
    if href.contains("//")
        || href.contains('?')
        || name.is_empty()
        || after[..tag_end].contains(" media=")
    {
        return Ok(shell.to_string());
    }
    let path = dist.join(name);
    let css = fs::read_to_string(&path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let lower = css.to_ascii_lowercase();
    if ["url(", "image-set(", "@import", "</style"]
        .iter()
        .any(|s| lower.contains(s))
    {
        return Ok(shell.to_string());
    }
    let compact = compact_css(&if detail {
        without_list_rules(&css)
    } else {
        css
    });
    if compact.to_ascii_lowercase().contains("</style") {
        return Ok(shell.to_string());
    }
    let end = start + link.len() + tag_end + 1;
    Ok(format!(
        "{}<style>{}</style>{}",
        &shell[..start],
        compact,
        &shell[end..]
    ))
}

/// `css` without the rules between `/*list-only{*/` and `/*}list-only*/`: those of the lists'
/// search, filters, pager and early view, which a detail page (home, article, project,
/// category) never shows, since its links load other pages. Its first screen then arrives in
/// fewer bytes: the sample's article page in 13,591 bytes of brotli instead of 14,271. The
/// lists and the plain
/// shell, which renders any route, keep the whole stylesheet, in its order. A start marker
/// without its end leaves the rest as it is.
pub(crate) fn without_list_rules(css: &str) -> String {
    const START: &str = "/*list-only{*/";
    const END: &str = "/*}list-only*/";
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find(START) {
        let Some(end) = rest[at..].find(END) else {
            break;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at + end + END.len()..];
    }
    out.push_str(rest);
    out
}

/// The stylesheet without its comments and the spaces no rule needs, as every page carries it:
/// 21.4 → 17.4 KB, 4,949 → 4,196 bytes of brotli for the sample's. Strings stay as written; a
/// space is dropped only next to `{`, `}`, `;` and `,`, after `:`, and at the ends, where CSS
/// never reads it (so `a :focus`, `and (` and `calc(1rem + 2px)` keep theirs).
fn compact_css(css: &str) -> String {
    // CSS's own white space: not U+00A0 or U+3000, which are text.
    let white = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c');
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    let mut space = false;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("/*") {
            // A comment parts what is around it, as a space does (`0/**/auto`).
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
            space = true;
            continue;
        }
        if white(c) {
            space = true;
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let bare = !matches!(c, '{' | '}' | ';' | ',');
        if space && bare && !out.is_empty() && !out.ends_with(['{', '}', ';', ',', ':']) {
            out.push(' ');
        }
        space = false;
        let end = if c == '"' || c == '\'' {
            // A string, its escapes included, up to its closing quote.
            let mut end = 1;
            let mut chars = rest[1..].char_indices();
            while let Some((i, ch)) = chars.next() {
                end = 1 + i + ch.len_utf8();
                if ch == '\\' {
                    if let Some((j, escaped)) = chars.next() {
                        end = 1 + j + escaped.len_utf8();
                    }
                } else if ch == c {
                    break;
                }
            }
            end
        } else if c == '\\' {
            // An escape outside a string (`.a\ b`): the backslash and what it escapes.
            1 + rest[1..].chars().next().map_or(0, char::len_utf8)
        } else {
            if c == '}' && out.ends_with(';') {
                out.pop();
            }
            c.len_utf8()
        };
        out.push_str(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// Search shards aim at this many bytes each (before compression): a cold search fetches one
/// to a few of them per term.
pub const SHARD_TARGET_BYTES: usize = 24 * 1024;

/// Indexes the bodies published as separate files (`bodies[i]` for article `i`) into search
/// shards under `data/search/<hash>/`, named after their content as a whole, each with its
/// compressed copies (added to `compressed`). None when no body is separate.
fn write_search_shards(
    dist: &Path,
    bodies: &[Option<Vec<parkreader_core::Block>>],
    compressed: &mut HashSet<PathBuf>,
    previous: Option<&Path>,
) -> io::Result<Option<BodySearch>> {
    let mut builder = ShardBuilder::default();
    for (i, blocks) in bodies.iter().enumerate() {
        if let Some(blocks) = blocks {
            builder.add(i as u32, &fold(&blocks_text(blocks)));
        }
    }
    if builder.is_empty() {
        return Ok(None);
    }
    let shards = builder.finish(SHARD_TARGET_BYTES);
    let hash = crate::fnv1a(shards.iter().flatten().copied());
    let search = BodySearch {
        path: format!("/data/search/{hash:016x}/"),
        shards: shards.len() as u32,
    };
    fs::create_dir_all(dist.join(search.path.trim_start_matches('/')))?;
    let files: Vec<(PathBuf, &[u8])> = shards
        .iter()
        .enumerate()
        .map(|(n, bytes)| {
            let path = search.shard_path(n as u32);
            (dist.join(path.trim_start_matches('/')), bytes.as_slice())
        })
        .collect();
    // The previous site's shards, in the one folder it had, named alike: a shard whose bytes
    // did not change takes its copies from there (the folder's name changes with any shard).
    let old_shards = previous.and_then(|site| {
        let mut folders = fs::read_dir(site.join("data/search")).ok()?.flatten();
        let only = folders.next()?.path();
        folders.next().is_none().then_some(only)
    });
    crate::progress::each_in_parallel("search index", &files, |(path, bytes)| {
        let old = old_shards
            .as_ref()
            .zip(path.file_name())
            .map(|(dir, name)| dir.join(name));
        crate::offline::write_with_copies(path, dist, bytes, old.as_deref())
    })?;
    compressed.extend(files.into_iter().map(|(p, _)| p));
    Ok(Some(search))
}

/// A page's part as JSON that cannot end the `<script>` element it sits in: every `<` (which
/// JSON only has inside strings) is written `\u003c`.
fn part_json(part: &Bundle) -> io::Result<String> {
    let json = serde_json::to_string(part).map_err(io::Error::other)?;
    Ok(json.replace('<', "\\u003c"))
}

/// `html` with the part as a JSON data block at the end of `<body>`. Being data, not script, it
/// never runs, and the Content-Security-Policy has nothing to allow for it.
fn embed_part(html: &str, json: &str) -> Option<String> {
    let end = html.rfind("</body>")?;
    Some(format!(
        "{}{}{}",
        &html[..end],
        part_script(json),
        &html[end..]
    ))
}

/// The element that carries a page's part, `json`, as [`embed_part`] puts it before `</body>`.
fn part_script(json: &str) -> String {
    format!(
        "<script type=\"application/json\" id=\"{}\">{json}</script>\n  ",
        parkreader::browser::PART_ID
    )
}

/// `/data/bundle.json` → `/data/bundle-<16 hex digits of its content's FNV-1a hash>.json`.
pub fn fingerprinted(url: &str, content: &str) -> String {
    let hash = crate::fnv1a(content.bytes());
    named(url, &format!("{hash:016x}"))
}

/// Like [`fingerprinted`] with 6 hex digits, for a body file: its name already says which
/// article it is, so the hash only has to change when the text does (an edit keeps the old
/// name one time in 16.7 million, and the text cached under it is then the old one). Every
/// body's name is in the site index, where hash digits do not compress: at 10,000 generated
/// articles, 8 digits instead of 16 took the index from 487,863 to 439,151 bytes of brotli,
/// and 6 instead of 8 from 274,008 to 262,309 (column form, brotli 10).
pub fn fingerprinted_body(url: &str, content: &str) -> String {
    let hash = crate::fnv1a(content.bytes());
    let folded = (hash >> 40) ^ (hash >> 16) ^ hash;
    named(url, &format!("{:06x}", folded & 0xff_ffff))
}

/// `url` with `-<hash>` before its extension.
fn named(url: &str, hash: &str) -> String {
    match url.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') => format!("{stem}-{hash}.{ext}"),
        _ => format!("{url}-{hash}"),
    }
}

/// The shell of a page whose data is a part of the bundle published as a file (`url`): its
/// `parkreader-bundle` names that file, and `parkreader-bundle-part` says which part it is, so
/// the app follows links from it with page loads and keeps the saved copy of the whole index.
fn with_bundle_part(shell: &str, url: &str, part: &str) -> Option<String> {
    let shell = set_meta(shell, "parkreader-bundle", url)?;
    let at = shell.find("<meta name=\"parkreader-bundle\"")?;
    Some(format!(
        "{}<meta name=\"parkreader-bundle-part\" content=\"{}\" />\n    {}",
        &shell[..at],
        escape_html(part),
        &shell[at..]
    ))
}

/// The shell of a page whose app downloads, as it starts, the file its `parkreader-bundle`
/// names (the article list and the saved page the index, the project list its part): that
/// download starts with the page, as `<link rel="preload">`, instead of after the app's. Its
/// `crossorigin` gives it the mode and credentials of the app's `fetch`, whose request it then
/// is. On a slow link (200 KB/s, 300 ms) the article list of 10,000 articles was live in 3.96 s
/// instead of 4.40 s, the project list in 2.62 s instead of 3.01 s (`tests/bench/takeover.mjs`).
fn with_data_preload(shell: &str) -> Option<String> {
    let url = meta_value(shell, "parkreader-bundle")?;
    let tag = shell.find("<meta name=\"parkreader-bundle\"")?;
    let end = tag + shell[tag..].find('>')? + 1;
    Some(format!(
        "{}\n    <link rel=\"preload\" href=\"{url}\" as=\"fetch\" crossorigin=\"anonymous\" />{}",
        &shell[..end],
        &shell[end..]
    ))
}

/// The shell with the content of its `<meta name="{name}" content="…">` set to `value`.
fn set_meta(shell: &str, name: &str, value: &str) -> Option<String> {
    let at = meta_range(shell, name)?;
    Some(format!("{}{value}{}", &shell[..at.start], &shell[at.end..]))
}

/// The value of the page's `<meta name="{name}" content="…">` (`parkreader-base`: the path the
/// page was built for).
pub fn meta_value<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    meta_range(html, name).map(|at| &html[at])
}

/// Where the value of `<meta name="{name}" content="…">` lies in `html`.
fn meta_range(html: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let tag = format!("<meta name=\"{name}\" content=\"");
    let start = html.find(&tag)? + tag.len();
    Some(start..start + html[start..].find('"')?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list page's early view trims what a chat glued on after a filter value as the app
    /// does (`links::GLUED`): with `。` it showed the whole list and said the value was left out.
    #[test]
    fn the_early_view_trims_what_the_app_trims() {
        let class = format!("[\\s{}]+$", parkreader_core::links::GLUED);
        assert!(
            parkreader::prerender::LIST_EARLY_VIEW.contains(&class),
            "LIST_EARLY_VIEW should trim {class}"
        );
    }

    #[test]
    fn the_app_starts_after_the_first_paint() {
        // Trunk 0.21's loader.
        let shell = "<script type=\"module\">\nimport init, * as bindings from '/app-0a.js';\nconst wasm = await init({ module_or_path: '/app-0a_bg.wasm' });\nwindow.wasmBindings = bindings;\n</script>";
        let waited = with_start_scripts(shell);
        assert_eq!(
            waited,
            format!(
                "<script>{}</script>\n<script type=\"module\">\n\
                 {START_AFTER_FIRST_PAINT}try {{\nconst response = fetch('/app-0a_bg.wasm');\n\
                 response.catch(() => {{}});\n\
                 const bindings = await import('/app-0a.js');\n\
                 const init = bindings.default;\n\
                 const wasm = await init({{ module_or_path: response }});\n\
                 window.wasmBindings = bindings;\n}} catch (e) {{ {APP_FAILED} }}\n</script>",
                early_script()
            )
        );
        // Every parameter of a list view marks a shared view, from the core's own names.
        assert!(early_script().contains(
            "[\"category\",\"district\",\"industry\",\"page\",\"park\",\"q\",\"size\",\"sort\",\"status\",\"tag\",\"year\"]"
        ));
        // Only 404.html goes from a chat's `/articles/x。` to the item's address.
        assert!(!early_script().contains("location.replace"));
        assert!(
            !waited.contains("import init"),
            "nothing fetched before the wait"
        );
        // The recorder is a classic script, so it runs while the page is still arriving.
        assert_eq!(waited.matches("<script type=\"module\">").count(), 1);
        assert_eq!(waited.matches("<script>").count(), 1);
        assert_eq!(crate::csp::inline_scripts(&waited).len(), 2);
        assert_eq!(with_start_scripts("<p>no app</p>"), "<p>no app</p>");
        // Odd shells are left as they are, not cut at the wrong places.
        for odd in [
            "const wasm = await init(x);<script type=\"module\">\nimport init",
            "<script type=\"module\">\nimport init from '/a.js'; const wasm = await init(x);",
        ] {
            let _ = with_start_scripts(odd);
        }
        assert_eq!(with_start_scripts(&waited), waited, "prerendered again");
    }

    #[test]
    fn the_inline_stylesheet_loses_only_what_css_does_not_read() {
        let css = "/* head */\n:root {\n  --x: 1rem; /* why */\n}\n\na :focus, b > c {\n  width: calc(1rem + 2px);\n  content: \"  a /* b */ \\\" ; \";\n  font-family: 'Noto Sans', serif;\n}\n@media (max-width: 480px) and (hover: none) { a { color: red; } }\n";
        assert_eq!(
            compact_css(css),
            ":root{--x:1rem}a :focus,b > c{width:calc(1rem + 2px);content:\"  a /* b */ \\\" ; \";font-family:'Noto Sans',serif}@media (max-width:480px) and (hover:none){a{color:red}}"
        );
        assert_eq!(compact_css("a{}/* open"), "a{}");
        // A comment parts tokens; an escaped space stays; text spaces are not CSS's.
        assert_eq!(compact_css("a{margin:0/**/auto}"), "a{margin:0 auto}");
        assert_eq!(compact_css(".a\\  {x:y}"), ".a\\ {x:y}");
        assert_eq!(
            compact_css("a::after{content:x\u{3000}y}"),
            "a::after{content:x\u{3000}y}"
        );
    }

    #[test]
    fn a_detail_page_carries_the_stylesheet_without_the_lists_rules() {
        let css = "p{color:red}\n/*list-only{*/\n.facet{x:y}\n/*}list-only*/\n@media (min-width:48rem){\n  /*list-only{*/ .browse{x:y} /*}list-only*/\n  h1{x:z}\n}\n";
        assert_eq!(
            compact_css(&without_list_rules(css)),
            "p{color:red}@media (min-width:48rem){h1{x:z}}"
        );
        // The lists keep it all, in its order.
        assert_eq!(
            compact_css(css),
            "p{color:red}.facet{x:y}@media (min-width:48rem){.browse{x:y}h1{x:z}}"
        );
        // A start without its end drops nothing.
        assert_eq!(
            without_list_rules("a{}/*list-only{*/b{}"),
            "a{}/*list-only{*/b{}"
        );
        let dist =
            std::env::temp_dir().join(format!("parkreader-css-detail-{}", std::process::id()));
        fs::create_dir_all(&dist).unwrap();
        fs::write(dist.join("main-0a.css"), css).unwrap();
        let shell = "<head><link rel=\"stylesheet\" href=\"/main-0a.css\"/></head>";
        assert_eq!(
            with_inline_stylesheet(shell, &dist, true).unwrap(),
            "<head><style>p{color:red}@media (min-width:48rem){h1{x:z}}</style></head>"
        );
        fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn the_stylesheet_goes_into_the_page_unless_inline_it_would_break() {
        let dist = std::env::temp_dir().join(format!("parkreader-css-{}", std::process::id()));
        fs::create_dir_all(&dist).unwrap();
        let shell = "<head><link rel=\"stylesheet\" href=\"/reader/main-0a.css\" integrity=\"sha384-x\"/>\n<title>t</title></head>";
        fs::write(dist.join("main-0a.css"), "p{color:red}\n").unwrap();
        let inlined = with_inline_stylesheet(shell, &dist, false).unwrap();
        assert_eq!(
            inlined,
            "<head><style>p{color:red}</style>\n<title>t</title></head>"
        );
        assert_eq!(crate::csp::inline_styles(&inlined), ["p{color:red}"]);
        // Built again: nothing left to inline, nothing changes.
        assert_eq!(
            with_inline_stylesheet(&inlined, &dist, false).unwrap(),
            inlined
        );
        // Relative addresses inside, or text that would end the element: the link stays.
        for css in [
            "a{background:url(bg.png)}",
            "a{background:image-set(\"bg.png\" 1x)}",
            "@import \"more.css\";",
            "p::after{content:\"</style>\"}",
        ] {
            fs::write(dist.join("main-0a.css"), css).unwrap();
            assert_eq!(
                with_inline_stylesheet(shell, &dist, false).unwrap(),
                shell,
                "{css}"
            );
        }
        // A stylesheet for print only stays one.
        fs::write(dist.join("main-0a.css"), "p{color:red}").unwrap();
        let print = shell.replace(" integrity=", " media=\"print\" integrity=");
        assert_eq!(with_inline_stylesheet(&print, &dist, false).unwrap(), print);
        // No line ends left for the browser to change before it hashes the text.
        fs::write(dist.join("main-0a.css"), "p{color:red}\r\na{color:blue}\r").unwrap();
        let inlined = with_inline_stylesheet(shell, &dist, false).unwrap();
        assert_eq!(
            crate::csp::inline_styles(&inlined),
            ["p{color:red}a{color:blue}"]
        );
        // A stylesheet the shell names but the app lacks is an error, not a page without style.
        fs::remove_file(dist.join("main-0a.css")).unwrap();
        let err = with_inline_stylesheet(shell, &dist, false).unwrap_err();
        assert!(err.to_string().contains("main-0a.css"), "{err}");
        fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn fingerprints_follow_the_content() {
        let a = fingerprinted("/data/bundle.json", "{}");
        assert!(
            a.starts_with("/data/bundle-")
                && a.ends_with(".json")
                && a.len() == "/data/bundle-.json".len() + 16,
            "{a}"
        );
        assert_eq!(a, fingerprinted("/data/bundle.json", "{}"));
        assert_ne!(a, fingerprinted("/data/bundle.json", "{ }"));
        let body = fingerprinted_body("/data/articles/x.json", "b");
        assert!(
            body.starts_with("/data/articles/x-")
                && body.len() == "/data/articles/x-.json".len() + 6,
            "{body}"
        );
        assert_ne!(body, fingerprinted_body("/data/articles/x.json", "c"));
    }

    #[test]
    fn the_shell_points_at_the_new_bundle() {
        let shell = r#"<head><meta name="parkreader-bundle" content="/data/bundle.json" /></head>"#;
        assert_eq!(
            set_meta(shell, "parkreader-bundle", "/data/bundle-0a.json").unwrap(),
            r#"<head><meta name="parkreader-bundle" content="/data/bundle-0a.json" /></head>"#
        );
        assert_eq!(set_meta("<head></head>", "parkreader-bundle", "/x"), None);
    }
}
