//! Small pieces of page furniture: breadcrumb, byline, dates, status badge.

use leptos::prelude::*;
use leptos_router::components::A;
use parkreader_core::{group_thousands, Article, Bundle, Date, Lang, Project};

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
        <nav class="breadcrumb" aria-label="面包屑导航">
            <ol>
                {crumbs
                    .into_iter()
                    .map(|c| match c.href {
                        Some(href) => view! { <li><A href=href>{c.label}</A></li> }.into_any(),
                        None => view! { <li aria-current="page">{c.label}</li> }.into_any(),
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// A date as "8个月前（2023年1月31日）", machine-readable in `datetime`. The relative part
/// needs today's date, so a prerendered page shows only the absolute date.
#[component]
pub fn DateText(date: Date, #[prop(optional)] relative: bool) -> impl IntoView {
    let long = date.format_long(Lang::Zh);
    let shown = match use_today().filter(|_| relative) {
        Some(today) => format!("{}（{long}）", date.format_relative(&today, Lang::Zh)),
        None => long,
    };
    view! { <time datetime=date.iso_day()>{shown}</time> }
}

/// Author, date, category and views of an article.
#[component]
pub fn Byline(article: Article, bundle: std::sync::Arc<Bundle>) -> impl IntoView {
    let category = bundle
        .category(&article.category)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    view! {
        <p class="byline">
            <span class="byline-author">{article.author}</span>
            <DateText date=article.published relative=true />
            <A href=format!("/categories/{}", article.category)>{category}</A>
            <span class="byline-views">"阅读 " {group_thousands(article.views)}</span>
        </p>
    }
}

/// A project's status as a coloured badge.
#[component]
pub fn StatusBadge(project: Project, bundle: std::sync::Arc<Bundle>) -> impl IntoView {
    bundle.status(&project.status).map(|s| {
        let class = format!("badge badge-{}", s.stage.as_str());
        view! { <span class=class>{s.name.clone()}</span> }
    })
}
