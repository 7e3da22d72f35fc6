//! `parkreader build`: content (a folder, or a bundle file) and the app Trunk built become one
//! deployable folder, written beside the target and swapped in only when every step succeeded,
//! so a failed build leaves the previous site exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use parkreader_core::parse_bundle;

use crate::content::{self, Content, Diagnostic};

/// Why a build stopped. Nothing under `out` changed in either case.
#[derive(Debug)]
pub enum BuildError {
    /// The content has problems, each with its file, line and column.
    Content(Vec<Diagnostic>),
    /// Reading or writing failed.
    Io(io::Error),
}

impl From<io::Error> for BuildError {
    fn from(e: io::Error) -> Self {
        BuildError::Io(e)
    }
}

/// What a build wrote.
pub struct Built {
    /// Articles in the site.
    pub articles: usize,
    /// Projects in the site.
    pub projects: usize,
    /// Prerendered pages.
    pub pages: usize,
    /// The path the site is served under, e.g. `/` or `/reader/`.
    pub base: String,
}

/// Builds `source` with the app in `app` (Trunk's output, with its `index.html`) into `out`.
pub fn build(source: &Path, app: &Path, out: &Path) -> Result<Built, BuildError> {
    // Content first: a bad file stops the build before anything is written.
    let content = if source.is_dir() {
        content::load(source).map_err(BuildError::Content)?
    } else {
        bundle_file(source)?
    };
    if !app.join("index.html").is_file() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "{}: no index.html; build the app first (`trunk build --release --dist {}`, as scripts/dist.sh does)",
                app.display(),
                app.display()
            ),
        )
        .into());
    }
    let built = Built {
        articles: content.bundle.articles.len(),
        projects: content.bundle.projects.len(),
        pages: 0,
        base: format!(
            "{}/",
            parkreader::state::BasePath::from_base_url(&content.bundle.site.base_url).0
        ),
    };
    let Content {
        bundle,
        assets,
        bodies,
    } = content;
    let stage = sibling(out, "building")?;
    let result = (|| {
        // The app without its own sample data and images: this site's take their place.
        copy_dir(app, &stage, &["data", "media"])?;
        let cache = app.with_file_name(format!(
            "{}.compressed",
            app.file_name().unwrap_or_default().to_string_lossy()
        ));
        crate::offline::compressed_from_cache(&stage, &cache)?;
        content::copy_assets(&assets, &stage)?;
        // The plain app shell becomes 404.html: static hosts serve it for any path without a
        // file, such as a filtered list URL.
        fs::copy(stage.join("index.html"), stage.join("404.html"))?;
        // The bundle and bodies go from memory to their final, content-hashed files.
        // The site this build replaces: files in it that have not changed lend their
        // compressed copies.
        let previous = out.is_dir().then_some(out);
        let pages = crate::prerender::prerender_content(&stage, bundle, &bodies, previous)?;
        Ok::<usize, io::Error>(pages)
    })();
    let pages = match result {
        Ok(pages) => pages,
        Err(e) => {
            let _ = fs::remove_dir_all(&stage);
            return Err(e.into());
        }
    };
    swap_in(&stage, out)?;
    Ok(Built { pages, ..built })
}

/// A bundle file read as content: its body files and images are the files beside it (the
/// `data/` and `media/` folders of the site it belongs to).
fn bundle_file(path: &Path) -> Result<Content, BuildError> {
    let text = fs::read_to_string(path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    let bundle = parse_bundle(&text).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: {e}", path.display()),
        )
    })?;
    let site = path
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    let mut assets = Vec::new();
    let mut bodies = Vec::new();
    for article in &bundle.articles {
        if let Some(url) = &article.body_url {
            let file = site.join(url.trim_start_matches('/'));
            let json = fs::read_to_string(&file).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("{}: {e} (named by article {})", file.display(), article.id),
                )
            })?;
            bodies.push((url.clone(), json));
        }
    }
    let media = site.join("media");
    if media.is_dir() {
        for entry in fs::read_dir(&media)? {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                assets.push(content::Asset {
                    url: format!("/media/{}", entry.file_name().to_string_lossy()),
                    source: entry.path(),
                });
            }
        }
    }
    Ok(Content {
        bundle,
        assets,
        bodies,
    })
}

/// A path beside `out`, named after it and this process, with nothing there.
fn sibling(out: &Path, what: &str) -> io::Result<PathBuf> {
    let name = out
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{}: not a folder name", out.display())))?;
    let dir = out.with_file_name(format!(
        "{}.{what}-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    Ok(dir)
}

/// Replaces `out` with `stage` by two renames; the old site is deleted only afterwards.
fn swap_in(stage: &Path, out: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(stage, fs::Permissions::from_mode(0o755))?;
    }
    let old = sibling(out, "old")?;
    let had_old = out.exists();
    if had_old {
        fs::rename(out, &old)?;
    }
    if let Err(e) = fs::rename(stage, out) {
        if had_old {
            let _ = fs::rename(&old, out);
        }
        return Err(e);
    }
    if had_old {
        fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// Copies a folder tree, leaving out the top-level entries named in `skip`.
fn copy_dir(from: &Path, to: &Path, skip: &[&str]) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        if skip.iter().any(|s| entry.file_name() == *s) {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target, &[])?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
