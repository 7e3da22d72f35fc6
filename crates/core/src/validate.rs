//! Turning bundle text into a [`Bundle`], reporting every problem at once with its JSON path.
//!
//! Each top-level section and each article and project is read on its own, so one bad item
//! does not hide the problems of the others; then references between items are checked.

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::bundle::{
    Article, Block, BodySearch, Bundle, Image, Moved, Project, Site, Taxonomies, TextLink,
    FORMAT_VERSION,
};
use crate::links::{is_email, is_http_url, is_phone_number, is_plain_http, is_safe_src};
#[cfg(not(target_arch = "wasm32"))]
use crate::links::{is_safe_link, page_steps};

/// One thing wrong with a bundle: where (a JSON path such as `articles[3].published`) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path of the offending value; empty for the whole document.
    pub path: String,
    /// What is wrong, in words a publisher understands.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a bundle could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// The text is not JSON at all.
    #[error("the bundle is not valid JSON (line {line}, column {column}): {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// The JSON does not describe a valid bundle.
    #[error("the bundle has {} problem{}:\n{}", .0.len(), if .0.len() == 1 { "" } else { "s" }, ProblemList(.0))]
    Invalid(Vec<Problem>),
}

impl BundleError {
    /// The individual problems (one for a syntax error).
    pub fn problems(&self) -> Vec<String> {
        match self {
            BundleError::Syntax { .. } => vec![self.to_string()],
            BundleError::Invalid(problems) => problems.iter().map(ToString::to_string).collect(),
        }
    }
}

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "- {p}")?;
        }
        Ok(())
    }
}

/// Parses and validates a bundle.
///
/// ```
/// let err = parkreader_core::parse_bundle(r#"{"format": 2}"#).unwrap_err();
/// assert_eq!(err.problems(), ["format: version 2 is not supported; this reader understands format 1"]);
/// ```
pub fn parse_bundle(json: &str) -> Result<Bundle, BundleError> {
    let value: Value = serde_json::from_str(json).map_err(|e| BundleError::Syntax {
        line: e.line(),
        column: e.column(),
        message: syntax_message(&e),
    })?;
    let mut problems = Problems::default();
    check_lengths(&value, &mut String::new(), &mut problems);
    let Some(partial) = read_sections(value, &mut problems) else {
        return Err(BundleError::Invalid(problems.0));
    };
    check_parts(&partial.parts(), &mut problems);
    match partial.into_bundle() {
        Some(bundle) if problems.0.is_empty() => Ok(bundle),
        _ => Err(BundleError::Invalid(problems.0)),
    }
}

/// Parses and validates an article body file (`{"blocks": [...]}`) fetched from `body_url`.
///
/// ```
/// let blocks = parkreader_core::parse_body(r#"{"blocks":[{"type":"paragraph","text":"正文"}]}"#).unwrap();
/// assert_eq!(blocks.len(), 1);
/// let err = parkreader_core::parse_body(r#"{"blocks":[{"type":"heading","level":7,"text":"x"}]}"#).unwrap_err();
/// assert_eq!(err.problems(), ["blocks[0].level: 7 is not a heading level; use 2, 3 or 4"]);
/// ```
pub fn parse_body(json: &str) -> Result<Vec<Block>, BundleError> {
    let value: Value = serde_json::from_str(json).map_err(|e| BundleError::Syntax {
        line: e.line(),
        column: e.column(),
        message: syntax_message(&e),
    })?;
    let mut problems = Problems::default();
    check_lengths(&value, &mut String::new(), &mut problems);
    let body = read::<crate::bundle::BodyFile>(&value, "", &mut problems);
    if let Some(body) = &body {
        check_blocks(&body.blocks, "blocks", &mut problems);
    }
    match body {
        Some(body) if problems.0.is_empty() => Ok(body.blocks),
        _ => Err(BundleError::Invalid(problems.0)),
    }
}

/// Checks an already-typed bundle (for bundles built in code); the same rules as [`parse_bundle`].
pub fn validate(bundle: &Bundle) -> Result<(), BundleError> {
    let mut problems = Problems::default();
    if bundle.format != FORMAT_VERSION {
        problems.push(
            "format",
            format!(
                "version {} is not supported; this reader understands format {FORMAT_VERSION}",
                bundle.format
            ),
        );
    }
    let parts = Parts {
        site: Some(&bundle.site),
        taxonomies: Some(&bundle.taxonomies),
        articles: bundle
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| Item {
                index: i,
                id: Some(&a.id),
                parsed: Some(a),
            })
            .collect(),
        projects: bundle
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| Item {
                index: i,
                id: Some(&p.id),
                parsed: Some(p),
            })
            .collect(),
        body_search: bundle.body_search.as_ref(),
        moved: Some(&bundle.moved),
    };
    check_parts(&parts, &mut problems);
    // A string of more than the limit in characters is longer than that in bytes in JSON
    // too: the bundle's JSON text rules most bundles out at a scan, and only one that has such
    // a string is walked as a tree to find where it is (at 10,000 articles the walk was half
    // of `parkreader check`'s time).
    let json = serde_json::to_string(bundle).unwrap_or_default();
    if longest_string_token(json.as_bytes()) > MAX_TEXT_CHARS {
        if let Ok(value) = serde_json::to_value(bundle) {
            check_lengths(&value, &mut String::new(), &mut problems);
        }
    }
    if problems.0.is_empty() {
        Ok(())
    } else {
        Err(BundleError::Invalid(problems.0))
    }
}

/// The longest text one field may hold, in characters. A body is a list of paragraphs, so a
/// single field this long is a mistake (or an attack on the reader's phone), not an article.
pub const MAX_TEXT_CHARS: usize = 100_000;

/// Every string in `value` longer than [`MAX_TEXT_CHARS`], reported at its JSON path: `path`
/// is the path to `value`, one buffer that each step extends and then cuts back, rather than a
/// new string per value.
fn check_lengths(value: &Value, path: &mut String, problems: &mut Problems) {
    match value {
        // Counting stops early: a 10 MB string costs no more than the limit to reject.
        Value::String(text)
            if text.len() > MAX_TEXT_CHARS && text.chars().nth(MAX_TEXT_CHARS).is_some() =>
        {
            problems.push(
                path.clone(),
                format!(
                    "is {} characters long; a text field holds at most {MAX_TEXT_CHARS} (split a long body into paragraphs)",
                    text.chars().count()
                ),
            );
        }
        Value::Array(items) => {
            let len = path.len();
            for (i, item) in items.iter().enumerate() {
                path.truncate(len);
                let _ = write!(path, "[{i}]");
                check_lengths(item, path, problems);
            }
            path.truncate(len);
        }
        Value::Object(fields) => {
            let len = path.len();
            for (key, item) in fields {
                path.truncate(len);
                if len > 0 {
                    path.push('.');
                }
                path.push_str(key);
                check_lengths(item, path, problems);
            }
            path.truncate(len);
        }
        _ => {}
    }
}

/// The length in bytes of the longest string literal (keys too, escapes as written) in the
/// JSON text `json`.
fn longest_string_token(json: &[u8]) -> usize {
    let mut longest = 0;
    let mut at = 0;
    while let Some(open) = json[at..].iter().position(|&b| b == b'"') {
        let start = at + open + 1;
        let mut i = start;
        while i < json.len() && json[i] != b'"' {
            i += if json[i] == b'\\' { 2 } else { 1 };
        }
        longest = longest.max(i.min(json.len()) - start);
        at = i + 1;
        if at >= json.len() {
            break;
        }
    }
    longest
}

fn syntax_message(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; we report those separately.
    let text = e.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    if text == "recursion limit exceeded" {
        "nested more than 128 levels deep (a bundle needs about 6)".to_string()
    } else {
        text
    }
}

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }
}

const SECTIONS: [&str; 7] = [
    "format",
    "site",
    "taxonomies",
    "articles",
    "projects",
    "body_search",
    "moved",
];

/// A bundle read section by section: what parsed, and the raw id of every item, parsed or not,
/// so that one bad item neither hides the others' problems nor turns references to it into
/// false "unknown id" reports.
struct Partial {
    site: Option<Site>,
    taxonomies: Option<Taxonomies>,
    articles: Option<Vec<(Option<String>, Option<Article>)>>,
    projects: Option<Vec<(Option<String>, Option<Project>)>>,
    /// `Some(None)` when absent; `None` when present and unreadable.
    body_search: Option<Option<BodySearch>>,
    moved: Option<Moved>,
}

impl Partial {
    fn parts(&self) -> Parts<'_> {
        fn items<T>(list: &Option<Vec<(Option<String>, Option<T>)>>) -> Vec<Item<'_, T>> {
            list.iter()
                .flatten()
                .enumerate()
                .map(|(index, (id, parsed))| Item {
                    index,
                    id: id.as_deref(),
                    parsed: parsed.as_ref(),
                })
                .collect()
        }
        Parts {
            site: self.site.as_ref(),
            taxonomies: self.taxonomies.as_ref(),
            articles: items(&self.articles),
            projects: items(&self.projects),
            body_search: self.body_search.as_ref().and_then(Option::as_ref),
            moved: self.moved.as_ref(),
        }
    }

    fn into_bundle(self) -> Option<Bundle> {
        fn all<T>(list: Option<Vec<(Option<String>, Option<T>)>>) -> Option<Vec<T>> {
            list?.into_iter().map(|(_, parsed)| parsed).collect()
        }
        Some(Bundle {
            format: FORMAT_VERSION,
            site: self.site?,
            taxonomies: self.taxonomies?,
            articles: all(self.articles)?,
            projects: all(self.projects)?,
            body_search: self.body_search?,
            moved: self.moved?,
        })
    }
}

fn read_sections(value: Value, problems: &mut Problems) -> Option<Partial> {
    let Value::Object(mut map) = value else {
        problems.push(
            "",
            "the bundle must be a JSON object with format, site, taxonomies, articles and projects",
        );
        return None;
    };
    match map.get("format") {
        None => {
            problems.push(
                "format",
                format!("missing; add \"format\": {FORMAT_VERSION}"),
            );
            return None;
        }
        Some(v) if v.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
        Some(v) => {
            let shown = if v.is_number() {
                format!("version {v}")
            } else {
                format!("{v}")
            };
            problems.push(
                "format",
                format!(
                    "{shown} is not supported; this reader understands format {FORMAT_VERSION}"
                ),
            );
            return None;
        }
    }
    for key in map.keys() {
        if !SECTIONS.contains(&key.as_str()) {
            problems.push(
                key.clone(),
                "unknown section; expected format, site, taxonomies, articles, projects, body_search or moved",
            );
        }
    }
    let site = match map.get("site") {
        None => {
            problems.push("site", "missing");
            None
        }
        Some(v) => read::<Site>(v, "site", problems),
    };
    let taxonomies = match map.get("taxonomies") {
        None => Some(Taxonomies::default()),
        Some(v) => read::<Taxonomies>(v, "taxonomies", problems),
    };
    Some(Partial {
        site,
        taxonomies,
        // Taken, not removed: removing from the map pulls a B-tree's rebalancing into the app.
        articles: read_list(
            map.get_mut("articles").map(Value::take),
            "articles",
            problems,
        ),
        projects: read_list(
            map.get_mut("projects").map(Value::take),
            "projects",
            problems,
        ),
        body_search: match map.get("body_search") {
            None => Some(None),
            Some(v) => read::<BodySearch>(v, "body_search", problems).map(Some),
        },
        moved: match map.get("moved") {
            None => Some(Moved::default()),
            Some(v) => read::<Moved>(v, "moved", problems),
        },
    })
}

type RawItems<T> = Vec<(Option<String>, Option<T>)>;

/// The list `key`, as items or in column form ([`crate::columns`]).
fn read_list<T: DeserializeOwned>(
    list: Option<Value>,
    key: &str,
    problems: &mut Problems,
) -> Option<RawItems<T>> {
    Some(
        items(list, key, problems)?
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let id = item.get("id").and_then(Value::as_str).map(str::to_string);
                (id, read::<T>(item, &format!("{key}[{i}]"), problems))
            })
            .collect(),
    )
}

/// The items of the list `key`, as they are or from columns. Not generic, so the app carries it
/// once.
fn items(list: Option<Value>, key: &str, problems: &mut Problems) -> Option<Vec<Value>> {
    match list {
        None => Some(Vec::new()),
        Some(Value::Array(items)) => Some(items),
        Some(Value::Object(columns)) => match crate::columns::to_rows(key, columns) {
            Ok(rows) => Some(rows),
            Err([path, message]) => {
                problems.push(path, message);
                None
            }
        },
        Some(other) => {
            problems.push(key, format!("expected a list, found {}", kind(&other)));
            None
        }
    }
}

/// The app reads a field of the wrong type without its path inside the item (see Cargo.toml).
#[cfg(target_arch = "wasm32")]
fn read<T: DeserializeOwned>(value: &Value, prefix: &str, problems: &mut Problems) -> Option<T> {
    match T::deserialize(value) {
        Ok(t) => Some(t),
        Err(e) => {
            problems.push(prefix, friendly(&e.to_string()));
            None
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn read<T: DeserializeOwned>(value: &Value, prefix: &str, problems: &mut Problems) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(t) => Some(t),
        Err(e) => {
            let inner = e.path().to_string();
            let path = match inner.as_str() {
                "." | "" => prefix.to_string(),
                p if p.starts_with('[') || prefix.is_empty() => format!("{prefix}{p}"),
                p => format!("{prefix}.{p}"),
            };
            problems.push(path, friendly(&e.into_inner().to_string()));
            None
        }
    }
}

/// serde's wording, with Rust type names replaced by what a publisher would call them.
fn friendly(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, plain) in [
        ("expected u64", "expected a whole number of zero or more"),
        ("expected u32", "expected a whole number of zero or more"),
        ("expected u8", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected true or false"),
    ] {
        out = out.replace(rust, plain);
    }
    if let Some(i) = out.find("expected struct ") {
        out.replace_range(i.., "expected an object");
    }
    out
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The parsed parts of a bundle and every item's place in it.
struct Parts<'a> {
    site: Option<&'a Site>,
    taxonomies: Option<&'a Taxonomies>,
    articles: Vec<Item<'a, Article>>,
    projects: Vec<Item<'a, Project>>,
    body_search: Option<&'a BodySearch>,
    moved: Option<&'a Moved>,
}

/// An article or project: its index, its id as written, and the item if it parsed.
struct Item<'a, T> {
    index: usize,
    id: Option<&'a str>,
    parsed: Option<&'a T>,
}

/// Ids of one vocabulary or item list, with the index that first used each id. `None` when the
/// list itself did not parse: references into it are then not checked rather than all reported.
struct Ids<'a> {
    section: &'static str,
    first: Option<HashMap<&'a str, usize>>,
}

impl<'a> Ids<'a> {
    fn collect(
        section: &'static str,
        ids: Option<impl Iterator<Item = (usize, &'a str)>>,
        problems: &mut Problems,
    ) -> Ids<'a> {
        let Some(ids) = ids else {
            return Ids {
                section,
                first: None,
            };
        };
        let mut first = HashMap::new();
        // Ids by their lower case: two that differ only in capitals are one address on a host
        // or disk that ignores case (Windows, macOS, some buckets), where one page overwrites
        // the other.
        let mut folded: HashMap<String, (usize, &str)> = HashMap::new();
        for (i, id) in ids {
            let path = format!("{section}[{i}].id");
            match folded.get(&id.to_ascii_lowercase()) {
                Some(&(prev, other)) if other != id => problems.push(
                    &path,
                    format!(
                        "{id:?} differs from {other:?}, the id of {section}[{prev}], only in capitals: on a host or disk that ignores case their pages are one; rename one"
                    ),
                ),
                Some(_) => {}
                None => {
                    folded.insert(id.to_ascii_lowercase(), (i, id));
                }
            }
            if !valid_id(id) {
                problems.push(
                    &path,
                    format!(
                        "{id:?} is not a valid id; use letters, digits, '-' and '_' (at most 80)"
                    ),
                );
            }
            match first.get(id) {
                Some(prev) => problems.push(
                    &path,
                    format!("{id:?} is already the id of {section}[{prev}]"),
                ),
                None => {
                    first.insert(id, i);
                }
            }
        }
        Ids {
            section,
            first: Some(first),
        }
    }

    fn of_terms<T>(
        section: &'static str,
        list: Option<&'a [T]>,
        id: impl Fn(&'a T) -> &'a str,
        problems: &mut Problems,
    ) -> Ids<'a> {
        Ids::collect(
            section,
            list.map(|l| l.iter().map(id).enumerate()),
            problems,
        )
    }

    fn of_items<T>(
        section: &'static str,
        items: &[Item<'a, T>],
        problems: &mut Problems,
    ) -> Ids<'a> {
        Ids::collect(
            section,
            Some(items.iter().filter_map(|it| it.id.map(|id| (it.index, id)))),
            problems,
        )
    }

    fn contains(&self, id: &str) -> bool {
        self.first.as_ref().is_none_or(|f| f.contains_key(id))
    }

    fn check(&self, id: &str, path: &str, what: &str, problems: &mut Problems) {
        if !self.contains(id) {
            problems.push(path, format!("{id:?} is not {what} in {}", self.section));
        }
    }
}

/// Ids appear in URLs, so they are kept to characters that need no escaping.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn check_parts(parts: &Parts<'_>, problems: &mut Problems) {
    if let Some(site) = parts.site {
        check_site(site, problems);
    }
    if let Some(search) = parts.body_search {
        if !is_safe_src(&search.path) || is_http_url(&search.path) || !search.path.ends_with('/') {
            problems.push(
                "body_search.path",
                format!(
                    "{:?} must be a folder on this site ending in /",
                    search.path
                ),
            );
        }
        if !search.shards.is_power_of_two() || search.shards > 1 << 16 {
            problems.push(
                "body_search.shards",
                format!("{} must be a power of two up to 65536", search.shards),
            );
        }
    }
    let t = parts.taxonomies;
    let categories = Ids::of_terms(
        "taxonomies.categories",
        t.map(|t| &t.categories[..]),
        |x| &x.id,
        problems,
    );
    let tags = Ids::of_terms(
        "taxonomies.tags",
        t.map(|t| &t.tags[..]),
        |x| &x.id,
        problems,
    );
    let industries = Ids::of_terms(
        "taxonomies.industries",
        t.map(|t| &t.industries[..]),
        |x| &x.id,
        problems,
    );
    let districts = Ids::of_terms(
        "taxonomies.districts",
        t.map(|t| &t.districts[..]),
        |x| &x.id,
        problems,
    );
    let parks = Ids::of_terms(
        "taxonomies.parks",
        t.map(|t| &t.parks[..]),
        |x| &x.id,
        problems,
    );
    let statuses = Ids::of_terms(
        "taxonomies.statuses",
        t.map(|t| &t.statuses[..]),
        |x| &x.id,
        problems,
    );
    let articles = Ids::of_items("articles", &parts.articles, problems);
    let projects = Ids::of_items("projects", &parts.projects, problems);
    if let Some(moved) = parts.moved {
        for (list, ids, map) in [
            ("articles", &articles, &moved.articles),
            ("projects", &projects, &moved.projects),
        ] {
            for (old, now) in map {
                let path = format!("moved.{list}.{old}");
                if !valid_id(old) {
                    problems.push(&path, format!("{old:?} is not a valid id"));
                } else if ids
                    .first
                    .as_ref()
                    .is_some_and(|f| f.contains_key(old.as_str()))
                {
                    problems.push(
                        &path,
                        format!("{old:?} is the id of an item in {list}: only an id no item has now can lead to another"),
                    );
                }
                ids.check(now, &path, "an id", problems);
            }
        }
    }

    // What a link in a body may name: an item's page, a category's, a list's filter value.
    let linkable = [
        &articles,
        &projects,
        &categories,
        &tags,
        &industries,
        &districts,
        &parks,
        &statuses,
    ];
    let park_list = t.map(|t| &t.parks[..]).unwrap_or_default();
    for (i, park) in park_list.iter().enumerate() {
        districts.check(
            &park.district,
            &format!("taxonomies.parks[{i}].district"),
            "a district",
            problems,
        );
    }
    let park_district: HashMap<&str, &str> = park_list
        .iter()
        .map(|p| (p.id.as_str(), p.district.as_str()))
        .collect();

    for (i, a) in parts
        .articles
        .iter()
        .filter_map(|it| it.parsed.map(|a| (it.index, a)))
    {
        let at = |field: &str| format!("articles[{i}].{field}");
        non_empty(&a.title, &at("title"), problems);
        non_empty(&a.summary, &at("summary"), problems);
        non_empty(&a.author, &at("author"), problems);
        if a.slug.is_empty()
            || !a
                .slug
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        {
            problems.push(
                at("slug"),
                format!(
                    "{:?} is not a slug; use lowercase letters, digits and '-'",
                    a.slug
                ),
            );
        }
        categories.check(&a.category, &at("category"), "a category", problems);
        check_refs(&a.tags, &tags, &at("tags"), "a tag", problems);
        check_refs(
            &a.related_projects,
            &projects,
            &at("related_projects"),
            "a project id",
            problems,
        );
        if let Some(cover) = &a.cover {
            check_image(cover, &at("cover"), problems);
        }
        match (&a.body, &a.body_url) {
            (Some(_), Some(_)) => {
                problems.push(at("body_url"), "give either body or body_url, not both")
            }
            (None, None) => problems.push(
                at("body"),
                "missing; give the body inline or a body_url to fetch it from",
            ),
            (Some(blocks), None) => {
                check_blocks(blocks, &at("body"), problems);
                check_link_targets(blocks, &at("body"), &linkable, problems);
            }
            (None, Some(url)) => {
                if !is_safe_src(url) || is_http_url(url) || !url.ends_with(".json") {
                    problems.push(
                        at("body_url"),
                        format!("{url:?} must be a path on this site ending in .json"),
                    );
                }
            }
        }
        // An empty line stood in for the site's reprint notice (`copyright = ""`).
        if let Some(copyright) = &a.copyright {
            non_empty(copyright, &at("copyright"), problems);
        }
        if let Some(source) = &a.source {
            non_empty(&source.name, &at("source.name"), problems);
            if let Some(url) = &source.url {
                check_link(url, &at("source.url"), problems);
            }
        }
    }

    for (i, p) in parts
        .projects
        .iter()
        .filter_map(|it| it.parsed.map(|p| (it.index, p)))
    {
        let at = |field: &str| format!("projects[{i}].{field}");
        non_empty(&p.name, &at("name"), problems);
        non_empty(&p.summary, &at("summary"), problems);
        non_empty(&p.investor, &at("investor"), problems);
        industries.check(&p.industry, &at("industry"), "an industry", problems);
        districts.check(&p.district, &at("district"), "a district", problems);
        statuses.check(&p.status, &at("status"), "a status", problems);
        check_refs(&p.tags, &tags, &at("tags"), "a tag", problems);
        check_refs(
            &p.related_articles,
            &articles,
            &at("related_articles"),
            "an article id",
            problems,
        );
        if let Some(park) = &p.park {
            parks.check(park, &at("park"), "a park", problems);
            if let Some(&d) = park_district.get(park.as_str()) {
                if d != p.district
                    && districts
                        .first
                        .as_ref()
                        .is_some_and(|f| f.contains_key(p.district.as_str()))
                {
                    problems.push(at("park"), format!("park {park:?} lies in district {d:?}, not in the project's district {:?}", p.district));
                }
            }
        }
        // Shown as 「合作方：、星途」.
        for (j, partner) in p.partners.iter().enumerate() {
            non_empty(partner, &at(&format!("partners[{j}]")), problems);
        }
        for (j, c) in p.capacity.iter().enumerate() {
            if !c.quantity.is_finite() || c.quantity < 0.0 {
                problems.push(
                    at(&format!("capacity[{j}].quantity")),
                    "must be a number of zero or more",
                );
            }
            non_empty(&c.product, &at(&format!("capacity[{j}].product")), problems);
        }
        // Shown as 「总投资 0元」, which reads as a project of no money; an amount not known
        // yet is left out.
        if p.investment.as_ref().is_some_and(|i| i.amount == 0) {
            problems.push(
                at("investment.amount"),
                "0 is no amount: leave `investment` out while the amount is not known",
            );
        }
        if let Some(mu) = p.land_mu {
            if !mu.is_finite() || mu <= 0.0 {
                problems.push(at("land_mu"), "must be a positive number of mu");
            }
        }
        if let Some(cover) = &p.cover {
            check_image(cover, &at("cover"), problems);
        }
        check_blocks(&p.description, &at("description"), problems);
        check_link_targets(&p.description, &at("description"), &linkable, problems);
        check_dates(&p.dates, &at("dates"), problems);
    }
}

/// Left to the build, as [`check_text_links`] is.
#[cfg(target_arch = "wasm32")]
fn check_dates(_: &crate::ProjectDates, _: &str, _: &mut Problems) {}

/// A project is completed, or planned to be, no earlier than it was signed and started: a
/// completion before either is a year or month typed wrong, which the reader's timeline and
/// the status filters would otherwise show as it is.
#[cfg(not(target_arch = "wasm32"))]
fn check_dates(dates: &crate::ProjectDates, path: &str, problems: &mut Problems) {
    let done = [
        ("completion_planned", &dates.completion_planned),
        ("completion_actual", &dates.completion_actual),
    ];
    let begun = [("signed", &dates.signed), ("started", &dates.started)];
    for (field, done) in done {
        let Some(done) = done else { continue };
        // By the day: a completion on the signing's own day is not before it, whatever the
        // times written.
        let day = |d: &crate::Date| d.days_since_epoch();
        let earlier = begun
            .iter()
            .find_map(|(what, date)| Some((what, date.as_ref().filter(|d| day(done) < day(d))?)));
        if let Some((what, date)) = earlier {
            problems.push(
                format!("{path}.{field}"),
                format!(
                    "{done} is before the project was {what} ({date}); check the year and month"
                ),
            );
        }
    }
}

/// Left to the build, as [`check_text_links`] is.
#[cfg(target_arch = "wasm32")]
fn check_link_targets(_: &[Block], _: &str, _: &[&Ids<'_>; 8], _: &mut Problems) {}

/// A paragraph's link to an article or project of this site (`/articles/<id>`,
/// `/projects/<id>`) names one the bundle has: otherwise it would lead to 页面不存在. A link to
/// a list's view (`/projects?industry=new-materials`) names filter values the list has:
/// otherwise the list would show more than the link meant, and say a filter was left out.
#[cfg(not(target_arch = "wasm32"))]
fn check_link_targets(
    blocks: &[Block],
    path: &str,
    [articles, projects, categories, tags, industries, districts, parks, statuses]: &[&Ids<'_>; 8],
    problems: &mut Problems,
) {
    use crate::query::{FacetKey, ListKind, ListQuery};
    for (j, block) in blocks.iter().enumerate() {
        // A paragraph's links, and each list item's, with where they are.
        let runs: Vec<(String, &[TextLink])> = match block {
            Block::Paragraph { links, .. } => vec![(format!("{path}[{j}].links"), links)],
            Block::List { links, .. } => links
                .iter()
                .enumerate()
                .map(|(i, links)| (format!("{path}[{j}].links[{i}]"), links.as_slice()))
                .collect(),
            _ => continue,
        };
        for (at, links) in runs {
            for (k, link) in links.iter().enumerate() {
                let list = match page_steps(&link.href) {
                    Some(("articles", None)) => Some(ListKind::Articles),
                    Some(("projects", None)) => Some(ListKind::Projects),
                    _ => None,
                };
                if let Some(kind) = list {
                    let query = link.href.split_once('?').map_or("", |(_, q)| q);
                    let query = query.split('#').next().unwrap_or("");
                    let at = format!("{at}[{k}].href");
                    for (key, values) in &ListQuery::parse(kind, query).filters {
                        for value in values {
                            let value = value.to_ascii_lowercase();
                            let (ids, what) = match key {
                                FacetKey::Category => (categories, "a category"),
                                FacetKey::Tag => (tags, "a tag"),
                                FacetKey::Industry => (industries, "an industry"),
                                FacetKey::District => (districts, "a district"),
                                FacetKey::Park => (parks, "a park"),
                                FacetKey::Status => (statuses, "a status"),
                                FacetKey::Size if !crate::browse::is_size(&value) => {
                                    problems.push(&at, format!("{value:?} is not a size of the project list; the sizes are {}", crate::browse::SIZES.join(", ")));
                                    continue;
                                }
                                FacetKey::Year
                                    if !(value.len() == 4
                                        && value.bytes().all(|b| b.is_ascii_digit())) =>
                                {
                                    problems.push(&at, format!("{value:?} is not a year"));
                                    continue;
                                }
                                FacetKey::Size | FacetKey::Year => continue,
                            };
                            ids.check(&value, &at, what, problems);
                        }
                    }
                    continue;
                }
                let (ids, id, what) = match page_steps(&link.href) {
                    Some(("articles", Some(id))) => (articles, id, "an article id"),
                    Some(("projects", Some(id))) => (projects, id, "a project id"),
                    Some(("categories", Some(id))) => (categories, id, "a category"),
                    _ => continue,
                };
                ids.check(id, &format!("{at}[{k}].href"), what, problems);
            }
        }
    }
}

/// The app leaves this to the build (`parkreader check` and `build`, native), which is where a
/// site is put under its `base_url`: in the wasm it would cost a kilobyte.
#[cfg(target_arch = "wasm32")]
fn base_url_problem(_: &str) -> Option<&'static str> {
    None
}

/// Why an http(s) `base_url` cannot be the folder a site is served from: every page, link and
/// data file is put under its path.
#[cfg(not(target_arch = "wasm32"))]
fn base_url_problem(base_url: &str) -> Option<&'static str> {
    if base_url.contains(['?', '#']) {
        return Some("has a query or fragment");
    }
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let steps: Vec<&str> = path.split('/').skip(1).collect();
    let (last, folders) = steps.split_last().unwrap_or((&"", &[]));
    if folders.iter().any(|s| s.is_empty()) {
        return Some("has an empty step (`//`) in its path");
    }
    if steps.iter().any(|s| *s == "." || *s == "..") {
        return Some("has a `.` or `..` step in its path");
    }
    if last.contains('.') {
        return Some("names a file, not a folder");
    }
    None
}

/// `base_url` with the characters of its path that an address cannot hold as they are (Chinese,
/// spaces) percent-encoded, as a browser sends them: `https://example.org/招商/` is
/// `https://example.org/%E6%8B%9B%E5%95%86/`. `None` when its path has none.
#[cfg(not(target_arch = "wasm32"))]
fn path_encoded(base_url: &str) -> Option<String> {
    let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
    let path_start = base_url[after_scheme..]
        .find('/')
        .map_or(base_url.len(), |i| after_scheme + i);
    let path = &base_url[path_start..];
    if path.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    let mut encoded = base_url[..path_start].to_string();
    for c in path.chars() {
        if c.is_ascii_graphic() {
            encoded.push(c);
        } else {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                encoded.push_str(&format!("%{b:02X}"));
            }
        }
    }
    Some(encoded)
}

/// What is wrong with a site's `base_url`, as `check` says it; `None` when the site can be
/// served from it. (`parkreader base-path` asks too, so that it prints no path from a bad one.)
pub fn base_url_error(base_url: &str) -> Option<String> {
    if !is_http_url(base_url) {
        return Some(format!(
            "{base_url:?} must be an absolute http(s) URL such as https://invest.example.org/"
        ));
    }
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(encoded) = path_encoded(base_url) {
        return Some(format!(
            "{base_url:?} has characters in its path that an address carries percent-encoded, and the site's pages and the app would not find each other under it; write it as {encoded:?}"
        ));
    }
    base_url_problem(base_url).map(|reason| {
        format!(
            "{base_url:?} {reason}; give the folder the site is served from, such as https://invest.example.org/ or https://example.org/reader/"
        )
    })
}

fn check_site(site: &Site, problems: &mut Problems) {
    non_empty(&site.name, "site.name", problems);
    if let Some(message) = base_url_error(&site.base_url) {
        problems.push("site.base_url", message);
    }
    // A language tag as BCP 47 writes one (`zh-CN`, `en`, `zh-Hans-CN`): letters and digits
    // in parts of up to eight, joined by hyphens, the first of two or three letters.
    let parts: Vec<&str> = site.locale.split('-').collect();
    let tag = parts
        .iter()
        .all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
        && (2..=3).contains(&parts[0].len())
        && parts[0].bytes().all(|b| b.is_ascii_alphabetic());
    if !tag {
        problems.push(
            "site.locale",
            format!(
                "{:?} is not a language tag; write one such as \"zh-CN\" or \"en\"",
                site.locale
            ),
        );
    }
    if !is_phone_number(&site.contact.hotline) {
        problems.push(
            "site.contact.hotline",
            format!(
                "{:?} is not a phone number; use digits, spaces, '+', '-' and parentheses, and an extension after 转 (\"028-8518 0000 转 8001\")",
                site.contact.hotline
            ),
        );
    }
    // Readers copy it to find the account in WeChat, which takes 6 to 20 letters, digits, `_`
    // and `-`, beginning with a letter (`gh_…` too): an empty one showed a row with nothing
    // to copy, and a copy button that said it had copied. (Checked by the build: the app shows
    // it as text whatever it is, and the check cost its wasm 300 bytes.)
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(id) = &site.contact.wechat_id {
        let fits = (6..=20).contains(&id.len())
            && id.starts_with(|c: char| c.is_ascii_alphabetic())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !fits {
            problems.push(
                "site.contact.wechat_id",
                format!(
                    "{id:?} is not a WeChat ID (微信号): 6 to 20 letters, digits, '_' and '-', beginning with a letter; leave the field out if there is none"
                ),
            );
        }
    }
    if let Some(email) = &site.contact.email {
        if !is_email(email) {
            problems.push(
                "site.contact.email",
                format!("{email:?} is not an e-mail address"),
            );
        }
    }
}

fn check_refs(ids: &[String], known: &Ids<'_>, path: &str, what: &str, problems: &mut Problems) {
    let mut seen = HashSet::new();
    for (j, id) in ids.iter().enumerate() {
        known.check(id, &format!("{path}[{j}]"), what, problems);
        if !seen.insert(id) {
            problems.push(format!("{path}[{j}]"), format!("{id:?} is listed twice"));
        }
    }
}

fn check_blocks(blocks: &[Block], path: &str, problems: &mut Problems) {
    for (j, block) in blocks.iter().enumerate() {
        let at = format!("{path}[{j}]");
        match block {
            Block::Paragraph {
                text,
                links,
                strong,
            } => {
                non_empty(text, &format!("{at}.text"), problems);
                check_text_links(text, links, &format!("{at}.links"), problems);
                check_spans(text, strong, &format!("{at}.strong"), problems);
            }
            Block::Quote { text, .. } => non_empty(text, &format!("{at}.text"), problems),
            Block::Heading { level, text } => {
                if !(2..=4).contains(level) {
                    problems.push(
                        format!("{at}.level"),
                        format!("{level} is not a heading level; use 2, 3 or 4"),
                    );
                }
                non_empty(text, &format!("{at}.text"), problems);
            }
            Block::Figure { image, .. } => check_image(image, &format!("{at}.image"), problems),
            Block::List {
                items,
                links,
                strong,
                ..
            } => {
                if items.is_empty() {
                    problems.push(format!("{at}.items"), "a list needs at least one item");
                }
                for (field, per_item) in [("links", links.len()), ("strong", strong.len())] {
                    if per_item > items.len() {
                        problems.push(
                            format!("{at}.{field}"),
                            format!(
                                "{field} for {per_item} items, but the list has {}",
                                items.len()
                            ),
                        );
                    }
                }
                for (i, (item, links)) in items.iter().zip(links).enumerate() {
                    check_text_links(item, links, &format!("{at}.links[{i}]"), problems);
                }
                for (i, (item, strong)) in items.iter().zip(strong).enumerate() {
                    check_spans(item, strong, &format!("{at}.strong[{i}]"), problems);
                }
            }
        }
    }
}

/// Left to the build, as [`check_text_links`] is.
#[cfg(target_arch = "wasm32")]
fn check_spans(_: &str, _: &[crate::Span], _: &str, _: &mut Problems) {}

/// A paragraph's or a list item's parts in bold (`at` is where they are): each on characters
/// of its text, in order and apart.
#[cfg(not(target_arch = "wasm32"))]
fn check_spans(text: &str, spans: &[crate::Span], at: &str, problems: &mut Problems) {
    let length = text.chars().count();
    let mut after = 0;
    for (k, span) in spans.iter().enumerate() {
        match placed(span.start, span.end, length, after, "part") {
            Ok(end) => after = end,
            Err(problem) => problems.push(format!("{at}[{k}]"), problem),
        }
    }
}

/// Where a part `start..end` of a text of `length` characters ends, when it lies in the text
/// after the parts before it (which end at `after`); else what is wrong, a `what` (link, part)
/// being what the parts are.
#[cfg(not(target_arch = "wasm32"))]
fn placed(start: u32, end: u32, length: usize, after: usize, what: &str) -> Result<usize, String> {
    let (start, end) = (start as usize, end as usize);
    if start >= end || end > length {
        Err(format!(
            "characters {start}..{end} are not a part of the text, which has {length}"
        ))
    } else if start < after {
        Err(format!("starts at character {start}, inside the {what} before it (which ends at {after}); {what}s go in order, apart"))
    } else {
        Ok(end)
    }
}

/// The app leaves a paragraph's links to the build (native): it shows a link only where
/// `links::linked_runs` finds it safe, and its text in any case, so a bad one harms nothing
/// there, and these checks would cost the wasm about a kilobyte.
#[cfg(target_arch = "wasm32")]
fn check_text_links(_: &str, _: &[TextLink], _: &str, _: &mut Problems) {}

/// A paragraph's or a list item's links (`at` is where they are): each on characters of its
/// text, in order and apart, leading somewhere a link may (`links::is_safe_link`).
#[cfg(not(target_arch = "wasm32"))]
fn check_text_links(text: &str, links: &[TextLink], at: &str, problems: &mut Problems) {
    let length = text.chars().count();
    let mut after = 0;
    for (k, link) in links.iter().enumerate() {
        let path = format!("{at}[{k}]");
        match placed(link.start, link.end, length, after, "link") {
            Ok(end) => after = end,
            Err(problem) => problems.push(path.clone(), problem),
        }
        if !is_safe_link(&link.href) {
            problems.push(
                format!("{path}.href"),
                format!("{:?} is not a link the reader follows; use an http(s) URL, tel:, mailto: or a page of this site (/projects/…, /categories/…)", link.href),
            );
        }
    }
}

fn check_image(image: &Image, path: &str, problems: &mut Problems) {
    if is_plain_http(&image.src) {
        problems.push(
            format!("{path}.src"),
            format!(
                "{:?} is an http:// image, which pages served over https do not load; use its https:// address or a path on this site",
                image.src
            ),
        );
    } else if !is_safe_src(&image.src) {
        problems.push(
            format!("{path}.src"),
            format!(
                "{:?} is not an image address; use an https URL or a path on this site",
                image.src
            ),
        );
    }
}

fn check_link(url: &str, path: &str, problems: &mut Problems) {
    if !is_http_url(url) {
        problems.push(path, format!("{url:?} is not an http(s) link"));
    }
}

fn non_empty(text: &str, path: &str, problems: &mut Problems) {
    if text.trim().is_empty() {
        problems.push(path, "must not be empty");
    }
}
