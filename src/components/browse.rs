//! The pieces of a searchable, filterable list: search box, facet checkboxes with counts,
//! active-filter chips, sort menu, pager, highlighted text and the empty-result help.
//!
//! The URL is the only state: every control navigates to the URL of the view it asks for,
//! and everything shown is computed from the URL by `parkreader_core::browse`.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use parkreader_core::browse::{pager_pages, FacetCounts, Listing, Relaxation};
use parkreader_core::query::{FacetKey, ListKind, ListQuery, Sort, PARAM_Q, PARAM_SORT};
use parkreader_core::text::Segment;
use wasm_bindgen::JsCast;

use crate::browser::focus_first;
use crate::i18n::{lang, term_lang, ui};
use crate::state::site_href;

/// Goes to another view of the same list, as a new history entry. What was typed and not yet
/// in the URL is dropped: `href` already carries the query as shown.
fn go(href: String) {
    if let Some(state) = use_context::<ListState>() {
        state.typed.set(None);
    }
    navigate(&href, false);
}

/// Clears what narrows the list: the row of chips goes, so the focus goes to the results'
/// heading, where the reader reads on, instead of falling to the body (not to the search box,
/// which would open a phone's keyboard).
fn clear_to(href: String) {
    go(href);
    focus_first("#results-heading");
}

/// After the chip at `i` was removed, the focus goes to the chip now there, or to the last
/// one when it was the last (whose button went with it, and the focus to the body).
fn focus_chip(i: usize) {
    leptos::prelude::set_timeout(
        move || {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let lost = document
                .active_element()
                .is_none_or(|e| e.closest(".active-filters").ok().flatten().is_none());
            let Ok(chips) = document.query_selector_all(".active-filters .chip") else {
                return;
            };
            let at = i.min((chips.length() as usize).saturating_sub(1)) as u32;
            if let Some(chip) = chips.get(at).filter(|_| lost) {
                let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(chip).focus();
            }
        },
        std::time::Duration::ZERO,
    );
}

fn navigate(href: &str, replace: bool) {
    use_navigate()(
        &parkreader_core::links::page_href(href),
        NavigateOptions {
            replace,
            scroll: false,
            ..Default::default()
        },
    );
}

/// Text with the matched parts in `<mark>`; every piece is a text node.
#[component]
pub fn Highlighted(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|s| {
            if s.hit {
                view! { <mark>{s.text}</mark> }.into_any()
            } else {
                s.text.into_any()
            }
        })
        .collect_view()
}

/// The query a list view shows: the URL's, except while the reader types.
///
/// A keystroke sets `typed` and re-runs the search, and nothing else: the router, and
/// everything that follows its location, stays put. The router (and with it the address bar)
/// catches up at most every [`URL_WRITE_DELAY_MS`], off the keystroke path: the first
/// keystroke of a search adds one history entry, later ones replace it, and leaving the page
/// writes what is pending. `typed` remembers which location it was typed over, so it stops
/// applying as soon as the router is anywhere else; any navigation from the list drops it.
#[derive(Clone, Copy)]
pub struct ListState {
    /// The view to show.
    pub query: Memo<ListQuery>,
    search: Memo<String>,
    typed: RwSignal<Option<Typed>>,
    kind: ListKind,
    /// While the router is on the history entry a new search added: the view it was added
    /// over, and the entry's own. Clearing that search goes back to the view (one history
    /// entry, not a second copy of it that Back then stepped through to no change).
    searched_over: StoredValue<Option<(ListQuery, ListQuery)>>,
}

/// Search text typed over a location, and how the address bar must catch up with it.
#[derive(Clone, Debug, PartialEq)]
struct Typed {
    /// The router's query string when typing began.
    over: String,
    /// The text typed.
    q: String,
    /// The site-relative URL the address bar should show.
    href: String,
    /// The address bar has not caught up yet.
    pending: bool,
    /// Catching up adds a history entry (a new search) instead of replacing the current one.
    push: bool,
}

/// How long the address bar may lag behind the search box while the reader types.
pub const URL_WRITE_DELAY_MS: u64 = 300;

impl ListState {
    /// The state of the list `kind` at the current location.
    pub fn new(kind: ListKind) -> ListState {
        let location = use_location();
        let search = Memo::new(move |_| location.search.get());
        let typed = RwSignal::new(None::<Typed>);
        let query = Memo::new(move |_| {
            let query = search.with(|s| ListQuery::parse(kind, s));
            typed.with(|t| match t {
                Some(t) if search.with(|s| *s == t.over) => query.with_q(&t.q),
                _ => query,
            })
        });
        let state = ListState {
            query,
            search,
            typed,
            kind,
            searched_over: StoredValue::new(None),
        };
        provide_context(state);
        #[cfg(target_arch = "wasm32")]
        {
            // Back/forward land on a URL the router reads afresh: what was typed is in it.
            let popstate = window_event_listener(leptos::ev::popstate, move |_| {
                typed.set(None);
            });
            // Leaving (reload, another tab, the app in the background): write what is pending.
            let owner = Owner::current();
            let flush = move || match &owner {
                Some(owner) => owner.with(|| state.write_url()),
                None => state.write_url(),
            };
            let pagehide = window_event_listener(leptos::ev::pagehide, {
                let flush = flush.clone();
                move |_| flush()
            });
            let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| flush());
            on_cleanup(move || {
                popstate.remove();
                pagehide.remove();
                hidden.remove();
            });
        }
        state
    }

    /// True while the query shown is what the reader typed over the current location.
    fn typing(self) -> bool {
        let over = self.search.get_untracked();
        self.typed
            .with_untracked(|t| t.as_ref().is_some_and(|t| t.over == over))
    }

    /// Shows the search `value` at once; the address bar follows (see [`ListState`]).
    fn type_q(self, value: &str, path: &str) {
        let current = self.query.get_untracked();
        if value.trim() == current.q {
            return;
        }
        let wanted = current.with_q(value);
        let over = self.search.get_untracked();
        let here = ListQuery::parse(self.kind, &over);
        // Back at the router's own view (a search cleared before the address caught up):
        // nothing to write.
        if wanted == here {
            self.typed.set(None);
            return;
        }
        // A search cleared on the entry it added: that entry goes, as if Back was pressed.
        #[cfg(target_arch = "wasm32")]
        if let Some((before, after)) = self.searched_over.get_value() {
            if after == here && before == wanted {
                self.searched_over.set_value(None);
                self.typed.set(None);
                let _ = window().history().map(|h| h.back());
                return;
            }
        }
        let href = wanted.href(path);
        let was_pending = self
            .typed
            .with_untracked(|t| t.as_ref().is_some_and(|t| t.pending && t.over == over));
        // A new search (from none) gets its own history entry; refinements replace it. So does
        // a search changed from a later page of results: Back returns to that page.
        let push = self.typed.with_untracked(|t| match t {
            Some(t) if t.over == over && t.pending => t.push,
            Some(t) if t.over == over => false,
            _ => current.q.is_empty() || current.page > 1,
        });
        self.typed.set(Some(Typed {
            over,
            q: value.to_string(),
            href,
            pending: true,
            push,
        }));
        if !was_pending {
            // Timers run outside the component tree: take its owner along for the router.
            let owner = Owner::current();
            set_timeout(
                move || match owner {
                    Some(owner) => owner.with(|| self.write_url()),
                    None => self.write_url(),
                },
                std::time::Duration::from_millis(URL_WRITE_DELAY_MS),
            );
        }
    }

    /// Keeps the address bar at the view's own address, as a share from WeChat's 「···」
    /// menu takes it: what a chat or another app added (`from=groupmessage`, `utm_source`, a
    /// `。` after a value, capitals, `&amp;`) and a page past the last go, replacing the
    /// history entry. Values the list does not have stay, with the notice that names them.
    /// `settled` says the listing is of the current query (not the last one's, kept while
    /// a search's shards download).
    pub fn tidy_address(
        self,
        listing: Memo<Listing>,
        path: &'static str,
        settled: impl Fn() -> bool + 'static,
    ) {
        Effect::new(move |_| {
            let search = self.search.get();
            if self.typing() || !settled() {
                return;
            }
            // The view as the list applied it (its values as the list writes them, its page in
            // range), with the search as asked (not as parted) and the values it left out.
            let own = listing.with(|applied| {
                self.query.with_untracked(|asked| {
                    let mut own = applied.query.clone();
                    own.q = asked.q.clone();
                    for (key, value) in asked.dropped(applied) {
                        own.filters.entry(key).or_default().insert(value);
                    }
                    own.href(path)
                })
            });
            let own_search = own.split_once('?').map_or("", |(_, q)| q);
            if own_search != search.trim_start_matches('?') {
                navigate(&own, true);
            }
        });
    }

    /// Brings the router and the address bar up to date with what was typed, if behind. Lists
    /// call it on any click inside them, before a link takes the reader elsewhere, so that
    /// Back returns to the search as typed.
    pub fn write_url(self) {
        let Some(Some(t)) = self.typed.try_get_untracked() else {
            return;
        };
        if !t.pending || self.search.try_get_untracked().as_ref() != Some(&t.over) {
            return;
        }
        self.typed.update_untracked(|typed| {
            if let Some(typed) = typed {
                typed.pending = false;
            }
        });
        // The router's new location shows the same query, so nothing is searched again.
        let list = |search: &str| ListQuery::parse(self.kind, search);
        let entry = list(t.href.split_once('?').map_or("", |(_, q)| q));
        self.searched_over.update_value(|over| match over {
            _ if t.push => *over = Some((list(&t.over), entry)),
            Some((_, after)) if *after == list(&t.over) => *after = entry,
            _ => *over = None,
        });
        navigate(&t.href, !t.push);
    }
}

/// The search field. Results follow every keystroke; only the first keystroke of a new search
/// adds a history entry, and nothing happens while an input method is still composing.
#[component]
pub fn SearchBox(
    state: ListState,
    path: &'static str,
    #[prop(into)] label: String,
    #[prop(into)] placeholder: String,
) -> impl IntoView {
    let query = state.query;
    let list = query.with_untracked(|q| q.kind.name());
    let input = NodeRef::<leptos::html::Input>::new();
    // Follow the URL (back/forward, chips) but never fight the reader's own typing: while the
    // query shown is what was typed, a focused box keeps its text. Back and forward drop what
    // was typed, so the box then shows the URL's search even with the focus still in it.
    Effect::new(move |_| {
        let q = query.get().q;
        if let Some(el) = input.get() {
            let focused = document()
                .active_element()
                .is_some_and(|a| a.id() == "search-input");
            // Spaces at the ends are the reader's, not a different search.
            if (!focused || !state.typing()) && el.value().trim() != q.trim() {
                el.set_value(&q);
            }
        }
    });
    let on_input = move |ev: leptos::ev::Event| {
        let composing = ev
            .dyn_ref::<web_sys::InputEvent>()
            .is_some_and(|e| e.is_composing());
        if !composing {
            state.type_q(&event_target_value(&ev), path);
        }
    };
    let on_composition_end =
        move |ev: leptos::ev::CompositionEvent| state.type_q(&event_target_value(&ev), path);
    view! {
        // Each control is named after its URL parameter (a facet box's value is its id): what a
        // reader does on the prerendered page before the app takes over is read from them
        // (`browser::EarlyInput`).
        <form class="search-box" role="search" data-list=list on:submit=move |ev| {
            ev.prevent_default();
            // The keyboard's 搜索 key on a touch screen: the keyboard goes, and the results it
            // covered show (the search itself ran as the reader typed).
            if window().navigator().max_touch_points() > 0 {
                if let Some(el) = input.get_untracked() {
                    let _ = el.blur();
                }
            }
        }>
            <label for="search-input" class="visually-hidden">{label}</label>
            <input
                id="search-input"
                name=PARAM_Q
                node_ref=input
                type="search"
                enterkeyhint="search"
                autocomplete="off"
                placeholder=placeholder
                value=query.get_untracked().q
                on:input=on_input
                on:compositionend=on_composition_end
            />
        </form>
    }
}

/// Checkbox groups, one per facet; options that would give nothing are disabled, not hidden.
///
/// A list's options do not change while its bundle is loaded, so the rows are built once and
/// each follows its own count and state: ticking a box or typing a letter rebuilds nothing, and
/// keyboard focus stays on the box just ticked.
#[component]
pub fn FacetPanel(listing: Memo<Listing>, path: &'static str) -> impl IntoView {
    let facets = listing.with_untracked(|l| l.facets.clone());
    let selected = move || {
        let n: usize = listing.with(|l| {
            l.facets
                .iter()
                .map(|f| f.options.iter().filter(|o| o.selected).count())
                .sum()
        });
        (n > 0).then(|| n.to_string())
    };
    let lang = lang();
    let done = |ev: leptos::ev::MouseEvent| {
        let filters = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("details").ok().flatten());
        if let Some(filters) = filters {
            let _ = filters.remove_attribute("open");
        }
        focus_first("#results-heading");
    };
    view! {
        // A keyboard's way past the checkboxes (50 on the project list) to the results. It
        // moves the focus itself, as the skip link to `#main` does: the router takes the click.
        <a class="skip-results" href="#results-heading" on:click=|ev| { ev.prevent_default(); focus_first("#results-heading"); }>
            {ui().skip_to_results}
        </a>
        // Folded on a phone, where the six groups filled the first screen and pushed the
        // results below it: 「筛选」 and how many options are ticked (the chips above the
        // results name them). A disclosure of the browser's own, so it opens before the app
        // runs; the prerendered page's script opens it on a wide screen, where it stands beside
        // the results (`prerender::LIST_EARLY_VIEW`).
        <details class="filters" prop:open=crate::browser::filters_open()>
            <summary>{ui().filters}<span class="filters-count">{selected}</span></summary>
            <div class="facets">
                {facets
                    .into_iter()
                    .enumerate()
                    .filter(|(_, f)| !f.options.is_empty())
                    .map(|(position, facet)| view! { <FacetGroup facet position listing path /> })
                    .collect_view()}
            </div>
            // On a phone the open filters push the results below the screen: this folds them
            // and goes to the results (the stylesheet shows it there only).
            <button type="button" class="button secondary filters-done" on:click=done>
                {lang.ui().show_results}
            </button>
        </details>
    }
}

#[component]
fn FacetGroup(
    facet: FacetCounts,
    position: usize,
    listing: Memo<Listing>,
    path: &'static str,
) -> impl IntoView {
    let key = facet.key;
    let lang = lang();
    let projects = listing.with_untracked(|l| l.query.kind == ListKind::Projects);
    let rows = facet
        .options
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            // (count, selected) of this option in the current listing.
            let state = Memo::new(move |_| listing.with(|l| l.facets.get(position).and_then(|f| f.options.get(i)).map_or((0, false), |o| (o.count, o.selected))));
            let disabled = move || {
                let (count, selected) = state.get();
                count == 0 && !selected
            };
            let value = o.option.value.clone();
            let id = value.clone();
            let toggle = move |_| go(listing.get_untracked().query.toggled(key, &value).href(path));
            view! {
                <label class="facet-option" class:disabled=disabled>
                    <input type="checkbox" name=key.param() value=id autocomplete="off" prop:checked=move || state.get().1 prop:disabled=disabled on:change=toggle />
                    <span class="facet-label" lang=term_lang(lang, o.option.label(lang))>{o.option.label(lang).to_string()}</span>
                    <span class="facet-count">{move || state.get().0}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="facet">
            <legend>{key.label(lang)}</legend>
            {rows}
            // Buckets are in yuan; a dollar project is sized at a rate the reader should know.
            {(key == FacetKey::Size).then(|| view! { <p class="facet-note">{lang.ui().size_rates}</p> })}
            // A project's year is not always the year it was signed (`Project::date`).
            {(key == FacetKey::Year && projects).then(|| view! { <p class="facet-note">{lang.ui().project_year}</p> })}
        </fieldset>
    }
}

/// What a prerendered list shows instead of its results when the address asks for another view
/// (a search, filters, an order or a page: a shared link): the static page holds only the whole
/// list's first page, which would be the wrong list. The builder's early script marks such an
/// address (`data-list-view` on `<html>`), and the stylesheet then hides the static results and
/// shows this until the app has taken over, or has failed to start (the loader then shows the
/// static list again, said to be the whole list). Elsewhere it is never shown.
#[component]
pub fn OpeningView(path: &'static str) -> impl IntoView {
    let t = lang().ui();
    view! {
        <p class="opening-view">{t.opening_view}" "<a href=site_href(path)>{t.whole_list}</a></p>
    }
}

/// The document title of the view `listing` shows of the list named `list`, in the site named
/// `site` ([`Listing::title`]): placed after the page's `PageHead`, it replaces the list's plain
/// title, and follows the view.
#[component]
pub fn ListTitle(listing: Memo<Listing>, list: &'static str, site: String) -> impl IntoView {
    let lang = lang();
    // The static render reads the title once the page's reactive values are gone: the title
    // of the view as first drawn stands in for it then.
    let first = listing.with_untracked(|l| l.title(list, lang));
    let text = move || {
        let title = listing.try_with(|l| l.title(list, lang));
        crate::components::meta::page_title(title.as_deref().unwrap_or(&first), &site)
    };
    view! { <leptos_meta::Title text /> }
}

/// Where the list shown is not quite the one asked for, says so: filter values a link asks for
/// that this list does not have (an old link after an id changed), so that the whole list is
/// not taken for the filtered one; search text that found nothing as typed, shown parted in two
/// (`Listing::parted_from`).
#[component]
pub fn DroppedFilters(state: ListState, listing: Memo<Listing>) -> impl IntoView {
    let lang = lang();
    let dropped = move || {
        let dropped = listing.with(|l| state.query.with(|asked| asked.dropped(l)));
        (!dropped.is_empty()).then(|| {
            let named: Vec<String> = dropped
                .iter()
                .map(|(key, value)| lang.labelled(key.label(lang), value))
                .collect();
            view! { <p class="notice" role="status">{lang.dropped_filters(&lang.join(&named))}</p> }
        })
    };
    let parted = move || {
        listing.with(|l| {
            l.parted_from.as_ref().map(|typed| {
                view! { <p class="notice" role="status">{lang.parted_instead(typed, &l.query.q)}</p> }
            })
        })
    };
    view! { {dropped} {parted} }
}

/// The active search and filters as removable chips, and one control to clear them all.
#[component]
pub fn ActiveFilters(listing: Memo<Listing>, path: &'static str) -> impl IntoView {
    let lang = lang();
    let t = lang.ui();
    move || {
        let listing = listing.get();
        let query = listing.query.clone();
        if !query.is_narrowed() {
            return None;
        }
        let mut chips: Vec<(String, String)> = Vec::new();
        if !query.q.is_empty() {
            chips.push((lang.search_chip(&query.q), query.with_q("").href(path)));
        }
        for facet in &listing.facets {
            for o in facet.options.iter().filter(|o| o.selected) {
                chips.push((
                    lang.labelled(facet.key.label(lang), o.option.label(lang)),
                    query.toggled(facet.key, &o.option.value).href(path),
                ));
            }
        }
        let clear = query.cleared().href(path);
        // Removing the last chip removes the row, as 「清除全部」 does.
        let single = chips.len() == 1;
        Some(view! {
            <div class="active-filters" role="group" aria-label=t.active_filters>
                {chips
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, href))| {
                        let aria = lang.remove(&label);
                        view! {
                            <button type="button" class="chip removable" aria-label=aria on:click=move |_| if single { clear_to(href.clone()) } else { go(href.clone()); focus_chip(i) }>
                                {label} <span aria-hidden="true">" ×"</span>
                            </button>
                        }
                    })
                    .collect_view()}
                <button type="button" class="button small secondary" on:click=move |_| clear_to(clear.clone())>{t.clear_all}</button>
            </div>
        })
    }
}

/// The list's order, as a screen reader hears it after the count (`parkreader_core::Lang::in_order`).
pub fn heard_order(listing: Memo<Listing>, lang: parkreader_core::Lang) -> String {
    lang.in_order(listing.with(|l| l.query.effective_sort().label(lang)))
}

/// The order menu.
#[component]
pub fn SortMenu(listing: Memo<Listing>, path: &'static str) -> impl IntoView {
    // The options change only when a search starts or ends, or the order changes.
    let shape = Memo::new(move |_| {
        listing.with(|l| {
            (
                l.query.kind,
                !l.query.q.is_empty(),
                l.query.effective_sort(),
            )
        })
    });
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let query = listing.get_untracked().query;
        let sort = Sort::from_param(query.kind, &value);
        go(query.with_sort(sort).href(path));
    };
    let lang = lang();
    view! {
        <label class="sort-menu">
            <span>{ui().sort}</span>
            // No form state restored by the browser (a list loaded again by Back): what differs
            // from the page's own choice counts as the reader's (`EarlyInput`), and a restored
            // order was taken for one, sending the reader to page 1 with a new history entry.
            <select name=PARAM_SORT autocomplete="off" on:change=on_change>
                {move || {
                    let (kind, searching, current) = shape.get();
                    Sort::for_kind(kind)
                        .iter()
                        .filter(|s| **s != Sort::Relevance || searching)
                        // The attribute for the static page (and for what the reader changes
                        // there before the app runs), the property too: a menu the reader has
                        // used follows only the property, and back and forward must set it.
                        .map(|s| view! { <option value=s.param() selected=*s == current prop:selected=*s == current>{s.label(lang)}</option> })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// Previous / next page links and where we are.
#[component]
pub fn Pager(listing: Memo<Listing>, path: &'static str) -> impl IntoView {
    let lang = lang();
    let t = lang.ui();
    move || {
        let listing = listing.get();
        (listing.pages > 1).then(|| {
            let page = listing.query.page;
            let pages = listing.pages;
            // `data-noscroll`: the router leaves the scrolling to `follow` below.
            let link = |p: u32, attrs: &str, text: &str| {
                let href = escape_attr(&site_href(&listing.query.with_page(p).href(path)));
                format!("<a href=\"{href}\" data-noscroll{attrs}>{text}</a>")
            };
            // Previous, the first and last pages and the neighbours (each named 「第 5 / 500 页」,
            // the page shown marked current), a placeholder where pages are left out, and next.
            // Plain links, which the router follows all the same (its `A` would mark every link
            // to the same path current). Written as markup: every value is a number or an
            // escaped address of our own, and as elements they cost 0.7 KB more wasm (340,778
            // against 340,083 B, measured before the page list lost its sort).
            let mut html = String::new();
            if page > 1 {
                html += &link(page - 1, " rel=\"prev\"", t.previous_page);
            }
            for p in pager_pages(page, pages) {
                html += &match p {
                    Some(p) => {
                        let current = if p == page { " aria-current=\"page\"" } else { "" };
                        let label = format!(" aria-label=\"{}\"{current}", lang.page_of(p, pages));
                        link(p, &label, &p.to_string())
                    }
                    None => "<span aria-hidden=\"true\">…</span>".to_string(),
                };
            }
            if page < pages {
                html += &link(page + 1, " rel=\"next\"", t.next_page);
            }
            // The link followed is replaced with the page: the new page's results come into
            // view with the focus at their start, instead of the top of the page (on a phone,
            // the header, search and filters: the new page looked like the old one) and the
            // focus falling to the body. Not for a link opened in a new tab, nor a click beside
            // the links.
            let follow = |ev: leptos::ev::MouseEvent| {
                let link = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("a[href]").ok().flatten());
                if link.is_some() && ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()) {
                    focus_first("#results-heading");
                    if let Some(results) = document().query_selector(".browse-results").ok().flatten() {
                        results.scroll_into_view();
                    }
                }
            };
            view! { <nav class="pager" aria-label=t.pagination inner_html=html on:click=follow></nav> }
        })
    }
}

/// Text for a double-quoted attribute.
fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// One page of results, keyed by document: a card that stays in the list as the reader types
/// is kept, and only its marks follow the new terms. `card` draws the document at an index of
/// the bundle's list with the search terms to mark; with no results, [`NoResults`] shows. A
/// prerendered page that provides an `EarlyView` gets its [`early_rest`] after the results.
// In the browser the list has nothing beside it: `list` is bound only for the prerenderer.
#[cfg_attr(target_arch = "wasm32", allow(clippy::let_and_return))]
pub fn results<V: IntoView + 'static>(
    listing: Memo<Listing>,
    pending: Option<Memo<bool>>,
    path: &'static str,
    class: &'static str,
    card: impl Fn(usize, Signal<Vec<String>>) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView {
    // A prerendered list's whole (`early_rest`), when its page provides one.
    #[cfg(not(target_arch = "wasm32"))]
    let early = early_rest(use_context(), card.clone());
    // While a search's shards download (`pending`, on a list with body search), nothing found
    // yet is no answer (a shared link's search said 没有找到 and offered to drop its words, then
    // showed its 432 results).
    let empty =
        Memo::new(move |_| listing.with(|l| l.total == 0) && !pending.is_some_and(|p| p.get()));
    let items = Memo::new(move |_| listing.with(|l| l.items.clone()));
    let terms = Memo::new(move |_| listing.with(|l| l.terms.clone()));
    let list = move || {
        if empty.get() {
            return view! { <NoResults listing=listing.get() path /> }.into_any();
        }
        let card = card.clone();
        view! {
            <div class=class>
                <For each=move || items.get() key=|i| *i children=move |i| card(i, terms.into()) />
            </div>
        }
        .into_any()
    };
    #[cfg(not(target_arch = "wasm32"))]
    let list = (list, early);
    list
}

/// The rest of a small list on its prerendered page, and the rows its early script reads
/// (`prerender::LIST_EARLY_VIEW`, `parkreader_core::browse::EarlyView`): the cards after the
/// first page, in the plain view's order, in a hidden box right after the results. A shared
/// link's view (its filters and order) then shows before the app has started, and even when it
/// cannot start. Drawn by [`results`] into the prerendered page only, never by the app.
#[cfg(not(target_arch = "wasm32"))]
pub fn early_rest<V: IntoView + 'static>(
    early: Option<parkreader_core::browse::EarlyView>,
    card: impl Fn(usize, Signal<Vec<String>>) -> V,
) -> impl IntoView {
    early.map(|early| {
        let rest = early
            .order
            .get(parkreader_core::browse::PAGE_SIZE..)
            .unwrap_or_default();
        let cards = rest
            .iter()
            .map(|&i| card(i, Signal::stored(Vec::new())))
            .collect_view();
        view! {
            <div hidden data-rest="" data-per=parkreader_core::browse::PAGE_SIZE
                data-facets=early.facets.join(",") data-sort=early.sort data-rows=early.rows>
                {cards}
            </div>
        }
    })
}

/// When nothing matches: say so, and offer to drop what excludes the most.
#[component]
pub fn NoResults(listing: Listing, path: &'static str) -> impl IntoView {
    let lang = lang();
    let t = lang.ui();
    let offers = listing
        .relaxations
        .iter()
        .map(|r| {
            let (label, href) = match r {
                Relaxation::DropFacet(key, n) => (
                    lang.drop_facet(key.label(lang), *n),
                    listing.query.without_facet(*key).href(path),
                ),
                Relaxation::DropQuery(n) => {
                    (lang.drop_query(*n), listing.query.with_q("").href(path))
                }
            };
            view! { <li><a href=site_href(&href)>{label}</a></li> }
        })
        .collect_view();
    // A list with nothing in it at all (a site that publishes no projects yet) says so, and
    // offers nothing to drop.
    let empty = listing.relaxations.is_empty();
    let headline = if listing.query.is_narrowed() {
        t.no_results
    } else {
        t.nothing_published
    };
    view! {
        <div class="no-results" role="status">
            <p><strong>{headline}</strong></p>
            {(!empty).then(|| view! {
                <p>{t.try_instead}</p>
                // The link followed goes with this list: the focus goes to the results, not the body.
                <ul on:click=|_| focus_first("#results-heading")>{offers}</ul>
            })}
        </div>
    }
}
