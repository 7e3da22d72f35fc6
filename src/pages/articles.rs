//! `/articles`: search, filter and sort every article; the view lives in the query string.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use parkreader_core::browse::Listing;
use parkreader_core::query::{ListKind, ListQuery};
use parkreader_core::shards::Shard;
use parkreader_core::{Article, Bundle};

use crate::components::blocks::site_src;
use crate::components::browse::{
    heard_order, results, ActiveFilters, DroppedFilters, FacetPanel, ListState, ListTitle,
    OpeningView, Pager, SearchBox, SortMenu,
};
use crate::components::cards::ArticleCard;
use crate::components::meta::{Breadcrumb, Crumb, PageHead, PageInfo};
use crate::components::share::ShareButton;
use crate::components::states::{with_bundle, SiteUpdated};
use crate::i18n::{lang, term_lang};
use crate::state::site_href;
use crate::state::{list_index, LiveIndex};

const PATH: &str = "/articles";

/// The article list.
#[component]
pub fn ArticlesPage() -> impl IntoView {
    let state = ListState::new(ListKind::Articles);
    let query = state.query;
    with_bundle(move |bundle| {
        let index = list_index(&bundle, ListKind::Articles);
        // The whole of a small list, for a shared link's view before the app (prerender only).
        #[cfg(not(target_arch = "wasm32"))]
        index.provide_early_view();
        // A shard the host no longer has (404): a deploy since this page opened replaced the
        // shards' folder, whose name is a hash of them. Asking again gets the same answer.
        let gone = RwSignal::new(false);
        let failed = Memo::new({
            let index = index.clone();
            move |_| {
                index.track_shards();
                index.shards_failed(&query.get())
            }
        });
        let retry = {
            let index = index.clone();
            move |_| index.retry_shards()
        };
        // While the shards a search needs download, the previous results stay: never partial.
        let listing = Memo::new({
            let index = index.clone();
            move |previous: Option<&Listing>| {
                let query = query.get();
                index.track_shards();
                match previous {
                    Some(previous) if index.shards_pending(&query) => previous.clone(),
                    _ => crate::browser::timed("parkreader:search", || index.run(&query)),
                }
            }
        });
        // So do they while the shards of the text parted in two download (nothing matched
        // the text as typed).
        let pending = Memo::new({
            let index = index.clone();
            move |_| {
                index.track_shards();
                index.shards_pending(&query.get()) || listing.with(|l| !l.parted_awaits.is_empty())
            }
        });
        fetch_shards(index.clone(), query, listing, gone);
        state.tidy_address(listing, PATH, move || !pending.get());
        let b = bundle.clone();
        let lang = lang();
        let t = lang.ui();
        view! {
            <PageHead
                info=PageInfo { title: t.all_articles.into(), description: bundle.site.description.clone(), path: PATH.into(), image: None, kind: "website" }
                bundle=bundle.clone()
            />
            <ListTitle listing list=t.all_articles site=b.site.name.clone() />
            <Breadcrumb crumbs=vec![Crumb::link(t.home, "/"), Crumb::here(t.all_articles)] />
            <h1>{t.all_articles}</h1>
            <SearchBox state path=PATH label=t.search_articles placeholder=lang.search_hint(t.search_articles_hint, b.taxonomies.tags.first().map(|tag| tag.label(lang))) />
            <OpeningView path=PATH />
            <div class="browse" on:click=move |_| state.write_url()>
                <aside class="browse-filters" aria-label=t.filters>
                    <FacetPanel listing path=PATH />
                </aside>
                <section class="browse-results" aria-labelledby="results-heading" aria-busy=move || pending.get().then_some("true")>
                    <h2 id="results-heading" class="visually-hidden" tabindex="-1">{t.article_list}</h2>
                    <div class="results-bar">
                        <p class="result-count" role="status"><span>{move || if pending.get() { t.searching_bodies.to_string() } else { lang.article_count(listing.with(|l| l.total)) }}</span><span class="visually-hidden">{move || heard_order(listing, lang)}</span></p>
                        <SortMenu listing path=PATH />
                        <ShareButton path=Signal::derive(move || listing.with(|l| l.query.href(PATH))) title=t.all_articles />
                    </div>
                    <DroppedFilters state listing />
                    <ActiveFilters listing path=PATH />
                    {move || failed.get().then(|| if gone.get() {
                        view! { <SiteUpdated message=t.body_search_gone /> }.into_any()
                    } else {
                        view! {
                            <div class="inline-error" role="alert">
                                <p>{t.body_search_failed}</p>
                                <button type="button" class="button small" on:click=retry.clone()>{t.retry}</button>
                            </div>
                        }.into_any()
                    })}
                    {results(listing, Some(pending), PATH, "card-list", move |i, terms| {
                        view! { <ArticleCard article=b.articles[i].clone() bundle=b.clone() terms /> }
                    })}
                    <Pager listing path=PATH />
                </section>
            </div>
        }
    })
}

/// Downloads the search shards each search needs, as it is typed, and those its text parted
/// in two needs when it finds nothing as typed; each arrival (or failure)
/// is announced by the index to whichever list is on screen by then. A shard the host answers
/// 404 or 410 for sets `gone`.
fn fetch_shards(
    index: Arc<LiveIndex>,
    query: Memo<ListQuery>,
    listing: Memo<Listing>,
    gone: RwSignal<bool>,
) {
    Effect::new(move |_| {
        index.track_shards();
        let parted = listing.with(|l| l.parted_awaits.clone());
        for (n, path) in index.shards_to_fetch(&query.get(), &parted) {
            let index = index.clone();
            let url = site_src(&path).unwrap_or(path);
            spawn_local(async move {
                let shard = match crate::browser::fetch_bytes(&url).await {
                    Ok(bytes) => Shard::parse(bytes).ok(),
                    Err(crate::error::LoadError::Http {
                        status: 404 | 410, ..
                    }) => {
                        gone.try_set(true);
                        None
                    }
                    Err(_) => None,
                };
                index.shard_arrived(n, shard);
            });
        }
    });
}

/// Links to each category, the current one marked.
#[component]
pub fn CategoryNav(bundle: Arc<Bundle>, current: Option<String>) -> impl IntoView {
    let all_current = current.is_none();
    let lang = lang();
    let t = lang.ui();
    view! {
        <nav class="chips" aria-label=t.categories_nav>
            // Plain links, which the router follows all the same: its `A` marks the current
            // one itself, and the chip said `aria-current="page"` twice.
            <a href=site_href("/articles") class="chip" aria-current=all_current.then_some("page")>{t.all_categories}</a>
            {bundle
                .taxonomies
                .categories
                .iter()
                .map(|c| {
                    let is_current = current.as_deref() == Some(c.id.as_str());
                    let (href, name) = (site_href(&format!("/categories/{}", c.id)), c.label(lang).to_string());
                    let name_lang = term_lang(lang, &name);
                    view! {
                        <a href=href class="chip" aria-current=is_current.then_some("page") lang=name_lang>
                            {name}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// A list of article cards.
#[component]
pub fn ArticleList(articles: Vec<Article>, bundle: Arc<Bundle>) -> impl IntoView {
    view! {
        <h2 class="visually-hidden">{lang().ui().article_list}</h2>
        <div class="card-list">
            {articles.into_iter().map(|a| view! { <ArticleCard article=a bundle=bundle.clone() /> }).collect_view()}
        </div>
    }
}
