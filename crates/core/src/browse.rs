//! What a list view shows for a [`ListQuery`]: the matching articles or projects in order, one
//! page of them, a count for every facet option, and ways out of an empty result.
//!
//! A [`ListIndex`] is built once per bundle and list; [`ListIndex::run`] is then a single pass
//! over the documents, cheap enough to run on every keystroke.

use std::cmp::Reverse;

use crate::bundle::{Article, Block, Bundle, Project};
use crate::money::{Currency, Investment};
use crate::query::{FacetKey, ListKind, ListQuery, Sort};
use crate::search::{DocFields, SearchIndex};
use crate::shards::BodyShards;
use crate::text::terms;
use crate::Lang;

/// Results per page.
pub const PAGE_SIZE: usize = 20;

/// The largest list a prerendered list page holds whole, for [`ListIndex::early_view`]: the 80
/// cards after the first page of a generated site's 100 projects, and their rows, are 49 KB on
/// the page and 2.9 KB of its brotli.
pub const EARLY_VIEW_MAX: usize = 100;

/// The longest term, in characters, whose partings in two wait for the search shards they read
/// (`ListIndex::parted`): two words of up to four characters typed without a space.
const PARTED_WAIT_MAX: usize = 8;

/// A whole list as its prerendered page holds it, for the page's early script to show a shared
/// link's view (its filters and order) before the app has started: the items in the plain
/// view's order (newest first), and per item, in that order, its option indices for each facet
/// in [`FacetKey::for_kind`] order (the order of the page's checkboxes) and then its key for
/// `sort`, the list's other order (largest first; ties keep the newest order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlyView {
    /// Item indices in the plain view's order.
    pub order: Vec<usize>,
    /// The facets' query parameters, in the rows' order.
    pub facets: Vec<&'static str>,
    /// The `sort` value the rows' last number orders by.
    pub sort: &'static str,
    /// JSON: `[[[option, …] per facet…, key], …]`, an array per item of `order`.
    pub rows: String,
}

/// One choice of a facet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetOption {
    /// Value in the URL.
    pub value: String,
    /// Chinese label.
    pub label: String,
    /// English label, if any.
    pub label_en: Option<String>,
}

impl FacetOption {
    /// The label in `lang`, falling back to Chinese.
    pub fn label(&self, lang: Lang) -> &str {
        match (lang, &self.label_en) {
            (Lang::En, Some(en)) => en,
            _ => &self.label,
        }
    }
}

struct Doc {
    /// Its place in the list newest first, as the home page orders it (`catalog::newer_article`,
    /// `catalog::newer_project`): the newest has the largest.
    recency: u32,
    views: u64,
    /// Investment converted to yuan, for size buckets and ordering.
    amount_cny: Option<u64>,
}

impl Doc {
    /// What orders the document first under `sort`, largest first (ties go to the newer, then
    /// to the earlier in the list): its reads, its amount (any above none), or nothing for
    /// `newest`. Best match orders by the search's score instead, which the document does not
    /// hold.
    fn order_key(&self, sort: Sort) -> u64 {
        match sort {
            Sort::Views => self.views,
            Sort::Amount => self.amount_cny.map_or(0, |a| a.saturating_add(1)),
            Sort::Newest | Sort::Relevance => 0,
        }
    }
}

/// Option indices per facet, in the list's facet order: what a document is built with.
type Values = Vec<Vec<u16>>;

/// The option indices of one facet for every document, in one allocation: document `i` has
/// `values[start[i]..start[i + 1]]`. A keystroke reads every document's values, so they are
/// kept together rather than behind a pointer per document.
struct Column {
    start: Vec<u32>,
    values: Vec<u16>,
}

impl Column {
    fn of(&self, doc: usize) -> &[u16] {
        &self.values[self.start[doc] as usize..self.start[doc + 1] as usize]
    }
}

/// Everything needed to answer list queries over one list of a bundle.
pub struct ListIndex {
    kind: ListKind,
    search: SearchIndex,
    docs: Vec<Doc>,
    /// Each document's options per facet, in [`FacetKey::for_kind`] order.
    columns: Vec<Column>,
    /// Options per facet, in [`FacetKey::for_kind`] order.
    options: Vec<Vec<FacetOption>>,
}

/// A facet with a count for each option under the other active filters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetCounts {
    /// Which facet.
    pub key: FacetKey,
    /// Options in display order.
    pub options: Vec<OptionCount>,
}

/// One facet option and how many results selecting it would give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionCount {
    /// The option.
    pub option: FacetOption,
    /// Results having this option under the search and every other facet's filters: what the
    /// list shows when this is the facet's only selected option.
    pub count: usize,
    /// Currently selected.
    pub selected: bool,
}

/// A way out of an empty result, with how many results it would give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Relaxation {
    /// Drop every selected value of this facet.
    DropFacet(FacetKey, usize),
    /// Drop the search text.
    DropQuery(usize),
}

/// The answer to a list query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    /// The query as applied: unknown facet values dropped, page within range.
    pub query: ListQuery,
    /// Number of matching documents.
    pub total: usize,
    /// Number of pages (at least 1).
    pub pages: u32,
    /// Indices (into the bundle's articles or projects) of this page's documents, in order.
    pub items: Vec<usize>,
    /// Facet counts, in display order.
    pub facets: Vec<FacetCounts>,
    /// Search terms, folded, for highlighting.
    pub terms: Vec<String>,
    /// When nothing matches: what to drop, most results first.
    pub relaxations: Vec<Relaxation>,
    /// The search text as typed, when it found nothing as one word and this listing is of it
    /// parted in two instead (`无人机项目` as 「无人机 项目」), where the whole finds nothing but
    /// the parts together do: a reader of Chinese seldom types spaces. `query.q` is the parted
    /// text.
    pub parted_from: Option<String>,
    /// When nothing matches: the search shards still to come that parting the text needs
    /// (`新能源企业` as 「新能源 企业」 reads pairs the whole word does not). The parts are
    /// searched once these are here, so that the parting chosen is the one that finds the
    /// most; until then the list is not final.
    pub parted_awaits: Vec<u32>,
}

impl Listing {
    /// The document title of this view of the list named `list`: the list's name alone for
    /// its whole first page, else what narrows it and the page, as in
    /// `投资项目：“锂电”、新材料、在建 · 第 2 / 5 页`. Browser history, tabs, a screen reader's
    /// announcement of the page and WeChat's share card (built from the title) then tell one
    /// view from another.
    pub fn title(&self, list: &str, lang: Lang) -> String {
        let mut narrowed: Vec<String> = Vec::new();
        if !self.query.q.is_empty() {
            narrowed.push(lang.quoted(&self.query.q));
        }
        for facet in &self.facets {
            for o in facet.options.iter().filter(|o| o.selected) {
                narrowed.push(o.option.label(lang).to_string());
            }
        }
        let mut title = if narrowed.is_empty() {
            list.to_string()
        } else {
            lang.labelled(list, &lang.join(&narrowed))
        };
        if self.query.page > 1 {
            title.push_str(" · ");
            title.push_str(&lang.page_of(self.query.page, self.pages));
        }
        title
    }
}

/// Investment size buckets (by value in yuan): URL value, Chinese label, English label, lower bound.
const SIZE_BUCKETS: [(&str, &str, &str, u64); 4] = [
    ("under-100m", "1亿元以下", "Under CNY 100 million", 0),
    (
        "100m-1b",
        "1亿–10亿元",
        "CNY 100 million – 1 billion",
        100_000_000,
    ),
    ("1b-5b", "10亿–50亿元", "CNY 1–5 billion", 1_000_000_000),
    ("over-5b", "50亿元以上", "Over CNY 5 billion", 5_000_000_000),
];

/// The size buckets' values in a URL (`size=1b-5b`).
pub const SIZES: [&str; 4] = [
    SIZE_BUCKETS[0].0,
    SIZE_BUCKETS[1].0,
    SIZE_BUCKETS[2].0,
    SIZE_BUCKETS[3].0,
];

/// Whether `value` is a size bucket's value in a URL.
pub fn is_size(value: &str) -> bool {
    SIZES.contains(&value)
}

/// Approximate yuan per unit, in thousandths, used only to bucket and order projects quoted in
/// different currencies (docs/search.md). Amounts are always shown in their own currency.
fn yuan_per_unit_milli(currency: Currency) -> u128 {
    match currency {
        Currency::Cny => 1000,
        Currency::Usd => 7100,
        Currency::Eur => 7700,
        Currency::Hkd => 910,
    }
}

/// The pages a pager offers for `page` of `pages`: the first, the last, and the current with
/// its neighbours, in order; `None` where pages are left out. A gap of a single page shows that
/// page instead, so `None` always stands for two or more.
pub fn pager_pages(page: u32, pages: u32) -> Vec<Option<u32>> {
    let mut out = Vec::with_capacity(7);
    let mut last = 0;
    // In order already when `page` is within `1..=pages`; no sort, which would cost the wasm
    // a sort routine of its own.
    for p in [
        1,
        page.saturating_sub(1),
        page,
        page.saturating_add(1),
        pages,
    ] {
        if p <= last || p > pages {
            continue;
        }
        if p == last + 2 {
            out.push(Some(last + 1));
        } else if p > last + 2 {
            out.push(None);
        }
        out.push(Some(p));
        last = p;
    }
    out
}

/// The investment in yuan, approximately (see [`yuan_per_unit_milli`]).
pub fn amount_in_yuan(investment: &Investment) -> u64 {
    let yuan = u128::from(investment.amount) * yuan_per_unit_milli(investment.currency) / 1000;
    u64::try_from(yuan).unwrap_or(u64::MAX)
}

fn size_bucket(yuan: u64) -> usize {
    SIZE_BUCKETS.iter().rposition(|b| yuan >= b.3).unwrap_or(0)
}

/// Collects options while assigning documents their option indices.
struct OptionsBuilder {
    options: Vec<FacetOption>,
}

impl OptionsBuilder {
    fn new(options: impl IntoIterator<Item = (String, String, Option<String>)>) -> OptionsBuilder {
        OptionsBuilder {
            options: options
                .into_iter()
                .map(|(value, label, label_en)| FacetOption {
                    value,
                    label,
                    label_en,
                })
                .collect(),
        }
    }

    fn index_of(&self, value: &str) -> Option<u16> {
        self.options
            .iter()
            .position(|o| o.value == value)
            .map(|i| i as u16)
    }
}

fn terms_of<'a, T: 'a>(
    list: impl IntoIterator<Item = &'a T>,
    f: impl Fn(&T) -> (String, String, Option<String>),
) -> OptionsBuilder {
    OptionsBuilder::new(list.into_iter().map(f))
}

/// Plain text of body blocks, for searching.
pub fn blocks_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph { text, .. } | Block::Heading { text, .. } => out.push_str(text),
            Block::Quote { text, cite } => {
                out.push_str(text);
                if let Some(cite) = cite {
                    out.push(' ');
                    out.push_str(cite);
                }
            }
            Block::Figure { caption, image } => {
                out.push_str(caption.as_deref().unwrap_or(&image.alt));
            }
            Block::List { items, .. } => out.push_str(&items.join(" ")),
        }
        out.push(' ');
    }
    out
}

impl ListIndex {
    /// The index of a bundle's articles, text included.
    pub fn articles(bundle: &Bundle) -> ListIndex {
        let mut index = ListIndex::without_text(bundle, ListKind::Articles);
        index.index_text(bundle, usize::MAX);
        index
    }

    /// The index of a bundle's projects, text included.
    pub fn projects(bundle: &Bundle) -> ListIndex {
        let mut index = ListIndex::without_text(bundle, ListKind::Projects);
        index.index_text(bundle, usize::MAX);
        index
    }

    /// The index of one list without its text index: enough to list, filter, count and sort at
    /// once. The text index, most of the cost, is then built by [`ListIndex::index_text`], a
    /// slice at a time if need be, and must be complete before a query with search terms runs.
    pub fn without_text(bundle: &Bundle, kind: ListKind) -> ListIndex {
        match kind {
            ListKind::Articles => ListIndex::article_facets(bundle),
            ListKind::Projects => ListIndex::project_facets(bundle),
        }
    }

    /// Adds up to `at_most` more documents of `bundle` (the one this index was built from) to
    /// the text index; true once every document is in it.
    pub fn index_text(&mut self, bundle: &Bundle, at_most: usize) -> bool {
        let from = self.search.len();
        let to = from.saturating_add(at_most).min(self.docs.len());
        for i in from..to {
            self.search.add(match self.kind {
                ListKind::Articles => article_fields(bundle, &bundle.articles[i]),
                ListKind::Projects => project_fields(bundle, &bundle.projects[i]),
            });
        }
        self.text_ready()
    }

    /// True when every document is in the text index.
    pub fn text_ready(&self) -> bool {
        self.search.len() == self.docs.len()
    }

    fn article_facets(bundle: &Bundle) -> ListIndex {
        let t = &bundle.taxonomies;
        let categories = terms_of(&t.categories, |c| {
            (c.id.clone(), c.name.clone(), c.name_en.clone())
        });
        let tags = terms_of(&t.tags, |c| {
            (c.id.clone(), c.name.clone(), c.name_en.clone())
        });
        let years = years_desc(bundle.articles.iter().map(|a| a.published.year()));
        let recency = recency(&bundle.articles, crate::catalog::newer_article);
        let docs = bundle
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let doc = Doc {
                    recency: recency[i],
                    views: a.views,
                    amount_cny: None,
                };
                let values: Values = vec![
                    categories.index_of(&a.category).into_iter().collect(),
                    a.tags.iter().filter_map(|t| tags.index_of(t)).collect(),
                    years
                        .index_of(&a.published.year().to_string())
                        .into_iter()
                        .collect(),
                ];
                (doc, values)
            })
            .collect();
        ListIndex::finish(ListKind::Articles, docs, vec![categories, tags, years])
    }

    fn project_facets(bundle: &Bundle) -> ListIndex {
        let t = &bundle.taxonomies;
        let industries = terms_of(&t.industries, |c| {
            (c.id.clone(), c.name.clone(), c.name_en.clone())
        });
        let districts = terms_of(&t.districts, |c| {
            (c.id.clone(), c.name.clone(), c.name_en.clone())
        });
        let parks = terms_of(&t.parks, |c| {
            (c.id.clone(), c.name.clone(), c.name_en.clone())
        });
        let statuses = terms_of(&t.statuses, |c| {
            (c.id.clone(), c.name.clone(), c.name_en.clone())
        });
        let sizes = OptionsBuilder::new(
            SIZE_BUCKETS
                .iter()
                .map(|b| (b.0.to_string(), b.1.to_string(), Some(b.2.to_string()))),
        );
        let years = years_desc(
            bundle
                .projects
                .iter()
                .filter_map(|p| p.date().map(|d| d.year())),
        );
        let recency = recency(&bundle.projects, crate::catalog::newer_project);
        let docs = bundle
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let amount_cny = p.investment.as_ref().map(amount_in_yuan);
                let doc = Doc {
                    recency: recency[i],
                    views: 0,
                    amount_cny,
                };
                let values: Values = vec![
                    industries.index_of(&p.industry).into_iter().collect(),
                    districts.index_of(&p.district).into_iter().collect(),
                    p.park
                        .as_deref()
                        .and_then(|id| parks.index_of(id))
                        .into_iter()
                        .collect(),
                    statuses.index_of(&p.status).into_iter().collect(),
                    amount_cny
                        .map(|y| size_bucket(y) as u16)
                        .into_iter()
                        .collect(),
                    p.date()
                        .and_then(|d| years.index_of(&d.year().to_string()))
                        .into_iter()
                        .collect(),
                ];
                (doc, values)
            })
            .collect();
        ListIndex::finish(
            ListKind::Projects,
            docs,
            vec![industries, districts, parks, statuses, sizes, years],
        )
    }

    /// Keeps only options some document has (size buckets always stay: they are a scale).
    fn finish(
        kind: ListKind,
        entries: Vec<(Doc, Values)>,
        builders: Vec<OptionsBuilder>,
    ) -> ListIndex {
        let mut options = Vec::with_capacity(builders.len());
        let mut columns = Vec::with_capacity(builders.len());
        for (slot, builder) in builders.into_iter().enumerate() {
            let keep_all = FacetKey::for_kind(kind)[slot] == FacetKey::Size;
            let mut used = vec![keep_all; builder.options.len()];
            for (_, values) in &entries {
                for &v in &values[slot] {
                    used[usize::from(v)] = true;
                }
            }
            let mut renumber = vec![0u16; builder.options.len()];
            let mut kept = Vec::new();
            for (i, option) in builder.options.into_iter().enumerate() {
                if used[i] {
                    renumber[i] = kept.len() as u16;
                    kept.push(option);
                }
            }
            let mut column = Column {
                start: Vec::with_capacity(entries.len() + 1),
                values: Vec::with_capacity(entries.len()),
            };
            column.start.push(0);
            for (_, values) in &entries {
                column
                    .values
                    .extend(values[slot].iter().map(|&v| renumber[usize::from(v)]));
                column.start.push(column.values.len() as u32);
            }
            columns.push(column);
            options.push(kept);
        }
        ListIndex {
            kind,
            search: SearchIndex::default(),
            docs: entries.into_iter().map(|(doc, _)| doc).collect(),
            columns,
            options,
        }
    }

    /// Which list this indexes.
    pub fn kind(&self) -> ListKind {
        self.kind
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The options of a facet, in display order.
    pub fn options(&self, key: FacetKey) -> &[FacetOption] {
        FacetKey::for_kind(self.kind)
            .iter()
            .position(|k| *k == key)
            .map_or(&[], |slot| &self.options[slot])
    }

    /// What a prerendered list page holds so that a shared link's filtered view shows before
    /// the app has started ([`EarlyView`]), for a list of at most [`EARLY_VIEW_MAX`] items.
    pub fn early_view(&self) -> Option<EarlyView> {
        if self.len() > EARLY_VIEW_MAX {
            return None;
        }
        let order = self
            .run(&ListQuery::new(self.kind), self.len().max(1))
            .items;
        let keys = FacetKey::for_kind(self.kind);
        let sort = match self.kind {
            ListKind::Articles => Sort::Views,
            ListKind::Projects => Sort::Amount,
        };
        let mut rows = String::from("[");
        for (n, &i) in order.iter().enumerate() {
            rows.push_str(if n == 0 { "[" } else { ",[" });
            for column in &self.columns {
                let values: Vec<String> = column.of(i).iter().map(u16::to_string).collect();
                rows.push_str(&format!("[{}],", values.join(",")));
            }
            rows.push_str(&format!("{}]", self.docs[i].order_key(sort)));
        }
        rows.push(']');
        Some(EarlyView {
            order,
            facets: keys.iter().map(|k| k.param()).collect(),
            sort: sort.param(),
            rows,
        })
    }

    /// Answers a list query with `page_size` results per page. A query with search terms
    /// needs the whole text index ([`ListIndex::text_ready`]); documents not yet in it do not
    /// match.
    pub fn run(&self, query: &ListQuery, page_size: usize) -> Listing {
        self.run_with(query, page_size, None)
    }

    /// Like [`ListIndex::run`], also searching the bodies that `bodies` indexes (those the
    /// bundle publishes as separate files). Documents in shards not yet fetched do not match.
    pub fn run_with(
        &self,
        query: &ListQuery,
        page_size: usize,
        bodies: Option<&BodyShards>,
    ) -> Listing {
        let keys = FacetKey::for_kind(self.kind);
        // Selected option indices per facet slot; values the bundle does not have are dropped.
        let mut applied = ListQuery {
            filters: Default::default(),
            ..query.clone()
        };
        let selected: Vec<Vec<bool>> = keys
            .iter()
            .enumerate()
            .map(|(slot, key)| {
                let mut chosen = vec![false; self.options[slot].len()];
                let options = &self.options[slot];
                for value in query.filters.get(key).into_iter().flatten() {
                    // As written, else in other capitals (`category=POLICY`), as the site writes
                    // it, else by its Chinese name (`industry=新材料`), as a link written by hand
                    // may have it.
                    let found = options
                        .iter()
                        .position(|o| &o.value == value)
                        .or_else(|| {
                            options
                                .iter()
                                .position(|o| o.value.eq_ignore_ascii_case(value))
                        })
                        .or_else(|| options.iter().position(|o| &o.label == value));
                    if let Some(i) = found {
                        chosen[i] = true;
                        applied
                            .filters
                            .entry(*key)
                            .or_default()
                            .insert(options[i].value.clone());
                    }
                }
                chosen
            })
            .collect();
        let active: Vec<usize> = (0..keys.len())
            .filter(|&s| selected[s].iter().any(|&b| b))
            .collect();

        let terms = terms(&query.q);
        debug_assert!(
            terms.is_empty() || self.text_ready(),
            "search before the text index is built"
        );
        // The documents the search matches, ascending, with their scores: every document when
        // nothing is typed. Only these can be results or count towards an option, so a rare
        // term makes the pass below short.
        let matched: Vec<(usize, u32)> = if terms.is_empty() {
            (0..self.docs.len()).map(|i| (i, 0)).collect()
        } else {
            self.search
                .search_with(&terms, &|term| self.body_matches(bodies, term))
                .into_iter()
                .map(|hit| (hit.doc as usize, hit.score))
                .collect()
        };
        // Bit s set: document `i` fails facet slot s.
        let failed_slots = |i: usize| {
            let mut failed: u32 = 0;
            for &s in &active {
                if !self.columns[s]
                    .of(i)
                    .iter()
                    .any(|&v| selected[s][usize::from(v)])
                {
                    failed |= 1 << s;
                }
            }
            failed
        };

        let mut counts: Vec<Vec<usize>> = self.options.iter().map(|o| vec![0; o.len()]).collect();
        let mut results: Vec<(usize, u32)> = Vec::with_capacity(matched.len());
        let mut drop_counts = vec![0usize; keys.len()];
        for &(i, score) in &matched {
            let failed = failed_slots(i);
            if failed == 0 {
                results.push((i, score));
                for (slot, column) in self.columns.iter().enumerate() {
                    for &v in column.of(i) {
                        counts[slot][usize::from(v)] += 1;
                    }
                }
            } else if failed.is_power_of_two() {
                let slot = failed.trailing_zeros() as usize;
                drop_counts[slot] += 1;
                for &v in self.columns[slot].of(i) {
                    counts[slot][usize::from(v)] += 1;
                }
            }
        }
        let total = results.len();

        let pages = total.div_ceil(page_size.max(1)).max(1) as u32;
        applied.page = query.page.clamp(1, pages);
        let start = (applied.page as usize - 1)
            .saturating_mul(page_size)
            .min(total);
        let end = start.saturating_add(page_size).min(total);
        let items = self.page_of(&results, applied.effective_sort(), start, end);

        let facets = keys
            .iter()
            .enumerate()
            .map(|(slot, key)| FacetCounts {
                key: *key,
                options: self.options[slot]
                    .iter()
                    .zip(&counts[slot])
                    .zip(&selected[slot])
                    .map(|((option, &count), &selected)| OptionCount {
                        option: option.clone(),
                        count,
                        selected,
                    })
                    .collect(),
            })
            .collect();

        let mut relaxations = Vec::new();
        let mut parted_awaits = Vec::new();
        if total == 0 {
            for &s in &active {
                if drop_counts[s] > 0 {
                    relaxations.push(Relaxation::DropFacet(keys[s], drop_counts[s]));
                }
            }
            // What the filters alone would give: read only when nothing matches.
            let without_query = if terms.is_empty() {
                0
            } else {
                (0..self.docs.len())
                    .filter(|&i| failed_slots(i) == 0)
                    .count()
            };
            if without_query > 0 {
                relaxations.push(Relaxation::DropQuery(without_query));
            }
            // The text parted finds something (with the filters chosen): that is the answer.
            match self.parted(&terms, bodies, &|i| failed_slots(i) == 0) {
                Ok(Some((parted, _))) => {
                    let mut instead = query.with_q(&crate::text::as_typed(&query.q, &parted));
                    instead.page = query.page;
                    let listing = self.run_with(&instead, page_size, bodies);
                    if listing.total > 0 {
                        return Listing {
                            parted_from: Some(query.q.clone()),
                            ..listing
                        };
                    }
                }
                Ok(None) => {}
                Err(awaited) => parted_awaits = awaited,
            }
            // Parted, it finds something once a filter is dropped: that filter is offered, with
            // what it gives (the text as typed is searched parted there too). Typed with the
            // space, the offer was there; without it, only dropping the search was.
            let dropped_a_facet = |r: &Relaxation| matches!(r, Relaxation::DropFacet(..));
            if parted_awaits.is_empty() && !relaxations.iter().any(dropped_a_facet) {
                let one_failed = |i: usize| failed_slots(i).is_power_of_two();
                match self.parted(&terms, bodies, &one_failed) {
                    Ok(Some((parted, _))) => {
                        let q = crate::text::as_typed(&query.q, &parted);
                        let parted = self.run_with(&query.with_q(&q), page_size, bodies);
                        relaxations.extend(parted.relaxations.into_iter().filter(dropped_a_facet));
                    }
                    Ok(None) => {}
                    Err(awaited) => parted_awaits = awaited,
                }
            }
            relaxations.sort_by_key(|r| {
                Reverse(match r {
                    Relaxation::DropFacet(_, n) | Relaxation::DropQuery(n) => *n,
                })
            });
        }
        Listing {
            query: applied,
            total,
            pages,
            items,
            facets,
            terms,
            relaxations,
            parted_from: None,
            parted_awaits,
        }
    }

    /// The documents of this list whose body, published as a file of its own, holds `term`,
    /// by the search shards in `bodies` (none where they are not fetched).
    fn body_matches(&self, bodies: Option<&BodyShards>, term: &str) -> Vec<u32> {
        let mut docs = bodies.and_then(|b| b.matches(term)).unwrap_or_default();
        docs.retain(|&d| (d as usize) < self.docs.len());
        docs
    }

    /// When `terms` find nothing: the terms with one parted in two (both parts of two
    /// characters or more; one character alone matches most documents, and this runs on a
    /// keystroke) that finds the most documents passing `passes`, with how many; or, where
    /// bodies are searched through shards and some parting needs shards not here yet, those
    /// shards (a parting searched without them would count fewer results than it gives, and
    /// another might have been chosen). Shards that failed (offline) are not waited for: the
    /// list says its results leave their bodies out.
    #[inline(never)]
    fn parted(
        &self,
        terms: &[String],
        bodies: Option<&BodyShards>,
        passes: &dyn Fn(usize) -> bool,
    ) -> Result<Option<(Vec<String>, usize)>, Vec<u32>> {
        let separate = |term: &str| self.body_matches(bodies, term);
        let mut candidates = Vec::new();
        // Partings whose shards are waited for: those of a term of two words typed together.
        // (A longer one, a sentence pasted, is parted among the shards that are here: waiting
        // for the pairs of every parting of 24 characters fetched twice the whole's shards.)
        let mut awaited: Vec<u32> = Vec::new();
        for (t, term) in terms.iter().enumerate() {
            let cuts: Vec<usize> = term.char_indices().map(|(at, _)| at).collect();
            if cuts.len() < 4 || cuts.len() > 24 {
                continue;
            }
            for &at in &cuts[2..cuts.len() - 1] {
                // Inside a Latin word or a number, only into parts of three or more on either
                // side (`energynew` as 「energy new」, never `team` as 「te am」).
                let latin = |c: &char| c.is_ascii_alphanumeric();
                let before = term[..at].chars().rev().take_while(latin).count();
                let after = term[at..].chars().take_while(latin).count();
                if before > 0 && after > 0 && (before < 3 || after < 3) {
                    continue;
                }
                let mut parted = terms.to_vec();
                parted[t] = term[at..].to_string();
                parted.insert(t, term[..at].to_string());
                match bodies.map(|b| b.awaited(&parted)).unwrap_or_default() {
                    missing if missing.is_empty() => candidates.push(parted),
                    missing if cuts.len() <= PARTED_WAIT_MAX => {
                        for n in missing {
                            if !awaited.contains(&n) {
                                awaited.push(n);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        if !awaited.is_empty() {
            return Err(awaited);
        }
        let mut best: Option<(Vec<String>, usize)> = None;
        for parted in candidates {
            let hits = self.search.search_with(&parted, &separate);
            let n = hits.iter().filter(|hit| passes(hit.doc as usize)).count();
            if n > best.as_ref().map_or(0, |(_, most)| *most) {
                best = Some((parted, n));
            }
        }
        Ok(best)
    }

    /// The documents ranked `start..end` in `sort` order. Only that slice is fully sorted:
    /// selecting it first keeps a keystroke over thousands of results cheap.
    fn page_of(
        &self,
        results: &[(usize, u32)],
        sort: Sort,
        start: usize,
        end: usize,
    ) -> Vec<usize> {
        let d = &self.docs;
        if end <= start {
            return Vec::new();
        }
        // One total order per sort, packed into one number per result so that selecting a page
        // among tens of thousands compares integers instead of looking documents up: the order's
        // own value, then the place newest first, which no two share, then the document number
        // it is read back from. Largest key first.
        let mut keys: Vec<u128> = results
            .iter()
            .map(|&(i, score)| {
                let first = match sort {
                    Sort::Relevance => u64::from(score),
                    other => d[i].order_key(other),
                };
                (u128::from(first) << 64)
                    | (u128::from(d[i].recency) << 32)
                    | u128::from(u32::MAX - i as u32)
            })
            .collect();
        let largest_first = |a: &u128, b: &u128| b.cmp(a);
        if end < keys.len() {
            keys.select_nth_unstable_by(end, largest_first);
        }
        let head = &mut keys[..end];
        if start > 0 {
            head.select_nth_unstable_by(start, largest_first);
        }
        let page = &mut head[start..];
        page.sort_unstable_by(largest_first);
        page.iter()
            .map(|&k| (u32::MAX - k as u32) as usize)
            .collect()
    }
}

/// Each item's place in `items` ordered by `newer` (newest first): the newest `items.len()`,
/// the oldest 1.
fn recency<T>(items: &[T], newer: fn(&T, &T) -> std::cmp::Ordering) -> Vec<u32> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| newer(&items[a], &items[b]));
    let mut place = vec![0; items.len()];
    for (at, &i) in order.iter().enumerate() {
        place[i] = (items.len() - at) as u32;
    }
    place
}

fn years_desc(years: impl Iterator<Item = i32>) -> OptionsBuilder {
    let mut ys: Vec<i32> = years.collect();
    ys.sort_unstable_by(|a, b| b.cmp(a));
    ys.dedup();
    OptionsBuilder::new(
        ys.into_iter()
            .map(|y| (y.to_string(), format!("{y}年"), Some(y.to_string()))),
    )
}

/// A taxonomy entry's names, Chinese and English, after a space: the list can be searched by
/// the names it shows in either language (`Jinshan`, `New materials`).
fn push_names(out: &mut String, name: &str, name_en: Option<&str>) {
    for n in std::iter::once(name).chain(name_en) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(n);
    }
}

/// The searchable fields of an article: title; tags and category; summary; body.
pub fn article_fields(bundle: &Bundle, a: &Article) -> DocFields {
    let mut tags = String::new();
    for t in a.tags.iter().filter_map(|id| bundle.tag(id)) {
        push_names(&mut tags, &t.name, t.name_en.as_deref());
    }
    if let Some(c) = bundle.category(&a.category) {
        push_names(&mut tags, &c.name, c.name_en.as_deref());
    }
    let body = a.body.as_deref().map(blocks_text).unwrap_or_default();
    [a.title.clone(), tags, a.summary.clone(), body]
}

/// The searchable fields of a project: name; tags, industry, place and status; summary,
/// investor and partners; description and capacity.
pub fn project_fields(bundle: &Bundle, p: &Project) -> DocFields {
    let mut tags = String::new();
    for t in p.tags.iter().filter_map(|id| bundle.tag(id)) {
        push_names(&mut tags, &t.name, t.name_en.as_deref());
    }
    let extra = [
        bundle
            .industry(&p.industry)
            .map(|t| (t.name.as_str(), t.name_en.as_deref())),
        bundle
            .district(&p.district)
            .map(|t| (t.name.as_str(), t.name_en.as_deref())),
        p.park
            .as_deref()
            .and_then(|id| bundle.park(id))
            .map(|t| (t.name.as_str(), t.name_en.as_deref())),
        bundle
            .status(&p.status)
            .map(|t| (t.name.as_str(), t.name_en.as_deref())),
    ];
    for (name, name_en) in extra.into_iter().flatten() {
        push_names(&mut tags, name, name_en);
    }
    let mut summary = format!("{} {} {}", p.summary, p.investor, p.partners.join(" "));
    if let Some(i) = &p.investment {
        // As either language shows it: `32.7亿元`, and `CNY 3.27 billion` for an English reader.
        summary.push(' ');
        summary.push_str(&i.format(Lang::Zh));
        summary.push(' ');
        summary.push_str(&i.format(Lang::En));
    }
    let mut body = blocks_text(&p.description);
    for c in &p.capacity {
        body.push_str(&format!(
            " {} {}{}",
            c.product,
            crate::format_quantity(c.quantity, Lang::Zh),
            c.unit
        ));
    }
    [p.name.clone(), tags, summary, body]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rates the size facet's note states are the ones the buckets and the order use.
    #[test]
    fn the_size_note_states_the_rates_in_use() {
        for (lang, currencies) in [
            (Lang::Zh, ["美元=", "欧元=", "港元="]),
            (Lang::En, ["per USD", "per EUR", "per HKD"]),
        ] {
            let note = lang.ui().size_rates;
            for (currency, name) in [Currency::Usd, Currency::Eur, Currency::Hkd]
                .into_iter()
                .zip(currencies)
            {
                let rate = yuan_per_unit_milli(currency) as f64 / 1000.0;
                let stated = match lang {
                    Lang::Zh => format!("{name}{rate}元"),
                    Lang::En => format!("{rate} {name}"),
                };
                assert!(note.contains(&stated), "{note:?} lacks {stated:?}");
            }
        }
    }
}
