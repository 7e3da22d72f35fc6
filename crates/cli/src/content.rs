//! A content folder (docs/content.md) read into a bundle: `site.toml`, `articles/*.md` and
//! `projects/*.md`, each a TOML front matter between `+++` lines and a CommonMark body that
//! becomes the bundle's blocks here, at build time, so no Markdown parser ships in the wasm.
//!
//! Every problem in every file is collected, each with its file, line and column, what is
//! wrong and how to fix it; the bundle is returned only when there are none.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use parkreader_core::{
    validate, Article, Block, Bundle, BundleError, Image, Project, Site, Span, Taxonomies, TextLink,
};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

/// One problem, pointing at its place in a content file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as given (relative to where the command runs).
    pub file: PathBuf,
    /// 1-based line; 0 when the problem is the file as a whole.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.told(f, "error")
    }
}

impl Diagnostic {
    /// The same, told as a warning: something the build goes on with, but likely a mistake.
    pub fn warning(&self) -> impl fmt::Display + '_ {
        struct Warning<'a>(&'a Diagnostic);
        impl fmt::Display for Warning<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.told(f, "warning")
            }
        }
        Warning(self)
    }

    fn told(&self, f: &mut fmt::Formatter<'_>, label: &str) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {label}: {}", self.file.display(), self.message)?;
        } else {
            write!(
                f,
                "{}:{}:{}: {label}: {}",
                self.file.display(),
                self.line,
                self.column,
                self.message
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// A file to copy into the site: from `source` to the site-relative `url` (content-hashed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    /// Where the file is in the content folder.
    pub source: PathBuf,
    /// Its URL path in the site, e.g. `/media/weave-0123456789abcdef.svg`.
    pub url: String,
    /// What to write there instead of the file's own bytes: the phone-sized copy of a large
    /// photo ([`crate::photos`]).
    pub bytes: Option<Vec<u8>>,
}

/// A content folder, read.
#[derive(Debug)]
pub struct Content {
    /// The bundle, valid.
    pub bundle: Bundle,
    /// Images the bundle refers to.
    pub assets: Vec<Asset>,
    /// Article bodies published as files of their own: (URL path, JSON).
    pub bodies: Vec<(String, String)>,
    /// Files left out as drafts (`draft = true`).
    pub drafts: usize,
    /// Old addresses that lead to the items' pages (`aliases`).
    pub redirects: Vec<crate::aliases::Redirect>,
    /// What the build goes on with but is likely a mistake, such as a publication date after
    /// today.
    pub warnings: Vec<Diagnostic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    #[serde(default = "format_one")]
    format: u32,
    site: Site,
    #[serde(default)]
    taxonomies: Taxonomies,
    #[serde(default)]
    build: BuildOptions,
}

/// `[build]` in site.toml.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BuildOptions {
    /// Article bodies longer than this many characters are published as files of their own,
    /// fetched when the article opens and searched through search shards, so the index the
    /// lists download stays light (0: every body). Default [`SEPARATE_BODIES_OVER`].
    separate_bodies_over: Option<usize>,
}

/// The default of `[build] separate_bodies_over`: a few paragraphs. Shorter bodies stay in the
/// index, where they cost less than a file of their own.
pub const SEPARATE_BODIES_OVER: usize = 400;

fn format_one() -> u32 {
    1
}

/// Which list a content file belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Article,
    Project,
}

/// A content file read so far: where its front matter starts, for pointing at fields.
struct Source {
    path: PathBuf,
    text: String,
    /// Line (1-based) of the front matter's first line.
    front_line: usize,
    /// Its old addresses (`aliases`, see [`crate::aliases`]), each with its line.
    aliases: Vec<(String, usize)>,
    /// The line each block of its body (an article's text, a project's description) starts
    /// on, as the body has its blocks: where a problem the bundle's check finds in one is.
    block_lines: Vec<usize>,
    /// Fields of the front matter that were wrong or missing (`published`, `dates.signed`),
    /// told already: the item was read with stand-ins for them, so that the checks of the
    /// whole folder (its category, tags, links) are told in the same run, and what those
    /// checks find in the stand-ins is no news.
    stand_ins: Vec<String>,
}

/// Writes the bundle and its images (`…/data/bundle.json` → images in `…/media/`; a bundle
/// not in a `data/` folder has them beside it), where `build` and `import` find them
/// ([`crate::build::site_root`]).
pub fn write(content: &Content, out: &Path) -> std::io::Result<()> {
    let site = crate::build::site_root(out);
    copy_assets(&content.assets, site)?;
    for (url, json) in &content.bodies {
        let target = site.join(url.trim_start_matches('/'));
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(target, json)?;
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let json = serde_json::to_string_pretty(&content.bundle).map_err(std::io::Error::other)?;
    // Written beside, then renamed: a reader never sees half a bundle.
    let partial = out.with_extension("json.partial");
    std::fs::write(&partial, json)?;
    std::fs::rename(&partial, out)
}

/// Copies a content folder's images into the site folder `site`, at their URL paths.
pub fn copy_assets(assets: &[Asset], site: &Path) -> std::io::Result<()> {
    for asset in assets {
        let target = site.join(asset.url.trim_start_matches('/'));
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        match &asset.bytes {
            Some(bytes) => std::fs::write(&target, bytes)?,
            None => {
                std::fs::copy(&asset.source, &target)?;
            }
        }
    }
    Ok(())
}

/// The `site.base_url` of a content folder, read from its site.toml alone.
pub fn base_url(dir: &Path) -> Result<String, String> {
    let path = dir.join("site.toml");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let site: SiteFile = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(site.site.base_url)
}

/// site.toml read as far as it goes. An entry of one of its lists (`[[taxonomies.parks]]`)
/// that does not read is told, then left out and the file read again, so that one run tells
/// every such entry and still checks the articles and projects against the rest; the entries
/// left out go into `left_out` as (list, id), for what names them not to be told again. Any
/// other problem (in `[site]`, or TOML that does not parse outside such an entry) ends the
/// reading, with no site.
fn read_site(
    path: &Path,
    text: String,
    diagnostics: &mut Vec<Diagnostic>,
    left_out: &mut Vec<(String, String)>,
) -> Option<SiteFile> {
    let mut text = text;
    loop {
        let error = match toml::from_str::<SiteFile>(&text) {
            Ok(site) => return Some(site),
            Err(e) => e,
        };
        diagnostics.push(toml_diagnostic(path, &text, 1, 0, &error));
        let span = error.span()?;
        let entry = match list_entry(&text, span.start) {
            Some((list, entry)) => {
                let id = text[entry.clone()].lines().find_map(|line| {
                    let table: toml::Table = toml::from_str(line).ok()?;
                    Some(table.get("id")?.as_str()?.to_string())
                });
                left_out.extend(id.map(|id| (list, id)));
                entry
            }
            // A key of its own line that the file may not have (`wechat = "…"` for
            // `wechat_id`): read without it, so that the rest of the file is checked in the same
            // run; it hid every other problem until it was fixed.
            None if error.message().starts_with("unknown field") => {
                let start = text[..span.start].rfind('\n').map_or(0, |n| n + 1);
                let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
                // Not a table's header: its keys would fall into the table before it.
                if text[start..end].trim_start().starts_with('[') {
                    return None;
                }
                toml::from_str::<toml::Table>(&text[start..end]).ok()?;
                start..end
            }
            None => return None,
        };
        // Blanked to spaces, line breaks kept: every other line and column stays where it was.
        let mut bytes = text.into_bytes();
        for byte in &mut bytes[entry] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
        text = String::from_utf8(bytes).ok()?;
    }
}

/// The entry of a site.toml list written as a table (`[[taxonomies.parks]]`) that holds the
/// byte at `at`: its list's name and its bytes, from its header line to the next header.
fn list_entry(text: &str, at: usize) -> Option<(String, std::ops::Range<usize>)> {
    let (mut header, mut end, mut offset) = (None, text.len(), 0);
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            if offset > at {
                end = offset;
                break;
            }
            header = Some((line, offset));
        }
        offset += line.len();
    }
    let (line, start) = header?;
    let list = line
        .trim()
        .strip_prefix("[[taxonomies.")?
        .split_once("]]")?
        .0
        .trim()
        .to_string();
    Some((list, start..end))
}

/// Reads a content folder into a valid bundle, or says everything that is wrong.
pub fn load(dir: &Path) -> Result<Content, Problems> {
    let mut diagnostics = Vec::new();
    let site_path = dir.join("site.toml");
    // Entries of site.toml's lists that were wrong, told already: (list, id).
    let mut left_out = Vec::new();
    let site = match fs::read_to_string(&site_path) {
        Ok(text) => read_site(&site_path, text, &mut diagnostics, &mut left_out),
        Err(e) => {
            // `check content/articles`: the folder inside the content folder.
            let inside = dir
                .parent()
                .filter(|parent| parent.join("site.toml").is_file())
                .map(|parent| {
                    let parent = if parent.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        parent
                    };
                    format!(
                        "this is a folder inside the content folder: give the folder with site.toml, `{}`",
                        parent.display()
                    )
                });
            let help = not_utf8(&e).map(str::to_string).or(inside).or((e.kind()
                == std::io::ErrorKind::NotFound)
                .then(|| "every content folder needs a site.toml (docs/content.md shows one); `parkreader import` writes a whole folder from a bundle".to_string()));
            diagnostics.push(Diagnostic {
                help,
                ..whole_file(&site_path, format!("cannot read the site file: {e}"), None)
            });
            None
        }
    };
    let mut assets = Vec::new();
    let (mut unread_articles, mut unread_projects) = (Vec::new(), Vec::new());
    let mut drafts = 0;
    let (articles, sources) = read_all::<Article>(
        dir,
        Kind::Article,
        &mut assets,
        &mut diagnostics,
        &mut unread_articles,
        &mut drafts,
    );
    let (projects, project_sources) = read_all::<Project>(
        dir,
        Kind::Project,
        &mut assets,
        &mut diagnostics,
        &mut unread_projects,
        &mut drafts,
    );
    diagnostics.extend(static_clashes(dir));
    // A reference to a file that could not be read is not a second problem: that file's own
    // problems are already reported.
    let unread_reference = |message: &str| {
        let named = |ids: &[String], list: &str| {
            ids.iter().any(|id| {
                message
                    .strip_prefix(&format!("{id:?} is not "))
                    .is_some_and(|rest| rest.ends_with(list))
            })
        };
        named(&unread_articles, " in articles")
            || named(&unread_projects, " in projects")
            || left_out.iter().any(|(list, id)| {
                message
                    .strip_prefix(&format!("{id:?} is not "))
                    .is_some_and(|rest| rest.ends_with(&format!(" in taxonomies.{list}")))
            })
    };
    let Some(mut site) = site else {
        return Err(Problems {
            errors: diagnostics,
            warnings: stray_files(dir, &assets),
        });
    };
    tidy_site(&mut site);
    let separate_over = site
        .build
        .separate_bodies_over
        .unwrap_or(SEPARATE_BODIES_OVER);
    let mut bundle = Bundle {
        format: site.format,
        site: site.site,
        taxonomies: site.taxonomies,
        articles,
        projects,
        body_search: None,
        moved: Default::default(),
    };
    // Covers, named relative to their Markdown file like body images.
    let covers = bundle
        .articles
        .iter_mut()
        .map(|a| &mut a.cover)
        .zip(&sources)
        .chain(
            bundle
                .projects
                .iter_mut()
                .map(|p| &mut p.cover)
                .zip(&project_sources),
        );
    for (cover, source) in covers {
        if let Some(cover) = cover {
            resolve_image(cover, source, &mut assets, &mut diagnostics);
        }
    }
    // Covers' copies counted too: they are made just above.
    if let Some(line) = crate::photos::summary() {
        eprintln!("{line}");
    }
    // An image that is no address of the site or of https (a path not found or not to be
    // published, a file on the writer's computer, `ftp:`, `javascript:`) has been told at its
    // line by `resolve_src`: that it is no address is not a second problem.
    let unresolved_image = |message: &str| {
        message.ends_with(" is not an image address; use an https URL or a path on this site")
    };
    if let Err(BundleError::Invalid(problems)) = validate(&bundle) {
        for problem in problems {
            // An http:// image is told at its line by `resolve_src`.
            if unread_reference(&problem.message)
                || unresolved_image(&problem.message)
                || problem.message.contains(" is an http:// image, ")
                || stood_in(&problem.path, &sources, &project_sources)
            {
                continue;
            }
            let (path, message) =
                declared_id_blamed(&problem.path, &problem.message, &sources, &project_sources);
            let message = in_content_terms(&path, &message, &sources, &project_sources);
            let mut diagnostic = locate(&path, &message, &site_path, &sources, &project_sources);
            // Not for a problem of a list's own entries (`"x" is already the id of
            // taxonomies.tags[0]`), whose ids are what is wrong.
            if !problem.path.starts_with("taxonomies.") {
                diagnostic.help = diagnostic.help.or_else(|| taxonomy_help(&message, &bundle));
            }
            // A file named with characters an id cannot hold makes a bad slug of the same
            // name too: one problem, one fix.
            let same_name = |d: &Diagnostic| {
                d.file == diagnostic.file && d.message.starts_with("id (the file's name): ")
            };
            if diagnostic.message.starts_with("slug (the file's name): ")
                && diagnostics.iter().any(same_name)
            {
                continue;
            }
            diagnostics.push(diagnostic);
        }
    }
    let redirects = redirects(&bundle, &sources, &project_sources, &mut diagnostics);
    bundle.moved = crate::aliases::moved(&redirects);
    // Told whether or not there are problems too: fixing those first hid these until the next
    // run.
    let origins = Origins {
        site: &site_path,
        articles: &sources,
        projects: &project_sources,
    };
    let mut warnings = stray_files(dir, &assets);
    warnings.extend(future_dates(&bundle, today(), &origins));
    warnings.extend(images_without_alt(&bundle, &origins));
    warnings.extend(stages_behind_dates(&bundle, today(), &origins));
    warnings.extend(placeholders(&bundle, &origins));
    warnings.extend(plain_http(&bundle, &origins));
    warnings.extend(long_bodies(&bundle, &origins));
    if diagnostics.is_empty() {
        assets.sort_by(|a, b| a.url.cmp(&b.url));
        // One file named from two places (`../media/a.jpg` in an article and a project) is one
        // file of the site: its address names its content.
        assets.dedup_by(|a, b| a.url == b.url);
        let bodies = separate_bodies(&mut bundle, separate_over);
        Ok(Content {
            bundle,
            assets,
            bodies,
            drafts,
            redirects,
            warnings,
        })
    } else {
        Err(Problems {
            errors: diagnostics,
            warnings,
        })
    }
}

/// Why a content folder cannot be published: its problems, and what else it has that is likely
/// a mistake, told with them so that one run says everything.
#[derive(Debug)]
pub struct Problems {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Files in `articles/` and `projects/` that look like content saved under another name
/// (`news.md.txt` from Windows Notepad, `policy.txt`, `notes.markdown.bak`) and that no file
/// links to as an attachment: only `.md` files are read, and these would be left out of the
/// site without a word.
fn stray_files(dir: &Path, assets: &[Asset]) -> Vec<Diagnostic> {
    let linked: std::collections::HashSet<PathBuf> = assets
        .iter()
        .filter_map(|a| fs::canonicalize(&a.source).ok())
        .collect();
    let mut stray = Vec::new();
    for folder in ["articles", "projects"] {
        let Ok(entries) = fs::read_dir(dir.join(folder)) else {
            continue;
        };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let texty = [".txt", ".text", ".mdown", ".mkd", ".mkdn", ".mdwn"]
                .iter()
                .any(|end| name.ends_with(end))
                || name.contains(".md.")
                || name.contains(".markdown.");
            if !texty
                || name.starts_with('.')
                || !path.is_file()
                || is_markdown(&path)
                || fs::canonicalize(&path).is_ok_and(|p| linked.contains(&p))
            {
                continue;
            }
            stray.push(whole_file(
                &path,
                "not read: only files whose names end in `.md` are articles and projects".into(),
                Some("rename it to end in `.md` (an editor may have added `.txt`: turn on showing file extensions to see it), or move it out of the folder"),
            ));
        }
    }
    stray.sort_by(|a, b| a.file.cmp(&b.file));
    stray
}

/// What every build writes at the site's top level, whatever the app: a file of `static/`
/// of one of these names would take its place, which the build refuses.
const BUILT_FILES: [(&str, &str); 8] = [
    ("index.html", "the home page"),
    (
        "404.html",
        "the page a host sends for an address without a file",
    ),
    ("sw.js", "the service worker, which keeps the site offline"),
    ("manifest.webmanifest", "the web app manifest"),
    ("robots.txt", "the file that points crawlers at the sitemap"),
    ("sitemap.xml", "the sitemap"),
    ("feed.xml", "the Atom feed"),
    ("_headers", "the headers file (the content security policy)"),
];

/// Files of `static/` at an address the build writes itself ([`BUILT_FILES`], with their
/// .br and .gz copies): `check` says so, as the build would, instead of `ok`.
fn static_clashes(dir: &Path) -> Vec<Diagnostic> {
    let Ok(entries) = fs::read_dir(dir.join("static")) else {
        return Vec::new();
    };
    let mut clashes: Vec<Diagnostic> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            let plain = name
                .strip_suffix(".br")
                .or(name.strip_suffix(".gz"))
                .unwrap_or(&name);
            let (_, what) = BUILT_FILES.iter().find(|(built, _)| *built == plain)?;
            Some(whole_file(
                &path,
                format!("the site has its own file at this address ({what})"),
                Some("rename or remove this one: the build writes it"),
            ))
        })
        .collect();
    clashes.sort_by(|a, b| a.file.cmp(&b.file));
    clashes
}

/// Today in China (UTC+8), where the sites' dates are written, in days since 1970-01-01.
fn today() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    ((now + 8 * 3600) / 86_400) as i64
}

/// Where a bundle's items were read from: a warning about one is told at its file and line.
struct Origins<'a> {
    site: &'a Path,
    articles: &'a [Source],
    projects: &'a [Source],
}

impl Origins<'_> {
    /// The diagnostic `message` at the place of the bundle's `path` ([`locate`]).
    fn locate(&self, path: &str, message: &str) -> Diagnostic {
        locate(path, message, self.site, self.articles, self.projects)
    }
}

/// Articles published after `today` (days since 1970-01-01): each is listed first and shown as
/// published on a day that has not come, which is most often a mistyped year. The build goes on
/// (an article may be meant for a date), but says so at the line; so it does of a date before
/// 1900, a year short of its digits.
fn future_dates(bundle: &Bundle, today: i64, origins: &Origins) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (i, article) in bundle.articles.iter().enumerate() {
        let days = article.published.days_since_epoch() - today;
        if days > 0 {
            let mut warning = origins.locate(
                &format!("articles[{i}].published"),
                &format!(
                    "{} is {days} {} after today; the article heads the lists as the newest until then",
                    article.published.iso_day(),
                    if days == 1 { "day" } else { "days" }
                ),
            );
            warning.help = Some(
                "if the year or month is mistyped, correct it; an article not to be seen before its date can wait with `draft = true`".to_string(),
            );
            warnings.push(warning);
        } else if article.published.year() < 1900 {
            // `0001-01-12`, `0202-03-05`: a year short of its digits, shown as 1年1月12日.
            let mut warning = origins.locate(
                &format!("articles[{i}].published"),
                &format!(
                    "{} is before 1900; the article would show that date, and sit last in the lists",
                    article.published.iso_day()
                ),
            );
            warning.help = Some(
                "if the year is mistyped, correct it: a year has four digits, `2024-03-05`"
                    .to_string(),
            );
            warnings.push(warning);
        }
    }
    warnings
}

/// A body this long is a book, not a notice: a reader's phone loads the article's page whole
/// (a 74 MB article made a 149 MB page, and its build took a gigabyte).
const LONG_BODY_CHARS: usize = 200_000;

/// Articles whose text is longer than [`LONG_BODY_CHARS`], told at the file: most likely a
/// document pasted whole, which is better linked as an attachment.
fn long_bodies(bundle: &Bundle, origins: &Origins) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (i, article) in bundle.articles.iter().enumerate() {
        let chars: usize = article.body.as_deref().map_or(0, |blocks| {
            parkreader_core::browse::blocks_text(blocks).chars().count()
        });
        if chars > LONG_BODY_CHARS {
            let mut warning = origins.locate(
                &format!("articles[{i}]"),
                &format!(
                    "the article's text is {chars} characters long; a reader's phone loads its page whole"
                ),
            );
            warning.help = Some("put a document this long in the content folder and link it as an attachment (`[全文](../files/….pdf)`), or split it into articles".to_string());
            warnings.push(warning);
        }
    }
    warnings
}

/// Images with no text to stand for them (`![](photo.jpg)`, a cover's `alt = ""`): a screen
/// reader says nothing of them, and a reader whose images do not load (a slow network, offline)
/// sees nothing in their place. A picture may be decoration, so the build goes on, and says so
/// at the image's line (in a body, the line of the `![]` the figure came from).
fn images_without_alt(bundle: &Bundle, origins: &Origins) -> Vec<Diagnostic> {
    const HELP: &str = "write what the picture shows, e.g. `![签约仪式现场](…)` or `alt = \"签约仪式现场\"`; a caption may say more in the quotes after the path";
    let mut warnings = Vec::new();
    let bodies = bundle
        .articles
        .iter()
        .zip(origins.articles)
        .map(|(a, source)| (a.body.as_deref().unwrap_or_default(), source))
        .chain(
            bundle
                .projects
                .iter()
                .zip(origins.projects)
                .map(|(p, source)| (p.description.as_slice(), source)),
        );
    for (blocks, source) in bodies {
        let empty = blocks
            .iter()
            .filter(|b| matches!(b, Block::Figure { image, .. } if image.alt.trim().is_empty()))
            .count();
        // The figures without alt text are the `![]` written in the file, in order.
        let mut at = 0;
        for _ in 0..empty {
            let found = source.text[at..]
                .match_indices("![")
                .map(|(i, _)| at + i)
                .find(|&i| source.text[i + 2..].trim_start().starts_with("]("));
            let Some(start) = found else { break };
            at = start + 2;
            let (line, column) = line_col(&source.text, start);
            warnings.push(Diagnostic {
                file: source.path.clone(),
                line,
                column,
                message: "an image without alt text (`![](…)`): a screen reader says nothing of it, and where images do not load nothing stands in its place".into(),
                help: Some(HELP.into()),
            });
        }
    }
    let covers = bundle
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (format!("articles[{i}].cover.alt"), &a.cover))
        .chain(
            bundle
                .projects
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("projects[{i}].cover.alt"), &p.cover)),
        );
    for (path, cover) in covers {
        if cover.as_ref().is_some_and(|c| c.alt.trim().is_empty()) {
            let mut warning = origins.locate(
                &path,
                "the cover has no alt text: a screen reader says nothing of it, and where images do not load nothing stands in its place",
            );
            warning.help = Some(HELP.into());
            warnings.push(warning);
        }
    }
    warnings
}

/// Projects whose `status` is a stage before one their own dates say has passed (洽谈中 with a
/// signing date gone by, 在建 with the completion done): the page shows the status's badge
/// beside a timeline with that step done, and the status filter puts the project among those
/// it has left. Most often the status was not updated; the build goes on, and says so at the
/// status's line.
fn stages_behind_dates(bundle: &Bundle, today: i64, origins: &Origins) -> Vec<Diagnostic> {
    use parkreader_core::Stage;
    let mut warnings = Vec::new();
    for (i, project) in bundle.projects.iter().enumerate() {
        let Some(status) = bundle.status(&project.status) else {
            continue;
        };
        let dates = &project.dates;
        let passed = [
            (
                &dates.completion_actual,
                Stage::Operating,
                "completion_actual",
            ),
            (&dates.started, Stage::Construction, "started"),
            (&dates.signed, Stage::Signed, "signed"),
        ]
        .into_iter()
        .find_map(|(date, stage, field)| {
            date.as_ref()
                .filter(|d| d.days_since_epoch() <= today)
                .map(|d| (stage, field, d))
        });
        let Some((stage, field, date)) = passed.filter(|(stage, ..)| status.stage < *stage) else {
            continue;
        };
        let what = match status.stage {
            Stage::Planned => "a project not signed yet",
            Stage::Signed => "a project not started yet",
            Stage::Construction => "a project not completed yet",
            Stage::Operating => continue,
        };
        let mut warning = origins.locate(
            &format!("projects[{i}].status"),
            &format!(
                "{:?} ({}) is {what}, but `dates.{field}` is {}, which has passed: the page shows 「{}」 beside a timeline with that step done",
                status.id,
                status.name,
                date.iso_day(),
                status.name
            ),
        );
        let later: Vec<&str> = bundle
            .taxonomies
            .statuses
            .iter()
            .filter(|s| s.stage >= stage)
            .map(|s| s.id.as_str())
            .collect();
        warning.help = Some(if later.is_empty() {
            format!(
                "add a status of stage \"{}\" to site.toml's `statuses` and set it here, or correct the date",
                stage.as_str()
            )
        } else {
            format!(
                "set `status` to the stage the project has reached ({}), or correct the date",
                later
                    .iter()
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
        warnings.push(warning);
    }
    warnings
}

/// The address `new site` writes into site.toml, for the publisher to replace.
const TEMPLATE_BASE_URL: &str = "https://invest.example.org/";

/// Values `new site`, `new article` and `new project` write for the publisher to replace
/// (templates/), by the field they go in: a site built with one shows it to every reader.
const PLACEHOLDERS: [(&str, &str); 7] = [
    ("site.name", "某某园区招商"),
    ("site.contact.hotline", "400-000-0000"),
    ("title", "标题"),
    ("summary", "一两句话的摘要，显示在列表和分享卡片中。"),
    ("name", "项目名称"),
    ("summary", "一两句话的项目简介。"),
    ("investor", "投资方全称"),
];

/// Template values still in the content: the example address, which the sitemap, feed, share
/// cards and canonical links would name, and placeholder text readers would see. The build goes
/// on (a site may be tried out before it is filled in), but says where each is.
/// A `base_url` of plain `http://` on a host of the web (not the writer's own computer): the
/// site works there, but browsers give a page so served no service worker (no reading
/// offline, no update notice), and copying a share link asks for https too.
fn plain_http(bundle: &Bundle, origins: &Origins) -> Option<Diagnostic> {
    let rest = bundle.site.base_url.strip_prefix("http://")?;
    let host = rest.split(['/', ':']).next().unwrap_or("");
    if matches!(host, "localhost" | "127.0.0.1" | "[::1]") {
        return None;
    }
    let mut warning = origins.locate(
        "site.base_url",
        &format!("{} is an http:// address: on it, readers' browsers keep no copy for reading offline, and copying a share link may fail", bundle.site.base_url),
    );
    warning.help = Some(format!(
        "serve the site over https and write `base_url = \"https://{rest}\"`"
    ));
    Some(warning)
}

fn placeholders(bundle: &Bundle, origins: &Origins) -> Vec<Diagnostic> {
    let mut found: Vec<(String, &str)> = Vec::new();
    if bundle.site.base_url == TEMPLATE_BASE_URL {
        found.push(("site.base_url".into(), TEMPLATE_BASE_URL));
    }
    let site_values = [
        ("site.name", bundle.site.name.as_str()),
        ("site.contact.hotline", bundle.site.contact.hotline.as_str()),
    ];
    let article_values = bundle.articles.iter().enumerate().flat_map(|(i, a)| {
        [("title", a.title.as_str()), ("summary", a.summary.as_str())]
            .map(|(field, value)| (format!("articles[{i}].{field}"), field, value))
    });
    let project_values = bundle.projects.iter().enumerate().flat_map(|(i, p)| {
        [
            ("name", p.name.as_str()),
            ("summary", p.summary.as_str()),
            ("investor", p.investor.as_str()),
        ]
        .map(|(field, value)| (format!("projects[{i}].{field}"), field, value))
    });
    let values = site_values
        .map(|(path, value)| (path.to_string(), path, value))
        .into_iter()
        .chain(article_values)
        .chain(project_values);
    for (path, field, value) in values {
        if PLACEHOLDERS.contains(&(field, value.trim())) {
            found.push((path, value));
        }
    }
    found
        .into_iter()
        .map(|(path, value)| {
            let address = path == "site.base_url";
            let mut warning = origins.locate(
                &path,
                &if address {
                    format!("{value} is the example address `new site` wrote; the sitemap, the feed, share cards and search engines would be sent there")
                } else {
                    format!("{value:?} is the template's placeholder, shown to readers as it is")
                },
            );
            warning.help = Some(if address {
                "set base_url to the address the site is published at, such as https://invest.your-district.gov.cn/".to_string()
            } else {
                "write this item's own text in its place".to_string()
            });
            warning
        })
        .collect()
}

/// Moves bodies longer than `over` characters out of the bundle, into their own files.
fn separate_bodies(bundle: &mut Bundle, over: usize) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for article in &mut bundle.articles {
        let long = article
            .body
            .as_deref()
            .is_some_and(|b| parkreader_core::browse::blocks_text(b).chars().count() > over);
        if long {
            let blocks = article.body.take().unwrap_or_default();
            let json = serde_json::to_string_pretty(&parkreader_core::BodyFile { blocks })
                .unwrap_or_default();
            let url = format!("/data/articles/{}.json", article.id);
            article.body_url = Some(url.clone());
            files.push((url, json));
        }
    }
    files
}

/// What reading a run of content files gave: its items (each with its source), images and
/// problems.
/// A run of files read: the items, their images, the problems, and the ids of the files that
/// could not be read.
type Run<T> = (
    Vec<(T, Source)>,
    Vec<Asset>,
    Vec<Diagnostic>,
    Vec<String>,
    usize,
);

/// Every article (or project) file of the folder, read, each with its source for pointing at
/// its lines later.
fn read_all<T: ContentItem + Send>(
    dir: &Path,
    kind: Kind,
    assets: &mut Vec<Asset>,
    diagnostics: &mut Vec<Diagnostic>,
    unread: &mut Vec<String>,
    drafts: &mut usize,
) -> (Vec<T>, Vec<Source>) {
    let folder = match kind {
        Kind::Article => "articles",
        Kind::Project => "projects",
    };
    let files = markdown_files(&dir.join(folder), diagnostics);
    // Read and parsed on every core, a run of files each, put back together in file order: the
    // items, images and problems come out as one pass over the files would give them.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // A bar when reading takes a while: a first build of a folder of camera photos resizes
    // each of them (see `photos`).
    let progress = std::sync::Mutex::new(crate::progress::Progress::new(folder, files.len()));
    let runs: Vec<Run<T>> = std::thread::scope(|scope| {
        let progress = &progress;
        let workers: Vec<_> = files
            .chunks(files.len().div_ceil(threads).max(1))
            .map(|run| {
                scope.spawn(move || {
                    let mut assets = Vec::new();
                    let mut diagnostics = Vec::new();
                    let mut unread = Vec::new();
                    let mut drafts = 0;
                    let items = run
                        .iter()
                        .filter_map(|path| {
                            let item = read_item::<T>(
                                path,
                                kind,
                                &mut assets,
                                &mut diagnostics,
                                &mut unread,
                                &mut drafts,
                            );
                            if let Ok(mut p) = progress.lock() {
                                p.tick();
                            }
                            item
                        })
                        .collect();
                    (items, assets, diagnostics, unread, drafts)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    if let Ok(p) = progress.into_inner() {
        p.finish_if_slow();
    }
    let mut items = Vec::with_capacity(files.len());
    for (run, run_assets, run_diagnostics, run_unread, run_drafts) in runs {
        items.extend(run);
        assets.extend(run_assets);
        diagnostics.extend(run_diagnostics);
        unread.extend(run_unread);
        *drafts += run_drafts;
    }
    items.into_iter().unzip()
}

/// A content file's name: `.md`, or as Hugo also reads them, `.markdown`, in any case
/// (`news.MD`).
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

fn markdown_files(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            folders.push(path);
        } else if is_markdown(&path) {
            files.push(path);
        }
    }
    // A folder inside (`articles/2024/`) would be skipped unseen, its files missing from the
    // site without a word.
    folders.sort();
    for folder in folders {
        diagnostics.push(whole_file(
            &folder,
            "a folder inside this one: its files are not read".into(),
            Some("move its .md files up into this folder (a file's name is its id and its address, so keep the names apart: `2024-signing.md`)"),
        ));
    }
    files.sort();
    if files.is_empty() {
        diagnostics.push(whole_file(
            dir,
            "this folder has no .md files".into(),
            Some("remove the folder, or add files with `parkreader new`"),
        ));
    }
    files
}

/// The help for a content file that could not be read because it is not UTF-8.
fn not_utf8(e: &std::io::Error) -> Option<&'static str> {
    (e.kind() == std::io::ErrorKind::InvalidData).then_some(
        "the file is not UTF-8 (perhaps GBK): save it as UTF-8 (in most editors: Save As → Encoding → UTF-8)",
    )
}

/// An article or project: its front matter read into the bundle type, its Markdown into blocks.
/// A draft (`draft = true`) is left out, unread and unchecked: it may be half written. (A link
/// to it from a published file is a link to a page the site does not have, and says so.)
fn read_item<T: ContentItem>(
    path: &Path,
    kind: Kind,
    assets: &mut Vec<Asset>,
    diagnostics: &mut Vec<Diagnostic>,
    unread: &mut Vec<String>,
    drafts: &mut usize,
) -> Option<(T, Source)> {
    let stem = || path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            diagnostics.push(whole_file(
                path,
                format!("cannot read the file: {e}"),
                not_utf8(&e),
            ));
            unread.extend(stem());
            return None;
        }
    };
    if split_front_matter(&text).is_some_and(|(front, ..)| draft_value(front) == Some(Ok(true))) {
        *drafts += 1;
        return None;
    }
    let id = declared_id(&text);
    let item = parse_item(path, text, kind, assets, diagnostics);
    if item.is_none() {
        unread.extend(id.or_else(stem));
    }
    item
}

/// One content file's text as an article: its front matter and Markdown body, every problem
/// as a diagnostic at its line. Images are looked up relative to `path`. (What the fuzz target
/// `content_file` runs; references to other items are checked only for a whole folder.)
pub fn parse_article(path: &Path, text: &str) -> Result<Article, Vec<Diagnostic>> {
    parse_one(path, text, Kind::Article)
}

/// One content file's text as a project (see [`parse_article`]).
pub fn parse_project(path: &Path, text: &str) -> Result<Project, Vec<Diagnostic>> {
    parse_one(path, text, Kind::Project)
}

fn parse_one<T: ContentItem>(path: &Path, text: &str, kind: Kind) -> Result<T, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let parsed = parse_item::<T>(
        path,
        text.to_string(),
        kind,
        &mut Vec::new(),
        &mut diagnostics,
    );
    match parsed {
        Some((item, _)) if diagnostics.is_empty() => Ok(item),
        _ => Err(diagnostics),
    }
}

fn parse_item<T: ContentItem>(
    path: &Path,
    text: String,
    kind: Kind,
    assets: &mut Vec<Asset>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(T, Source)> {
    let Some((front, body, body_line)) = split_front_matter(&text) else {
        let first = text
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .map(str::trim_end);
        let begin =
            "begin the file with `+++`, the fields as TOML, then `+++` on a line of its own";
        let (message, help) = match first {
            _ if text.trim_start_matches('\u{feff}').trim().is_empty() => (
                "the file is empty",
                format!("{begin}, and the text below; `parkreader new` writes a file to start from"),
            ),
            Some("+++") => ("the front matter has no closing `+++` line", begin.to_string()),
            // As Hugo and Jekyll also read it.
            Some("---") => (
                "the front matter is YAML, between `---` lines; parkreader reads TOML, between `+++` lines",
                "write `+++` for both `---` lines, and each field as TOML: `title: 标题` as `title = \"标题\"`, `tags: [a, b]` as `tags = [\"a\", \"b\"]`, a date bare: `published = 2024-03-05`".to_string(),
            ),
            _ => (
                "the file does not start with front matter between `+++` lines",
                begin.to_string(),
            ),
        };
        diagnostics.push(Diagnostic {
            file: path.to_path_buf(),
            line: 1,
            column: 1,
            message: message.into(),
            help: Some(help),
        });
        return None;
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The id (and an article's slug) default to the file name: added above the author's lines,
    // so that their line numbers stay as written.
    let mut injected = String::new();
    if !has_key(front, "id") {
        injected.push_str(&format!("id = {}\n", toml_string(&stem)));
    }
    if kind == Kind::Article && !has_key(front, "slug") {
        injected.push_str(&format!("slug = {}\n", toml_string(&stem)));
    }
    let shift = injected.lines().count();
    let (front, aliases) = take_aliases(front, path, diagnostics);
    let source = Source {
        path: path.to_path_buf(),
        text: text.clone(),
        front_line: 2,
        aliases,
        block_lines: Vec::new(),
        stand_ins: Vec::new(),
    };
    // `draft = false` is read here, not by the bundle's types; anything else there is a problem.
    if let Some(Err(line)) = draft_value(&front) {
        diagnostics.push(Diagnostic {
            file: path.to_path_buf(),
            // The front matter begins on the file's second line.
            line: line + 2,
            column: 1,
            message: "`draft` is `true` or `false`".into(),
            help: Some("`draft = true` leaves the file out of the site until it is ready".into()),
        });
    }
    let mut front = without_draft(&front);
    // The Markdown below the front matter is the article's body (the project's description):
    // a key for it above would be read as the bundle's blocks, and refused in their terms.
    let (text_keys, what): (&[&str], &str) = match kind {
        Kind::Article => (&["body", "body_url"], "an article's text"),
        Kind::Project => (&["description"], "a project's description"),
    };
    for key in text_keys {
        // (`description = []`, which `import` writes for a project without one, stays.)
        let set = root_line(&front, key).filter(|(_, value)| !value.trim().starts_with('['));
        if let Some((line, _)) = set {
            diagnostics.push(Diagnostic {
                file: path.to_path_buf(),
                line: line + 2,
                column: 1,
                message: format!("`{key}` is not set in the front matter: {what} is the Markdown below its closing `+++`"),
                help: Some("delete this line and write the text after the front matter".into()),
            });
            front = with_lines_blank(&front, line..=line);
        }
    }
    let front_text = format!("{injected}{}", quote_datetimes(&front));
    let item = front_matter::<T>(path, &front_text, shift, diagnostics);
    // The body is read even when the front matter is wrong, so one run reports both.
    let (blocks, block_lines) = markdown_blocks(body, path, body_line, assets, diagnostics);
    let (mut item, stand_ins) = item?;
    // Without its own id, an item would be checked under a stand-in's: it is left unread, and
    // what refers to it is not told.
    if stand_ins.iter().any(|f| f == "id" || f == "slug") {
        return None;
    }
    let source = Source {
        stand_ins,
        block_lines,
        ..source
    };
    item.set_body(blocks);
    // Without the characters that show nothing, as the body's text (see `markdown_blocks`),
    // nor spaces around it, full-width ones (`　标题`) too: a title indented so lined up with
    // nothing on a card, and an author of only `　` passed as given.
    item.shown_text().into_iter().for_each(tidy);
    Some((item, source))
}

/// The front matter read into `T`, every wrong or missing field reported, not only the first:
/// after a field fails, it is set aside and the rest are read again; a field missing (or
/// missing because it was set aside, which is not reported again) is given a stand-in value.
/// Returns the item so read, stand-ins and all, with the fields set aside or stood in for;
/// None when the text could not be read as TOML at all.
fn front_matter<T: for<'de> Deserialize<'de>>(
    path: &Path,
    text: &str,
    shift: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(T, Vec<String>)> {
    let mut table = match toml::de::DeTable::parse(text) {
        Ok(table) => table,
        Err(e) => {
            diagnostics.push(toml_diagnostic(path, text, 2, shift, &e));
            return None;
        }
    };
    let whole = table.span();
    let mut set_aside: Vec<String> = Vec::new();
    let mut found = Vec::new();
    let item = loop {
        let error = match T::deserialize(toml::de::Deserializer::from(table.clone())) {
            Ok(item) => break Some(item),
            Err(error) => error,
        };
        // A field missing from the front matter as a whole is reported at its start, and is
        // the last thing serde checks; one missing because it was set aside is no news.
        let at = error
            .span()
            .filter(|span| *span != whole)
            .map(|span| span.start);
        let missing = missing_field(error.message());
        // A field of a table (`investment = { … }`, `[dates]`) missing because it was set
        // aside: the table is set aside whole, its problems told.
        if let (Some(at), Some(field)) = (at, missing) {
            if let Some(key) = key_before(table.get_ref(), at) {
                if set_aside.contains(&format!("{key}.{field}")) {
                    table.get_mut().remove(key.as_str());
                    set_aside.push(key);
                    continue;
                }
            }
        }
        let Some(at) = at else {
            let Some(field) = missing else {
                found.push(toml_diagnostic(path, text, 2, shift, &error));
                break None;
            };
            // Really missing: told, then stood in for like one set aside, so that every field
            // missing is told in one run.
            if !set_aside.iter().any(|f| f == field) {
                found.push(toml_diagnostic(path, text, 2, shift, &error));
                set_aside.push(field.to_string());
            }
            // Fill the set-aside field with a stand-in of some type it takes, so that serde
            // goes on to the next field that is really missing.
            let filled = STAND_INS.iter().find_map(|line| {
                let (_, value) = toml::de::DeTable::parse(line)
                    .ok()?
                    .into_inner()
                    .into_iter()
                    .next()?;
                let key = toml::Spanned::new(0..0, std::borrow::Cow::Owned(field.to_string()));
                let mut trial = table.clone();
                trial.get_mut().insert(key, value);
                // Every field present was read before serde looked for missing ones, so any
                // other error would be the stand-in's: only success, or another missing field,
                // means the stand-in was taken.
                let moved_on = match T::deserialize(toml::de::Deserializer::from(trial.clone())) {
                    Ok(_) => true,
                    Err(e) => {
                        e.span().is_none_or(|span| span == whole)
                            && e.message().starts_with("missing field `")
                            && !e.message().contains(&format!("`{field}`"))
                    }
                };
                moved_on.then_some(trial)
            });
            match filled {
                Some(trial) => {
                    table = trial;
                    continue;
                }
                None => break None,
            }
        };
        found.push(toml_diagnostic(path, text, 2, shift, &error));
        // The field the error lies in, or the field of a table it lies in (both wrong in
        // `investment = { amount = "32.7亿元", currency = "RMB" }` are told in one run).
        let Some(key) = key_before(table.get_ref(), at) else {
            break None;
        };
        let inner = match table.get_mut().get_mut(key.as_str()).map(|v| v.get_mut()) {
            Some(toml::de::DeValue::Table(fields)) => key_before(fields, at).map(|field| {
                fields.remove(field.as_str());
                format!("{key}.{field}")
            }),
            _ => None,
        };
        set_aside.push(inner.unwrap_or_else(|| {
            table.get_mut().remove(key.as_str());
            key
        }));
    };
    // A field misspelt (`sumary`) is told once, as the unknown field that means it, not also
    // as the field missing.
    let meant: Vec<String> = found
        .iter()
        .filter_map(|d| meant_field(&d.message))
        .collect();
    found.retain(|d| {
        !missing_field(&d.message).is_some_and(|field| meant.iter().any(|m| m == field))
    });
    found.sort_by_key(|d| (d.line, d.column));
    diagnostics.extend(found);
    item.map(|item| (item, set_aside))
}

/// The field serde's `missing field `summary`` names.
fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
}

/// For serde's `unknown field `sumary`, expected one of `id`, …`: the expected field it is
/// a slip of the keyboard away from (`summary`), if one is.
fn meant_field(message: &str) -> Option<String> {
    let (unknown, rest) = message.strip_prefix("unknown field `")?.split_once('`')?;
    let expected = rest.split_once("expected")?.1;
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|field| (edit_distance(unknown, field), field))
        .filter(|&(d, field)| {
            d > 0 && d <= 2 && d < field.chars().count().min(unknown.chars().count()) / 2 + 1
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, field)| field.to_string())
}

/// Levenshtein's distance between `a` and `b`, counting an exchange of two neighbours
/// (`sumamry`) as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The field of `table` that the text at `at` lies in: the last to begin before it, where a
/// field begins with its key or its value, whichever comes first. A `[dates]` table's value
/// begins at its header's `[`, one before its key, and a problem serde finds with the table
/// as a whole (a field missing) is placed there; its body lies after the header.
fn key_before(table: &toml::de::DeTable, at: usize) -> Option<String> {
    let begins = |(key, value): &(
        &toml::Spanned<std::borrow::Cow<str>>,
        &toml::Spanned<toml::de::DeValue>,
    )| { key.span().start.min(value.span().start) };
    table
        .iter()
        .filter(|field| begins(field) <= at)
        .max_by_key(begins)
        .map(|(key, _)| key.get_ref().to_string())
}

/// The fields of an article's or a project's front matter itself (not of a table in it).
const TOP_LEVEL_FIELDS: [&str; 31] = [
    "id",
    "slug",
    "title",
    "summary",
    "author",
    "category",
    "tags",
    "published",
    "views",
    "cover",
    "source",
    "copyright",
    "related_projects",
    "aliases",
    "draft",
    "name",
    "investor",
    "industry",
    "district",
    "park",
    "status",
    "partners",
    "investment",
    "land_mu",
    "capacity",
    "dates",
    "featured",
    "related_articles",
    "description",
    "body",
    "format",
];

/// Values of each kind a front-matter field can take, to stand in for a field set aside.
const STAND_INS: [&str; 7] = [
    "x = \"2000-01-01\"",
    "x = 0",
    "x = 0.5",
    "x = false",
    "x = []",
    "x = {}",
    "x = \"\"",
];

/// Articles and projects take their Markdown in different fields.
trait ContentItem: for<'de> Deserialize<'de> {
    fn set_body(&mut self, blocks: Vec<Block>);
    /// The text fields the front matter gives that pages show as they are.
    fn shown_text(&mut self) -> Vec<&mut String>;
}

impl ContentItem for Article {
    fn set_body(&mut self, blocks: Vec<Block>) {
        if !blocks.is_empty() {
            self.body = Some(blocks);
        }
    }
    fn shown_text(&mut self) -> Vec<&mut String> {
        let mut text = vec![&mut self.title, &mut self.summary, &mut self.author];
        text.extend(self.cover.as_mut().map(|c| &mut c.alt));
        text.extend(self.source.as_mut().map(|s| &mut s.name));
        text.extend(self.copyright.as_mut());
        text
    }
}

impl ContentItem for Project {
    fn set_body(&mut self, blocks: Vec<Block>) {
        self.description = blocks;
    }
    fn shown_text(&mut self) -> Vec<&mut String> {
        let mut text = vec![&mut self.name, &mut self.summary, &mut self.investor];
        text.extend(self.partners.iter_mut());
        for line in &mut self.capacity {
            text.extend([&mut line.product, &mut line.unit]);
        }
        text.extend(self.cover.as_mut().map(|c| &mut c.alt));
        text
    }
}

/// `text` without the characters that show nothing ([`parkreader_core::text::is_invisible`]:
/// zero-width spaces, marks and overrides of writing direction, which turned the rest of a
/// tab's title backwards after a `\u202E` in a category's name) nor control characters other
/// than a line break (`\u0007`, an escape), and without spaces around it.
fn tidy(text: &mut String) {
    text.retain(|c| !(parkreader_core::text::is_invisible(c) || (c.is_control() && c != '\n')));
    let trimmed = text.trim();
    if trimmed.len() != text.len() {
        *text = trimmed.to_string();
    }
}

/// The site file's text that pages show, [`tidy`]: the site's name, description and notice,
/// its contact's WeChat id and checklist, and every taxonomy entry's names.
fn tidy_site(site: &mut SiteFile) {
    let s = &mut site.site;
    [&mut s.name, &mut s.description, &mut s.copyright]
        .into_iter()
        .chain(s.contact.wechat_id.as_mut())
        .chain(s.contact.inquiry_checklist.iter_mut())
        .for_each(tidy);
    let t = &mut site.taxonomies;
    for term in [
        &mut t.categories,
        &mut t.tags,
        &mut t.industries,
        &mut t.districts,
    ]
    .into_iter()
    .flatten()
    {
        tidy(&mut term.name);
        term.name_en.as_mut().map(tidy);
    }
    for park in &mut t.parks {
        tidy(&mut park.name);
        park.name_en.as_mut().map(tidy);
    }
    for status in &mut t.statuses {
        tidy(&mut status.name);
        status.name_en.as_mut().map(tidy);
    }
}

/// `(front matter, body, line of the body's first line)`.
fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.split_inclusive('\n').next()?;
    if first.trim_end() != "+++" || !first.ends_with('\n') {
        return None;
    }
    let rest = &text[first.len()..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + front.lines().count() + 1;
            return Some((front, body, body_line));
        }
        offset += line.len();
    }
    None
}

/// The `id = "…"` line of a file's front matter, if it has a plain one.
fn declared_id(text: &str) -> Option<String> {
    let (front, _, _) = split_front_matter(text)?;
    let value = root_value(front, "id")?.trim().strip_prefix('"')?;
    Some(value.split('"').next()?.to_string())
}

/// What follows `key =` on a line of the front matter above its first table, as written.
fn root_value<'a>(front: &'a str, key: &str) -> Option<&'a str> {
    root_line(front, key).map(|(_, value)| value)
}

/// [`root_value`] with the line it is on (0-based within the front matter).
fn root_line<'a>(front: &'a str, key: &str) -> Option<(usize, &'a str)> {
    front
        .lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .enumerate()
        .find_map(|(i, l)| Some((i, value_of(l, key)?)))
}

/// What `line` sets `key` to (`key = value`, spaces around `=` or not), if it sets `key`.
fn value_of<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.trim_start()
        .strip_prefix(key)?
        .trim_start()
        .strip_prefix('=')
}

/// The front matter's `draft` flag, if it has one: `Ok` with its value, or `Err` with its line
/// (0-based within the front matter) when it is not `true` or `false`.
fn draft_value(front: &str) -> Option<Result<bool, usize>> {
    let (line, value) = root_line(front, "draft")?;
    Some(match value.split('#').next().unwrap_or("").trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(line),
    })
}

/// The front matter with its `draft` line left blank (the bundle has no such field), so that
/// the lines after keep their numbers.
fn without_draft(front: &str) -> String {
    match root_line(front, "draft") {
        Some((draft, _)) => with_lines_blank(front, draft..=draft),
        None => front.to_string(),
    }
}

/// `front` with the lines `blank` (0-based) left empty: a key the bundle has no field for goes,
/// and the lines after keep their numbers.
fn with_lines_blank(front: &str, blank: std::ops::RangeInclusive<usize>) -> String {
    front
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| if blank.contains(&i) { "\n" } else { line })
        .collect()
}

/// The old addresses of every item (`aliases`), each leading to the item's page; one that
/// another file already gives (or names the same file: `/news/1` and `/news/1/`) is reported.
fn redirects(
    bundle: &Bundle,
    sources: &[Source],
    project_sources: &[Source],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<crate::aliases::Redirect> {
    let articles = bundle
        .articles
        .iter()
        .map(|a| (format!("/articles/{}", a.id), &a.title))
        .zip(sources);
    let projects = bundle
        .projects
        .iter()
        .map(|p| (format!("/projects/{}", p.id), &p.name))
        .zip(project_sources);
    let mut given: HashMap<PathBuf, &Path> = HashMap::new();
    let mut redirects = Vec::new();
    for ((to, title), source) in articles.chain(projects) {
        for (alias, line) in &source.aliases {
            // Decoded and in lower case, as a host on Windows (or a copy through one) finds
            // its file: `/News/1.html` and `/news/1.html` are one.
            let key = crate::percent_decode(alias)
                .unwrap_or_else(|| alias.clone())
                .to_lowercase();
            let file = crate::aliases::file(Path::new("/"), &key);
            // A renamed item's old page is free only while no item has that id again.
            let step = |list: &str| key.strip_prefix(list).map(|id| id.trim_end_matches('/'));
            let taken = step("/articles/").is_some_and(|id| bundle.article(id).is_some())
                || step("/projects/").is_some_and(|id| bundle.project(id).is_some());
            if taken {
                diagnostics.push(Diagnostic {
                    file: source.path.clone(),
                    line: *line,
                    column: 1,
                    message: format!("aliases: {alias:?} is the page of an item the site has"),
                    help: Some("an old address of a renamed item is its old id's page, which no item may have now".into()),
                });
                continue;
            }
            if let Some(other) = given.get(&file) {
                diagnostics.push(Diagnostic {
                    file: source.path.clone(),
                    line: *line,
                    column: 1,
                    message: format!(
                        "aliases: {alias:?} is already an old address of {}",
                        other.file_name().unwrap_or_default().to_string_lossy()
                    ),
                    help: Some("an old address leads to one page: keep it in one file".into()),
                });
                continue;
            }
            given.insert(file, &source.path);
            redirects.push(crate::aliases::Redirect {
                from: alias.clone(),
                to: to.clone(),
                title: title.clone(),
            });
        }
    }
    redirects
}

/// The front matter's old addresses (`aliases = ["/art/1.html"]`, see [`crate::aliases`]), each
/// with its line in the file, and the front matter with the lines of that key left blank (the
/// bundle has no such field), so that the lines after keep their numbers. A wrong one is
/// reported; a front matter that is not TOML is left to the reading that follows.
fn take_aliases(
    front: &str,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> (String, Vec<(String, usize)>) {
    use toml::de::DeValue;

    let unchanged = || (front.to_string(), Vec::new());
    if !front.contains("aliases") {
        return unchanged();
    }
    // Read as the front matter is read next, its dates quoted: a date TOML refuses
    // (`published = 2024-13-05`) left the key in, and the reading after reported it as an
    // unknown field beside the date. Quoting moves columns, never lines.
    let quoted = quote_datetimes(front);
    let Ok(table) = toml::de::DeTable::parse(&quoted) else {
        return unchanged();
    };
    let Some((key, value)) = table
        .get_ref()
        .iter()
        .find(|(key, _)| key.get_ref() == "aliases")
    else {
        return unchanged();
    };
    // The front matter begins on the file's second line.
    let line = |at: usize| quoted[..at].matches('\n').count() + 2;
    let mut problem = |at: usize, message: String| {
        diagnostics.push(Diagnostic {
            file: path.to_path_buf(),
            line: line(at),
            column: 1,
            message: format!("aliases: {message}"),
            help: Some("`aliases = [\"/art/2024/3/15/art_1_2.html\"]` lists the addresses this page had on the old site, which then lead here".into()),
        })
    };
    let mut aliases = Vec::new();
    match value.get_ref() {
        DeValue::Array(items) => {
            for item in items.iter() {
                match item.get_ref() {
                    DeValue::String(alias) => match crate::aliases::problem(alias) {
                        Some(message) => problem(item.span().start, message),
                        None => aliases.push((alias.to_string(), line(item.span().start))),
                    },
                    _ => problem(
                        item.span().start,
                        "each old address is a string in quotes".into(),
                    ),
                }
            }
        }
        _ => problem(
            value.span().start,
            "a list of old addresses, in brackets".into(),
        ),
    }
    let (first, last) = (
        line(key.span().start) - 2,
        line(value.span().end.saturating_sub(1)) - 2,
    );
    (with_lines_blank(front, first..=last), aliases)
}

fn has_key(front: &str, key: &str) -> bool {
    root_value(front, key).is_some()
}

fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// TOML dates (`published = 2024-05-20`) become strings (`"2024-05-20"`), as the bundle writes
/// them; columns after such a value move by one, lines never.
fn quote_datetimes(front: &str) -> String {
    front
        .split_inclusive('\n')
        .map(|line| {
            let Some((key, value)) = line.split_once('=') else {
                return line.to_string();
            };
            let v = value.trim();
            let looks_like_date = v.len() >= 10
                && v.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && v.as_bytes()[4] == b'-'
                && v.as_bytes()[7] == b'-';
            if looks_like_date && !key.trim_start().starts_with('#') {
                let (date, after) = v.split_once([' ', '#']).map_or((v, ""), |(d, a)| (d, a));
                let newline = if line.ends_with('\n') { "\n" } else { "" };
                let comment = if after.is_empty() {
                    String::new()
                } else {
                    format!(" {after}")
                };
                format!("{key}= \"{date}\"{comment}{newline}")
            } else {
                line.to_string()
            }
        })
        .collect()
}

fn toml_diagnostic(
    path: &Path,
    text: &str,
    first_line: usize,
    shift: usize,
    error: &toml::de::Error,
) -> Diagnostic {
    let (line, column) = error
        .span()
        .map(|span| line_col(text, span.start))
        .unwrap_or((1, 1));
    let line = (line + first_line - 1)
        .saturating_sub(shift)
        .max(first_line);
    let mut message = error.message().trim().to_string();
    if message == "duplicate key" {
        if let Some(key) = error.span().and_then(|span| text.get(span)) {
            message = format!("duplicate key `{}`", key.trim());
        }
    }
    let site_file = path.file_name().is_some_and(|n| n == "site.toml");
    // The fields an unknown one could have meant, as the front matter has them: the bundle's
    // `body`, `body_url` and `description` are the Markdown below it, and `aliases` and
    // `draft` are read before the bundle's types see the rest.
    if let Some((unknown, fields)) = message.split_once(", expected one of ") {
        let mut fields: Vec<&str> = fields
            .split(", ")
            .filter(|f| !["`body`", "`body_url`", "`description`"].contains(f))
            .collect();
        // Only where the fields are a file's own (a table inside it, `[dates]`, or a
        // currency's names have none of these): `currency = "RMB"` was told to use one of
        // `CNY`, …, `aliases`, `draft`.
        if !site_file && fields.contains(&"`summary`") {
            fields.extend(["`aliases`", "`draft`"]);
        }
        message = format!("{unknown}, expected one of {}", fields.join(", "));
    }
    // serde's words for numbers, in a publisher's.
    for (serde, plain) in [
        ("floating point", "decimal number"),
        ("expected u64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected f64", "expected a number"),
    ] {
        message = message.replace(serde, plain);
    }
    // The key on the line the problem is on (`investment = "32.7亿元"`), for help in its terms.
    let key = error
        .span()
        .and_then(|span| text[..span.start.min(text.len())].rsplit('\n').next())
        .and_then(|line| line.split_once('=').map(|(key, _)| key))
        .map(|key| {
            key.trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
        })
        .unwrap_or("");
    // The value on the line the problem is on, as written, for the mistakes of text pasted
    // from Word or WeChat.
    let date_key = matches!(
        key,
        "published" | "signed" | "started" | "completion_planned" | "completion_actual"
    );
    let line_text = error
        .span()
        .and_then(|span| {
            let start = text[..span.start.min(text.len())]
                .rfind('\n')
                .map_or(0, |n| n + 1);
            text[start..].lines().next()
        })
        .unwrap_or("");
    let value = line_text
        .split_once('=')
        .map(|(_, value)| value.trim())
        .unwrap_or("");
    // The word the problem is at and the key it is set to, inside an inline table too
    // (`capacity = [{ product = "原丝", quantity = 500万 }]`).
    let at = error
        .span()
        .map(|span| {
            let mut start = span.start.min(text.len());
            // (At `万` of `2.4万`, toml having read the number: from its first digit.)
            while start > 0 && matches!(text.as_bytes()[start - 1], b'0'..=b'9' | b'.') {
                start -= 1;
            }
            let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
            let before = text[line_start..start].trim_end();
            let key = before
                .strip_suffix('=')
                .and_then(|b| {
                    b.rsplit(|c: char| c.is_whitespace() || c == '{' || c == ',')
                        .find(|w| !w.is_empty())
                })
                .unwrap_or("");
            let word = text[start..]
                .split(|c: char| matches!(c, ',' | '}' | ']') || c.is_whitespace())
                .next()
                .unwrap_or("");
            (key, word)
        })
        .unwrap_or(("", ""));
    // A key set with an input method's `＝`, or with a colon as in YAML (`author："园区"`).
    let set_otherwise = (!line_text.contains('='))
        .then(|| line_text.split_once(['＝', '：', ':']))
        .flatten()
        .map(|(key, value)| (key.trim(), value.trim()))
        .filter(|(key, _)| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        });
    // A date as Chinese text writes one (`2024年3月5日`, `2024/3/5`, `2024.3.5`).
    let date_meant = date_key.then(|| written_date(value)).flatten();
    // (Its date quoted by `quote_datetimes`: `"2024-05-08" 09:00:00`.)
    let bare = value.replacen('"', "", 2);
    let spaced_time = bare.len() > 11
        && bare.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && bare.as_bytes()[10] == b' ';
    // serde names a table by its Rust type (`expected struct Investment`).
    if let Some(at) = message.find("expected struct ") {
        message.replace_range(at.., "expected a table (`{ … }`)");
    }
    // The `[table]` header the problem lies under, if any: a key written after `[dates]`
    // belongs to `dates` in TOML, however it was meant.
    let header = error.span().and_then(|span| {
        text[..span.start.min(text.len())]
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| l.starts_with('[') && l.ends_with(']') && !l.contains('='))
    });
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
        .filter(|field| header.is_some() && TOP_LEVEL_FIELDS.contains(field));
    let help = if let Some(field) = unknown {
        Some(format!(
            "every key after a `{}` line belongs to that table: move `{field} = …` above it, with the fields before the first `[…]` line",
            header.unwrap_or_default()
        ))
    } else if let Some(field) = meant_field(&message) {
        Some(format!(
            "did you mean `{field}`? (docs/content.md lists every field)"
        ))
    } else if message.contains("unknown field") {
        Some("check the spelling; docs/content.md lists every field".to_string())
    } else if date_key && spaced_time {
        Some(format!(
            "write a time after a `T`, with its offset: `{key} = {}T{}+08:00`",
            &bare[..10],
            bare[11..].trim()
        ))
    } else if let Some((key, value)) = set_otherwise {
        // Its text in straight quotes, which the next run would otherwise refuse.
        let value = match value.strip_prefix(['“', '「', '＂', '"']) {
            Some(inner) => format!("\"{}\"", inner.trim_end_matches(['”', '」', '＂', '"'])),
            None => value.to_string(),
        };
        Some(format!(
            "a key is set with a half-width `=`: `{key} = {value}`"
        ))
    } else if date_key && is_time_alone(value) {
        Some(format!(
            "`{key}` is a date, not a time of day: `{key} = 2024-03-05`, or with its time, `{key} = 2024-03-05T{}+08:00`",
            value.trim_matches('"')
        ))
    } else if let Some(number) = with_separators(value) {
        Some(format!(
            "write a number without separators between its thousands: `{} = {number}`",
            if key.is_empty() { "views" } else { key }
        ))
    } else if let Some((key, number)) = with_unit(at.1)
        .map(|n| (at.0, n))
        .or_else(|| with_unit(value).map(|n| (key, n)))
    {
        // `land_mu = 95亩`, `quantity = 500万`: TOML takes the word for text without quotes.
        Some(format!(
            "write the number alone, without a unit: `{} = {number}`{}",
            if key.is_empty() { "land_mu" } else { key },
            if key == "quantity" {
                " (the unit goes in `unit`)"
            } else {
                ""
            }
        ))
    } else if let Some((year, month, days)) = date_key.then(|| missing_day(value)).flatten() {
        Some(format!(
            "{year}年{month}月 has {days} days: check the day of `{key}`"
        ))
    } else if let Some(month) = date_key.then(|| no_such_month(value)).flatten() {
        Some(format!(
            "there is no month {month}: a date is year-month-day, the month second (`{key} = 2025-03-05`)"
        ))
    } else if let Some(month) = date_key.then(|| month_alone(value)).flatten() {
        Some(format!(
            "a date needs its day as well: `{key} = {month}-01` (a month alone is not a date)"
        ))
    } else if let Some(wide) = full_width_syntax(value) {
        Some(format!(
            "`{wide}` is a full-width character, which TOML reads as text: write `[`, `]`, `,` and digits half-width (the input method's 英文 or 半角 mode)"
        ))
    } else if let Some(date) = date_meant {
        Some(format!(
            "write a date as year-month-day, with `-` and two digits for the month and the day: `{key} = {date}`"
        ))
    } else if value.starts_with(['“', '”', '‘', '’', '「', '＂']) {
        Some(format!(
            "put text in straight double quotes, `{} = \"…\"`: “…” and 「…」 are characters of the text, not quotes",
            if key.is_empty() { "title" } else { key }
        ))
    } else if value.starts_with('"') && value[1..].trim_end().trim_end_matches('"').contains('"') {
        Some("a `\"` inside the text ends it: write the quotation marks in the text as “…” or 「…」, or as `\\\"`".to_string())
    } else if message.contains("unknown variant") && message.contains("`CNY`") {
        Some("人民币 is `CNY`; the currencies are CNY, USD, EUR and HKD".to_string())
    } else if key == "investment" || key == "amount" {
        Some("an amount is a whole number in yuan (or the currency's unit) with its currency: 32.7亿元 is `investment = { amount = 3270000000, currency = \"CNY\" }`".to_string())
    } else if message.contains("expected a whole number") {
        Some(format!(
            "write `{}` as a whole number, without a sign, a decimal point or an exponent",
            if key.is_empty() { "it" } else { key }
        ))
    } else if message.contains("expected a number") && value.starts_with('"') {
        // `land_mu = "120亩"`: the digits without the quotes and the unit, which the field has.
        let digits: String = value
            .trim_matches('"')
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        Some(format!(
            "write the number alone, without quotes or a unit: `{} = {}`",
            if key.is_empty() { "land_mu" } else { key },
            if digits.is_empty() { "120" } else { &digits }
        ))
    } else if message.contains("unknown variant") && message.contains("`planned`") {
        Some("a status's stage is `planned` (洽谈、计划), `signed` (签约), `construction` (在建) or `operating` (投产); it colours the badge".to_string())
    } else if message.contains("expected a sequence") {
        Some(format!(
            "write a list in brackets, even of one: `{} = [\"…\"]`",
            if key.is_empty() { "tags" } else { key }
        ))
    } else if message.contains("missing field") && site_file {
        Some("add the field to site.toml; docs/content.md shows a whole one".to_string())
    } else if message.contains("missing field") {
        Some("add the field to the front matter; docs/content.md says what it holds".to_string())
    } else {
        None
    };
    Diagnostic {
        file: path.to_path_buf(),
        line,
        column,
        message,
        help,
    }
}

/// Whether `value` is a time of day alone (`09:30`, `09:30:00`), where a date was asked for.
fn is_time_alone(value: &str) -> bool {
    let value = value.trim_matches('"');
    let parts: Vec<&str> = value.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `1,532` or `12,000,000` as the number it writes (`1532`): a number with `,` between its
/// thousands, which TOML does not read.
fn with_separators(value: &str) -> Option<String> {
    let mut groups = value.split(',');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    (!rest.is_empty()
        && (1..=3).contains(&first.len())
        && digits(first)
        && rest.iter().all(|g| g.len() == 3 && digits(g)))
    .then(|| value.replace(',', ""))
}

/// `95亩`, `500万`, `3.2亿吨` as the number alone (`95`, `5000000`, `320000000`): digits and then
/// a word, which TOML takes for text without its quotes. 万 and 亿 right after the digits
/// multiply them.
fn with_unit(value: &str) -> Option<String> {
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|&end| end > 0)?;
    let (number, unit) = value.split_at(end);
    let first = unit.chars().next()?;
    if first.is_ascii() || number.starts_with('.') || number.matches('.').count() > 1 {
        return None;
    }
    let scale: u32 = match first {
        '万' => 4,
        '亿' => 8,
        _ => 0,
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if fraction.len() > scale as usize {
        // `1.25万` is 12500; `1.23456万` is no whole number: the digits as written.
        return Some(number.to_string());
    }
    let digits = format!("{whole}{fraction:0<width$}", width = scale as usize);
    let digits = digits.trim_start_matches('0');
    Some(if digits.is_empty() {
        "0".into()
    } else {
        digits.into()
    })
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn whole_file(path: &Path, message: String, help: Option<&str>) -> Diagnostic {
    Diagnostic {
        file: path.to_path_buf(),
        line: 0,
        column: 0,
        message,
        help: help.map(str::to_string),
    }
}

/// Markdown to blocks: paragraphs, headings (`##` to `####`), quotes, lists, and an image on a
/// line of its own as a figure (its title is the caption). Inline formatting becomes plain
/// text; raw HTML is refused, since the reader renders text only. Returns the blocks and the
/// line (of the file) each starts on.
fn markdown_blocks(
    body: &str,
    path: &Path,
    body_line: usize,
    assets: &mut Vec<Asset>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Block>, Vec<usize>) {
    let mut blocks = Vec::new();
    // Each block is made from one element of the body's top level: where each block's starts
    // (an offset in `body`), where the one being read starts, and how deep in it the parser is.
    let mut block_starts = Vec::new();
    let mut top_start = 0;
    let mut depth = 0usize;
    let mut text = String::new();
    let mut items: Vec<String> = Vec::new();
    // Each item's links, as `items` has the items.
    let mut item_links: Vec<Vec<TextLink>> = Vec::new();
    let mut item_strong: Vec<Vec<Span>> = Vec::new();
    // A table's heading cells, and the cells (with their links) of the row being read.
    let mut table_head: Vec<String> = Vec::new();
    let mut row: Vec<Marked> = Vec::new();
    let mut in_table = false;
    let mut list_ordered = false;
    let mut list_start = None;
    let mut in_item = false;
    // The lists inside the list item being read, innermost last: numbered, and the next number.
    let mut nested: Vec<(bool, u64)> = Vec::new();
    // An inner item's marker was the last thing written.
    let mut marker_open = false;
    // A line indented as a notice's paragraphs are (`　　为进一步…`) began after the last soft
    // break: its indent is left out of the text.
    let mut drop_indent = false;
    let mut quote_depth = 0usize;
    let mut quote = String::new();
    // Where the outermost quote starts.
    let mut quote_at = 0;
    // The paragraph's image: src, title, alt, offset; and whether it has text besides.
    let mut image: Option<(String, String, String, usize)> = None;
    let mut in_image = false;
    let mut image_alone = true;
    // The links of a top-level paragraph, a list item or a table cell, and the one being read:
    // where it starts in the text (in characters) and where it leads.
    let mut in_paragraph = false;
    let mut links: Vec<TextLink> = Vec::new();
    // Its parts in bold, and where the one being read starts.
    let mut strong: Vec<Span> = Vec::new();
    let mut strong_at: Option<usize> = None;
    // An attachment's link also has its file's kind and size, for its label.
    let mut link: Option<(usize, String, usize, Option<Attached>)> = None;
    let at = |offset: usize| {
        let (l, c) = line_col(body, offset);
        (l + body_line - 1, c)
    };
    let mut error = |offset: usize, message: &str, help: &str| {
        let (line, column) = at(offset);
        diagnostics.push(Diagnostic {
            file: path.to_path_buf(),
            line,
            column,
            message: message.to_string(),
            help: Some(help.to_string()),
        });
    };
    let mut figures: Vec<(usize, Image, Option<String>, usize)> = Vec::new();
    for (event, range) in Parser::new_ext(
        body,
        Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS,
    )
    .into_offset_iter()
    {
        // The blocks the last event made are of the element it belonged to.
        block_starts.resize(blocks.len(), top_start);
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    top_start = range.start;
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => top_start = range.start,
            _ => {}
        }
        match event {
            // A list item's second paragraph continues its text, on a line of its own.
            Event::Start(Tag::Paragraph) if in_item && !text.trim().is_empty() => {
                // (Not right after an inner item's marker, whose text this is.)
                if !text.ends_with('\n') && !marker_open {
                    text.push('\n');
                }
                image = None;
                image_alone = true;
            }
            Event::Start(Tag::Paragraph) => {
                text.clear();
                image = None;
                image_alone = true;
                in_paragraph = !in_item && quote_depth == 0;
                links.clear();
                strong.clear();
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some((src, title, alt, offset)) = image.take() {
                    if image_alone && text.trim().is_empty() {
                        let img = Image {
                            src,
                            alt: alt.trim().to_string(),
                            width: None,
                            height: None,
                        };
                        let caption = (!title.is_empty()).then_some(title);
                        figures.push((blocks.len(), img, caption, offset));
                        blocks.push(Block::Paragraph {
                            text: String::new(),
                            links: Vec::new(),
                            strong: Vec::new(),
                        });
                        in_paragraph = false;
                        continue;
                    }
                    error(
                        offset,
                        "an image inside a paragraph of text",
                        "put the image on a line of its own, with a blank line before and after; it becomes a figure",
                    );
                }
                // Markdown takes `**` for bold only where it flanks a word as its rules say, which
                // next to Chinese punctuation or a link it often does not: the reader would show
                // the stars. (A list item's text is checked at its end.)
                if !in_item {
                    if let Some((at, message, help)) = leftover_markup(&text, body.get(range.clone()).unwrap_or("")) {
                        error(range.start + at, message, help);
                    }
                }
                if in_paragraph && table_without_rule(body.get(range.clone()).unwrap_or("")) {
                    error(
                        range.start,
                        "lines written as a table's rows, with no line of `|---|` under the first: they would show as text, `|` and all",
                        "put a line such as `|---|---|` (a `---` for each column) under the heading row",
                    );
                }
                let t = text.trim().to_string();
                if in_item {
                    // A list item's paragraph: the item's text.
                } else if quote_depth > 0 {
                    quote_paragraph(&mut quote, &t);
                } else if !t.is_empty() {
                    // Each indented line began a paragraph of its own (see `indented_line`).
                    let (links, strong) = (std::mem::take(&mut links), std::mem::take(&mut strong));
                    for (text, links, strong) in paragraphs(&text, links, strong) {
                        blocks.push(Block::Paragraph {
                            text,
                            links,
                            strong,
                        });
                    }
                }
                in_paragraph = false;
            }
            // Bold in a paragraph, a list item or a table cell stays bold; in a quote or a
            // heading (bold already) its text is kept.
            // Bold inside bold is never meant: Markdown paired the `**` otherwise than the author
            // did, because one next to punctuation (`**10%**给予`) does not close bold. The
            // text would be bold in the wrong places, silently.
            Event::Start(Tag::Strong) if strong_at.is_some() => error(
                range.start,
                "bold inside bold: Markdown paired these `**` otherwise than they were meant",
                BOLD_HELP,
            ),
            Event::Start(Tag::Strong)
                if in_paragraph || ((in_item || in_table) && quote_depth == 0) =>
            {
                strong_at = Some(text.chars().count());
            }
            Event::End(TagEnd::Strong) => {
                if let Some(start) = strong_at.take() {
                    let end = text.chars().count();
                    if end > start {
                        strong.push(Span {
                            start: start as u32,
                            end: end as u32,
                        });
                    }
                }
            }
            // A link in a paragraph, a list item or a table cell stays a link; in a quote or a
            // heading its text is kept.
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if in_paragraph || ((in_item || in_table) && quote_depth == 0) => {
                let dest = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                match link_href(&dest, path, assets) {
                    Ok((href, label)) => link = Some((text.chars().count(), href, range.start, label)),
                    Err((message, help)) => error(range.start, &message, &help),
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, href, offset, label)) = link.take() {
                    let mut end = text.chars().count();
                    if end > start {
                        // An attachment says what it is before it is tapped: `（PDF，1.2 MB）`.
                        if let Some((ext, bytes)) = label {
                            let linked: String = text.chars().skip(start).collect();
                            text.push_str(&attachment_label(&linked, &ext, bytes));
                            end = text.chars().count();
                        }
                        links.push(TextLink {
                            start: start as u32,
                            end: end as u32,
                            href,
                        });
                    } else {
                        error(
                            offset,
                            "a link with no text",
                            "write what the link leads to between the brackets: `[申报指南](https://…)`",
                        );
                    }
                }
            }
            Event::Start(Tag::Heading { .. }) if in_item => error(
                range.start,
                "a heading inside a list item",
                "put the heading before or after the list",
            ),
            Event::Start(Tag::Heading { .. }) if quote_depth > 0 => error(
                range.start,
                "a heading inside a quote",
                "put the heading before the quote, or write its text as the quote's first line",
            ),
            // A line of `---` or `===` right under a line of text makes it a heading (what
            // Markdown calls a setext heading): pasted text with a rule under a line (`联系人：
            // 张三`, then `---`) became a heading without a `#` written.
            Event::Start(Tag::Heading { .. })
                if !body[range.start..].trim_start().starts_with('#') =>
            {
                text.clear();
                error(
                    range.start,
                    "a line of `---` or `===` under this text makes it a heading",
                    "for a heading, write `## 标题` on one line; for a line across the page, leave a blank line above the `---`; else delete the `---` line",
                );
            }
            Event::Start(Tag::Heading { level, .. }) => {
                text.clear();
                if level == HeadingLevel::H1 {
                    error(
                        range.start,
                        "a level-1 heading (`#`) in the body",
                        "the title comes from the front matter; use `##` to `####` in the body",
                    );
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((at, message, help)) =
                    leftover_markup(&text, body.get(range.clone()).unwrap_or(""))
                {
                    error(range.start + at, message, help);
                }
                let level = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                };
                // A heading is one line: a hard break in it runs on, as a soft break does.
                let mut one_line = String::new();
                run_on(&mut one_line, text.trim());
                if one_line.is_empty() {
                    error(
                        range.start,
                        "an empty heading",
                        "write the heading's text after the `#`s, or remove the line",
                    );
                } else {
                    blocks.push(Block::Heading {
                        level,
                        text: one_line,
                    });
                }
            }
            Event::Start(Tag::BlockQuote(_)) if in_item => error(
                range.start,
                "a quote inside a list item",
                "put the quote before or after the list",
            ),
            // `>50亩的项目…`: a `>` meant as "more than" that begins a line begins a quote, and
            // is lost. A quote's `>` has a space after it.
            Event::Start(Tag::BlockQuote(_))
                if quote_depth == 0 && quote_without_space(&body[range.start..]) =>
            {
                error(
                    range.start,
                    "a `>` at the start of a line begins a quote, and is not shown",
                    "for \"more than\", write `\\>` or the full-width `＞`; for a quote, put a space after `>`",
                );
                quote_depth += 1;
            }
            // A quote inside a quote runs on in it, in its place: the reader shows one level.
            Event::Start(Tag::BlockQuote(_)) => {
                if quote_depth == 0 {
                    quote.clear();
                    quote_at = range.start;
                }
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quote_depth = quote_depth.saturating_sub(1);
                if quote_depth == 0 {
                    // A last line "—— 某某" names who is quoted.
                    let (body_text, cite) = match quote.rsplit_once('\n') {
                        Some((q, c)) if c.starts_with("——") || c.starts_with("--") => (
                            q.trim_end().to_string(),
                            Some(c.trim_start_matches(['—', '-', ' ']).trim().to_string()),
                        ),
                        _ => (quote.clone(), None),
                    };
                    // The lines of a paragraph run on; its paragraphs stay on lines of their
                    // own (the reader keeps a block's line breaks).
                    let mut joined = String::new();
                    for (p, paragraph) in body_text.split("\n\n").enumerate() {
                        if p > 0 {
                            joined.push('\n');
                        }
                        run_on(&mut joined, paragraph);
                    }
                    if joined.trim().is_empty() {
                        error(
                            quote_at,
                            "an empty quote",
                            "write the quoted text after the `>`, or remove the line",
                        );
                    } else {
                        blocks.push(Block::Quote { text: joined, cite });
                    }
                }
            }
            // A list inside a list item goes on in the item's text, an inner item a line of its
            // own, indented by a full-width space a level and marked `· ` or by its number
            // (`一、总则` then `　1. 第一条`): the reader shows lists one level deep, and a
            // policy's clauses keep their order and numbers.
            Event::Start(Tag::List(start)) if in_item => {
                nested.push((start.is_some(), start.unwrap_or(1)));
            }
            Event::End(TagEnd::List(_)) if in_item => {
                nested.pop();
            }
            Event::Start(Tag::Item) if !nested.is_empty() => {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                text.push_str(&"\u{3000}".repeat(nested.len()));
                if let Some((ordered, next)) = nested.last_mut() {
                    if *ordered {
                        text.push_str(&format!("{next}. "));
                        *next += 1;
                    } else {
                        text.push_str("· ");
                    }
                }
                marker_open = true;
            }
            Event::End(TagEnd::Item) if !nested.is_empty() => {}
            // Kept, it would come out before the quote, and the quote without it.
            Event::Start(Tag::List(_)) if quote_depth > 0 => error(
                range.start,
                "a list inside a quote",
                "the reader shows a quote as text: write the points as lines of the quote, or put the list after it",
            ),
            Event::Start(Tag::List(start)) => {
                list_ordered = start.is_some();
                // Numbered from where the author numbered it: `3. 第三条` is clause 3.
                list_start = start.filter(|&n| n != 1).and_then(|n| u32::try_from(n).ok());
                items.clear();
            }
            Event::End(TagEnd::List(_)) => {
                blocks.push(Block::List {
                    ordered: list_ordered,
                    start: list_start,
                    items: std::mem::take(&mut items),
                    links: item_lists(std::mem::take(&mut item_links)),
                    strong: item_lists(std::mem::take(&mut item_strong)),
                });
            }
            Event::Start(Tag::Item) => {
                in_item = true;
                text.clear();
                links.clear();
                strong.clear();
            }
            Event::End(TagEnd::Item) => {
                in_item = false;
                if let Some((at, message, help)) = leftover_markup(&text, body.get(range.clone()).unwrap_or("")) {
                    error(range.start + at, message, help);
                }
                let (item, links, bold) = trimmed(
                    &text,
                    std::mem::take(&mut links),
                    std::mem::take(&mut strong),
                );
                // It would show a bare bullet or number.
                if item.is_empty() {
                    error(
                        range.start,
                        "an empty list item",
                        "write the item's text after its `-` or number, or remove the line",
                    );
                }
                items.push(item);
                item_links.push(links);
                item_strong.push(bold);
                text.clear();
            }
            // An image is a figure of its own: in a list item or a quote it would be lost.
            Event::Start(Tag::Image { .. }) if in_item => error(
                range.start,
                "an image inside a list item",
                "put the image on a line of its own before or after the list; it becomes a figure",
            ),
            Event::Start(Tag::Image { .. }) if quote_depth > 0 => error(
                range.start,
                "an image inside a quote",
                "put the image on a line of its own before or after the quote; it becomes a figure",
            ),
            Event::Start(Tag::Image { .. }) if in_table => error(
                range.start,
                "an image inside a table",
                "put the image on a line of its own before or after the table; it becomes a figure",
            ),
            // `[![图](a.png)](https://…)`: the link is told, once, as holding an image (it has
            // no text of its own, which is not the mistake).
            Event::Start(Tag::Image { .. }) if link.is_some() => {
                let at = link.take().map_or(range.start, |(_, _, offset, _)| offset);
                error(
                    at,
                    "an image inside a link",
                    "the reader shows an image as a figure, not as a link: put the image on a line of its own and the link in text, e.g. under it: `[查看原图](https://…)`",
                );
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                if image.is_some() || !text.trim().is_empty() {
                    image_alone = false;
                }
                in_image = true;
                image = Some((
                    dest_url.to_string(),
                    title.to_string(),
                    String::new(),
                    range.start,
                ));
            }
            Event::End(TagEnd::Image) => in_image = false,
            Event::Text(t) | Event::Code(t) => {
                marker_open = false;
                let t = if std::mem::take(&mut drop_indent) {
                    t.trim_start_matches(INDENT)
                } else {
                    &t
                };
                // Without the characters that show nothing (a zero-width space or soft hyphen
                // pasted from WeChat or a PDF), which a search leaves out of what is typed: 碳纤维
                // must find 碳\u{200b}纤维.
                let shown = t.chars().filter(|&c| !parkreader_core::text::is_invisible(c));
                match image.as_mut() {
                    Some((_, _, alt, _)) if in_image => alt.extend(shown),
                    _ => text.extend(shown),
                }
            }
            // Inside a quote, lines stay apart until its end (the last may name who is quoted).
            Event::SoftBreak | Event::HardBreak if quote_depth > 0 => text.push('\n'),
            // A hard break (a `\` or two spaces at the end of a line) is the author's own.
            Event::HardBreak => text.push('\n'),
            // A line indented with full-width or no-break spaces (`　　为进一步…`), as a notice
            // copied from its web page has each paragraph: a paragraph of its own (in a list
            // item, a line of its own), numbered or not. Joined, the paragraphs ran on with gaps inside.
            Event::SoftBreak if indented_line(body.get(range.end..).unwrap_or("")) => {
                text.push(if in_paragraph { NEW_PARAGRAPH } else { '\n' });
                drop_indent = true;
            }
            // A line that begins as a numbered point of Chinese text (`2、`, `（二）`, `第三条`),
            // as pasted from Word, stays a line of its own: joined, the points ran together.
            Event::SoftBreak if numbered_point(body.get(range.end..).unwrap_or("")) => text.push('\n'),
            // So does a point's heading (`一、申报条件`), the text after it on a line of its own.
            Event::SoftBreak if point_heading(line_before(body, range.start)) => text.push('\n'),
            // A line of the by-lines and contact details that end a notice (`编辑：小李`,
            // `联系电话：…`), pasted a line each: joined, they read 「…医药谷编辑：小李」.
            Event::SoftBreak if labelled_line(body.get(range.end..).unwrap_or("")) => text.push('\n'),
            Event::SoftBreak => push_break(&mut text),
            // Markdown takes a pair of single `*` (or `_`) for italics, which the reader does not
            // have; in Chinese text they are stars that mean something (`带*号为必填项`,
            // `单价*2`): they stay as written, where dropped they changed the text.
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => {
                let at = if matches!(event, Event::Start(_)) {
                    range.start
                } else {
                    range.end.saturating_sub(1)
                };
                if let Some(star) = body.get(at..).and_then(|rest| rest.chars().next()) {
                    match image.as_mut() {
                        Some((_, _, alt, _)) if in_image => alt.push(star),
                        _ => text.push(star),
                    }
                }
                marker_open = false;
            }
            Event::Html(_) | Event::InlineHtml(_) => error(
                range.start,
                "raw HTML in Markdown",
                "the reader shows text only: write it as Markdown, or remove it",
            ),
            // Inside a list item, a code block continues the item's text, on lines of its own.
            // (The reader keeps a block's line breaks: `white-space: pre-line`.)
            Event::Start(Tag::CodeBlock(_)) if in_item => text.push('\n'),
            Event::End(TagEnd::CodeBlock) if in_item => text.truncate(text.trim_end().len()),
            Event::Start(Tag::CodeBlock(_)) => text.clear(),
            // Its lines without their indentation, which the reader would not show (`pre-line`)
            // and which a Markdown paragraph cannot keep: imported and built again, the text
            // is the same.
            // An empty one shows nothing; in a quote, its lines are the quote's.
            Event::End(TagEnd::CodeBlock) => {
                let lines = text
                    .trim_end()
                    .lines()
                    .map(str::trim_start)
                    .collect::<Vec<_>>()
                    .join("\n");
                if lines.is_empty() {
                } else if quote_depth > 0 {
                    quote_paragraph(&mut quote, &lines);
                } else {
                    blocks.push(Block::Paragraph {
                        text: lines,
                        links: Vec::new(),
                        strong: Vec::new(),
                    });
                }
            }
            // A table becomes a list, a row an item: each cell after its column's heading
            // (`项目：碳纤维；投资：32.7亿元`), which reads on a phone where columns would not fit.
            Event::Start(Tag::Table(_)) if in_item => error(
                range.start,
                "a table inside a list item",
                "the reader shows lists one level deep: put the table after the list",
            ),
            Event::Start(Tag::Table(_)) if quote_depth > 0 => error(
                range.start,
                "a table inside a quote",
                "put the table after the quote",
            ),
            Event::Start(Tag::Table(_)) => {
                in_table = true;
                table_head.clear();
                items.clear();
                item_links.clear();
                item_strong.clear();
            }
            Event::Start(Tag::TableCell) => {
                text.clear();
                links.clear();
                strong.clear();
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((at, message, help)) =
                    leftover_markup(&text, body.get(range.clone()).unwrap_or(""))
                {
                    error(range.start + at, message, help);
                }
                row.push(trimmed(
                    &text,
                    std::mem::take(&mut links),
                    std::mem::take(&mut strong),
                ));
            }
            // A heading cell is put before each of its column's cells: its text only.
            Event::End(TagEnd::TableHead) => {
                table_head = std::mem::take(&mut row).into_iter().map(|(h, ..)| h).collect();
            }
            Event::End(TagEnd::TableRow) => {
                // Markdown shows no more cells in a row than its heading row has: the rest of
                // the row (a remark after the last column, the `B` of an unescaped `A|B`) was
                // left out without a word.
                let cells = row_cells(body.get(range.clone()).unwrap_or(""));
                if cells > table_head.len() {
                    error(
                        range.start,
                        &match cells - table_head.len() {
                            1 => format!("this row has {cells} cells and the heading row {}: its last cell would not be shown", table_head.len()),
                            extra => format!("this row has {cells} cells and the heading row {}: its last {extra} would not be shown", table_head.len()),
                        },
                        "add a heading for each extra column, or join the cells; a `|` inside a cell is written `\\|`",
                    );
                }
                // The row's cells, each after its column's heading, apart by `；`; their links
                // and bold parts moved to where the cells are in the item.
                let (mut item, mut links, mut bold) = (String::new(), Vec::new(), Vec::new());
                for (i, (cell, cell_links, cell_bold)) in
                    std::mem::take(&mut row).into_iter().enumerate()
                {
                    if cell.is_empty() {
                        continue;
                    }
                    if !item.is_empty() {
                        item.push('；');
                    }
                    if let Some(head) = table_head.get(i).filter(|h| !h.is_empty()) {
                        item.push_str(head);
                        item.push('：');
                    }
                    let at = item.chars().count() as u32;
                    links.extend(cell_links.into_iter().map(|l| TextLink {
                        start: l.start + at,
                        end: l.end + at,
                        href: l.href,
                    }));
                    bold.extend(cell_bold.into_iter().map(|s| Span {
                        start: s.start + at,
                        end: s.end + at,
                    }));
                    item.push_str(&cell);
                }
                if !item.is_empty() {
                    items.push(item);
                    item_links.push(links);
                    item_strong.push(bold);
                }
            }
            Event::End(TagEnd::Table) => {
                in_table = false;
                let mut rows = std::mem::take(&mut items);
                if rows.is_empty() {
                    rows.push(table_head.join("；"));
                }
                blocks.push(Block::List {
                    ordered: false,
                    start: None,
                    items: rows,
                    links: item_lists(std::mem::take(&mut item_links)),
                    strong: item_lists(std::mem::take(&mut item_strong)),
                });
            }
            // Struck-through text in a notice means text taken back: shown plain, it would read
            // as standing.
            Event::Start(Tag::Strikethrough) => error(
                range.start,
                "struck-through text (`~~…~~`)",
                "the reader shows no strikethrough: remove the struck text, or the `~~` if it stands",
            ),
            Event::Start(Tag::FootnoteDefinition(_)) | Event::FootnoteReference(_) => error(
                range.start,
                "a footnote",
                "the reader has no footnotes: put the note in the text, in brackets, or in a paragraph at the end",
            ),
            // A checklist's box (`- [x] 已完成`), as a box character: the brackets showed.
            Event::TaskListMarker(done) => text.push_str(if done { "☑ " } else { "☐ " }),
            Event::Rule => {}
            _ => {}
        }
    }
    block_starts.resize(blocks.len(), top_start);
    // Figures: the image file is found relative to the Markdown file and copied with a hash.
    let dir = path.parent().unwrap_or(Path::new("."));
    for (index, mut img, caption, offset) in figures {
        if let Some(problem) = resolve_src(&mut img, dir, assets) {
            error(offset, &problem.0, &problem.1);
        }
        blocks[index] = Block::Figure {
            image: img,
            caption,
        };
    }
    // Their lines, in one pass over the body (the starts only grow).
    let mut line = body_line;
    let mut counted = 0;
    let block_lines = block_starts
        .into_iter()
        .map(|start| {
            let start = start.min(body.len());
            line += body.as_bytes()[counted.min(start)..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted = counted.max(start);
            line
        })
        .collect();
    (blocks, block_lines)
}

/// Where a Markdown link leads on the site, or what is wrong with it (a message and help): an
/// http(s), `tel:` or `mailto:` address or a page of the site as written; another content file
/// of this folder (`x.md` beside `file`, the file that links, or `../projects/x.md`) as its
/// page (`/projects/<its id>`: the file's name unless it sets `id`); or an attachment, a
/// document in the folder (`../files/办法.pdf`), published with the site under a name with its
/// content's hash (`/files/办法-<hash>.pdf`) and added to `assets`.
/// With an attachment come its file's kind and size, for its label ([`attachment_label`]).
fn link_href(
    dest: &str,
    file: &Path,
    assets: &mut Vec<Asset>,
) -> Result<(String, Option<Attached>), (String, String)> {
    // A scheme in capitals (`MAILTO:`, `Tel:`, `HTTPS://`, as some editors write them) is the
    // same link, published in lower case, as the reader's checks of links expect it.
    let lowered;
    let dest = match dest.split_once(':') {
        Some((scheme, rest))
            if scheme.bytes().any(|b| b.is_ascii_uppercase())
                && ["mailto", "tel", "http", "https"]
                    .iter()
                    .any(|s| scheme.eq_ignore_ascii_case(s)) =>
        {
            lowered = format!("{}:{rest}", scheme.to_ascii_lowercase());
            lowered.as_str()
        }
        _ => dest,
    };
    // A document of the site is named by its place in the content folder, from which the
    // build publishes it: `/files/…` as written would be a link to nothing.
    if parkreader_core::links::is_file_path(dest) {
        return Err((
            format!("a link to `{dest}`, a file this folder does not name"),
            "name the document by its place in the content folder, relative to this file, e.g. `../files/办法.pdf`: the build publishes it under `/files/` with its hash".to_string(),
        ));
    }
    if parkreader_core::links::is_safe_link(dest) {
        return Ok((dest.to_string(), None));
    }
    // A mail link to an address, refused for what it adds after it: recipients the reader
    // would not see (`cc=`, `bcc=`, `to=`).
    let mail = dest
        .get(..7)
        .filter(|s| s.eq_ignore_ascii_case("mailto:"))
        .and_then(|_| dest[7..].split_once('?'));
    if mail.is_some_and(|(email, _)| parkreader_core::links::is_email(email)) {
        return Err((
            format!("a link to `{dest}`, a mail link with more than a subject and a body"),
            "a `mailto:` link may carry only `?subject=` and `&body=`: write every recipient in the text, each as a link of its own".to_string(),
        ));
    }
    // A `#` starts a fragment, unless the name is a file's whole (`<../files/3#楼.pdf>`).
    let whole = || file.parent().is_some_and(|dir| dir.join(dest).is_file());
    let (target, fragment) = match dest.split_once('#') {
        Some(_) if whole() => (dest, ""),
        Some(split) => split,
        None => (dest, ""),
    };
    let unfollowable = || {
        (
            format!("a link to `{dest}`, which the reader cannot follow"),
            "link to an http(s) address, tel:, mailto:, a page of this site (`/projects/…`, `/categories/…`), another content file (`../projects/….md`) or a document in the content folder (`../files/….pdf`)".to_string(),
        )
    };
    if is_markdown(Path::new(target)) {
        return match page_of_file(target, fragment, file) {
            Some(LinkedFile::Page(href)) => Ok((href, None)),
            Some(LinkedFile::NoHeading(ids)) => Err((
                format!("a link to `{dest}`: that file has no heading `{}`", crate::percent_decode(fragment).unwrap_or_else(|| fragment.to_string())),
                if ids.is_empty() {
                    "it has no headings: link to its page without `#…`".to_string()
                } else {
                    format!("after `#` write one of its headings, its spaces as `-`: {}; or link to its page without `#…`", ids.join(", "))
                },
            )),
            Some(LinkedFile::Draft) => Err((
                format!("a link to `{dest}`, a draft (`draft = true`), which the site does not publish"),
                "link to it once it is published (without `draft = true`), or leave the link out for now".to_string(),
            )),
            Some(LinkedFile::Broken) => Err((
                format!("a link to `{dest}`, a file the build cannot read (its own problem is told with its name)"),
                "fix that file: the link then leads to its page".to_string(),
            )),
            None => Err((
                format!("a link to `{dest}`: no content file of this folder is there"),
                "name an article or project file relative to this one, e.g. `../projects/carbon-fibre-48k.md` or `other-news.md`".to_string(),
            )),
        };
    }
    // A relative path with an extension may be an attachment; anything else (a scheme the
    // reader does not follow, a site path that is not a page) cannot be followed.
    let relative = !target.is_empty()
        && !target.starts_with('/')
        && !target.contains(':')
        && Path::new(target).extension().is_some();
    if !relative {
        return Err(unfollowable());
    }
    attachment_href(target, fragment, file, assets)
}

/// What a link to a content file leads to.
enum LinkedFile {
    /// Its page on the site.
    Page(String),
    /// Its page, but not the heading the link's `#…` names: the ids its headings have.
    NoHeading(Vec<String>),
    /// Nothing: it is a draft (`draft = true`), which the site leaves out.
    Draft,
    /// Nothing yet: it is there but cannot be read (not UTF-8, a name no id can be), which is
    /// its own problem.
    Broken,
}

/// What the content file `target` (a `.md` path relative to `file`) is to a link: `None` when
/// no article or project file of this folder is there.
fn page_of_file(target: &str, fragment: &str, file: &Path) -> Option<LinkedFile> {
    let dir = file.parent()?;
    let linked = dir
        .join(crate::percent_decode(target)?)
        .canonicalize()
        .ok()?;
    // Only `articles/` and `projects/` of this same content folder hold pages.
    let kind = linked.parent()?;
    if Some(kind.parent()?)
        != dir
            .parent()
            .and_then(|root| root.canonicalize().ok())
            .as_deref()
    {
        return None;
    }
    let kind = kind.file_name()?.to_str()?;
    if !matches!(kind, "articles" | "projects") {
        return None;
    }
    let Ok(text) = fs::read_to_string(&linked) else {
        return Some(LinkedFile::Broken);
    };
    let id = match declared_id(&text) {
        Some(id) => id,
        None => linked.file_stem()?.to_string_lossy().into_owned(),
    };
    if !parkreader_core::validate::valid_id(&id) {
        return Some(LinkedFile::Broken);
    }
    // `#申报条件`: one of its headings, as the page gives them ids (`links::heading_ids`).
    // (`#top` is the page's top in every browser, and `#:~:text=…` a text fragment.)
    if !fragment.is_empty() && !fragment.eq_ignore_ascii_case("top") && !fragment.starts_with(":~:")
    {
        let ids = heading_ids_of(&text);
        let wanted = crate::percent_decode(fragment).unwrap_or_else(|| fragment.to_string());
        if !ids.contains(&wanted) {
            return Some(LinkedFile::NoHeading(ids));
        }
    }
    let fragment = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    let href = format!("/{kind}/{id}{fragment}");
    if split_front_matter(&text).is_some_and(|(front, ..)| draft_value(front) == Some(Ok(true))) {
        return Some(LinkedFile::Draft);
    }
    Some(if parkreader_core::links::is_safe_link(&href) {
        LinkedFile::Page(href)
    } else {
        LinkedFile::Broken
    })
}

/// The ids the headings of the content file `text` have on its page: each heading's text as
/// the build reads it (the text of its Markdown, without the characters that show nothing),
/// through `links::heading_ids`.
fn heading_ids_of(text: &str) -> Vec<String> {
    let Some((_, body, _)) = split_front_matter(text) else {
        return Vec::new();
    };
    let mut headings = Vec::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.extend(
                        t.chars()
                            .filter(|&c| !parkreader_core::text::is_invisible(c)),
                    );
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(text) = heading.take() {
                    headings.push(Block::Heading {
                        level: level as u8,
                        text: text.trim().to_string(),
                    });
                }
            }
            _ => {}
        }
    }
    parkreader_core::links::heading_ids(&headings)
}

/// An attachment's address on the site: the file `target` (relative to `file`, perhaps with
/// `%20` for a space) inside the content folder, of one of `links::ATTACHMENT_TYPES`, as
/// `/files/<name>-<hash>.<ext>`; it joins `assets`, to be copied there.
fn attachment_href(
    target: &str,
    fragment: &str,
    file: &Path,
    assets: &mut Vec<Asset>,
) -> Result<(String, Option<Attached>), (String, String)> {
    use parkreader_core::links::ATTACHMENT_TYPES;
    let dir = file.parent().unwrap_or(Path::new("."));
    let ext = Path::new(target)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !ATTACHMENT_TYPES.contains(&ext.as_str()) {
        // A page of the old site written for the content file beside it (`2024-policy.html`
        // for `2024-policy.md`): say so, rather than list the kinds of attachment.
        let page = Path::new(target).with_extension("md");
        if matches!(ext.as_str(), "html" | "htm" | "shtml") && dir.join(&page).is_file() {
            return Err((
                format!("a link to `{target}`, a page of the old site"),
                format!(
                    "link to the content file, `{}`: the build makes it the page's address",
                    page.display()
                ),
            ));
        }
        return Err((
            format!("a link to `{target}`, a file the site does not publish (.{ext})"),
            format!(
                "an attachment is a document of one of these kinds: {}; an image goes in the text as `![…](…)`",
                ATTACHMENT_TYPES.map(|t| format!(".{t}")).join(" ")
            ),
        ));
    }
    let mut path = dir.join(target);
    if !path.exists() && target.contains('%') {
        if let Some(decoded) = crate::percent_decode(target) {
            path = dir.join(decoded);
        }
    }
    let real = path
        .canonicalize()
        .ok()
        .filter(|p| p.is_file())
        .ok_or_else(|| {
            (
                format!(
                    "a link to `{target}`: no such file (looked for {})",
                    path.display()
                ),
                "an attachment's path is relative to the Markdown file, e.g. `../files/办法.pdf`; write a name with a space as `<../files/a b.pdf>` or `../files/a%20b.pdf`".to_string(),
            )
        })?;
    let root = dir.parent().unwrap_or(dir);
    if !root.canonicalize().is_ok_and(|root| real.starts_with(root)) {
        if let Some((why, help)) = symlink_outside(&path, &real) {
            return Err((format!("a link to `{target}`, which {why}"), help));
        }
        return Err((
            format!(
                "a link to `{target}`, which lies outside the content folder ({})",
                path.display()
            ),
            "the build publishes every file it links: keep attachments inside the content folder, e.g. in files/".to_string(),
        ));
    }
    let bytes = fs::read(&real).map_err(|e| {
        (
            format!("a link to `{target}`: cannot read it: {e}"),
            "check the file's permissions".to_string(),
        )
    })?;
    let url = published_url("files", &path, &bytes);
    assets.push(Asset {
        source: path,
        url: url.clone(),
        bytes: None,
    });
    let href = if fragment.is_empty() {
        url
    } else {
        format!("{url}#{fragment}")
    };
    Ok((href, Some((ext, bytes.len()))))
}

/// What an attachment's link `text` is followed by, so that a reader on a phone knows what a
/// tap downloads: the kind (`ext`) and size of its file, `（PDF，1.2 MB）`, `（DOCX，86 KB）`, or the
/// size alone where the text names the kind already (`办法（PDF）`, `办法.pdf`): `（108 KB）`.
/// [`is_attachment_label`] reads it back.
pub(crate) fn attachment_label(text: &str, ext: &str, bytes: usize) -> String {
    let size = if bytes < 1000 * 1024 {
        format!("{} KB", bytes.div_ceil(1024).max(1))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    };
    let lower = text.trim_end().to_lowercase();
    let named = [format!("（{ext}）"), format!("({ext})"), format!(".{ext}")]
        .iter()
        .any(|ending| lower.ends_with(ending.as_str()));
    if named {
        format!("（{size}）")
    } else {
        format!("（{}，{size}）", ext.to_ascii_uppercase())
    }
}

/// True for a label [`attachment_label`] writes for a file of the kind `ext`: not a
/// publisher's own brackets, such as `（试行）`.
pub(crate) fn is_attachment_label(label: &str, ext: &str) -> bool {
    label
        .strip_prefix(&format!("（{}，", ext.to_ascii_uppercase()))
        .or_else(|| label.strip_prefix('（'))
        .and_then(|l| l.strip_suffix(" KB）").or_else(|| l.strip_suffix(" MB）")))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// Where the file at `path`, with these `bytes`, is published in the site's `folder`: under
/// its name with its content's hash before the extension (`/media/weave-<hash>.svg`), so that
/// a changed file never hides behind a cached one. Letters, digits, `-`, `_` and `.` stay as
/// they are; anything else (a space, `%`, `#`) becomes `-`, so that it is a plain path. An
/// image's name keeps only ASCII (`签约 现场1.png` is `1-<hash>.png`): its address goes into
/// `og:image` and share cards, where crawlers and chat apps take raw Chinese badly. An
/// attachment keeps its Chinese name, which is the name a reader saves it under.
fn published_url(folder: &str, path: &Path, bytes: &[u8]) -> String {
    let ascii = folder == "media";
    let name: String = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            let kept = if ascii {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric()
            };
            if kept || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    // Runs of `-` as one, and none to start the stem or end it.
    let (stem, ext) = name
        .rsplit_once('.')
        .map_or((name.as_str(), None), |(s, e)| (s, Some(e)));
    let mut plain = String::new();
    for c in stem.chars() {
        if !(c == '-' && (plain.is_empty() || plain.ends_with('-'))) {
            plain.push(c);
        }
    }
    let plain = plain.trim_end_matches('-');
    let stem = if plain.is_empty() {
        folder.trim_end_matches('s')
    } else {
        plain
    };
    let hash = format!("-{:016x}", crate::fnv1a(bytes.iter().copied()));
    // A name that has this hash already (a site imported as content) keeps it, once.
    let stem = stem.strip_suffix(hash.as_str()).unwrap_or(stem);
    // The extension in lower case (`.SVG`, `.PDF` from a camera or a scanner): what the site
    // and hosts go by to read an image's size, compress the file and name its type.
    match ext {
        Some(ext) => format!("/{folder}/{stem}{hash}.{}", ext.to_ascii_lowercase()),
        None => format!("/{folder}/{stem}{hash}"),
    }
}

/// Markup Markdown left as text in a paragraph or list item (`text`, read from `source`), which
/// readers would see as typed: where it is in `source`, what it is, and what to do.
/// - `**` that Markdown does not take for bold, as its rules often have it next to Chinese
///   punctuation or a link;
/// - `[…](…)` or `![…](…)` it does not take for a link or image, mostly for a space in the path.
fn leftover_markup(text: &str, source: &str) -> Option<(usize, &'static str, &'static str)> {
    // The source as Markdown reads it for markup: code spans (whose text is code, not markup)
    // blanked out, byte for byte, and escaped characters too (`\*\*` is two stars).
    let mut plain = source.as_bytes().to_vec();
    let mut in_code = false;
    let mut escaped = false;
    for byte in plain.iter_mut() {
        let this = *byte;
        if escaped {
            escaped = false;
            // (A backslash escapes ASCII punctuation only.)
            if this.is_ascii() {
                *byte = b' ';
            }
        } else if this == b'`' {
            in_code = !in_code;
        } else if in_code {
            *byte = b' ';
        } else if this == b'\\' {
            escaped = true;
        }
    }
    // Only ASCII bytes were changed (a multi-byte character is left whole or blanked whole).
    let plain = String::from_utf8_lossy(&plain);
    if text.contains("**") {
        // The `**` left in the text, not a pair before it that Markdown did take for bold
        // (`请“**临江英才**”计划…按**10%**发放` is about the second): the one whose neighbour
        // characters the text has beside a `**` of its own; else the first.
        let stars: Vec<usize> = plain.match_indices("**").map(|(at, _)| at).collect();
        let left_in_text = |at: usize| {
            let before: String = plain[..at]
                .chars()
                .rev()
                .take(2)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after: String = plain[at + 2..].chars().take(2).collect();
            (!before.is_empty() && !before.contains('*') && text.contains(&format!("{before}**")))
                || (!after.is_empty()
                    && !after.contains('*')
                    && text.contains(&format!("**{after}")))
        };
        let found = stars
            .iter()
            .copied()
            .find(|&at| left_in_text(at))
            .or(stars.first().copied());
        if let Some(at) = found {
            return Some((
                at,
                "`**` that Markdown does not take for bold, which readers would see as it is",
                BOLD_HELP,
            ));
        }
    }
    // A link typed with an input method's brackets (`[招商政策]（policy-2024.md）`,
    // `［文字］(…)`), or with a space before its address (`[招商政策] (x.md)`): Markdown reads
    // none of these as a link. Only where what follows is an address, so that prose such as
    // `[注]（见下文）` stays as it is.
    let address = |inside: &str| {
        !inside.is_empty()
            && !inside.contains(char::is_whitespace)
            && !inside.contains(['(', ')', '（', '）', '[', ']'])
            && (inside.starts_with("http://")
                || inside.starts_with("https://")
                || inside.starts_with("mailto:")
                || inside.starts_with("tel:")
                || inside.contains('/')
                || ends_in_extension(inside))
    };
    for (opening, closings) in [
        ("]（", &['）', ')'][..]),
        ("］（", &['）', ')']),
        ("］(", &['）', ')']),
        ("] (", &[')', '）']),
        ("](", &['）']),
    ] {
        let found = plain.match_indices(opening).find_map(|(at, _)| {
            let rest = &plain[at + opening.len()..];
            let end = rest
                .find(closings)
                .filter(|&end| !rest[..end].contains('\n'))?;
            let inside = rest[..end].trim_start_matches('<').trim_end_matches('>');
            address(inside).then_some(at)
        });
        if let Some(at) = found {
            let at = plain[..at].rfind(['[', '［']).map_or(at, |open| {
                if plain[..open].ends_with(['!', '！']) {
                    open - plain[..open].chars().next_back().map_or(0, char::len_utf8)
                } else {
                    open
                }
            });
            return Some((
                at,
                "a link or image that Markdown did not read, which readers would see as it is: its brackets are full-width, or a space stands between them",
                "write a link with half-width brackets and nothing between `]` and `(`: `[招商政策](policy-2024.md)`",
            ));
        }
    }
    if text.contains("](") {
        // A `](` whose address runs into a space or a tab (or never closes): the one Markdown
        // left alone.
        let (at, _) = plain.match_indices("](").find(|(at, _)| {
            let rest = &plain[at + 2..];
            let end = rest.find([')', '\n']).unwrap_or(rest.len());
            !rest[..end].starts_with('<')
                && (rest[..end].contains([' ', '\t']) || !rest[end..].starts_with(')'))
        })?;
        let at = plain[..at].rfind('[').map_or(at, |open| {
            if plain[..open].ends_with('!') {
                open - 1
            } else {
                open
            }
        });
        return Some((
            at,
            "a link or image that Markdown did not read, which readers would see as it is",
            "an address has no spaces or tabs: remove one typed into it; a file's name with a space goes in angle brackets, `[附件](<../files/a b.pdf>)`, or with `%20`",
        ));
    }
    // A path to a file in angle brackets on its own (`<../media/厂房 外景.jpg>`): Markdown
    // reads `<…>` as a link only for a web or mail address. (`占比<5%，增长>3%` is no path.)
    if text.contains('<') {
        let path = |inside: &str| {
            (inside.contains('/') || inside.starts_with('.')) && ends_in_extension(inside)
        };
        let at = plain.match_indices('<').map(|(at, _)| at).find(|&at| {
            let rest = &plain[at + 1..];
            rest.find(['>', '\n'])
                .is_some_and(|end| rest[end..].starts_with('>') && path(&rest[..end]))
        });
        if let Some(at) = at {
            return Some((
                at,
                "a path in angle brackets that Markdown did not read, which readers would see as it is",
                "an image goes on a line of its own as `![说明](<../media/a b.jpg>)`, a link to a file as `[文字](<../files/a b.pdf>)`",
            ));
        }
    }
    None
}

/// Whether `name` ends in a file's extension: a `.` and two to five ASCII letters or digits
/// (`.md`, `.pdf`, `.jpeg`).
fn ends_in_extension(name: &str) -> bool {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    (2..=5).contains(&extension.len()) && extension.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// `links` with a link added on each web address written out in `text` outside them
/// (`详见https://www.example.gov.cn/zc/1.html。`): Markdown links only `<https://…>`, and an
/// address a reader cannot tap is one they retype on a phone. It ends before the first
/// character that is not ASCII or is a space (Chinese text runs on with no space), and
/// without the punctuation that closes the sentence around it.
fn with_web_addresses(text: &str, links: Vec<TextLink>) -> Vec<TextLink> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
        let rest = rest.to_ascii_lowercase();
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && chars[end].is_ascii_graphic() {
            end += 1;
        }
        // Punctuation at the end is the sentence's, and so is a closing bracket the address
        // did not open (`（见https://a.cn/x)` but `https://a.cn/a_(b)`), as GitHub reads it.
        let unopened = |url: &[char], open: char, close: char| {
            url.iter().filter(|&&c| c == close).count() > url.iter().filter(|&&c| c == open).count()
        };
        while end > i {
            let trailing = match chars[end - 1] {
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' => true,
                ')' => unopened(&chars[i..end], '(', ')'),
                ']' => unopened(&chars[i..end], '[', ']'),
                _ => false,
            };
            if !trailing {
                break;
            }
            end -= 1;
        }
        let href: String = chars[i..end].iter().collect();
        let inside_a_link = links
            .iter()
            .any(|l| (l.start as usize) < end && i < l.end as usize);
        if !inside_a_link && parkreader_core::links::is_http_url(&href) {
            found.push(TextLink {
                start: i as u32,
                end: end as u32,
                href,
            });
        }
        i = end.max(i + 1);
    }
    if found.is_empty() {
        return links;
    }
    let mut all = links;
    all.extend(found);
    all.sort_by_key(|l| l.start);
    all
}

/// What to do about a `**` Markdown does not read as meant.
const BOLD_HELP: &str = "Markdown takes `**` for bold only where it does not stand between punctuation and a Chinese character: put the punctuation outside the bold (`**10**%给予`, `**重点**：见下文`, `请“**紫金山英才**”计划`), or remove the `**`";

/// An attachment's file, as its label needs it: its kind (extension) and size in bytes.
type Attached = (String, usize);

/// A text with its links and parts in bold.
type Marked = (String, Vec<TextLink>, Vec<Span>);

/// `text` trimmed, with `links` and `strong` (on characters of `text`) moved to where they are
/// in it, and web addresses written out in it linked ([`with_web_addresses`]).
fn trimmed(text: &str, links: Vec<TextLink>, strong: Vec<Span>) -> Marked {
    let t = text.trim();
    let lead = (text.chars().count() - text.trim_start().chars().count()) as u32;
    let length = t.chars().count() as u32;
    let links = links
        .into_iter()
        .filter_map(|mut l| {
            l.start = l.start.saturating_sub(lead);
            l.end = l.end.saturating_sub(lead).min(length);
            (l.start < l.end).then_some(l)
        })
        .collect();
    let strong = strong
        .into_iter()
        .filter_map(|s| {
            let start = s.start.saturating_sub(lead);
            let end = s.end.saturating_sub(lead).min(length);
            (start < end).then_some(Span { start, end })
        })
        .collect();
    (t.to_string(), with_web_addresses(t, links), strong)
}

/// A list's links (or bold parts) per item, as the bundle has them: without the items at the end
/// that have none.
fn item_lists<T>(mut links: Vec<Vec<T>>) -> Vec<Vec<T>> {
    while links.last().is_some_and(Vec::is_empty) {
        links.pop();
    }
    links
}

/// Appends the lines of `text` to `out` as one run of text, each break as [`push_break`] has it.
fn run_on(out: &mut String, text: &str) {
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            push_break(out);
        }
        out.push_str(line.trim());
    }
}

/// Whether `line` begins as a numbered point of Chinese text: `1、` (or `1．`, `1）`),
/// `一、`, `（一）` or `(1)`, `第一条` (章, 节, 款), or a circled number `①`.
/// The spaces a notice's paragraphs are indented with when copied from a web page: full-width
/// (`　　`), no-break (`&nbsp;`) and plain.
const INDENT: [char; 3] = ['\u{3000}', '\u{a0}', ' '];

/// Stands, in a paragraph's text as it is read, where an indented line began a new paragraph
/// ([`paragraphs`] splits there). The Unicode paragraph separator: no text written in Markdown
/// holds it as it is read here (it is no character a writer types).
const NEW_PARAGRAPH: char = '\u{2029}';

/// Whether `line` (the rest of the body from a line's start) is indented with full-width or
/// no-break spaces, as each paragraph of a notice copied from its page is.
fn indented_line(line: &str) -> bool {
    line.trim_start_matches([' ', '\t'])
        .starts_with(['\u{3000}', '\u{a0}'])
}

/// A paragraph's text, links and bold parts as read, split where an indented line began a new
/// paragraph ([`NEW_PARAGRAPH`]): each paragraph trimmed, its links and bold parts moved to it
/// (one that ran across the split ends with its paragraph), empty ones left out.
fn paragraphs(text: &str, links: Vec<TextLink>, strong: Vec<Span>) -> Vec<Marked> {
    let mut out = Vec::new();
    let mut start = 0u32;
    for part in text.split(NEW_PARAGRAPH) {
        let end = start + part.chars().count() as u32;
        let within = |from: u32, to: u32| {
            (from < end && to > start).then(|| (from.max(start) - start, to.min(end) - start))
        };
        let part_links = links
            .iter()
            .filter_map(|l| {
                let (s, e) = within(l.start, l.end)?;
                Some(TextLink {
                    start: s,
                    end: e,
                    href: l.href.clone(),
                })
            })
            .collect();
        let part_strong = strong
            .iter()
            .filter_map(|b| {
                let (s, e) = within(b.start, b.end)?;
                Some(Span { start: s, end: e })
            })
            .collect();
        let marked = trimmed(part, part_links, part_strong);
        if !marked.0.is_empty() {
            out.push(marked);
        }
        // The separator is one character of the text.
        start = end + 1;
    }
    out
}

/// Whether a quote that begins `source` has no space after its `>` (`>50亩的项目…`): a `>`
/// meant as "more than", not a quote.
fn quote_without_space(source: &str) -> bool {
    source
        .trim_start_matches([' ', '\t'])
        .strip_prefix('>')
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| !matches!(c, ' ' | '\t' | '\n' | '\r' | '>'))
}

/// Whether a paragraph's `source` is lines that each begin and end with `|` (`| 企业 | 金额 |`),
/// two or more: a table without the line of `|---|` Markdown needs to read it as one.
fn table_without_rule(source: &str) -> bool {
    let lines: Vec<&str> = source.lines().map(str::trim).collect();
    lines.len() >= 2
        && lines
            .iter()
            .all(|l| l.len() >= 3 && l.starts_with('|') && l.ends_with('|'))
}

/// How many cells a table row's line has as written: its `|`s that are not escaped (`\|`),
/// less a leading and a trailing one.
fn row_cells(line: &str) -> usize {
    let line = line.trim();
    let mut bars = Vec::new();
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '|' => bars.push(at),
            _ => {}
        }
    }
    let mut cells = bars.len() + 1;
    if bars.first() == Some(&0) {
        cells -= 1;
    }
    if bars.last().is_some_and(|&at| at + 1 == line.len()) && line.len() > 1 {
        cells -= 1;
    }
    cells
}

fn numbered_point(line: &str) -> bool {
    // Bold or emphasis around it (`**二、申报条件**`) is no part of its number.
    let line = line.trim_start_matches([' ', '\t', '\u{3000}', '*', '_']);
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百零〇".contains(c);
    let count = line.chars().take_while(|&c| numeral(c)).count();
    let mut after = line.chars().skip(count);
    if count > 0 && count <= 4 {
        return match after.next() {
            Some('、' | '．' | '）') => true,
            // `1.申报表`, `2)`: not `3.5亿元` (a number that wrapped to the line's start), nor
            // `1. ` (a Markdown list, which is no soft break).
            Some('.' | ')') => after
                .next()
                .is_some_and(|c| !c.is_ascii_digit() && !c.is_whitespace()),
            _ => false,
        };
    }
    let mut chars = line.chars();
    match chars.next() {
        Some('（' | '(') => {
            let rest: String = chars.collect();
            let count = rest.chars().take_while(|&c| numeral(c)).count();
            (1..=4).contains(&count) && matches!(rest.chars().nth(count), Some('）' | ')'))
        }
        Some('第') => {
            let rest: String = chars.collect();
            let count = rest.chars().take_while(|&c| numeral(c)).count();
            (1..=4).contains(&count)
                && matches!(rest.chars().nth(count), Some('条' | '章' | '节' | '款'))
        }
        // ①, ⑴, ⒈ and ㈠ to ⑳, ⒇, ⒛ and ㈩.
        Some(c) => ('①'..='⒛').contains(&c) || ('㈠'..='㈩').contains(&c),
        None => false,
    }
}

/// Whether `line` begins with the label of a by-line or a contact detail and a colon
/// (`来源：`, `责任编辑：`, `联系电话:`, `项目联系人：`): at most 8 characters, ending in one of
/// the words such lines are labelled with. A wrapped sentence seldom begins so.
fn labelled_line(line: &str) -> bool {
    const LABELS: [&str; 23] = [
        "来源",
        "编辑",
        "责编",
        "审核",
        "校对",
        "签发",
        "作者",
        "记者",
        "通讯员",
        "摄影",
        "图片",
        "时间",
        "日期",
        "电话",
        "热线",
        "传真",
        "手机",
        "邮箱",
        "地址",
        "邮编",
        "网址",
        "联系人",
        "附件",
    ];
    // (`line` runs on to the end of the body: its first 8 characters and a colon are enough.)
    let line = line.trim_start_matches([' ', '\t', '\u{3000}', '*', '_']);
    let head = line
        .char_indices()
        .nth(12)
        .map_or(line, |(at, _)| &line[..at]);
    let Some(at) = head.find(['：', ':']) else {
        return false;
    };
    let label = line[..at].trim_end_matches(['*', '_', ' ', '\u{3000}']);
    (1..=8).contains(&label.chars().count())
        && label.chars().all(|c| c as u32 >= 0x2E80)
        && LABELS.iter().any(|l| label.ends_with(l))
}

/// The line of `body` that ends at `end`.
fn line_before(body: &str, end: usize) -> &str {
    let end = end.min(body.len());
    let start = body[..end].rfind('\n').map_or(0, |i| i + 1);
    &body[start..end]
}

/// Whether `line` is the heading of a numbered point, as official documents set them on lines of
/// their own (`一、总则`, `（二）申报材料`, `第三条 附则`): a numbered point, without closing
/// punctuation, shorter than a line of wrapped text. A document's printed line holds 28
/// characters (GB/T 9704), so a line cut where a PDF or Word page wrapped it is longer than
/// 24, and runs on.
fn point_heading(line: &str) -> bool {
    let line =
        line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '*' || c == '_');
    numbered_point(line)
        && line.chars().count() <= 24
        && line
            .chars()
            .last()
            .is_some_and(|c| !"，、；：,;:。！？.!?…—-（(《“‘".contains(c))
}

/// A line break inside a paragraph: nothing after Chinese (which has no spaces), a space
/// after anything else.
fn push_break(text: &mut String) {
    let cjk = text.chars().last().is_some_and(|c| c as u32 >= 0x2E80);
    if !cjk && !text.is_empty() {
        text.push(' ');
    }
}

fn resolve_image(
    image: &mut Image,
    source: &Source,
    assets: &mut Vec<Asset>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let dir = source.path.parent().unwrap_or(Path::new("."));
    if let Some((message, help)) = resolve_src(image, dir, assets) {
        let line = find_line(&source.text, source.front_line, "cover").unwrap_or(source.front_line);
        diagnostics.push(Diagnostic {
            file: source.path.clone(),
            line,
            column: 1,
            message,
            help: Some(help),
        });
    }
}

/// Points a local image at its content-hashed copy (and reads an SVG's size); web addresses
/// stay as they are for the bundle's own checks.
fn resolve_src(image: &mut Image, dir: &Path, assets: &mut Vec<Asset>) -> Option<(String, String)> {
    // A path written as Markdown writes one with a space (`<../media/a b.jpg>`), in the front
    // matter too.
    if let Some(path) = image
        .src
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
    {
        image.src = path.to_string();
    }
    if parkreader_core::links::is_plain_http(&image.src) {
        return Some((
            format!(
                "{} is an http:// image: the site's pages load images only over https, and a browser blocks an http one on them",
                image.src
            ),
            "write its https:// address if its host has one, or save the image into the content folder's media/ and write its path (`../media/photo.jpg`)".into(),
        ));
    }
    if let Some(host_path) = image.src.strip_prefix("//") {
        return Some((
            format!("{} is an address without its scheme", image.src),
            format!("write it whole: `https://{host_path}`"),
        ));
    }
    // A file on the writer's own computer, as Typora or Word export one (`file:///C:/x.png`,
    // `C:\Users\…\x.png`, `D:/照片/x.png`), which no reader can load; or an address of a kind
    // pages load no image from (`ftp:`, `data:`). Told here, at the line.
    let scheme = image.src.split_once(':').map(|(s, _)| s).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if image.src.contains('\\')
        || scheme.is_some_and(|s| s.len() == 1 || s.eq_ignore_ascii_case("file"))
    {
        return Some((
            format!("image `{}` is a file on the writer's computer, which no reader can load", image.src),
            "copy the image into the content folder's media/ and write its path from the Markdown file, e.g. `../media/photo.jpg`".into(),
        ));
    }
    if let Some(scheme) = scheme.filter(|s| !s.eq_ignore_ascii_case("https")) {
        return Some((
            format!("image `{}` has a `{scheme}:` address, which the site's pages load no image from", image.src),
            "write the image's https:// address, or save it into the content folder's media/ and write its path (`../media/photo.jpg`)".into(),
        ));
    }
    if image.src.contains("://") {
        // As the app checks it: a quote, `<`, `>`, a backtick or a space in the address made the
        // app refuse the whole index, and every list and search said the data was malformed.
        if parkreader_core::links::is_safe_src(&image.src) {
            return None;
        }
        return Some((
            format!("image `{}` is no address a page can load: it has a space, a quote, <, >, ` or \\ in it, or no host", image.src),
            "copy the address from the browser's address bar, which writes such characters escaped (`%22` for a quote, `%20` for a space)".into(),
        ));
    }
    // The content folder holds the `articles/` or `projects/` folder of the Markdown file.
    let root = dir.parent().unwrap_or(dir);
    // A path from the site's root (`/media/photo.jpg`) is looked for from the content folder:
    // the build publishes images under names of its own, so left as written it led nowhere
    // (the page showed a broken image, and `check` said nothing).
    let (from, written) = match image.src.strip_prefix('/') {
        Some(rest) => (root, rest),
        None => (dir, image.src.as_str()),
    };
    // Markdown writes a space in a path as `%20`: the file may have either name.
    let mut file = from.join(written);
    if !file.exists() && written.contains('%') {
        if let Some(decoded) = crate::percent_decode(written) {
            file = from.join(decoded);
        }
    }
    let not_found = || {
        Some((
            format!(
                "image `{}` not found (looked for {})",
                image.src,
                file.display()
            ),
            "image paths are relative to the Markdown file, e.g. `../media/photo.jpg`; one that starts with `/` is looked for from the content folder, e.g. `/media/photo.jpg`".into(),
        ))
    };
    // Where it really is, checked before anything is read from it.
    let Ok(real) = file.canonicalize() else {
        return not_found();
    };
    if !root.canonicalize().is_ok_and(|root| real.starts_with(root)) {
        if let Some(link) = symlink_outside(&file, &real) {
            return Some((format!("image `{}` {}", image.src, link.0), link.1));
        }
        return Some((
            format!(
                "image `{}` lies outside the content folder ({})",
                image.src,
                file.display()
            ),
            "the build publishes every image it names: keep images inside the content folder, e.g. in media/, and name them relative to the Markdown file, e.g. `../media/photo.jpg`".into(),
        ));
    }
    if !real.is_file() {
        return not_found();
    }
    let Ok(bytes) = fs::read(&real) else {
        return not_found();
    };
    let url = published_url("media", &file, &bytes);
    let name = url.rsplit('/').next().unwrap_or_default();
    if let Some((why, help)) = unsafe_image(name, &bytes) {
        return Some((format!("image `{}` {why}", image.src), help));
    }
    let ext = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    let photo = match crate::photos::for_phones(&bytes, ext) {
        Ok(photo) => photo,
        Err(why) => {
            let help = if why.starts_with("is cut short") {
                "copy the photo again, whole, from the phone, camera or message it came from"
            } else {
                "open it in an image editor and save it again as JPEG or PNG"
            };
            return Some((format!("image `{}` {why}", image.src), help.into()));
        }
    };
    let (url, copy) = match photo {
        Some(photo) => {
            // Published under the copy's own hash and kind, at the copy's size.
            if image.width.is_none() && image.height.is_none() {
                image.width = Some(photo.width);
                image.height = Some(photo.height);
            }
            let url = published_url("media", &file.with_extension(photo.ext), &photo.bytes);
            (url, Some(photo.bytes))
        }
        None => {
            if name.ends_with(".svg") && (image.width.is_none() || image.height.is_none()) {
                let text = String::from_utf8_lossy(&bytes);
                // Without width and height (drawn to scale), its viewBox gives the shape.
                let (width, height) = match (svg_attr(&text, "width"), svg_attr(&text, "height")) {
                    (Some(w), Some(h)) => (Some(w), Some(h)),
                    _ => svg_view_box(&text).map_or((None, None), |(w, h)| (Some(w), Some(h))),
                };
                image.width = image.width.or(width);
                image.height = image.height.or(height);
            } else if image.width.is_none() && image.height.is_none() {
                // Markdown cannot state a size: without one the page could not reserve the
                // image's space, and the text below it would jump as it loads on a phone.
                if let Some((width, height)) = raster_size(&bytes) {
                    image.width = Some(width);
                    image.height = Some(height);
                }
            }
            (url, None)
        }
    };
    assets.push(Asset {
        source: file,
        url: url.clone(),
        bytes: copy,
    });
    image.src = url;
    None
}

/// The size a raster image shows at, in pixels, from its header (PNG, JPEG, GIF, WebP, AVIF),
/// with a JPEG's EXIF orientation applied: a phone photo stored sideways is shown upright, so
/// its width and height trade places.
pub(crate) fn raster_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let size = imagesize::blob_size(bytes).ok()?;
    let (width, height) = (
        u32::try_from(size.width).ok()?,
        u32::try_from(size.height).ok()?,
    );
    if width == 0 || height == 0 {
        return None;
    }
    let sideways = jpeg_orientation(bytes).is_some_and(|o| (5..=8).contains(&o));
    Some(if sideways {
        (height, width)
    } else {
        (width, height)
    })
}

/// A JPEG's EXIF orientation (1–8), if its metadata states one.
pub(crate) fn jpeg_orientation(bytes: &[u8]) -> Option<u16> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    JpegSegments::of(bytes)
        .find_map(|(marker, segment)| {
            (marker == 0xE1)
                .then(|| segment[4..].strip_prefix(b"Exif\0\0"))
                .flatten()
        })
        .and_then(exif_orientation)
}

/// The segments of a JPEG (after its start of image marker) before its image data: each as
/// its marker and its bytes, `0xFF`, the marker, the length and the content. The walk ends at
/// the start of scan (`0xDA`) or a byte that is no marker; `broken` says it ended at a
/// length under 2 or a segment cut short instead.
pub(crate) struct JpegSegments<'a> {
    bytes: &'a [u8],
    /// Where the next segment would start: after the walk, where the segments end.
    pub at: usize,
    pub broken: bool,
}

impl<'a> JpegSegments<'a> {
    pub(crate) fn of(bytes: &'a [u8]) -> JpegSegments<'a> {
        JpegSegments {
            bytes,
            at: 2,
            broken: false,
        }
    }
}

impl<'a> Iterator for JpegSegments<'a> {
    type Item = (u8, &'a [u8]);

    fn next(&mut self) -> Option<(u8, &'a [u8])> {
        let (bytes, at) = (self.bytes, self.at);
        if bytes.get(at) != Some(&0xFF) {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        // The image data starts: no metadata after it.
        if marker == 0xDA {
            return None;
        }
        let segment = bytes
            .get(at + 2..at + 4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
            .filter(|&length| length >= 2)
            .and_then(|length| bytes.get(at..at + 2 + length));
        let Some(segment) = segment else {
            self.broken = true;
            return None;
        };
        self.at += segment.len();
        Some((marker, segment))
    }
}

/// The orientation tag (0x0112) of an EXIF block's first directory.
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |i: usize| {
        let b = tiff.get(i..i.checked_add(2)?)?;
        let b = [b[0], b[1]];
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |i: usize| {
        let b = tiff.get(i..i.checked_add(4)?)?;
        let b = [b[0], b[1], b[2], b[3]];
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let directory = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(directory)?);
    (0..entries).find_map(|n| {
        let entry = directory.checked_add(2 + n * 12)?;
        (u16_at(entry)? == 0x0112)
            .then(|| u16_at(entry + 8))
            .flatten()
    })
}

/// The kinds of image the site publishes, by file extension (lower case).
const IMAGE_KINDS: [&str; 7] = ["jpg", "jpeg", "png", "gif", "webp", "avif", "svg"];

/// Why the image file `name` with `bytes` must not be published on the site, if it must not
/// (said after its name, with what to do):
/// a kind a browser would not show as an image (an `.html` would run as a page of the site), or
/// an SVG that could run script there ([`svg_script`]).
pub fn unsafe_image(name: &str, bytes: &[u8]) -> Option<(String, String)> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    if !IMAGE_KINDS.contains(&ext.as_str()) {
        return Some((
            "is not an image the site publishes".to_string(),
            "use JPEG, PNG, GIF, WebP, AVIF or SVG (by the file's extension)".into(),
        ));
    }
    if ext != "svg" {
        return None;
    }
    let svg = String::from_utf8_lossy(bytes);
    if let Some(entity) = svg_undefined_entity(&svg) {
        return Some((
            format!("is an SVG with `&{entity};`, an entity XML does not define: browsers show no image"),
            "write the character itself, or its number (`&#58;` for `:`); XML names only &amp; &lt; &gt; &quot; and &apos;".into(),
        ));
    }
    let found = svg_script(&svg)?;
    Some((
        format!("is an SVG with {found}"),
        "the site serves its images itself, where a script in an SVG would run as the site: remove its scripts, on… attributes and javascript: links, or save it as PNG or JPEG".into(),
    ))
}

/// The first named entity in `svg` other than the five XML defines (`&colon;`, HTML's): the
/// file is then no XML, and a browser shows no image where the page has one.
fn svg_undefined_entity(svg: &str) -> Option<&str> {
    svg.match_indices('&').find_map(|(at, _)| {
        let rest = &svg[at + 1..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
            .unwrap_or(rest.len());
        let name = &rest[..len];
        (rest[len..].starts_with(';')
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && !matches!(name, "amp" | "lt" | "gt" | "quot" | "apos"))
        .then_some(name)
    })
}

/// What in an SVG could run as script, or lead elsewhere, when the file is opened on the site:
/// a script element (with any namespace prefix), an `on…=` event attribute, a `javascript:`
/// address (however its characters are written as entities or split by white space), an entity
/// declaration (which could hide one), a processing instruction (`<?xml-stylesheet?>` can
/// transform the file, by XSLT, into a page with a script), an element of HTML, XSLT or MathML
/// (HTML's `<meta http-equiv="refresh">` leaves the site) or none of SVG's, or an image,
/// stylesheet or font fetched from another host (`<image href="https://…">`, `url(https:…)`),
/// an animation that sets an event attribute, or a picture or page inside a `data:` address.
/// Elements of an editor's own namespace (Inkscape's `sodipodi:namedview`) do nothing in a
/// browser and pass.
fn svg_script(svg: &str) -> Option<&'static str> {
    let lower = decode_char_refs(&svg.to_ascii_lowercase());
    if lower.contains("<!entity") {
        return Some("an entity declaration");
    }
    // The XML declaration is the one processing instruction an image needs.
    let start = lower.len()
        - lower
            .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
            .len();
    if lower
        .match_indices("<?")
        .any(|(at, _)| !(at == start && is_xml_declaration(&lower[at..])))
    {
        return Some("a processing instruction (<?xml-stylesheet?>)");
    }
    let squeezed: String = lower
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    if FOREIGN_NAMESPACES.iter().any(|ns| squeezed.contains(ns)) {
        return Some("HTML, XSLT or MathML elements");
    }
    // Element names, without a namespace prefix; and addresses of other hosts that the file
    // itself would fetch: in an attribute other than a namespace's name or a link's (`<a href>`,
    // which the reader follows), or in CSS. Both from one pass over the tags; what an element
    // is counts first.
    let mut fetches_elsewhere = false;
    for tag in lower.split('<').skip(1) {
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or("");
        let (prefix, local) = name.rsplit_once(':').unwrap_or(("", name));
        fetches_elsewhere = fetches_elsewhere || (local != "a" && fetches_by_href(tag));
        if name.is_empty() || name.starts_with(['!', '?']) {
            continue;
        }
        match local {
            "script" => return Some("a <script> element"),
            "foreignobject" | "iframe" | "embed" | "object" => {
                return Some("HTML content (foreignObject, iframe, embed or object)")
            }
            _ if (prefix.is_empty() || prefix == "svg") && !SVG_ELEMENTS.contains(&local) => {
                return Some("an element SVG does not have (such as HTML's <meta>)")
            }
            _ => {}
        }
    }
    // Whether the file, lower case and without white space, has any of `texts`.
    let has = |texts: &[&str]| texts.iter().any(|t| squeezed.contains(t));
    let fetches_elsewhere = fetches_elsewhere
        || has(&[
            "url(http",
            "url(\"http",
            "url('http",
            "url(//",
            "url(\"//",
            "url('//",
            "@import",
        ]);
    if fetches_elsewhere {
        return Some("an image, stylesheet or font fetched from another site");
    }
    if has(&["javascript:", "vbscript:", "data:text/html"]) {
        return Some("a script address (javascript:)");
    }
    // A picture, page or script inside a `data:` address (`<use href="data:image/svg+xml,…">`),
    // which is not read here; a photo's bytes (`data:image/png`) and a font's are.
    if has(&[
        "data:image/svg",
        "data:text/",
        "data:application/xhtml",
        "data:application/xml",
        "data:application/javascript",
        "data:application/ecmascript",
    ]) {
        return Some("a document inside a data: address");
    }
    // An event attribute set by an animation: `<set attributeName="onload" to="…">`.
    if has(&[
        "attributename=\"on",
        "attributename='on",
        "attributename=on",
    ]) {
        return Some("an on… event attribute");
    }
    let bytes = lower.as_bytes();
    let event = bytes.windows(3).enumerate().any(|(i, w)| {
        (w[0].is_ascii_whitespace() || w[0] == b':' || w[0] == b'/')
            && w[1] == b'o'
            && w[2] == b'n'
            && {
                let name_end = bytes[i + 3..]
                    .iter()
                    .position(|b| !b.is_ascii_alphabetic())
                    .map_or(bytes.len(), |n| i + 3 + n);
                name_end > i + 3
                    && bytes[name_end..]
                        .iter()
                        .find(|b| !b.is_ascii_whitespace())
                        .is_some_and(|&b| b == b'=')
            }
    });
    event.then_some("an on… event attribute")
}

/// Whether the tag `tag` (the text after its `<`) has an `href` to another host.
fn fetches_by_href(tag: &str) -> bool {
    let tag = tag.split('>').next().unwrap_or(tag);
    tag.match_indices("href").any(|(at, _)| {
        let value = tag[at + 4..].trim_start();
        value.strip_prefix('=').is_some_and(|v| {
            let v = v.trim_start().trim_start_matches(['"', '\'']).trim_start();
            v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//")
        })
    })
}

/// Whether `text` starts with the XML declaration, `<?xml` and white space.
fn is_xml_declaration(text: &str) -> bool {
    text.strip_prefix("<?xml")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_whitespace()))
}

/// Namespaces (lower case, as the file is read) whose elements an SVG image must not have.
const FOREIGN_NAMESPACES: [&str; 5] = [
    "www.w3.org/1999/xhtml",
    "www.w3.org/1999/xsl/transform",
    "www.w3.org/1998/math/mathml",
    "www.w3.org/2001/xinclude",
    "www.w3.org/2001/xml-events",
];

/// The elements of SVG 1.1 and 2 (lower case), which an SVG image may have unprefixed.
const SVG_ELEMENTS: [&str; 83] = [
    "a",
    "altglyph",
    "altglyphdef",
    "altglyphitem",
    "animate",
    "animatecolor",
    "animatemotion",
    "animatetransform",
    "circle",
    "clippath",
    "color-profile",
    "cursor",
    "defs",
    "desc",
    "discard",
    "ellipse",
    "feblend",
    "fecolormatrix",
    "fecomponenttransfer",
    "fecomposite",
    "feconvolvematrix",
    "fediffuselighting",
    "fedisplacementmap",
    "fedistantlight",
    "fedropshadow",
    "feflood",
    "fefunca",
    "fefuncb",
    "fefuncg",
    "fefuncr",
    "fegaussianblur",
    "feimage",
    "femerge",
    "femergenode",
    "femorphology",
    "feoffset",
    "fepointlight",
    "fespecularlighting",
    "fespotlight",
    "fetile",
    "feturbulence",
    "filter",
    "font",
    "font-face",
    "font-face-format",
    "font-face-name",
    "font-face-src",
    "font-face-uri",
    "g",
    "glyph",
    "glyphref",
    "hatch",
    "hatchpath",
    "hkern",
    "image",
    "line",
    "lineargradient",
    "marker",
    "mask",
    "metadata",
    "missing-glyph",
    "mpath",
    "path",
    "pattern",
    "polygon",
    "polyline",
    "radialgradient",
    "rect",
    "set",
    "solidcolor",
    "stop",
    "style",
    "svg",
    "switch",
    "symbol",
    "text",
    "textpath",
    "title",
    "tref",
    "tspan",
    "use",
    "view",
    "vkern",
];

/// `text` with its numeric character references (`&#58;`, `&#x3a;`) written as the characters
/// they stand for.
fn decode_char_refs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let (hex, digits) = match after.strip_prefix('x') {
            Some(h) => (true, h),
            None => (false, after),
        };
        let len = digits
            .find(|c: char| {
                !(if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                })
            })
            .unwrap_or(digits.len());
        let decoded = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 })
            .ok()
            .and_then(char::from_u32);
        match decoded {
            Some(c) if len > 0 => {
                out.push(c);
                let tail = &digits[len..];
                rest = tail.strip_prefix(';').unwrap_or(tail);
            }
            _ => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The value of the attribute `name` of the `<svg>` tag, in double or single quotes.
fn svg_attr_text<'a>(svg: &'a str, name: &str) -> Option<&'a str> {
    let tag = &svg[svg.find("<svg")?..];
    let tag = &tag[..tag.find('>')?];
    let (at, quote) = ['"', '\''].into_iter().find_map(|quote| {
        let at = tag.find(&format!(" {name}={quote}"))?;
        Some((at + name.len() + 3, quote))
    })?;
    let value = &tag[at..];
    Some(&value[..value.find(quote)?])
}

fn svg_attr(svg: &str, name: &str) -> Option<u32> {
    svg_attr_text(svg, name)?
        .trim_end_matches("px")
        .parse()
        .ok()
}

/// The width and height of an SVG's `viewBox="0 0 640 360"`, rounded.
fn svg_view_box(svg: &str) -> Option<(u32, u32)> {
    let numbers: Vec<f64> = svg_attr_text(svg, "viewBox")?
        .split([' ', ','])
        .filter(|n| !n.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers[..] {
        [_, _, w, h] if w >= 1.0 && h >= 1.0 && w < 1e6 && h < 1e6 => {
            Some((w.round() as u32, h.round() as u32))
        }
        _ => None,
    }
}

/// The line (1-based) where `key = …` is written in a front matter starting at `front_line`.
fn find_line(text: &str, front_line: usize, key: &str) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(front_line - 1)
        .take_while(|(_, l)| l.trim_end() != "+++")
        .find(|(_, l)| value_of(l, key).is_some())
        .map(|(i, _)| i + 1)
}

/// The line of `key` in the front matter's table `[table]`, for a `field_path` of
/// `table.key` (`dates.completion_planned` under `[dates]`).
fn table_key_line(text: &str, front_line: usize, field_path: &str) -> Option<usize> {
    let (table, key) = field_path.split_once('.')?;
    let header = format!("[{table}]");
    let mut lines = text
        .lines()
        .enumerate()
        .skip(front_line - 1)
        .take_while(|(_, l)| l.trim_end() != "+++");
    lines.find(|(_, l)| l.trim() == header)?;
    lines
        .take_while(|(_, l)| !l.trim_start().starts_with('['))
        .find(|(_, l)| value_of(l, key).is_some())
        .map(|(i, _)| i + 1)
}

/// The line and column of the Markdown link to the page whose id is quoted first in `message`
/// (`"nope" is not a project id …`: a link to `/projects/nope`): the `[` of the first such
/// link in the body.
fn link_line(text: &str, message: &str) -> Option<(usize, usize)> {
    let id = message.strip_prefix('"')?.split('"').next()?;
    // Where such a link names it: an item's or a category's page, or a list's filter value.
    let (page, param) = [
        ("a project id", Some("projects"), None),
        ("an article id", Some("articles"), None),
        ("a category", Some("categories"), Some("category")),
        ("a tag", None, Some("tag")),
        ("an industry", None, Some("industry")),
        ("a district", None, Some("district")),
        ("a park", None, Some("park")),
        ("a status", None, Some("status")),
        ("a size", None, Some("size")),
        ("a year", None, Some("year")),
    ]
    .into_iter()
    .find_map(|(what, page, param)| message.contains(what).then_some((page, param)))?;
    let targets: Vec<String> = page
        .map(|list| format!("](/{list}/{id}"))
        .into_iter()
        .chain(param.map(|param| format!("{param}={id}")))
        .collect();
    let body = text.find("\n+++").map_or(0, |at| at + 4);
    let first = text[..body].lines().count();
    text[body..].lines().enumerate().find_map(|(i, line)| {
        // (ASCII capitals lowered: the same bytes, where the list reads `industry=NOPE` too.)
        let lower = line.to_ascii_lowercase();
        let at = targets
            .iter()
            .filter_map(|t| lower.find(t.as_str()))
            .find(|&at| within_link(&lower, at))?;
        let column = line[..at]
            .rfind('[')
            .map_or(0, |b| line[..b].chars().count());
        Some((first + i + usize::from(body == 0), column + 1))
    })
}

/// Adds a paragraph to the text of the quote being read: paragraphs apart by a blank line,
/// lines within one by a line break.
fn quote_paragraph(quote: &mut String, paragraph: &str) {
    if !quote.is_empty() {
        quote.push_str("\n\n");
    }
    quote.push_str(paragraph);
}

/// Whether the text at `at` of `line` lies inside a Markdown link's address, `](…)`.
fn within_link(line: &str, at: usize) -> bool {
    line[..at]
        .rfind("](")
        .is_some_and(|open| !line[open..at].contains(')'))
        || line[at..].starts_with("](")
}

/// The year, month and number of days of that month, when `value` is a date as TOML writes one
/// (`2026-02-30`, quoted or not) on a day the month does not have.
fn missing_day(value: &str) -> Option<(i32, u32, u32)> {
    let (year, month, day) = date_fields(value)?;
    let (year, month, day) = (
        year.parse::<i32>().ok()?,
        month.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?,
        day.parse::<u8>().ok()?,
    );
    let days = parkreader_core::date::days_in_month(year, month);
    (day > days).then_some((year, month.into(), days.into()))
}

/// When the file `path` names is itself a symbolic link to `real`, outside the content folder:
/// what to say and how to mend it. (Said as the folder it lies in, it read as if the path
/// shown were outside.)
fn symlink_outside(path: &Path, real: &Path) -> Option<(String, String)> {
    fs::symlink_metadata(path)
        .is_ok_and(|m| m.file_type().is_symlink())
        .then(|| {
            (
                format!(
                    "is a symbolic link to {}, outside the content folder",
                    real.display()
                ),
                "the build publishes only files inside the content folder: copy the file itself in place of the link".to_string(),
            )
        })
}

/// The month of a date written `YYYY-MM-DD` (perhaps quoted, perhaps with a time) whose month
/// is none of 1–12 (`2025-13-05`, a day and month swapped).
fn no_such_month(value: &str) -> Option<u32> {
    let (year, month, _) = date_fields(value)?;
    if !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = month.parse::<u32>().ok()?;
    (!(1..=12).contains(&month)).then_some(month)
}

/// The year, month and day of `value` written as a date is (`YYYY-MM-DD`, quoted or not,
/// perhaps with a time after it), as written, unread.
fn date_fields(value: &str) -> Option<(&str, &str, &str)> {
    let value = value.trim().trim_matches('"');
    let date = value.get(..10)?;
    let bytes = date.as_bytes();
    (bytes[4] == b'-' && bytes[7] == b'-').then(|| (&date[..4], &date[5..7], &date[8..]))
}

/// `YYYY-MM` alone (perhaps quoted): a month written for a date.
fn month_alone(value: &str) -> Option<&str> {
    let value = value.trim().trim_matches('"');
    let bytes = value.as_bytes();
    (bytes.len() == 7
        && bytes[4] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || b.is_ascii_digit()))
    .then_some(value)
}

/// The first full-width character that stands for TOML's syntax in `value` (outside its
/// quoted text): `［` `］` `【` `】` `，` or a full-width digit, as an input method types them.
fn full_width_syntax(value: &str) -> Option<char> {
    let mut quoted = false;
    value.chars().find(|&c| {
        if c == '"' {
            quoted = !quoted;
        }
        !quoted && matches!(c, '［' | '］' | '【' | '】' | '，' | '０'..='９')
    })
}

/// Maps a bundle problem (`articles[3].category: …`) to the file and line it comes from.
/// A bundle problem's message as a content folder's author reads it: another item named by its
/// file rather than by `articles[3]`, and a missing body as the text below the front matter.
/// The date `value` stands for when written as Chinese text writes one (`2024年3月5日`,
/// `"2024/3/5"`, `2024.3.5`), as TOML writes it: `2024-03-05`.
fn written_date(value: &str) -> Option<String> {
    let value = value.trim().trim_matches('"');
    let numbers: Vec<&str> = value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    let separators_only = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '年' | '月' | '日' | '/' | '.' | '-' | ' '));
    let [year, month, day] = numbers[..] else {
        return None;
    };
    let (month, day) = (month.parse::<u32>().ok()?, day.parse::<u32>().ok()?);
    (separators_only && year.len() == 4 && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year}-{month:02}-{day:02}"))
}

/// A duplicate id (`articles[3].id`: `"x" is already the id of articles[1]`) told on the file
/// that set `id = "x"`, at that line, when the other only has it as its name: the file whose
/// name it is did nothing wrong.
fn declared_id_blamed(
    path: &str,
    message: &str,
    articles: &[Source],
    projects: &[Source],
) -> (String, String) {
    let swapped = || {
        let (list, sources) = if path.starts_with("articles[") {
            ("articles", articles)
        } else {
            ("projects", projects)
        };
        let later: usize = path
            .strip_prefix(list)?
            .strip_prefix('[')?
            .strip_suffix("].id")?
            .parse()
            .ok()?;
        let (quoted, first) = message.split_once(" is already the id of ")?;
        let first: usize = first
            .strip_prefix(list)?
            .strip_prefix('[')?
            .strip_suffix(']')?
            .parse()
            .ok()?;
        let declares = |i: usize| {
            sources
                .get(i)
                .is_some_and(|s| declared_id(&s.text).is_some())
        };
        (declares(first) && !declares(later)).then(|| {
            (
                format!("{list}[{first}].id"),
                format!("{quoted} is already the id of {list}[{later}]"),
            )
        })
    };
    swapped().unwrap_or_else(|| (path.to_string(), message.to_string()))
}

fn in_content_terms(path: &str, message: &str, articles: &[Source], projects: &[Source]) -> String {
    if (path.ends_with("].body") || path.ends_with("].description"))
        && message.starts_with("missing")
    {
        let what = if path.starts_with("projects[") {
            "project's description"
        } else {
            "article's text"
        };
        return format!("no text below the front matter; write the {what} after the closing `+++`");
    }
    let mut out = String::new();
    let mut rest = message;
    while let Some(at) = rest.find("articles[").or_else(|| rest.find("projects[")) {
        let (list, after) = if rest[at..].starts_with("articles[") {
            (articles, &rest[at + "articles[".len()..])
        } else {
            (projects, &rest[at + "projects[".len()..])
        };
        let named = after.split_once(']').and_then(|(n, tail)| {
            let file = list.get(n.parse::<usize>().ok()?)?.path.file_name()?;
            Some((file.to_string_lossy().into_owned(), tail))
        });
        out.push_str(&rest[..at]);
        match named {
            Some((file, tail)) => {
                out.push_str(&file);
                rest = tail;
            }
            None => {
                out.push_str(&rest[at..at + 9]);
                rest = &rest[at + 9..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// For a reference to a taxonomy entry that does not exist: the ids site.toml has in that list.
fn taxonomy_help<'a>(message: &str, bundle: &'a Bundle) -> Option<String> {
    let list = message.split("taxonomies.").nth(1)?;
    let list: String = list
        .chars()
        .take_while(|c| c.is_ascii_lowercase())
        .collect();
    let t = &bundle.taxonomies;
    // Each entry's id, name and English name.
    let term =
        |e: &'a parkreader_core::Term| (e.id.as_str(), e.name.as_str(), e.name_en.as_deref());
    let entries: Vec<(&str, &str, Option<&str>)> = match list.as_str() {
        "categories" => t.categories.iter().map(term).collect(),
        "tags" => t.tags.iter().map(term).collect(),
        "industries" => t.industries.iter().map(term).collect(),
        "districts" => t.districts.iter().map(term).collect(),
        "parks" => t
            .parks
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str(), e.name_en.as_deref()))
            .collect(),
        "statuses" => t
            .statuses
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str(), e.name_en.as_deref()))
            .collect(),
        _ => return None,
    };
    // `category = "政策解读"`: the entry's name, where its id is asked for.
    let value = message
        .strip_prefix('"')
        .and_then(|rest| rest.split_once('"'))
        .map(|(value, _)| value.trim());
    if let Some((id, ..)) = value.and_then(|value| {
        entries.iter().find(|(_, name, en)| {
            *name == value || en.is_some_and(|en| en.eq_ignore_ascii_case(value))
        })
    }) {
        return Some(format!(
            "\"{}\" is the name of `{id}` in site.toml's {list}: write its id, \"{id}\"",
            value.unwrap_or_default()
        ));
    }
    let ids: Vec<&str> = entries.iter().map(|(id, ..)| *id).collect();
    let shown = ids.iter().take(20).copied().collect::<Vec<_>>().join(", ");
    let more = if ids.len() > 20 { ", …" } else { "" };
    Some(if ids.is_empty() {
        format!("site.toml has no [[taxonomies.{list}]] yet: add the entry there")
    } else {
        format!("use one of site.toml's {list}: {shown}{more}; or add the entry there")
    })
}

/// True when the problem at the bundle path `path` (`projects[2].dates.signed`) lies in a
/// field its file had wrong or missing, whose value is a stand-in (see [`Source::stand_ins`]).
fn stood_in(path: &str, articles: &[Source], projects: &[Source]) -> bool {
    let in_list = |prefix: &str, list: &[Source]| {
        let Some((index, field_path)) = path.strip_prefix(prefix).and_then(|r| r.split_once(']'))
        else {
            return false;
        };
        let field_path = field_path.trim_start_matches('.');
        index
            .parse::<usize>()
            .ok()
            .and_then(|i| list.get(i))
            .is_some_and(|source| {
                source.stand_ins.iter().any(|field| {
                    field_path
                        .strip_prefix(field.as_str())
                        .is_some_and(|after| {
                            after.is_empty() || after.starts_with('.') || after.starts_with('[')
                        })
                })
            })
    };
    in_list("articles[", articles) || in_list("projects[", projects)
}

/// What a path into a body's blocks (`.body[7].items[1]`) is to the writer, who sees the
/// block's line: `the text`, `item 2 of the list` (`row 2 of the table`, for a `table`, whose
/// rows are a list's items); None for other parts.
fn body_part(field_path: &str, table: bool) -> Option<String> {
    let (_, part) = field_path.split_once("].")?;
    match part {
        "text" => Some("the text".into()),
        "caption" => Some("the caption".into()),
        _ => {
            let item = part.strip_prefix("items[")?.strip_suffix(']')?;
            let n = item.parse::<usize>().ok()? + 1;
            Some(if table {
                format!("row {n} of the table")
            } else {
                format!("item {n} of the list")
            })
        }
    }
}

fn locate(
    path: &str,
    message: &str,
    site: &Path,
    articles: &[Source],
    projects: &[Source],
) -> Diagnostic {
    let item = |prefix: &str, list: &[Source]| -> Option<Diagnostic> {
        let rest = path.strip_prefix(prefix)?;
        let (index, field_path) = rest.split_once(']')?;
        let source = list.get(index.parse::<usize>().ok()?)?;
        let field = field_path
            .trim_start_matches('.')
            .split(['.', '['])
            .next()
            .unwrap_or("");
        let in_body = matches!(field, "body" | "description");
        let line = if in_body {
            // `body[7].text`: where that block starts.
            field_path
                .trim_start_matches('.')
                .strip_prefix(field)
                .and_then(|rest| rest.strip_prefix('['))
                .and_then(|rest| rest.split_once(']'))
                .and_then(|(n, _)| source.block_lines.get(n.parse::<usize>().ok()?).copied())
        } else {
            table_key_line(
                &source.text,
                source.front_line,
                field_path.trim_start_matches('.'),
            )
            .or_else(|| find_line(&source.text, source.front_line, field))
        };
        // An id or slug the front matter does not set is the file's name: the file is what
        // to change, not a line of it.
        let from_name = matches!(field, "id" | "slug") && line.is_none();
        // A link in the text to a page the site does not have: the line of the link.
        let link = (in_body && field_path.contains(".links["))
            .then(|| link_line(&source.text, message))
            .flatten();
        Some(Diagnostic {
            file: source.path.clone(),
            line: link.map(|(l, _)| l).or(line).unwrap_or(if in_body || from_name {
                usize::from(from_name)
            } else {
                source.front_line
            }),
            column: link.map_or(1, |(_, c)| c),
            message: if field_path.is_empty() {
                message.to_string()
            } else if link.is_some() {
                format!("a link in the text: {message}")
            } else if let Some(part) = line.filter(|_| in_body).and_then(|line| {
                let table = source.text.lines().nth(line - 1)?.trim_start().starts_with('|');
                body_part(field_path, table)
            }) {
                match message.strip_prefix("is ") {
                    Some(rest) => format!("{part} is {rest}"),
                    None => format!("{part}: {message}"),
                }
            } else if from_name {
                format!("{field} (the file's name): {message}")
            } else {
                format!("{}: {message}", field_path.trim_start_matches('.'))
            },
            help: from_name.then(|| {
                if message.contains("is already the id of") {
                    format!("two files have this name: rename one (its name is also its address), or set `{field} = \"…\"` in its front matter")
                } else {
                    format!("rename the file with lowercase letters, digits and `-` (its name is also its address), or set `{field} = \"…\"` in its front matter")
                }
            }),
        })
    };
    item("articles[", articles)
        .or_else(|| item("projects[", projects))
        .unwrap_or_else(|| {
            let text = fs::read_to_string(site).unwrap_or_default();
            Diagnostic {
                file: site.to_path_buf(),
                line: site_line(&text, path)
                    .or_else(|| find_line(&text, 1, path.rsplit(['.', ']']).next().unwrap_or("")))
                    .unwrap_or(0),
                column: 1,
                message: format!("{path}: {message}"),
                help: None,
            }
        })
}

/// The line of site.toml that the bundle path `path` names: `taxonomies.tags[1].id` is the
/// `id` under the second `[[taxonomies.tags]]`, `site.contact.hotline` the `hotline` under
/// `[site.contact]`; the table's header when the key is not found under it.
fn site_line(text: &str, path: &str) -> Option<usize> {
    let (header, nth, key) = match path.split_once('[') {
        Some((table, rest)) => {
            let (index, key) = rest.split_once(']')?;
            (
                format!("[[{table}]]"),
                index.parse().ok()?,
                key.trim_start_matches('.'),
            )
        }
        None => {
            let (table, key) = path.rsplit_once('.')?;
            (format!("[{table}]"), 0, key)
        }
    };
    let key = key.split(['.', '[']).next().unwrap_or("");
    let lines: Vec<&str> = text.lines().collect();
    let Some((start, _)) = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .nth(nth)
    else {
        // Written inline, `categories = [ { id = … }, { id = … } ]`: the line of its
        // `nth` `{`.
        let list = header.trim_matches(['[', ']']).rsplit('.').next()?;
        let at = text.find(&format!("\n{list} = ["))? + 1;
        let (brace, _) = text[at..].match_indices('{').nth(nth)?;
        return Some(text[..at + brace].lines().count());
    };
    let under = lines
        .iter()
        .enumerate()
        .skip(start + 1)
        .take_while(|(_, l)| !l.trim_start().starts_with('['))
        .find(|(_, l)| !key.is_empty() && value_of(l, key).is_some());
    Some(under.map_or(start, |(i, _)| i) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers written as a Chinese text writes them, read as the number meant.
    #[test]
    fn numbers_with_units_and_separators_are_read_for_their_help() {
        for (value, number) in [
            ("95亩", Some("95")),
            ("500万", Some("5000000")),
            ("3.2亿吨", Some("320000000")),
            ("1.25万", Some("12500")),
            ("3.5亩", Some("3.5")),
            ("1.23456万", Some("1.23456")),
            ("0万", Some("0")),
            ("95", None),
            ("95 mu", None),
            ("亩95", None),
            (".5亩", None),
        ] {
            assert_eq!(with_unit(value).as_deref(), number, "{value}");
        }
        for (value, number) in [
            ("1,532", Some("1532")),
            ("12,000,000", Some("12000000")),
            ("1532", None),
            ("1,53", None),
            ("1234,567", None),
            ("\"a,b\"", None),
        ] {
            assert_eq!(with_separators(value).as_deref(), number, "{value}");
        }
        assert!(is_time_alone("09:30:00") && is_time_alone("09:30") && is_time_alone("\"09:30\""));
        assert!(!is_time_alone("2024-03-05") && !is_time_alone("9:30") && !is_time_alone("09"));
    }

    /// The placeholders warned of are the templates' own: a template edited without them would
    /// let its new text through unwarned.
    #[test]
    fn the_placeholders_are_the_templates_values() {
        let templates = [
            include_str!("templates/site.toml"),
            include_str!("templates/article.md"),
            include_str!("templates/project.md"),
        ]
        .concat();
        for (_, value) in PLACEHOLDERS {
            assert!(templates.contains(&format!("\"{value}\"")), "{value}");
        }
        assert!(templates.contains(&format!("base_url = \"{TEMPLATE_BASE_URL}\"")));
    }

    #[test]
    fn an_svg_as_drawing_programs_save_it_is_published() {
        let inkscape = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<!-- Created with Inkscape (http://www.inkscape.org/) -->\n<svg width=\"210mm\" height=\"297mm\" viewBox=\"0 0 210 297\" version=\"1.1\" id=\"svg5\" inkscape:version=\"1.2\" sodipodi:docname=\"park.svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:svg=\"http://www.w3.org/2000/svg\" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:cc=\"http://creativecommons.org/ns#\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<sodipodi:namedview id=\"namedview7\" pagecolor=\"#ffffff\" inkscape:zoom=\"0.7\" />\n<defs id=\"defs2\"><linearGradient id=\"g\"><stop offset=\"0\" style=\"stop-color:#0b5cab\" /></linearGradient><style>.a{fill:url(#g)}</style></defs>\n<metadata><rdf:RDF><cc:Work rdf:about=\"\"><dc:format>image/svg+xml</dc:format></cc:Work></rdf:RDF></metadata>\n<g inkscape:label=\"Layer 1\" inkscape:groupmode=\"layer\"><svg:rect class=\"a\" width=\"10\" height=\"10\" /><use xlink:href=\"#g\" /><a href=\"https://www.example.gov.cn/\"><text>园区</text></a></g>\n</svg>\n";
        assert_eq!(svg_script(inkscape), None);
        assert_eq!(svg_undefined_entity(inkscape), None);
        assert_eq!(
            svg_undefined_entity("<svg><a href=\"  JAVASCRIPT&colon;alert(1)\"/></svg>"),
            Some("colon")
        );
        assert_eq!(
            svg_undefined_entity(
                "<svg><text>A &amp; B &#58; &lt;&gt;&quot;&apos; & c</text></svg>"
            ),
            None
        );
        let illustrator = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg version=\"1.1\" id=\"Layer_1\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" x=\"0px\" y=\"0px\" viewBox=\"0 0 100 100\" xml:space=\"preserve\">\n<style type=\"text/css\">\n\t.st0{fill:#0B5CAB;}\n</style>\n<polygon class=\"st0\" points=\"0,0 100,0 50,100\"/>\n</svg>\n";
        assert_eq!(svg_script(illustrator), None);
        // A declaration anywhere but at the start is a processing instruction like any other.
        assert!(svg_script(
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><?xml version=\"1.0\"?></svg>"
        )
        .is_some());
    }

    #[test]
    fn an_svg_is_sized_by_its_attributes_or_its_view_box() {
        let svg = |attrs: &str| {
            format!("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" {attrs}><g/></svg>")
        };
        assert_eq!(
            svg_attr(&svg("width=\"640px\" height='360'"), "width"),
            Some(640)
        );
        assert_eq!(
            svg_attr(&svg("width=\"640px\" height='360'"), "height"),
            Some(360)
        );
        assert_eq!(
            svg_view_box(&svg("viewBox=\"0 0 320.4 180\"")),
            Some((320, 180))
        );
        assert_eq!(svg_view_box(&svg("viewBox='0,0,24,24'")), Some((24, 24)));
        assert_eq!(svg_view_box(&svg("viewBox=\"0 0 0 10\"")), None);
        assert_eq!(svg_view_box(&svg("width=\"50%\"")), None);
    }

    #[test]
    fn a_web_address_keeps_the_brackets_it_opened() {
        let hrefs = |text: &str| -> Vec<String> {
            with_web_addresses(text, Vec::new())
                .into_iter()
                .map(|l| l.href)
                .collect()
        };
        assert_eq!(
            hrefs("网址（https://example.org/a_(b)）"),
            ["https://example.org/a_(b)"]
        );
        assert_eq!(hrefs("(见http://a.cn/x)。"), ["http://a.cn/x"]);
        assert_eq!(
            hrefs("见https://a.cn/wiki/A_(B)_(C))."),
            ["https://a.cn/wiki/A_(B)_(C)"]
        );
        assert_eq!(hrefs("[https://a.cn/x]"), ["https://a.cn/x"]);
    }

    /// A JPEG of `width` × `height` (its frame header only), with an EXIF orientation when
    /// given, in big- or little-endian EXIF.
    fn jpeg(width: u16, height: u16, orientation: Option<u16>, big: bool) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        if let Some(o) = orientation {
            let w16 = |v: u16| {
                if big {
                    v.to_be_bytes()
                } else {
                    v.to_le_bytes()
                }
            };
            let w32 = |v: u32| {
                if big {
                    v.to_be_bytes()
                } else {
                    v.to_le_bytes()
                }
            };
            let mut tiff = if big { b"MM".to_vec() } else { b"II".to_vec() };
            tiff.extend(w16(42));
            tiff.extend(w32(8));
            tiff.extend(w16(2));
            // Another tag first, then the orientation (type SHORT, count 1).
            tiff.extend(w16(0x010F));
            tiff.extend(w16(2));
            tiff.extend(w32(4));
            tiff.extend(*b"abc\0");
            tiff.extend(w16(0x0112));
            tiff.extend(w16(3));
            tiff.extend(w32(1));
            tiff.extend(w16(o));
            tiff.extend([0, 0]);
            tiff.extend(w32(0));
            let mut segment = b"Exif\0\0".to_vec();
            segment.extend(tiff);
            out.extend([0xFF, 0xE1]);
            out.extend(u16::try_from(segment.len() + 2).unwrap().to_be_bytes());
            out.extend(segment);
        }
        // Baseline frame: precision, height, width, one component.
        out.extend([0xFF, 0xC0, 0x00, 0x0B, 0x08]);
        out.extend(height.to_be_bytes());
        out.extend(width.to_be_bytes());
        out.extend([0x01, 0x01, 0x11, 0x00]);
        out.extend([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        out.extend([0x00, 0xFF, 0xD9]);
        out
    }

    #[test]
    fn raster_sizes_come_from_the_header_upright() {
        // PNG: the signature, then IHDR's width and height.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(640u32.to_be_bytes());
        png.extend(360u32.to_be_bytes());
        png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(raster_size(&png), Some((640, 360)));
        // A JPEG 1200 × 800 as stored, with no orientation or one of them, in either byte
        // order: stored sideways (6: turn clockwise; 8: anticlockwise), it shows 800 × 1200.
        for (orientation, big, shown) in [
            (None, true, (1200, 800)),
            (Some(1), false, (1200, 800)),
            (Some(3), false, (1200, 800)),
            (Some(6), true, (800, 1200)),
            (Some(8), false, (800, 1200)),
        ] {
            let image = jpeg(1200, 800, orientation, big);
            assert_eq!(raster_size(&image), Some(shown), "{orientation:?}");
        }
        // Not an image, or cut short: no size, and no error either.
        assert_eq!(raster_size(b"not an image"), None);
        assert_eq!(raster_size(&jpeg(1200, 800, Some(6), true)[..20]), None);
    }
}
