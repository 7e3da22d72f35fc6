//! Article and project bodies: structured blocks rendered as text nodes, never as HTML.

use leptos::prelude::*;
use parkreader_core::links::{is_file_path, is_http_url, is_safe_src, marked_runs, Run};
use parkreader_core::{Block, Image};

use crate::state::{site_href, use_base_path};

/// The blocks of a body, in order, in the language they are written in ([`body_lang`]). A body
/// `under_heading` (a project's description, under its page's 项目介绍) has its headings a
/// level lower: `##` is an `<h3>`, not a heading beside the one it sits under.
#[component]
pub fn BodyBlocks(blocks: Vec<Block>, #[prop(optional)] under_heading: bool) -> impl IntoView {
    let lang = body_lang(&blocks);
    // Each heading's id, for links to it (`links::heading_ids`).
    let mut ids = parkreader_core::links::heading_ids(&blocks).into_iter();
    let blocks = blocks
        .into_iter()
        .map(|b| match b {
            Block::Heading { level, text } if under_heading => Block::Heading {
                level: level + 1,
                text,
            },
            b => b,
        })
        .enumerate()
        .map(|(n, b)| {
            let id = matches!(b, Block::Heading { .. })
                .then(|| ids.next())
                .flatten();
            // A picture among the first blocks is on the first screen: loaded lazily, it
            // waited for the layout, and the page's largest paint with it.
            block(b, lang, id, n < 3)
        })
        .collect_view();
    view! { <div class="prose" lang=lang>{blocks}</div> }
}

/// The language of a body's text: see [`crate::i18n::Script`].
fn body_lang(blocks: &[Block]) -> &'static str {
    let mut script = crate::i18n::Script::default();
    for block in blocks {
        match block {
            Block::Paragraph { text, .. }
            | Block::Heading { text, .. }
            | Block::Quote { text, .. } => script.add(text),
            Block::List { items, .. } => items.iter().for_each(|item| script.add(item)),
            Block::Figure { .. } => {}
        }
    }
    script.lang()
}

/// A block of a body written in `body_lang` (a heading with its `id`; a picture loaded at once
/// when `eager`). A paragraph in the other language says so: an English paragraph in a Chinese
/// body was justified, with gaps between its words.
fn block(block: Block, body_lang: &'static str, id: Option<String>, eager: bool) -> AnyView {
    match block {
        Block::Paragraph {
            text,
            links,
            strong,
        } => {
            let own = crate::i18n::written_lang(&text);
            let lang = (own != body_lang).then_some(own);
            view! { <p lang=lang>{linked(text, &links, &strong)}</p> }.into_any()
        }
        // One element type for the four levels: 300 bytes of brotli less than a view each.
        Block::Heading { level, text } => {
            let tag = match level {
                2 => "h2",
                3 => "h3",
                4 => "h4",
                _ => "h5",
            };
            leptos::html::custom(tag).id(id).child(text).into_any()
        }
        Block::Figure { image, caption } => view! {
            <figure>
                <Picture image=image.clone() eager />
                {caption.map(|c| view! { <figcaption>{c}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List {
            ordered: true,
            start,
            items,
            links,
            strong,
        } => view! { <ol start=start>{list_items(items, links, strong)}</ol> }.into_any(),
        Block::List {
            ordered: false,
            items,
            links,
            strong,
            ..
        } => view! { <ul>{list_items(items, links, strong)}</ul> }.into_any(),
        Block::Quote { text, cite } => view! {
            <blockquote>
                <p>{text}</p>
                {cite.map(|c| view! { <footer>"—— " {c}</footer> })}
            </blockquote>
        }
        .into_any(),
    }
}

fn list_items(
    items: Vec<String>,
    links: Vec<Vec<parkreader_core::TextLink>>,
    strong: Vec<Vec<parkreader_core::Span>>,
) -> impl IntoView {
    let (mut links, mut strong) = (links.into_iter(), strong.into_iter());
    items
        .into_iter()
        .map(|item| {
            let links = links.next().unwrap_or_default();
            let strong = strong.next().unwrap_or_default();
            view! { <li>{linked(item, &links, &strong)}</li> }
        })
        .collect_view()
}

/// A paragraph's or a list item's text in runs, some of them in bold, some links
/// (`parkreader_core::links::marked_runs` keeps a link only where it may lead: the web, tel:,
/// mailto: or this site). A page of this site under its base path; the web and attachments in
/// a new tab (WeChat opens them in the same webview), which the app's router leaves to the
/// browser; tel: and mailto: as they are.
fn linked(
    text: String,
    links: &[parkreader_core::TextLink],
    strong: &[parkreader_core::Span],
) -> impl IntoView {
    let runs = marked_runs(&text, links, strong);
    // The runs of one link in one `<a>`, its bold parts inside.
    runs.chunk_by(|a, b| a.href == b.href)
        .map(|group| {
            let content = group
                .iter()
                .map(|&Run { text, strong, .. }| {
                    if strong {
                        view! { <strong>{text.to_string()}</strong> }.into_any()
                    } else {
                        text.to_string().into_any()
                    }
                })
                .collect_view();
            let Some(href) = group[0].href else {
                return content.into_any();
            };
            // The web and the site's attachments (`/files/…`, which are not pages of the app).
            let web = is_http_url(href) || is_file_path(href);
            // An address written out (`https://…`, `www.…`), a mail address or a telephone
            // number may break anywhere: kept whole, it went to a line of its own and justified
            // Chinese before it opened wide gaps (`咨 询 电 话 ：`).
            let address = ["http://", "https://", "www."]
                .iter()
                .any(|start| group[0].text.starts_with(start))
                || ["mailto:", "tel:"].iter().any(|scheme| href.starts_with(scheme));
            let href = if href.starts_with('/') { site_href(href) } else { href.to_string() };
            view! {
                <a href=href class=address.then_some("address") rel=web.then_some("noopener noreferrer") target=web.then_some("_blank")>{content}</a>
            }
            .into_any()
        })
        .collect_view()
}

/// An image with reserved space (width/height) that loads lazily; nothing if its address is unsafe.
#[component]
pub fn Picture(image: Image, #[prop(optional)] eager: bool) -> impl IntoView {
    // An image on another site is asked for without this page's address: image hosts that
    // refuse other sites' pages by it (WeChat's mmbiz.qpic.cn answers with a 「未经允许不可引用」
    // picture) serve it as to a browser that typed its address.
    let remote = is_http_url(&image.src).then_some("no-referrer");
    site_src(&image.src).map(|src| {
        view! {
            // The alt text is published text, Chinese like the rest (see `i18n::text_lang`).
            <img
                src=src
                alt=image.alt
                lang="zh-CN"
                width=image.width
                height=image.height
                loading=if eager { "eager" } else { "lazy" }
                decoding="async"
                referrerpolicy=remote
            />
        }
    })
}

/// The URL of a file on this site (an image, a body file) as the browser should request it:
/// under the site's base path, the same from every route. `None` if the address is unsafe.
pub fn site_src(src: &str) -> Option<String> {
    if !is_safe_src(src) {
        return None;
    }
    if is_http_url(src) {
        return Some(src.to_string());
    }
    Some(format!(
        "{}/{}",
        use_base_path(),
        src.trim_start_matches('/')
    ))
}
