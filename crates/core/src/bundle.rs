//! The bundle: everything the reader shows, as one JSON document (format v1).
//!
//! These types are the format. `docs/bundle-format.md` explains each field and
//! `docs/bundle.schema.json` is generated from these definitions (`parkreader schema`).

use serde::{Deserialize, Serialize};

use crate::{Date, Investment, Lang};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// The bundle format version this reader understands.
pub const FORMAT_VERSION: u32 = 1;

/// A whole publication: the site, its taxonomies, its articles and its projects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Format version; this reader understands `1`.
    #[cfg_attr(feature = "schema", schemars(extend("const" = 1)))]
    pub format: u32,
    /// Who publishes, and how to reach them.
    pub site: Site,
    /// Named vocabularies that articles and projects refer to by id.
    pub taxonomies: Taxonomies,
    /// News, policies and announcements.
    pub articles: Vec<Article>,
    /// Investment projects.
    pub projects: Vec<Project>,
    /// Where `parkreader build` put the search shards of the bodies published as separate
    /// files (`body_url`), so that the lists search those bodies too. A bundle made by hand
    /// leaves it out, and such bodies are searched once they are fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_search: Option<BodySearch>,
    /// Items renamed since their pages were published: each old id with the id the item has
    /// now (`aliases = ["/articles/<old id>"]` in a content file), so that an entry saved or
    /// visited under the old id, and a link to it followed inside the app, lead to the item.
    #[serde(default, skip_serializing_if = "Moved::is_empty")]
    pub moved: Moved,
}

/// Old ids of renamed items, per list: old id → id now.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Moved {
    /// Articles' old ids, each with the id of the article now.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub articles: std::collections::BTreeMap<String, String>,
    /// Projects' old ids, each with the id of the project now.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub projects: std::collections::BTreeMap<String, String>,
}

impl Moved {
    /// Whether no item was renamed.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.projects.is_empty()
    }
}

/// The search shards of a built site's separately published bodies (`parkreader_core::shards`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BodySearch {
    /// The folder on this site that holds them, ending in `/`, e.g.
    /// `/data/search/0a1b2c3d4e5f6a7b/`; shard `n` is the file `<folder><n>.bin`.
    pub path: String,
    /// How many shards there are: a power of two.
    pub shards: u32,
}

impl BodySearch {
    /// The site path of shard `n`.
    pub fn shard_path(&self, n: u32) -> String {
        format!("{}{n}.bin", self.path)
    }
}

/// The publishing site.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Site name, shown in the header and page titles.
    pub name: String,
    /// One-sentence description, used for the home page's meta description.
    pub description: String,
    /// Absolute http(s) URL the site is published at, used for canonical and share links.
    pub base_url: String,
    /// BCP 47 language tag of the content, e.g. `zh-CN`.
    #[serde(default = "default_locale")]
    pub locale: String,
    /// Investment-promotion contact shown on every detail page.
    pub contact: Contact,
    /// Copyright / reprint notice shown under every article unless the article has its own.
    pub copyright: String,
}

fn default_locale() -> String {
    "zh-CN".to_string()
}

/// How an investor reaches the investment office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Phone hotline, digits with optional `+`, `-`, spaces and parentheses; becomes a `tel:` link.
    pub hotline: String,
    /// WeChat ID to copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wechat_id: Option<String>,
    /// E-mail address; becomes a `mailto:` link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// What to include in an inquiry (need, use, tax, company, contact…).
    #[serde(default)]
    pub inquiry_checklist: Vec<String>,
}

/// One entry of a vocabulary: a stable id and its display names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stable id used in references and URLs: letters, digits, `-` and `_`.
    pub id: String,
    /// Display name in Chinese.
    pub name: String,
    /// Display name in English, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
}

/// An industrial park, which lies in a district.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Park {
    /// Stable id.
    pub id: String,
    /// Display name in Chinese.
    pub name: String,
    /// Display name in English, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Id of the district the park lies in.
    pub district: String,
}

/// Where a project stands; `stage` lets the reader colour the badge whatever the wording.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProjectStatus {
    /// Stable id.
    pub id: String,
    /// Display name in Chinese, e.g. `在建`.
    pub name: String,
    /// Display name in English, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Which stage of a project's life this status belongs to.
    pub stage: Stage,
}

/// The life stages of an investment project, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Being negotiated or planned.
    Planned,
    /// Agreement signed.
    Signed,
    /// Under construction.
    Construction,
    /// Completed and producing.
    Operating,
}

impl Stage {
    /// A stable lowercase name, used as a CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Planned => "planned",
            Stage::Signed => "signed",
            Stage::Construction => "construction",
            Stage::Operating => "operating",
        }
    }
}

/// All vocabularies.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Taxonomies {
    /// Article categories (招商动态, 政策, 园区新闻…).
    #[serde(default)]
    pub categories: Vec<Term>,
    /// Tags shared by articles and projects.
    #[serde(default)]
    pub tags: Vec<Term>,
    /// Industries of projects.
    #[serde(default)]
    pub industries: Vec<Term>,
    /// Districts.
    #[serde(default)]
    pub districts: Vec<Term>,
    /// Industrial parks, each in a district.
    #[serde(default)]
    pub parks: Vec<Park>,
    /// Project statuses.
    #[serde(default)]
    pub statuses: Vec<ProjectStatus>,
}

/// An image with its text alternative; width and height reserve space so nothing shifts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Site-relative path (`/media/a.jpg`) or http(s) URL.
    pub src: String,
    /// Text alternative for readers who cannot see the image.
    pub alt: String,
    /// Intrinsic width in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Intrinsic height in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

/// One block of an article body. Text is plain text: the reader never interprets markup in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of text.
    Paragraph {
        /// The text.
        text: String,
        /// Links on parts of the text, in order and apart.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        links: Vec<TextLink>,
        /// Parts of the text in bold (重点), in order and apart.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        strong: Vec<Span>,
    },
    /// A sub-heading; level 2 to 4 (the article title is level 1).
    Heading {
        /// 2, 3 or 4.
        level: u8,
        /// The text.
        text: String,
    },
    /// A photo with its caption (图说…).
    Figure {
        /// The image.
        image: Image,
        /// Caption shown under the image.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
    /// A bulleted or numbered list.
    List {
        /// Numbered when true.
        #[serde(default)]
        ordered: bool,
        /// A numbered list's first number, when not 1 (a policy's clauses 3 to 5).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<u32>,
        /// The items, as text.
        items: Vec<String>,
        /// Per item, in the same order, the links on parts of its text, as a paragraph has
        /// them; absent, or shorter than `items`, where the items after have none.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        links: Vec<Vec<TextLink>>,
        /// Per item, as `links`, its parts in bold.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        strong: Vec<Vec<Span>>,
    },
    /// A quotation.
    Quote {
        /// The quoted text.
        text: String,
        /// Who said it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
}

/// A link on a part of a paragraph: its characters `start..end` (counted in Unicode
/// characters, not bytes) lead to `href`, an http(s) URL, a `tel:` or `mailto:` address, or a
/// path on this site (`/projects/…`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TextLink {
    /// The first linked character.
    pub start: u32,
    /// The character after the last linked one.
    pub end: u32,
    /// Where the link leads.
    pub href: String,
}

/// A part of a text, its characters `start..end` (counted in Unicode characters), such as a
/// part in bold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// The first character.
    pub start: u32,
    /// The character after the last.
    pub end: u32,
}

/// Where an article was first published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Name of the original publisher.
    pub name: String,
    /// http(s) URL of the original, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A news item, policy or announcement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Stable id, used in the URL `/articles/<id>`.
    pub id: String,
    /// Readable slug (lowercase letters, digits, `-`), e.g. for file names.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// One or two sentences shown in lists and as the meta description.
    pub summary: String,
    /// Category id.
    pub category: String,
    /// Tag ids.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Author or desk.
    pub author: String,
    /// Publication date, ISO 8601.
    pub published: Date,
    /// View count shown in the byline.
    #[serde(default)]
    pub views: u64,
    /// Cover image for lists and share previews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Image>,
    /// The body, inline. Exactly one of `body` and `body_url` is present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Vec<Block>>,
    /// Site-relative path of a JSON file `{"blocks": [...]}` holding the body, fetched when the article opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_url: Option<String>,
    /// Original publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Copyright / licence line for this article; the site's line when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    /// Ids of projects this article is about.
    #[serde(default)]
    pub related_projects: Vec<String>,
}

/// A body stored in its own file (`body_url`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BodyFile {
    /// The body blocks.
    pub blocks: Vec<Block>,
}

/// One line of production capacity, e.g. 大丝束碳纤维 12000 吨/年.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CapacityLine {
    /// What is produced.
    pub product: String,
    /// How much.
    pub quantity: f64,
    /// Unit, e.g. `吨/年`, `架/年`.
    pub unit: String,
}

/// Milestones of a project; all optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProjectDates {
    /// Agreement signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<Date>,
    /// Construction started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Date>,
    /// Completion planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_planned: Option<Date>,
    /// Completion achieved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_actual: Option<Date>,
}

/// An investment project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Stable id, used in the URL `/projects/<id>`.
    pub id: String,
    /// Project name.
    pub name: String,
    /// One or two sentences.
    pub summary: String,
    /// Longer description, as body blocks.
    #[serde(default)]
    pub description: Vec<Block>,
    /// Industry id.
    pub industry: String,
    /// Tag ids.
    #[serde(default)]
    pub tags: Vec<String>,
    /// District id.
    pub district: String,
    /// Park id, if the project sits in a park; the park must lie in `district`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub park: Option<String>,
    /// Lead investor.
    pub investor: String,
    /// Other parties.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Total investment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub investment: Option<Investment>,
    /// Land area in mu (亩).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub land_mu: Option<f64>,
    /// Production capacity.
    #[serde(default)]
    pub capacity: Vec<CapacityLine>,
    /// Status id.
    pub status: String,
    /// Milestones.
    #[serde(default)]
    pub dates: ProjectDates,
    /// Shown among the featured projects on the home page.
    #[serde(default)]
    pub featured: bool,
    /// Cover image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Image>,
    /// Ids of articles about this project.
    #[serde(default)]
    pub related_articles: Vec<String>,
}

impl Term {
    /// The name in `lang`, falling back to Chinese.
    pub fn label(&self, lang: Lang) -> &str {
        label(&self.name, self.name_en.as_deref(), lang)
    }
}

impl Park {
    /// The name in `lang`, falling back to Chinese.
    pub fn label(&self, lang: Lang) -> &str {
        label(&self.name, self.name_en.as_deref(), lang)
    }
}

impl ProjectStatus {
    /// The name in `lang`, falling back to Chinese.
    pub fn label(&self, lang: Lang) -> &str {
        label(&self.name, self.name_en.as_deref(), lang)
    }
}

fn label<'a>(zh: &'a str, en: Option<&'a str>, lang: Lang) -> &'a str {
    match (lang, en) {
        (Lang::En, Some(en)) => en,
        _ => zh,
    }
}

impl Project {
    /// The date a project is dated by in lists: signed, else started, else planned completion.
    pub fn date(&self) -> Option<&Date> {
        let d = &self.dates;
        d.signed
            .as_ref()
            .or(d.started.as_ref())
            .or(d.completion_planned.as_ref())
            .or(d.completion_actual.as_ref())
    }
}
