//! The pieces of a searchable, filterable list: search box, facet checkboxes with counts,
//! active-filter chips, sort menu, pager, highlighted text and the empty-result help.
//!
//! The URL is the only state: every control navigates to the URL of the view it asks for,
//! and everything shown is computed from the URL by `parkreader_core::browse`.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use parkreader_core::browse::{FacetCounts, Listing, Relaxation};
use parkreader_core::query::{ListQuery, Sort};
use parkreader_core::text::Segment;
use parkreader_core::Lang;
use wasm_bindgen::JsCast;

use crate::state::site_href;

/// Goes to another view of the same list: `replace` for keystrokes, a new history entry otherwise.
fn go(href: String, replace: bool) {
    use_navigate()(
        &href,
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

/// The search field. Results follow every keystroke; only the first keystroke of a new search
/// adds a history entry, and nothing happens while an input method is still composing.
#[component]
pub fn SearchBox(
    query: Memo<ListQuery>,
    path: &'static str,
    #[prop(into)] label: String,
    #[prop(into)] placeholder: String,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    // Follow the URL (back/forward, chips) but never fight the reader's own typing.
    Effect::new(move |_| {
        let q = query.get().q;
        if let Some(el) = input.get() {
            let focused = document()
                .active_element()
                .is_some_and(|a| a.id() == "search-input");
            if !focused && el.value() != q {
                el.set_value(&q);
            }
        }
    });
    let update = move |value: String| {
        let current = query.get_untracked();
        if value.trim() == current.q {
            return;
        }
        let starting = current.q.is_empty();
        go(current.with_q(&value).href(path), !starting);
    };
    let on_input = move |ev: leptos::ev::Event| {
        let composing = ev
            .dyn_ref::<web_sys::InputEvent>()
            .is_some_and(|e| e.is_composing());
        if !composing {
            update(event_target_value(&ev));
        }
    };
    let on_composition_end =
        move |ev: leptos::ev::CompositionEvent| update(event_target_value(&ev));
    view! {
        <form class="search-box" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="search-input" class="visually-hidden">{label}</label>
            <input
                id="search-input"
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
    view! {
        <div class="facets">
            {facets
                .into_iter()
                .enumerate()
                .filter(|(_, f)| !f.options.is_empty())
                .map(|(position, facet)| view! { <FacetGroup facet position listing path /> })
                .collect_view()}
        </div>
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
            let toggle = move |_| go(listing.get_untracked().query.toggled(key, &value).href(path), false);
            view! {
                <label class="facet-option" class:disabled=disabled>
                    <input type="checkbox" prop:checked=move || state.get().1 prop:disabled=disabled on:change=toggle />
                    <span class="facet-label">{o.option.label}</span>
                    <span class="facet-count">{move || state.get().0}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="facet">
            <legend>{key.label(Lang::Zh)}</legend>
            {rows}
        </fieldset>
    }
}

/// The active search and filters as removable chips, and one control to clear them all.
#[component]
pub fn ActiveFilters(listing: Memo<Listing>, path: &'static str) -> impl IntoView {
    move || {
        let listing = listing.get();
        let query = listing.query.clone();
        if !query.is_narrowed() {
            return None;
        }
        let mut chips: Vec<(String, String)> = Vec::new();
        if !query.q.is_empty() {
            chips.push((format!("关键词：{}", query.q), query.with_q("").href(path)));
        }
        for facet in &listing.facets {
            for o in facet.options.iter().filter(|o| o.selected) {
                chips.push((
                    format!("{}：{}", facet.key.label(Lang::Zh), o.option.label),
                    query.toggled(facet.key, &o.option.value).href(path),
                ));
            }
        }
        let clear = query.cleared().href(path);
        Some(view! {
            <div class="active-filters" aria-label="已选条件">
                {chips
                    .into_iter()
                    .map(|(label, href)| {
                        let aria = format!("移除 {label}");
                        view! {
                            <button type="button" class="chip removable" aria-label=aria on:click=move |_| go(href.clone(), false)>
                                {label} <span aria-hidden="true">" ×"</span>
                            </button>
                        }
                    })
                    .collect_view()}
                <button type="button" class="button small secondary" on:click=move |_| go(clear.clone(), false)>"清除全部"</button>
            </div>
        })
    }
}

/// The order menu.
#[component]
pub fn SortMenu(listing: Memo<Listing>, path: &'static str) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let query = listing.get_untracked().query;
        let sort = Sort::for_kind(query.kind)
            .iter()
            .copied()
            .find(|s| s.param() == value);
        go(query.with_sort(sort).href(path), false);
    };
    view! {
        <label class="sort-menu">
            <span>"排序"</span>
            <select on:change=on_change>
                {move || {
                    let query = listing.get().query;
                    let current = query.effective_sort();
                    Sort::for_kind(query.kind)
                        .iter()
                        .filter(|s| **s != Sort::Relevance || !query.q.is_empty())
                        .map(|s| view! { <option value=s.param() selected=*s == current>{s.label(Lang::Zh)}</option> })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// Previous / next page links and where we are.
#[component]
pub fn Pager(listing: Memo<Listing>, path: &'static str) -> impl IntoView {
    move || {
        let listing = listing.get();
        (listing.pages > 1).then(|| {
            let page = listing.query.page;
            let prev = (page > 1).then(|| listing.query.with_page(page - 1).href(path));
            let next = (page < listing.pages).then(|| listing.query.with_page(page + 1).href(path));
            view! {
                <nav class="pager" aria-label="分页">
                    {prev.map(|href| view! { <A href=site_href(&href) attr:rel="prev">"上一页"</A> })}
                    <span>"第 " {page} " / " {listing.pages} " 页"</span>
                    {next.map(|href| view! { <A href=site_href(&href) attr:rel="next">"下一页"</A> })}
                </nav>
            }
        })
    }
}

/// When nothing matches: say so, and offer to drop what excludes the most.
#[component]
pub fn NoResults(listing: Listing, path: &'static str) -> impl IntoView {
    let offers = listing
        .relaxations
        .iter()
        .map(|r| {
            let (label, href) = match r {
                Relaxation::DropFacet(key, n) => (
                    format!("去掉「{}」筛选（{n} 个结果）", key.label(Lang::Zh)),
                    listing.query.without_facet(*key).href(path),
                ),
                Relaxation::DropQuery(n) => (
                    format!("不限关键词（{n} 个结果）"),
                    listing.query.with_q("").href(path),
                ),
            };
            view! { <li><A href=site_href(&href)>{label}</A></li> }
        })
        .collect_view();
    view! {
        <div class="no-results" role="status">
            <p><strong>"没有找到符合条件的结果。"</strong></p>
            <p>"可以试试："</p>
            <ul>{offers}</ul>
        </div>
    }
}
