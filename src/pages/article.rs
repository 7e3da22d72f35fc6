//! `/articles/:id`: the reading view.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use parkreader_core::part::{ARTICLE_PROJECTS, RELATED_ARTICLES};
use parkreader_core::{Article, Bundle};

use crate::browser;
use crate::components::blocks::{site_src, BodyBlocks};
use crate::components::cards::{ArticleLinks, ProjectCard};
use crate::components::contact::ContactCard;
use crate::components::library::BookmarkButton;
use crate::components::meta::{Breadcrumb, Byline, Crumb, PageHead, PageInfo, TagLinks};
use crate::components::reading::TextSize;
use crate::components::share::ShareButton;
use crate::components::states::{
    closest_item, meant_id, with_bundle, Loading, NotFound, SiteUpdated,
};
use crate::error::LoadError;
use crate::i18n::{lang, ui, written_lang};
use crate::state::site_href;
use parkreader_core::library::ItemKind;

/// An article; not-found for an unknown id.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    with_bundle(move |bundle| {
        let id = meant_id(
            &params.read(),
            "articles",
            &|id| bundle.article(id).is_some(),
            Some(&bundle.moved.articles),
        );
        match bundle.article(&id).cloned() {
            Some(article) => view! { <ArticleView article bundle /> }.into_any(),
            None => {
                let items = bundle
                    .articles
                    .iter()
                    .map(|x| (x.id.as_str(), x.title.as_str()))
                    .collect();
                let meant = closest_item(&id, "articles", items);
                view! { <NotFound what=ui().not_found_article meant /> }.into_any()
            }
        }
    })
}

#[component]
fn ArticleView(article: Article, bundle: Arc<Bundle>) -> impl IntoView {
    let site = &bundle.site;
    let lang = lang();
    let t = lang.ui();
    let category = bundle
        .category(&article.category)
        .map(|c| c.label(lang).to_string())
        .unwrap_or_default();
    let (older, newer) = bundle.neighbours_in_category(&article);
    let (older, newer) = (older.cloned(), newer.cloned());
    // A page that carries its part computes these over a few dozen articles, not the site.
    let related: Vec<Article> = bundle
        .related_articles(&article, RELATED_ARTICLES)
        .into_iter()
        .cloned()
        .collect();
    let projects: Vec<_> = bundle
        .projects_for_article(&article, ARTICLE_PROJECTS)
        .into_iter()
        .cloned()
        .collect();
    let copyright = article
        .copyright
        .clone()
        .unwrap_or_else(|| site.copyright.clone());
    let source = article.source.clone().map(|s| {
        let name = s.name.clone();
        match s.url {
            Some(url) => view! { <p class="source">{t.source} <a href=url rel="noopener noreferrer" target="_blank" lang="zh-CN">{name}</a></p> }.into_any(),
            None => view! { <p class="source">{t.source} <span lang="zh-CN">{name}</span></p> }.into_any(),
        }
    });
    let b = bundle.clone();
    view! {
        <PageHead
            info=PageInfo {
                title: article.title.clone(),
                description: article.summary.clone(),
                path: format!("/articles/{}", article.id),
                image: article.cover.as_ref().map(|c| c.src.clone()),
                kind: "article",
            }
            bundle=bundle.clone()
        />
        <Breadcrumb crumbs=vec![
            Crumb::link(t.home, "/"),
            Crumb::link(category, format!("/categories/{}", article.category)),
            Crumb::here(t.article_here),
        ] />
        <article class="article">
            <header class="article-header">
                <h1 lang=written_lang(&article.title)>{article.title.clone()}</h1>
                <Byline article=article.clone() bundle=bundle.clone() />
                <div class="item-actions">
                    <BookmarkButton kind=ItemKind::Article id=article.id.clone() title=article.title.clone() />
                    <ShareButton path=format!("/articles/{}", article.id) title=article.title.clone() />
                    <TextSize />
                </div>
            </header>
            <ArticleBody article=article.clone() />
            <TagLinks tags=article.tags.clone() list="/articles" bundle=bundle.clone() />
            <footer class="article-footer">
                {source}
                <p class="copyright" lang="zh-CN">{copyright}</p>
            </footer>
        </article>
        <nav class="prev-next" aria-label=t.same_category>
            {older.map(|a| view! { <A href=site_href(&format!("/articles/{}", a.id)) attr:class="prev"><span>{t.previous_article}</span><span lang=written_lang(&a.title)>{a.title.clone()}</span></A> })}
            {newer.map(|a| view! { <A href=site_href(&format!("/articles/{}", a.id)) attr:class="next"><span>{t.next_article}</span><span lang=written_lang(&a.title)>{a.title.clone()}</span></A> })}
        </nav>
        <ContactCard contact=site.contact.clone() />
        {(!projects.is_empty()).then(|| view! {
            <section class="related" aria-labelledby="related-projects-heading">
                <h2 id="related-projects-heading">{t.related_projects}</h2>
                <div class="card-grid">
                    {projects.into_iter().map(|p| view! { <ProjectCard project=p bundle=b.clone() /> }).collect_view()}
                </div>
            </section>
        })}
        {(!related.is_empty()).then(|| view! {
            <section class="related" aria-labelledby="related-articles-heading">
                <h2 id="related-articles-heading">{t.related_articles}</h2>
                <ArticleLinks articles=related with_summary=true />
            </section>
        })}
    }
}

/// The body, inline or fetched from `body_url` when the article opens.
#[component]
fn ArticleBody(article: Article) -> impl IntoView {
    if let Some(blocks) = article.body {
        return view! { <BodyBlocks blocks /> }.into_any();
    }
    let url = article
        .body_url
        .as_deref()
        .and_then(site_src)
        .unwrap_or_default();
    let t = ui();
    let body = LocalResource::new(move || {
        let url = url.clone();
        async move { browser::fetch_body(&url).await }
    });
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || body.get().map(|result| match result {
                Ok(blocks) => {
                    browser::scroll_to_named_heading();
                    view! { <BodyBlocks blocks /> }.into_any()
                }
                // A body file the host no longer has: a deploy since this page opened moved it
                // (its name carries a hash of its text) or took the article down. Asking
                // again gets the same 404; the site as it is now has the answer.
                Err(LoadError::Http { status: 404 | 410, .. }) => {
                    view! { <SiteUpdated message=t.body_gone /> }.into_any()
                }
                Err(error) => view! {
                    <div class="inline-error" role="alert">
                        <p>{t.body_failed} {error.message(lang())}</p>
                        <button type="button" class="button small" on:click=move |_| body.refetch()>{t.retry}</button>
                    </div>
                }.into_any(),
            })}
        </Suspense>
    }
    .into_any()
}
