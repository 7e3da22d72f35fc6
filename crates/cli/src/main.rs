//! `parkreader`: the native command line beside the reader.
//!
//! - `build` turns a content folder and the built app into the deployable site (`build.rs`).
//! - `check FILE` validates a bundle and lists every problem with its JSON path.
//! - `schema` prints the bundle's JSON Schema (the source of docs/bundle.schema.json).
//! - `serve DIR` serves a built site on 127.0.0.1 for previews and end-to-end tests.
//! - `generate` writes a deterministic corpus of any size; `bench-search` measures search on it.

use parkreader_cli::{bench, build, content, generate, import, prerender, serve};

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "parkreader",
    version,
    about = "Tools for parkreader sites: check bundles, print the schema, preview a build"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What `new` writes.
#[derive(Clone, Copy, clap::ValueEnum)]
enum NewKind {
    /// An article (content/articles/ID.md).
    Article,
    /// An investment project (content/projects/ID.md).
    Project,
    /// A new content folder, ID being its path: site.toml, a first article and a first
    /// project, which `check` passes and `build` publishes.
    Site,
}

#[derive(Subcommand)]
enum Command {
    /// Build the deployable site: read the content (every problem as file:line:column, and
    /// nothing written if there is one), put it beside the app, prerender a page for every
    /// route, and write the manifest, sitemap.xml, feed.xml, robots.txt, service worker and
    /// .br/.gz copies. OUT is replaced only when all of that succeeded.
    Build {
        /// A content folder (with site.toml), or a bundle file whose body files and images
        /// sit in the data/ and media/ folders beside it.
        #[arg(default_value = "content")]
        content: PathBuf,
        /// The app as Trunk built it (`trunk build --release --public-url BASE --dist APP`),
        /// with BASE the site's path from site.toml's base_url (`parkreader base-path`). Its
        /// compressed copies are kept in APP.compressed/ beside it for the next build.
        #[arg(long)]
        app: PathBuf,
        /// The folder to write; upload it to any static host.
        #[arg(short, long, default_value = "dist")]
        out: PathBuf,
    },
    /// Validate a content folder (every problem as file:line:column) or a bundle file (every
    /// problem with its JSON path). Exits non-zero when anything is wrong.
    Check {
        /// A content folder (with site.toml) or a bundle, e.g. public/data/bundle.json.
        path: PathBuf,
    },
    /// Read a content folder (site.toml, articles/*.md, projects/*.md; see docs/content.md)
    /// into a bundle file, with its images copied under their content hashes.
    Bundle {
        /// The content folder.
        #[arg(default_value = "content")]
        content: PathBuf,
        /// Where to write the bundle; images, attachments and body files go to the `media/`,
        /// `files/` and `data/articles/` folders of the site it is in: beside its `data/` folder
        /// (`site/data/bundle.json` → `site/media/`), or beside the bundle when it is not in a
        /// `data/` folder (`./bundle.json` → `./media/`).
        #[arg(long, short, default_value = "public/data/bundle.json")]
        out: PathBuf,
    },
    /// Write a bundle file out as a content folder (site.toml, articles/*.md, projects/*.md,
    /// media/), for sites that start from JSON.
    Import {
        /// The bundle; its /media/ and /data/ files are found beside its data/ folder.
        bundle: PathBuf,
        /// The content folder to write.
        #[arg(long, default_value = "content")]
        out: PathBuf,
    },
    /// Write a new article or project file with every field to fill in, as a draft (`draft =
    /// true`: left out of the site until that line is deleted).
    New {
        /// `article`, `project`, or `site` (a whole new content folder).
        #[arg(value_enum)]
        kind: NewKind,
        /// An article's or project's id, also the file name (lowercase letters, digits and
        /// `-`); for `site`, the folder to create (e.g. `content`).
        id: String,
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// Print the JSON Schema of bundle format v1.
    Schema,
    /// Serve a built site (dist/) over HTTP on the loopback address.
    Serve {
        /// The folder to serve.
        #[arg(default_value = "dist")]
        dir: PathBuf,
        /// Port to listen on; 0 picks a free one (printed on start).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to bind.
        #[arg(long, default_value = "127.0.0.1")]
        address: String,
        /// Answer unknown paths without a file extension with the app shell (404.html, else
        /// index.html) and status 200, like hosts with a single-page-app rewrite. A prerendered
        /// build does not need it: unknown paths then get 404.html with status 404.
        #[arg(long)]
        spa: bool,
        /// Serve the site under this path, as a host would for https://example.org/reader/.
        /// Default: the path the site was built for (its base_url's), else `/`.
        #[arg(long)]
        base: Option<String>,
    },
    /// Write a static page for every route of a built site (dist/), with the real content.
    Prerender {
        /// The built site; its 404.html is the template and data/bundle.json the content.
        #[arg(default_value = "dist")]
        dist: PathBuf,
    },
    /// Print the path a site is published under (from its base_url), e.g. `/reader/`.
    BasePath {
        /// A content folder (its site.toml) or a bundle.
        file: PathBuf,
    },
    /// Write a generated bundle of realistic Chinese articles and projects (same seed, same bundle).
    Generate {
        /// Number of articles; projects are one per ten articles.
        #[arg(long, default_value_t = 1000)]
        articles: usize,
        /// Random seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Where to write the bundle JSON.
        #[arg(long)]
        out: PathBuf,
    },
    /// Measure index build time, memory and query+filter latency (p50/p95) on generated corpora.
    BenchSearch {
        /// Corpus sizes in articles, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
        sizes: Vec<usize>,
        /// Random seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { path } if path.is_dir() => match content::load(&path) {
            Ok(c) => {
                warn(&c.warnings);
                println!(
                    "{}: ok — {}, {}, {}{}",
                    path.display(),
                    counted(c.bundle.articles.len(), "article"),
                    counted(c.bundle.projects.len(), "project"),
                    counted(c.assets.len(), "image or attachment file"),
                    drafts_note(c.drafts)
                );
                ExitCode::SUCCESS
            }
            // `check` writes nothing, so it does not say so.
            Err(problems) => report(&problems, ""),
        },
        Command::Check { path } => check(&path),
        Command::Build { content, app, out } => {
            stop_cleanly(&out);
            match build::build(&content, &app, &out) {
                Ok(built) => {
                    warn(&built.warnings);
                    println!(
                        "{}/ ready for {}: {}, {}, {}{}",
                        out.display(),
                        built.base,
                        counted(built.articles, "article"),
                        counted(built.projects, "project"),
                        counted(built.pages, "page"),
                        drafts_note(built.drafts)
                    );
                    ExitCode::SUCCESS
                }
                Err(build::BuildError::Content(problems)) => {
                    report(&problems, "; nothing was written")
                }
                Err(build::BuildError::Io(e)) => {
                    eprintln!(
                        "error: {e}\nerror: the build stopped; {} was not changed",
                        out.display()
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Bundle { content, out } => match content::load(&content) {
            Ok(c) => match content::write(&c, &out) {
                Ok(()) => {
                    warn(&c.warnings);
                    // The bundle keeps no old address but a renamed item's old id (`moved`):
                    // only a build of the content folder writes the others' pages.
                    let left_out = c.redirects.len().saturating_sub(
                        c.bundle.moved.articles.len() + c.bundle.moved.projects.len(),
                    );
                    if left_out > 0 {
                        eprintln!(
                            "warning: the bundle leaves out the old addresses in `aliases` ({left_out} in all) other than renamed items' old ids\n  = help: build the site from the content folder (`parkreader build {}`) to publish the pages that send them on; a site built from this bundle, or content imported from it, has none\n",
                            content.display()
                        );
                    }
                    let site = build::site_root(&out);
                    println!(
                        "wrote {} ({}, {}, {}; its files are under {})",
                        out.display(),
                        counted(c.bundle.articles.len(), "article"),
                        counted(c.bundle.projects.len(), "project"),
                        counted(c.assets.len(), "image or attachment file"),
                        if site.as_os_str() == "." {
                            "./".into()
                        } else {
                            format!("{}/", site.display())
                        }
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            },
            Err(problems) => report(&problems, "; nothing was written"),
        },
        Command::New { kind, id, content } => scaffold(kind, &id, &content, true),
        Command::Import { bundle, out } => match import::import(&bundle, &out) {
            Ok(n) => {
                println!("wrote {n} files into {}", out.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Schema => {
            println!("{}", schema_json());
            ExitCode::SUCCESS
        }
        Command::Generate {
            articles,
            seed,
            out,
        } => {
            let bundle = generate::corpus(articles, seed);
            let json = serde_json::to_string(&bundle).expect("a bundle serialises");
            let folder = out.parent().filter(|p| !p.as_os_str().is_empty());
            match folder
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&out, json))
            {
                Ok(()) => {
                    println!(
                        "wrote {} ({}, {})",
                        out.display(),
                        counted(bundle.articles.len(), "article"),
                        counted(bundle.projects.len(), "project")
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", out.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Prerender { dist } => match prerender::prerender(&dist) {
            Ok(n) => {
                println!("prerendered {n} pages into {}", dist.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::BasePath { file } => {
            let base_url = if file.is_dir() {
                content::base_url(&file)
            } else {
                std::fs::read_to_string(&file)
                    .map_err(|e| e.to_string())
                    .and_then(|t| parkreader_core::parse_bundle(&t).map_err(|e| e.to_string()))
                    .map(|b| b.site.base_url)
            };
            // A base_url `check` refuses gives no path (`…/reader/index.html` gave one).
            let base_url = base_url.and_then(
                |url| match parkreader_core::validate::base_url_error(&url) {
                    Some(message) => Err(format!("site.base_url: {message}")),
                    None => Ok(url),
                },
            );
            match base_url {
                Ok(url) => {
                    println!("{}/", parkreader::state::BasePath::from_base_url(&url).0);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{}: {e}", file.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::BenchSearch { sizes, seed } => {
            bench::run(&sizes, seed);
            ExitCode::SUCCESS
        }
        Command::Serve {
            dir,
            port,
            address,
            spa,
            base,
        } => match serve::serve(&dir, &address, port, spa, base.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// `; 2 drafts left out` when any were.
/// On Ctrl-C (or SIGTERM, SIGHUP) during `build`: the unfinished copy of the site is removed
/// and `out` left as it was, said so, exit status 130. Without it the copy stayed beside `out`
/// until a build an hour later removed it. If the handler cannot be set, the build runs
/// without it.
fn stop_cleanly(out: &Path) {
    let out = out.to_path_buf();
    let _ = ctrlc::set_handler(move || {
        build::stop();
        eprintln!(
            "\nerror: the build was stopped; {} was not changed",
            out.display()
        );
        std::process::exit(130);
    });
}

fn drafts_note(drafts: usize) -> String {
    match drafts {
        0 => String::new(),
        n => format!("; {} left out", counted(n, "draft")),
    }
}

/// Prints every problem, rustc-style, in the order of the files and of the lines in each (as
/// an author fixes them, top to bottom), and a count; the exit code says it failed.
fn report(problems: &content::Problems, then: &str) -> ExitCode {
    // Warnings first: the problems, and the count of them, end what is printed.
    warn(&problems.warnings);
    let diagnostics = &problems.errors;
    let mut in_order: Vec<&content::Diagnostic> = diagnostics.iter().collect();
    in_order.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    // At most so many of one file's problems are printed: a file pasted wrong can have
    // thousands, which buried every other file's (50,003 for one line of `**`).
    const PER_FILE: usize = 30;
    for file in in_order.chunk_by(|a, b| a.file == b.file) {
        for d in file.iter().take(PER_FILE) {
            eprintln!("{d}\n");
        }
        if file.len() > PER_FILE {
            eprintln!(
                "{}: … and {} more problems in this file, not shown; fix those above and check again\n",
                file[0].file.display(),
                file.len() - PER_FILE
            );
        }
    }
    eprintln!(
        "error: {} found{then}",
        counted(diagnostics.len(), "problem")
    );
    ExitCode::FAILURE
}

/// Prints what the content has that is likely a mistake but stopped nothing, as `report` does
/// problems.
fn warn(warnings: &[content::Diagnostic]) {
    for w in warnings {
        eprintln!("{}\n", w.warning());
    }
}

/// `1 article`, `2 articles`: a count with its noun (a regular English plural).
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `new site DIR`: a content folder to start from, with site.toml and a first article and
/// project from the templates, which pass `check` as they are.
fn new_site(dir: &std::path::Path) -> ExitCode {
    let site = dir.join("site.toml");
    if site.exists() {
        eprintln!("error: {} already exists", site.display());
        return ExitCode::FAILURE;
    }
    let written = ["articles", "projects", "media", "files"]
        .iter()
        .try_for_each(|folder| std::fs::create_dir_all(dir.join(folder)))
        .and_then(|()| std::fs::write(&site, include_str!("templates/site.toml")));
    if let Err(e) = written {
        eprintln!("error: cannot write {}: {e}", site.display());
        return ExitCode::FAILURE;
    }
    for (kind, id) in [
        (NewKind::Article, "first-article"),
        (NewKind::Project, "first-project"),
    ] {
        if scaffold(kind, id, dir, false) != ExitCode::SUCCESS {
            return ExitCode::FAILURE;
        }
    }
    println!(
        "wrote {}: edit site.toml, then write articles and projects (`parkreader new article ID --content {}`)",
        dir.display(),
        dir.display()
    );
    ExitCode::SUCCESS
}

/// Writes a new file of `kind` named `id` into `content`: a draft (`draft = true`), left out
/// of the site until its fields are filled in (a file left as written published 「标题」 at the
/// top of the list and the feed), unless `draft` is false (`new site`'s first files, which show
/// a new site as it will look).
fn scaffold(kind: NewKind, id: &str, content: &std::path::Path, draft: bool) -> ExitCode {
    if matches!(kind, NewKind::Site) {
        return new_site(std::path::Path::new(id));
    }
    let valid = !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        eprintln!(
            "error: `{id}` is not a valid id; use at most 80 lowercase letters, digits and `-`"
        );
        return ExitCode::FAILURE;
    }
    if !content.join("site.toml").is_file() {
        eprintln!(
            "error: {} has no site.toml; give the content folder with --content (docs/content.md shows one)",
            content.display()
        );
        return ExitCode::FAILURE;
    }
    let (folder, text) = match kind {
        NewKind::Article => ("articles", include_str!("templates/article.md")),
        NewKind::Project | NewKind::Site => ("projects", include_str!("templates/project.md")),
    };
    let today = std::process::Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| s.len() == 10)
        .unwrap_or_else(|| "2026-01-01".into());
    // Ids to start from: the first of each list in site.toml, else the sample's.
    let site: toml::Table = std::fs::read_to_string(content.join("site.toml"))
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or_default();
    let entries = |list: &str| -> &[toml::Value] {
        site.get("taxonomies")
            .and_then(|t| t.get(list))
            .and_then(|l| l.as_array())
            .map_or(&[], Vec::as_slice)
    };
    let id_of = |entry: &toml::Value| {
        entry
            .get("id")
            .and_then(|id| id.as_str())
            .map(str::to_string)
    };
    let first = |list: &str, fallback: &str| -> String {
        entries(list)
            .first()
            .and_then(id_of)
            .unwrap_or_else(|| fallback.to_string())
    };
    let signed_status = entries("statuses")
        .iter()
        .find(|s| s.get("stage").and_then(|v| v.as_str()) == Some("signed"))
        .and_then(id_of);
    let text = text
        .replace("{category}", &first("categories", "park-news"))
        .replace("{industry}", &first("industries", "new-materials"))
        .replace("{district}", &first("districts", "jinshan"))
        // Signed, as its `signed` date says (the first status may be 洽谈中, talks).
        .replace(
            "{status}",
            &signed_status.unwrap_or_else(|| first("statuses", "signed")),
        )
        .replace("{park}", &first("parks", "park-id"));
    let text = if draft {
        text
    } else {
        text.lines()
            .filter(|l| !l.starts_with("draft = true"))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let path = content.join(folder).join(format!("{id}.md"));
    if path.exists() {
        eprintln!("error: {} already exists", path.display());
        return ExitCode::FAILURE;
    }
    let result = std::fs::create_dir_all(content.join(folder))
        .and_then(|()| std::fs::write(&path, text.replace("{today}", &today)));
    match result {
        Ok(()) => {
            if draft {
                println!(
                    "wrote {} as a draft; fill in the fields, delete `draft = true`, then `parkreader check {}`",
                    path.display(),
                    content.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

fn check(file: &std::path::Path) -> ExitCode {
    // A file of a content folder named instead of the folder (`check content/site.toml`).
    let toml = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if content::is_markdown(file) || toml {
        let folder = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        let folder = match folder.file_name() {
            Some(name) if name == "articles" || name == "projects" => {
                folder.parent().unwrap_or(folder)
            }
            _ => folder,
        };
        eprintln!(
            "error: {} is a file of a content folder; check reads the whole folder, as build does: `parkreader check {}`",
            file.display(),
            folder.display()
        );
        return ExitCode::FAILURE;
    }
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    match parkreader_core::parse_bundle(&text) {
        Ok(b) => {
            println!(
                "{}: ok — {}, {}",
                file.display(),
                counted(b.articles.len(), "article"),
                counted(b.projects.len(), "project")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            ExitCode::FAILURE
        }
    }
}

/// The bundle's JSON Schema, pretty-printed.
fn schema_json() -> String {
    let schema = schemars::schema_for!(parkreader_core::Bundle);
    serde_json::to_string_pretty(&schema).expect("a schema serialises")
}
