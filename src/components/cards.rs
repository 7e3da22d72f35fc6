//! Article and project summaries as they appear in lists.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use parkreader_core::{Article, Bundle, Project};

use parkreader_core::browse::blocks_text;
use parkreader_core::text::{highlight, snippet};

use super::blocks::site_src;
use super::browse::Highlighted;
use super::meta::{DateText, StatusBadge};
use crate::i18n::written_lang;
use crate::i18n::{lang, term_lang};
use crate::state::site_href;

/// How long the search terms must stay the same before a card fetches a separately published
/// body for its snippet.
const SNIPPET_FETCH_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

/// An article in a list: title, summary, category, date, views. With search `terms`, the
/// matches are marked, and the summary gives way to a body snippet when it does not match (a
/// body published as its own file is fetched for that).
/// The marks follow `terms`, so a list can keep a card while the reader types.
#[component]
pub fn ArticleCard(
    article: Article,
    bundle: Arc<Bundle>,
    #[prop(into, optional)] terms: Option<Signal<Vec<String>>>,
) -> impl IntoView {
    let terms = terms.unwrap_or_else(|| Signal::stored(Vec::new()));
    let href = site_href(&format!("/articles/{}", article.id));
    let title = article.title.clone();
    let (title_lang, summary_lang) = (written_lang(&title), written_lang(&article.summary));
    let summary = Arc::new(article.summary.clone());
    // The body's text: inline, or fetched once the first time a search needs its snippet.
    let body = RwSignal::new(article.body.as_deref().map(blocks_text));
    if let Some(url) = article.body_url.as_deref().and_then(site_src) {
        let summary = summary.clone();
        let asked = StoredValue::new(false);
        // Only once the reader pauses: while they type, the cards change on every keystroke,
        // and the search shards must not queue behind bodies for cards already gone.
        let wanted = move || {
            terms
                .try_with_untracked(|t| {
                    !t.is_empty() && !highlight(&summary, t).iter().any(|s| s.hit)
                })
                .unwrap_or(false)
        };
        Effect::new(move |_| {
            terms.track();
            if asked.try_get_value() != Some(false) || !wanted() {
                return;
            }
            let (url, wanted) = (url.clone(), wanted.clone());
            let typed = terms.get_untracked();
            set_timeout(
                move || {
                    let still = terms.try_with_untracked(|t| *t == typed) == Some(true);
                    if !still || asked.try_get_value() != Some(false) || !wanted() {
                        return;
                    }
                    asked.set_value(true);
                    leptos::task::spawn_local(async move {
                        if let Ok(blocks) = crate::browser::fetch_body(&url).await {
                            body.try_set(Some(blocks_text(&blocks)));
                        }
                    });
                },
                SNIPPET_FETCH_DELAY,
            );
        });
    }
    let excerpt = move || {
        terms.with(|terms| {
            let excerpt = highlight(&summary, terms);
            if terms.is_empty() || excerpt.iter().any(|s| s.hit) {
                return excerpt;
            }
            let text = body.get().unwrap_or_default();
            let snip = snippet(&text, terms, 80);
            if snip.iter().any(|s| s.hit) {
                snip
            } else {
                excerpt
            }
        })
    };
    let lang = lang();
    let category = bundle
        .category(&article.category)
        .map(|c| c.label(lang).to_string())
        .unwrap_or_default();
    let category_lang = term_lang(lang, &category);
    view! {
        <article class="card article-card">
            <h3 class="card-title" lang=title_lang><A href=href>{move || view! { <Highlighted segments=terms.with(|t| highlight(&title, t)) /> }}</A></h3>
            <p class="card-summary" lang=summary_lang>{move || view! { <Highlighted segments=excerpt() /> }}</p>
            <p class="card-meta">
                <span class="tag" lang=category_lang>{category}</span>
                <DateText date=article.published />
                // A view count only where the site gives one: not "阅读 0" (an empty last item of
                // the row shows nothing).
                <span>{(article.views > 0).then(|| lang.views(article.views))}</span>
            </p>
        </article>
    }
}

/// A project in a list: name, status, amount, industry and place; search `terms` marked.
#[component]
pub fn ProjectCard(
    project: Project,
    bundle: Arc<Bundle>,
    #[prop(into, optional)] terms: Option<Signal<Vec<String>>>,
) -> impl IntoView {
    let terms = terms.unwrap_or_else(|| Signal::stored(Vec::new()));
    let href = site_href(&format!("/projects/{}", project.id));
    let (name, summary) = (project.name.clone(), project.summary.clone());
    let (name_lang, summary_lang) = (written_lang(&name), written_lang(&summary));
    let lang = lang();
    let industry = bundle
        .industry(&project.industry)
        .map(|t| t.label(lang).to_string())
        .unwrap_or_default();
    let place = project
        .park
        .as_deref()
        .and_then(|p| bundle.park(p))
        .map(|p| p.label(lang).to_string())
        .or_else(|| {
            bundle
                .district(&project.district)
                .map(|d| d.label(lang).to_string())
        })
        .unwrap_or_default();
    let (industry_lang, place_lang) = (term_lang(lang, &industry), term_lang(lang, &place));
    let amount = project
        .investment
        .map(|i| (i.format(lang), i.format_exact(lang)));
    view! {
        <article class="card project-card">
            <div class="card-head">
                <StatusBadge project=project.clone() bundle=bundle.clone() />
                {amount.map(|(short, exact)| view! { <span class="amount" title=exact>{short}</span> })}
            </div>
            <h3 class="card-title" lang=name_lang><A href=href>{move || view! { <Highlighted segments=terms.with(|t| highlight(&name, t)) /> }}</A></h3>
            <p class="card-summary" lang=summary_lang>{move || view! { <Highlighted segments=terms.with(|t| highlight(&summary, t)) /> }}</p>
            <p class="card-meta">
                <span class="tag" lang=industry_lang>{industry}</span>
                <span lang=place_lang>{place}</span>
            </p>
        </article>
    }
}

/// A compact list of article links (most viewed, related, linked articles).
#[component]
pub fn ArticleLinks(
    articles: Vec<Article>,
    #[prop(optional)] numbered: bool,
    #[prop(optional)] with_summary: bool,
) -> impl IntoView {
    let items = articles
        .into_iter()
        .map(|a| {
            let summary =
                with_summary.then(|| view! { <p class="link-summary">{a.summary.clone()}</p> });
            let title_lang = written_lang(&a.title);
            view! {
                <li lang=title_lang>
                    <A href=site_href(&format!("/articles/{}", a.id))>{a.title}</A>
                    {summary}
                </li>
            }
        })
        .collect_view();
    if numbered {
        view! { <ol class="link-list numbered">{items}</ol> }.into_any()
    } else {
        view! { <ul class="link-list">{items}</ul> }.into_any()
    }
}
