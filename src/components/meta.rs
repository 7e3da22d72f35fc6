//! Small pieces of page furniture: breadcrumb, byline, dates, status badge.

use leptos::prelude::*;
use leptos_router::components::A;
use parkreader_core::{Article, Bundle, Date, Project};

use crate::i18n::{lang, ui};
use crate::state::site_href;
use crate::state::use_today;

/// One step of a breadcrumb: a label and, except for the current page, a link.
pub struct Crumb {
    /// What the reader sees.
    pub label: String,
    /// Where it goes; `None` for the current page.
    pub href: Option<String>,
}

impl Crumb {
    /// A step that links somewhere.
    pub fn link(label: impl Into<String>, href: impl Into<String>) -> Crumb {
        Crumb {
            label: label.into(),
            href: Some(href.into()),
        }
    }

    /// The current page.
    pub fn here(label: impl Into<String>) -> Crumb {
        Crumb {
            label: label.into(),
            href: None,
        }
    }
}

/// 首页 › 分类 › 正文: works on a cold deep link because every step is a real URL.
#[component]
pub fn Breadcrumb(crumbs: Vec<Crumb>) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label=ui().breadcrumb>
            <ol>
                {crumbs
                    .into_iter()
                    .map(|c| match c.href {
                        Some(href) => view! { <li><A href=site_href(&href) exact=true>{c.label}</A></li> }.into_any(),
                        None => {
                            let lang = crate::i18n::text_lang(&c.label);
                            view! { <li aria-current="page" lang=lang>{c.label}</li> }.into_any()
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// A date as "2023年1月31日", machine-readable in `datetime`. With `relative`, the running app
/// also says how long ago that was ("8个月前") in the element's `title`. It is not written into
/// the text: a prerendered page cannot know today's date, and a longer line written at the
/// takeover could wrap and move everything below it on a phone.
#[component]
pub fn DateText(date: Date, #[prop(optional)] relative: bool) -> impl IntoView {
    let lang = lang();
    let long = date.format_long(lang);
    let ago = use_today()
        .filter(|_| relative)
        .map(|today| date.format_relative(&today, lang));
    view! { <time datetime=date.iso_day() title=ago>{long}</time> }
}

/// Author, date, category and views of an article.
#[component]
pub fn Byline(article: Article, bundle: std::sync::Arc<Bundle>) -> impl IntoView {
    let lang = lang();
    let category = bundle
        .category(&article.category)
        .map(|c| c.label(lang).to_string())
        .unwrap_or_default();
    view! {
        <p class="byline">
            <span class="byline-author" lang="zh-CN">{article.author}</span>
            <DateText date=article.published relative=true />
            <A href=site_href(&format!("/categories/{}", article.category))>{category}</A>
            <span class="byline-views">{(article.views > 0).then(|| lang.views(article.views))}</span>
        </p>
    }
}

/// An item's tags, each a link to the list (`list`, `/articles` or `/projects`) filtered by it:
/// from an article about 碳纤维, the others about it. Nothing for an item without tags.
#[component]
pub fn TagLinks(
    tags: Vec<String>,
    list: &'static str,
    bundle: std::sync::Arc<Bundle>,
) -> impl IntoView {
    let lang = lang();
    let heading = parkreader_core::query::FacetKey::Tag.label(lang);
    let links: Vec<_> = tags
        .iter()
        .filter_map(|id| bundle.tag(id))
        .map(|tag| {
            let name = tag.label(lang).to_string();
            let name_lang = crate::i18n::term_lang(lang, &name);
            let href = site_href(&format!("{list}?tag={}", tag.id));
            view! { <li><a href=href class="chip" lang=name_lang>{name}</a></li> }
        })
        .collect();
    (!links.is_empty()).then(|| {
        view! {
            <nav class="tag-links" aria-label=heading>
                <ul class="chips">{links}</ul>
            </nav>
        }
    })
}

/// A project's status as a coloured badge.
#[component]
pub fn StatusBadge(project: Project, bundle: std::sync::Arc<Bundle>) -> impl IntoView {
    bundle.status(&project.status).map(|s| {
        let class = format!("badge badge-{}", s.stage.as_str());
        let label = s.label(lang()).to_string();
        let label_lang = crate::i18n::term_lang(lang(), &label);
        view! { <span class=class lang=label_lang>{label}</span> }
    })
}

/// What a page tells browsers, search engines and share cards about itself.
pub struct PageInfo {
    /// The page's own title; the site name is appended.
    pub title: String,
    /// One or two sentences.
    pub description: String,
    /// Site-relative path, e.g. `/articles/x`.
    pub path: String,
    /// Share image, if any (a site path or http(s) URL).
    pub image: Option<String>,
    /// `article` for detail pages, `website` otherwise.
    pub kind: &'static str,
}

/// `<title>`, description, canonical link, Open Graph and itemprop tags for a page. WeChat
/// builds its share card from the title, so the title leads with the page's own name.
#[component]
pub fn PageHead(info: PageInfo, bundle: std::sync::Arc<Bundle>) -> impl IntoView {
    use leptos_meta::{Link, Meta, Title};

    let site = &bundle.site;
    let canonical = absolute_url(&site.base_url, &info.path);
    // WeChat's share card and most link previews show no SVG: then, and for a page without
    // a picture, the site's icon.
    // (The build publishes an image's kind in lower case. Only the prerendered page's tags
    // matter to a link preview, which runs no script: the app keeps its bytes.)
    #[cfg(not(target_arch = "wasm32"))]
    let image = Some(
        info.image
            .as_deref()
            .filter(|src| parkreader_core::links::is_safe_src(src) && !src.ends_with(".svg"))
            .unwrap_or("/icons/icon-512.png"),
    )
    .map(|src| absolute_url(&site.base_url, src));
    #[cfg(target_arch = "wasm32")]
    let image = info
        .image
        .as_deref()
        .filter(|src| parkreader_core::links::is_safe_src(src))
        .map(|src| absolute_url(&site.base_url, src));
    view! {
        <Title text=page_title(&info.title, &site.name) />
        <Meta name="description" content=info.description.clone() />
        <Link rel="canonical" href=canonical.clone() />
        <Meta property="og:type" content=info.kind />
        <Meta property="og:site_name" content=site.name.clone() />
        <Meta property="og:title" content=info.title.clone() />
        <Meta property="og:description" content=info.description.clone() />
        <Meta property="og:url" content=canonical />
        <Meta property="og:locale" content=site.locale.replace('-', "_") />
        <Meta itemprop="name" content=info.title />
        <Meta itemprop="description" content=info.description />
        {image.map(|src| view! {
            <Meta property="og:image" content=src.clone() />
            <Meta itemprop="image" content=src />
        })}
    }
}

/// The document title of a page named `page` in the site named `site`: the page's own name
/// first, then the site's (the site's alone for a page without a name of its own), ready for
/// `<Title>`.
pub fn page_title(page: &str, site: &str) -> String {
    title_for_head(if page.is_empty() || page == site {
        site.to_string()
    } else {
        format!("{page} - {site}")
    })
}

/// The `<title>` text. leptos_meta writes the title into prerendered HTML without escaping it
/// (a title containing `</title><script>` would break out), so the static render escapes it
/// here; in the browser it is set as plain text through `document.title`.
fn title_for_head(title: String) -> String {
    if cfg!(feature = "ssr") {
        parkreader_core::text::escape_html(&title)
    } else {
        title
    }
}

/// `path` (site-relative, or already absolute) resolved against the site's base URL.
pub fn absolute_url(base_url: &str, path: &str) -> String {
    if parkreader_core::links::is_http_url(path) {
        return path.to_string();
    }
    parkreader_core::share::share_url(base_url, path)
}
