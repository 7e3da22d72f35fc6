//! The state of a list view, as it lives in the URL's query string.
//!
//! Parameters (documented in docs/url-state.md): `q` search text; facets `category`, `tag`,
//! `year` (articles) and `industry`, `district`, `park`, `status`, `year`, `size` (projects),
//! each a comma-separated list of ids; `sort`; `page`. Serialising is canonical (fixed order,
//! sorted values, defaults left out), so equal views have equal URLs. Parsing never fails:
//! unknown or malformed parameters are ignored.

use std::collections::{BTreeMap, BTreeSet};

use crate::Lang;

/// Which list a query belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListKind {
    /// `/articles`
    Articles,
    /// `/projects`
    Projects,
}

impl ListKind {
    /// The list's name, as in its path (`articles`, `projects`).
    pub fn name(self) -> &'static str {
        match self {
            ListKind::Articles => "articles",
            ListKind::Projects => "projects",
        }
    }

    /// The list named `name` ([`ListKind::name`]).
    pub fn from_name(name: &str) -> Option<ListKind> {
        [ListKind::Articles, ListKind::Projects]
            .into_iter()
            .find(|k| k.name() == name)
    }
}

/// A change a reader made to one of a list's form controls, each named after its URL parameter
/// (`q`, a facet, `sort`), before the app could act on it: on a prerendered page, in the moment
/// before the app takes it over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormChange {
    /// Text typed into the control `name`.
    Typed { name: String, value: String },
    /// The box for `value` of the facet `name` ticked (`checked`) or cleared.
    Ticked {
        name: String,
        value: String,
        checked: bool,
    },
    /// `value` chosen in the menu `name`.
    Chosen { name: String, value: String },
}

/// A facet: one way of narrowing a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FacetKey {
    /// Article category.
    Category,
    /// Tag.
    Tag,
    /// Project industry.
    Industry,
    /// Project district.
    District,
    /// Project park.
    Park,
    /// Project status.
    Status,
    /// Year published (articles) or dated (projects).
    Year,
    /// Investment size bucket (projects).
    Size,
}

impl FacetKey {
    /// Facets of each list, in the order they are shown.
    pub fn for_kind(kind: ListKind) -> &'static [FacetKey] {
        match kind {
            ListKind::Articles => &[FacetKey::Category, FacetKey::Tag, FacetKey::Year],
            ListKind::Projects => &[
                FacetKey::Industry,
                FacetKey::District,
                FacetKey::Park,
                FacetKey::Status,
                FacetKey::Size,
                FacetKey::Year,
            ],
        }
    }

    /// The query parameter name.
    pub fn param(self) -> &'static str {
        match self {
            FacetKey::Category => "category",
            FacetKey::Tag => "tag",
            FacetKey::Industry => "industry",
            FacetKey::District => "district",
            FacetKey::Park => "park",
            FacetKey::Status => "status",
            FacetKey::Year => "year",
            FacetKey::Size => "size",
        }
    }

    /// The facet named by a query parameter, if it belongs to `kind`.
    pub fn from_param(kind: ListKind, param: &str) -> Option<FacetKey> {
        FacetKey::for_kind(kind)
            .iter()
            .copied()
            .find(|k| k.param() == param)
    }

    /// The facet's heading.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FacetKey::Category, Lang::Zh) => "分类",
            (FacetKey::Tag, Lang::Zh) => "标签",
            (FacetKey::Industry, Lang::Zh) => "产业",
            (FacetKey::District, Lang::Zh) => "区域",
            (FacetKey::Park, Lang::Zh) => "园区",
            (FacetKey::Status, Lang::Zh) => "状态",
            (FacetKey::Year, Lang::Zh) => "年份",
            (FacetKey::Size, Lang::Zh) => "投资规模",
            (FacetKey::Category, Lang::En) => "Category",
            (FacetKey::Tag, Lang::En) => "Tag",
            (FacetKey::Industry, Lang::En) => "Industry",
            (FacetKey::District, Lang::En) => "District",
            (FacetKey::Park, Lang::En) => "Park",
            (FacetKey::Status, Lang::En) => "Status",
            (FacetKey::Year, Lang::En) => "Year",
            (FacetKey::Size, Lang::En) => "Investment size",
        }
    }
}

/// How results are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sort {
    /// Best match first (the default while searching).
    Relevance,
    /// Most recent first (the default otherwise).
    Newest,
    /// Most read first (articles).
    Views,
    /// Largest investment first (projects).
    Amount,
}

impl Sort {
    /// Orders offered for each list.
    pub fn for_kind(kind: ListKind) -> &'static [Sort] {
        match kind {
            ListKind::Articles => &[Sort::Relevance, Sort::Newest, Sort::Views],
            ListKind::Projects => &[Sort::Relevance, Sort::Newest, Sort::Amount],
        }
    }

    /// The order of the list `kind` whose `sort` parameter value is `param`.
    pub fn from_param(kind: ListKind, param: &str) -> Option<Sort> {
        Sort::for_kind(kind)
            .iter()
            .copied()
            .find(|s| s.param() == param)
    }

    /// The `sort` parameter value.
    pub fn param(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Views => "views",
            Sort::Amount => "amount",
        }
    }

    /// What the reader sees in the sort menu.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Sort::Relevance, Lang::Zh) => "相关度",
            (Sort::Newest, Lang::Zh) => "最新",
            (Sort::Views, Lang::Zh) => "最多阅读",
            (Sort::Amount, Lang::Zh) => "投资额最大",
            (Sort::Relevance, Lang::En) => "Best match",
            (Sort::Newest, Lang::En) => "Newest",
            (Sort::Views, Lang::En) => "Most read",
            (Sort::Amount, Lang::En) => "Largest investment",
        }
    }
}

/// Limits that keep a hostile URL from costing much.
const MAX_VALUES: usize = 64;
const MAX_VALUE_LEN: usize = 80;
const MAX_QUERY_CHARS: usize = 200;

/// Search text as a view keeps it: trimmed, at most [`MAX_QUERY_CHARS`] characters, and trimmed
/// again after the cut, so that reading the written view back gives the same text (found by
/// the `url_state` fuzz target: a cut that ended on a space did not).
///
/// U+FFFD, the replacement character, is dropped: it stands for bytes that were not UTF-8,
/// as in a link cut off inside a character (`?q=%E7%A2%B3%E7%BA%A4%E7%BB`, 碳纤 and the start
/// of 维), and matched nothing, so such a link found nothing at all.
fn search_text(typed: &str) -> String {
    let cut: String = typed
        .trim()
        .chars()
        .filter(|&c| c != char::REPLACEMENT_CHARACTER && !crate::text::is_invisible(c))
        .take(MAX_QUERY_CHARS)
        .collect();
    cut.trim().to_string()
}
const MAX_PAGE: u32 = 100_000;

/// The URL parameter of the search text; also the `name` of the list's search box.
pub const PARAM_Q: &str = "q";
/// The URL parameter of the order; also the `name` of the list's order menu.
pub const PARAM_SORT: &str = "sort";
/// The URL parameter of the page number.
pub const PARAM_PAGE: &str = "page";

/// A list view: search text, selected facet values, order and page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    /// Which list.
    pub kind: ListKind,
    /// Search text as typed (trimmed).
    pub q: String,
    /// Selected values per facet; OR within a facet, AND across facets.
    pub filters: BTreeMap<FacetKey, BTreeSet<String>>,
    /// Chosen order; `None` for the default.
    pub sort: Option<Sort>,
    /// 1-based page.
    pub page: u32,
}

impl ListQuery {
    /// The filter values this query asks for that `listing` (the same query as a list ran it)
    /// left out, because the list has no such value: an old link after an id changed, or a
    /// mistyped one. In the order of the URL's parameters. A value in other capitals than the
    /// list's (`category=POLICY`), or an option's Chinese name (`industry=新材料`), selected
    /// its option, as `ListIndex::run` reads it.
    pub fn dropped(&self, listing: &crate::browse::Listing) -> Vec<(FacetKey, String)> {
        let kept = |key: &FacetKey, v: &str| {
            listing
                .query
                .filters
                .get(key)
                .is_some_and(|set| set.iter().any(|a| a.eq_ignore_ascii_case(v)))
                || listing.facets.iter().any(|facet| {
                    facet.key == *key
                        && facet
                            .options
                            .iter()
                            .any(|o| o.selected && o.option.label == v)
                })
        };
        self.filters
            .iter()
            .flat_map(|(key, values)| values.iter().map(move |v| (*key, v)))
            .filter(|(key, v)| !kept(key, v))
            .map(|(key, v)| (key, v.clone()))
            .collect()
    }

    /// The unfiltered first page of a list.
    pub fn new(kind: ListKind) -> ListQuery {
        ListQuery {
            kind,
            q: String::new(),
            filters: BTreeMap::new(),
            sort: None,
            page: 1,
        }
    }

    /// Reads a query string (with or without the leading `?`). Never fails.
    ///
    /// ```
    /// use parkreader_core::query::{ListKind, ListQuery};
    /// let q = ListQuery::parse(ListKind::Projects, "?industry=materials,equipment&q=%E7%A2%B3&page=x&evil=1");
    /// assert_eq!(q.q, "碳");
    /// assert_eq!(q.page, 1);
    /// assert_eq!(q.to_query_string(), "q=%E7%A2%B3&industry=equipment,materials");
    /// ```
    pub fn parse(kind: ListKind, query_string: &str) -> ListQuery {
        let mut query = ListQuery::new(kind);
        let raw = query_string.strip_prefix('?').unwrap_or(query_string);
        // A link edited on a phone's Chinese keyboard has full-width `＆` and `＝`
        // (`?industry＝new-materials＆sort=amount`), as typed or escaped: apart and joined as
        // `&` and `=` would.
        let mut raw = raw.to_string();
        for (wide, meant) in [
            ("＆", "&"),
            ("%EF%BC%86", "&"),
            ("%ef%bc%86", "&"),
            ("＝", "="),
            ("%EF%BC%9D", "="),
            ("%ef%bc%9d", "="),
        ] {
            if raw.contains(wide) {
                raw = raw.replace(wide, meant);
            }
        }
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            // A link copied out of HTML keeps its `&amp;` (`?q=x&amp;category=policy`), and
            // parameter names and the order typed in capitals mean the same. Characters that
            // take no room (U+200B, pasted through some apps) are no part of a name or value.
            let visible = |s: &str| -> String {
                s.chars()
                    .filter(|&c| !crate::text::is_invisible(c))
                    .collect()
            };
            let (key, value) = (visible(&key).to_ascii_lowercase(), visible(&value));
            let key = key.strip_prefix("amp;").unwrap_or(&key);
            // A value may end in what a chat glued on after the link
            // (`?industry=new-materials。`); no order, page or facet value ends so. Search
            // text keeps its own.
            let glued = crate::links::without_glued_end;
            match key {
                PARAM_Q => {
                    let trimmed = search_text(&value);
                    if !trimmed.is_empty() {
                        query.q = trimmed;
                    }
                }
                PARAM_SORT => {
                    query.sort = Sort::from_param(kind, &glued(&value).to_ascii_lowercase())
                }
                PARAM_PAGE => {
                    let value = glued(&value);
                    // A number past any list's end stands for its end (which the view then
                    // shows), however many digits it has; anything else is the first page.
                    let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
                    query.page = if digits {
                        value.parse::<u32>().unwrap_or(MAX_PAGE).clamp(1, MAX_PAGE)
                    } else {
                        1
                    }
                }
                param => {
                    if let Some(facet) = FacetKey::from_param(kind, param) {
                        let set = query.filters.entry(facet).or_default();
                        // Apart by commas, a Chinese one or 、 too, as a link typed by hand
                        // has them (`industry=new-materials，high-end-equipment`).
                        for v in value.split([',', '，', '、']).map(|v| glued(v.trim())) {
                            if !v.is_empty() && v.len() <= MAX_VALUE_LEN && set.len() < MAX_VALUES {
                                set.insert(v.to_string());
                            }
                        }
                        if set.is_empty() {
                            query.filters.remove(&facet);
                        }
                    }
                }
            }
        }
        // An order the view has anyway is no choice: `?sort=newest` is the plain list, so that
        // a view read back from its URL is the view that wrote it.
        if query.sort == Some(query.default_sort()) {
            query.sort = None;
        }
        query
    }

    /// The order a view has when none is chosen: best match while searching, else newest.
    fn default_sort(&self) -> Sort {
        if self.q.is_empty() {
            Sort::Newest
        } else {
            Sort::Relevance
        }
    }

    /// The canonical query string, without `?`; empty for the default view.
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            out.append_pair(PARAM_Q, &self.q);
        }
        for key in FacetKey::for_kind(self.kind) {
            if let Some(values) = self.filters.get(key).filter(|v| !v.is_empty()) {
                out.append_pair(
                    key.param(),
                    &values
                        .iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(","),
                );
            }
        }
        // The order the view has anyway is left out: `?sort=newest` is the plain list.
        if let Some(sort) = self
            .sort
            .filter(|_| self.effective_sort() != self.default_sort())
        {
            out.append_pair(PARAM_SORT, sort.param());
        }
        if self.page > 1 {
            out.append_pair(PARAM_PAGE, &self.page.to_string());
        }
        // The commas between a facet's values as written (`status=building,operating`), not
        // `%2C`: a shared link reads as docs/url-state.md shows it, and means the same.
        out.finish().replace("%2C", ",")
    }

    /// `path` followed by `?query` when the view is not the default.
    pub fn href(&self, path: &str) -> String {
        match self.to_query_string() {
            qs if qs.is_empty() => path.to_string(),
            qs => format!("{path}?{qs}"),
        }
    }

    /// The order in effect: the chosen one, else best match while searching, else newest.
    pub fn effective_sort(&self) -> Sort {
        // Best match means nothing without a search.
        match self.sort {
            Some(Sort::Relevance) if self.q.is_empty() => Sort::Newest,
            Some(sort) => sort,
            None => self.default_sort(),
        }
    }

    /// True when a facet value is selected.
    pub fn is_selected(&self, key: FacetKey, value: &str) -> bool {
        self.filters.get(&key).is_some_and(|v| v.contains(value))
    }

    /// True when any facet value or search text narrows the list.
    pub fn is_narrowed(&self) -> bool {
        !self.q.is_empty() || self.filters.values().any(|v| !v.is_empty())
    }

    /// This view with `value` of `key` selected or deselected, back on page 1.
    pub fn toggled(&self, key: FacetKey, value: &str) -> ListQuery {
        let mut next = self.clone();
        let set = next.filters.entry(key).or_default();
        if !set.remove(value) {
            set.insert(value.to_string());
        }
        if set.is_empty() {
            next.filters.remove(&key);
        }
        next.page = 1;
        next
    }

    /// This view without any value of `key`, back on page 1.
    pub fn without_facet(&self, key: FacetKey) -> ListQuery {
        let mut next = self.clone();
        next.filters.remove(&key);
        next.page = 1;
        next
    }

    /// This view with new search text, back on page 1.
    pub fn with_q(&self, q: &str) -> ListQuery {
        let mut next = self.clone();
        next.q = search_text(q);
        next.page = 1;
        next
    }

    /// This view in another order, back on page 1.
    pub fn with_sort(&self, sort: Option<Sort>) -> ListQuery {
        let mut next = self.clone();
        next.sort = sort;
        next.page = 1;
        next
    }

    /// This view on another page.
    pub fn with_page(&self, page: u32) -> ListQuery {
        let mut next = self.clone();
        next.page = page.clamp(1, MAX_PAGE);
        next
    }

    /// This view with the reader's early `changes` made, one after the other (in the page's
    /// order of the controls, not necessarily the order the reader made them; each change
    /// concerns its own parameter, so the order does not matter). A change to a control the
    /// list does not have, or a box already as the change leaves it (a search box holding the
    /// view's own search, as the early script fills it from a link), changes nothing.
    pub fn with_form_changes(&self, changes: &[FormChange]) -> ListQuery {
        changes
            .iter()
            .fold(self.clone(), |query, change| match change {
                FormChange::Typed { name, value }
                    if name == PARAM_Q && search_text(value) != query.q =>
                {
                    query.with_q(value)
                }
                FormChange::Ticked {
                    name,
                    value,
                    checked,
                } => match FacetKey::from_param(self.kind, name) {
                    Some(key) if query.is_selected(key, value) != *checked => {
                        query.toggled(key, value)
                    }
                    _ => query,
                },
                FormChange::Chosen { name, value } if name == PARAM_SORT => {
                    match Sort::from_param(self.kind, value) {
                        Some(sort) => query.with_sort(Some(sort)),
                        None => query,
                    }
                }
                _ => query,
            })
    }

    /// The list with no search and no filters, keeping the order.
    pub fn cleared(&self) -> ListQuery {
        ListQuery {
            sort: self.sort,
            ..ListQuery::new(self.kind)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chats_punctuation_after_the_last_value_is_not_part_of_it() {
        let view = ListQuery::parse(ListKind::Projects, "industry=new-materials%E3%80%82");
        assert_eq!(view.to_query_string(), "industry=new-materials");
        let view = ListQuery::parse(ListKind::Projects, "sort=amount%EF%BC%89%E3%80%82");
        assert_eq!(view.sort, Some(Sort::Amount));
        assert_eq!(
            ListQuery::parse(ListKind::Articles, "page=3%E3%80%82").page,
            3
        );
        // Each value, so that a view reads back the same in any order (found by fuzzing).
        let view = ListQuery::parse(ListKind::Articles, "category=b',a");
        assert_eq!(view.to_query_string(), "category=a,b");
        let again = ListQuery::parse(ListKind::Articles, &view.to_query_string());
        assert_eq!(again, view);
    }

    #[test]
    fn near_misses_mean_what_they_say_a_page_past_any_end_unseen_characters_html_escapes_capitals()
    {
        for page in ["99999", "999999", "4294967296", "18446744073709551616"] {
            let view = ListQuery::parse(ListKind::Articles, &format!("page={page}"));
            assert!(view.page >= 99_999, "{page}: {}", view.page);
        }
        for page in ["0", "-1", "abc", "", "1e3"] {
            let view = ListQuery::parse(ListKind::Articles, &format!("page={page}"));
            assert_eq!(view.page, 1, "{page}");
        }
        let view = ListQuery::parse(
            ListKind::Articles,
            "q=%E2%80%8B%E7%A2%B3%E7%BA%A4%EF%BB%BF%E7%BB%B4",
        );
        assert_eq!(view.q, "碳纤维");
        // `&amp;` from a link copied out of HTML, and capitals in names and the order.
        let view = ListQuery::parse(ListKind::Articles, "q=x&amp;category=policy&SORT=VIEWS");
        assert_eq!(
            view,
            ListQuery::parse(ListKind::Articles, "q=x&category=policy&sort=views")
        );
        // Full-width `＆` and `＝` of a Chinese keyboard, raw or escaped, and invisible
        // characters in values and the order.
        let meant = ListQuery::parse(ListKind::Projects, "industry=new-materials&sort=amount");
        for written in [
            "industry=new-materials＆sort=amount",
            "industry＝new-materials&sort＝amount",
            "industry%EF%BC%9Dnew-materials%EF%BC%86sort=amount",
            "industry=new-materials%E2%80%8B&sort=amount%E2%80%8B",
            "industry=%E2%80%8Bnew-materials&sort=am%EF%BB%BFount",
        ] {
            assert_eq!(
                ListQuery::parse(ListKind::Projects, written),
                meant,
                "{written}"
            );
        }
        // A search text keeps an escaped `&` and `=`.
        assert_eq!(
            ListQuery::parse(ListKind::Articles, "q=R%26D%3D1&sort=views").q,
            "R&D=1"
        );
        assert_eq!(
            crate::text::terms("碳\u{200b}纤\u{ad}维 金山"),
            ["碳纤维", "金山"]
        );
        // Marks of writing direction, pasted or put into a link, and a NUL.
        assert_eq!(
            crate::text::terms("\u{200e}碳纤维 \u{2066}金山\u{2069}\u{202e}\u{0}"),
            ["碳纤维", "金山"]
        );
    }

    #[test]
    fn a_search_box_holding_the_views_own_search_keeps_its_page() {
        let view = ListQuery::parse(ListKind::Articles, "q=%E7%A2%B3&page=2");
        let typed = |v: &str| FormChange::Typed {
            name: PARAM_Q.into(),
            value: v.into(),
        };
        assert_eq!(view.with_form_changes(&[typed("碳 ")]), view);
        assert_eq!(view.with_form_changes(&[typed("碳纤")]).page, 1);
    }

    #[test]
    fn a_search_link_cut_inside_a_character_searches_what_is_left() {
        let parse = |qs: &str| ListQuery::parse(ListKind::Articles, qs);
        assert_eq!(parse("q=%E7%A2%B3%E7%BA%A4%E7%BB").q, "碳纤");
        assert_eq!(
            parse("q=%E7%A2%B3%E7%BA%A4%E7%BB").to_query_string(),
            "q=%E7%A2%B3%E7%BA%A4"
        );
        assert_eq!(parse("q=%E4%20%E7%A2%B3").q, "碳");
        // Nothing left: the plain list.
        assert_eq!(parse("q=%E4").q, "");
        assert_eq!(parse("q=%E4").to_query_string(), "");
        assert_eq!(parse("").with_q("\u{FFFD}碳\u{FFFD}").q, "碳");
    }

    #[test]
    fn early_form_changes_become_the_view_they_ask_for() {
        let start = ListQuery::parse(ListKind::Articles, "category=policy&page=3");
        let typed = |v: &str| FormChange::Typed {
            name: "q".into(),
            value: v.into(),
        };
        let tick = |n: &str, v: &str, checked| FormChange::Ticked {
            name: n.into(),
            value: v.into(),
            checked,
        };
        let changes = [
            tick("category", "signings", true),
            typed(" 碳纤维 "),
            tick("category", "policy", false),
            tick("year", "2022", true),
            FormChange::Chosen {
                name: "sort".into(),
                value: "views".into(),
            },
        ];
        assert_eq!(
            start.with_form_changes(&changes).to_query_string(),
            "q=%E7%A2%B3%E7%BA%A4%E7%BB%B4&category=signings&year=2022&sort=views"
        );
        // A box already as the change leaves it, a facet or order the list does not have, and
        // an unknown control change nothing (the page stays as it was).
        let nothing = [
            tick("category", "policy", true),
            tick("industry", "materials", true),
            FormChange::Chosen {
                name: "sort".into(),
                value: "amount".into(),
            },
            FormChange::Typed {
                name: "other".into(),
                value: "x".into(),
            },
        ];
        assert_eq!(start.with_form_changes(&nothing), start);
        assert_eq!(ListKind::from_name("projects"), Some(ListKind::Projects));
        assert_eq!(
            ListKind::from_name(ListKind::Articles.name()),
            Some(ListKind::Articles)
        );
        assert_eq!(ListKind::from_name("saved"), None);
    }

    #[test]
    fn parses_multi_values_and_ignores_junk() {
        let q = ListQuery::parse(
            ListKind::Articles,
            "category=policy,signing&tag=&year=2023&industry=x&sort=amount&page=0&q=+%20",
        );
        assert_eq!(
            q.filters.len(),
            2,
            "industry is not an article facet; empty tag dropped"
        );
        assert!(q.is_selected(FacetKey::Category, "signing"));
        assert_eq!(q.sort, None, "amount is not an article order");
        assert_eq!(q.page, 1);
        assert_eq!(q.q, "");
        assert_eq!(q.to_query_string(), "category=policy,signing&year=2023");
    }

    #[test]
    fn serialising_is_canonical() {
        let a = ListQuery::parse(
            ListKind::Projects,
            "status=b,a&industry=m&sort=amount&page=2",
        );
        let b = ListQuery::parse(
            ListKind::Projects,
            "page=2&sort=amount&industry=m&status=a&status=b",
        );
        assert_eq!(a, b);
        assert_eq!(
            a.to_query_string(),
            "industry=m&status=a,b&sort=amount&page=2"
        );
        assert_eq!(
            a.href("/projects"),
            "/projects?industry=m&status=a,b&sort=amount&page=2"
        );
        assert_eq!(
            ListQuery::new(ListKind::Projects).href("/projects"),
            "/projects"
        );
    }

    #[test]
    fn chinese_and_spaces_round_trip() {
        let q = ListQuery::new(ListKind::Articles).with_q("  碳纤维 金山&x=1 ");
        let again = ListQuery::parse(ListKind::Articles, &q.to_query_string());
        assert_eq!(again.q, "碳纤维 金山&x=1");
    }

    #[test]
    fn toggling_and_clearing_go_back_to_page_one() {
        let q = ListQuery::parse(ListKind::Projects, "industry=m&page=3");
        let t = q.toggled(FacetKey::Industry, "e");
        assert_eq!((t.page, t.filters[&FacetKey::Industry].len()), (1, 2));
        let t = t
            .toggled(FacetKey::Industry, "e")
            .toggled(FacetKey::Industry, "m");
        assert!(t.filters.is_empty());
        assert_eq!(
            q.with_sort(Some(Sort::Amount)).cleared().to_query_string(),
            "sort=amount"
        );
    }

    #[test]
    fn default_order_depends_on_searching() {
        let q = ListQuery::new(ListKind::Articles);
        assert_eq!(q.effective_sort(), Sort::Newest);
        assert_eq!(q.with_q("碳").effective_sort(), Sort::Relevance);
        assert_eq!(
            q.with_sort(Some(Sort::Relevance)).effective_sort(),
            Sort::Newest
        );
        assert_eq!(
            q.with_q("碳").with_sort(Some(Sort::Views)).effective_sort(),
            Sort::Views
        );
    }
}
