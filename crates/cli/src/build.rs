//! `parkreader build`: content (a folder, or a bundle file) and the app Trunk built become one
//! deployable folder, written beside the target and swapped in only when every step succeeded,
//! so a failed build leaves the previous site exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use parkreader_core::parse_bundle;

use crate::content::{self, Content, Diagnostic};

/// Why a build stopped. Nothing under `out` changed in either case.
#[derive(Debug)]
pub enum BuildError {
    /// The content has problems, each with its file, line and column (and maybe warnings).
    Content(content::Problems),
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
    /// Content files left out as drafts.
    pub drafts: usize,
    /// What the content has that is likely a mistake but did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Builds `source` with the app in `app` (Trunk's output, with its `index.html`) into `out`.
pub fn build(source: &Path, app: &Path, out: &Path) -> Result<Built, BuildError> {
    // Content first: a bad file stops the build before anything is written.
    let content = if source.is_dir() {
        content::load(source).map_err(BuildError::Content)?
    } else {
        bundle_file(source)?
    };
    if app.join("site.toml").is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{}: this is a content folder (it has site.toml), not the app: --app names the folder of the built app, with its index.html, which scripts/dist.sh makes",
                app.display()
            ),
        )
        .into());
    }
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
    let base = format!(
        "{}/",
        parkreader::state::BasePath::from_base_url(&content.bundle.site.base_url).0
    );
    let shell = fs::read_to_string(app.join("index.html"))?;
    if let Some(app_base) = app_base(&shell).filter(|b| *b != base) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{}: the app was built for the path {app_base}, but site.base_url puts the site under {base}; build the app for it (`trunk build --release --public-url {base} --dist {}`, as scripts/dist.sh does)",
                app.display(),
                app.display()
            ),
        )
        .into());
    }
    check_app_files(app, &shell, &base)?;
    let built = Built {
        articles: content.bundle.articles.len(),
        projects: content.bundle.projects.len(),
        pages: 0,
        base,
        drafts: content.drafts,
        warnings: content.warnings.clone(),
    };
    check_out(source, app, out)?;
    let Content {
        bundle,
        assets,
        bodies,
        redirects,
        ..
    } = content;
    let base_url = bundle.site.base_url.clone();
    remove_stale_siblings(out);
    let stage = sibling(out, "building")?;
    unfinished().push(stage.clone());
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
        // Last, so that an old address can never take the place of a file of the site.
        crate::aliases::write(&stage, &redirects, &built.base, &base_url)?;
        // The content folder's `static/`, as it is, where no file of the site is.
        if source.is_dir() {
            copy_static(&source.join("static"), &stage)?;
        }
        // What did not change, besides the pages and data, is the old site's files.
        if let Some(previous) = previous {
            crate::offline::link_unchanged(&stage, previous)?;
        }
        Ok::<usize, io::Error>(pages)
    })();
    // Held until the new site is in or the copy gone: a stop never comes between the renames.
    let mut building = unfinished();
    building.retain(|dir| *dir != stage);
    let pages = match result {
        Ok(pages) => pages,
        Err(e) => {
            let _ = fs::remove_dir_all(&stage);
            return Err(e.into());
        }
    };
    let mut built = built;
    built.warnings.extend(gone_pages(out, &stage, &built.base));
    swap_in(&stage, out)?;
    Ok(Built { pages, ..built })
}

/// The pages of articles and projects that the site `out` had and its next build `stage` has
/// not (not even as an old address's page), as warnings: a file deleted, renamed or turned
/// into a draft takes its address with it, and links already shared to it find the not-found
/// page without a word at the build. Ten are told, then how many more.
fn gone_pages(out: &Path, stage: &Path, base: &str) -> Vec<Diagnostic> {
    let mut gone = Vec::new();
    for list in ["articles", "projects"] {
        let Ok(entries) = fs::read_dir(out.join(list)) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().join("index.html").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !stage.join(list).join(name).join("index.html").is_file())
            .collect();
        names.sort();
        gone.extend(names.into_iter().map(|name| (list, name)));
    }
    let told = gone.len().min(10);
    let mut warnings: Vec<Diagnostic> = gone[..told]
        .iter()
        .map(|(list, name)| Diagnostic {
            file: out.join(list).join(name),
            line: 0,
            column: 0,
            message: format!("the last build published {base}{list}/{name}/, and this one does not: links to it will find the not-found page"),
            // An old address is a path below the site's base path.
            help: Some(format!("if its file was renamed or given another id, add `aliases = [\"/{list}/{name}/\"]` to its front matter; if it was deleted or made a draft on purpose, nothing is to be done")),
        })
        .collect();
    if gone.len() > told {
        warnings.push(Diagnostic {
            file: out.to_path_buf(),
            line: 0,
            column: 0,
            message: format!(
                "and {} more pages of the last build that this one does not publish",
                gone.len() - told
            ),
            help: None,
        });
    }
    warnings
}

/// The copies of sites that builds of this process are writing, for [`stop`].
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn unfinished() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    UNFINISHED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes the unfinished copies of the sites being built, as the process is stopped (Ctrl-C),
/// and returns where they were. A build swapping its site in finishes that first; no build of
/// this process swaps one in afterwards.
pub fn stop() -> Vec<PathBuf> {
    let mut building = unfinished();
    for dir in building.iter() {
        // Its threads may still be writing into it: tried again until it is gone.
        for _ in 0..50 {
            if fs::remove_dir_all(dir).is_ok() || !dir.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
    let stopped = std::mem::take(&mut *building);
    std::mem::forget(building);
    stopped
}

/// Every file the app's `shell` loads from its path `base` (its script, wasm, stylesheet and
/// icon) is in the folder `app`, and its wasm is whole: an app folder missing its wasm, or with
/// one cut short by a copy that stopped, made a site that said it was ready and showed every
/// reader 「功能未能加载」.
fn check_app_files(app: &Path, shell: &str, base: &str) -> io::Result<()> {
    let broken = |what: String| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{}: {what}; build the app again (`scripts/dist.sh`, or `trunk build --release --dist {}`)",
                app.display(),
                app.display()
            ),
        )
    };
    for piece in shell.split(['"', '\'']) {
        let Some(name) = piece.strip_prefix(base) else {
            continue;
        };
        let loaded = [".js", ".wasm", ".css", ".svg"]
            .iter()
            .any(|ext| name.ends_with(ext));
        if !loaded || name.contains(['/', ' ', '<', '>']) {
            continue;
        }
        let path = app.join(name);
        if !path.is_file() {
            return Err(broken(format!(
                "index.html loads {name}, which is not in the folder"
            )));
        }
        if name.ends_with(".wasm") {
            let bytes = fs::read(&path)?;
            if let Err(problem) = whole_wasm(&bytes) {
                return Err(broken(format!("{name} {problem}")));
            }
        }
    }
    Ok(())
}

/// Whether `bytes` are a WebAssembly module whose sections fill it exactly: not cut short,
/// nor another file under a .wasm name. Else what is wrong with it.
fn whole_wasm(bytes: &[u8]) -> Result<(), String> {
    if bytes.get(..8) != Some(b"\0asm\x01\0\0\0") {
        return Err("is not a WebAssembly module".into());
    }
    let mut at = 8;
    while at < bytes.len() {
        // A section: its id, its size (LEB128), its bytes.
        at += 1;
        let (mut size, mut shift) = (0usize, 0);
        loop {
            let Some(&byte) = bytes.get(at) else {
                return Err(format!(
                    "stops inside a section header at byte {at}: it was cut short"
                ));
            };
            at += 1;
            size |= usize::from(byte & 0x7f) << shift;
            shift += 7;
            if byte & 0x80 == 0 || shift > 28 {
                break;
            }
        }
        at += size;
    }
    if at > bytes.len() {
        return Err(format!(
            "is {} bytes, and its last section ends at byte {at}: it was cut short",
            bytes.len()
        ));
    }
    Ok(())
}

/// The path the app in `shell` (Trunk's index.html) was built for: where it loads its
/// stylesheet or script from, e.g. `/` or `/reader/`.
fn app_base(shell: &str) -> Option<String> {
    ["/main-", "/parkreader-app-"].iter().find_map(|name| {
        let at = shell.find(name)?;
        let quote = shell[..at].rfind(['"', '\''])?;
        let path = &shell[quote + 1..=at];
        (path.starts_with('/') && !path.contains(char::is_whitespace)).then(|| path.to_string())
    })
}

/// The folder a bundle file's site paths (`/data/articles/…`, `/media/…`) start from: the
/// folder above a `data/` folder the bundle sits in (`site/data/bundle.json`), else the
/// bundle's own folder (`./b.json`). `bundle` and `import` use it too, so a bundle written
/// anywhere is read back with its files.
pub fn site_root(bundle: &Path) -> &Path {
    let folder = bundle
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if folder.file_name().is_some_and(|n| n == "data") {
        folder
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    } else {
        folder
    }
}

/// A bundle file read as content: its body files, images and attachments are the files beside
/// it (the `data/`, `media/` and `files/` folders of the site it belongs to, [`site_root`]).
fn bundle_file(path: &Path) -> Result<Content, BuildError> {
    let text = fs::read_to_string(path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    let bundle = parse_bundle(&text).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: {e}", path.display()),
        )
    })?;
    let site = site_root(path);
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
    // Images (`/media/<name>`), each checked as the content folder's are, and attachments
    // (`/files/<name>`), only of the kinds a link may lead to.
    let image_problem = |name: &str, path: &Path| -> io::Result<Option<String>> {
        let bytes = fs::read(path)?;
        Ok(content::unsafe_image(name, &bytes).map(|(why, help)| format!("{why}; {help}")))
    };
    let file_problem = |name: &str, _: &Path| -> io::Result<Option<String>> {
        Ok(
            (!parkreader_core::links::is_file_path(&format!("/files/{name}"))).then(|| {
                format!(
                    "not a file the site publishes; an attachment is a document ({})",
                    parkreader_core::links::ATTACHMENT_TYPES.join(", ")
                )
            }),
        )
    };
    type Check<'a> = &'a dyn Fn(&str, &Path) -> io::Result<Option<String>>;
    for (folder, problem) in [("media", &image_problem as Check), ("files", &file_problem)] {
        let dir = site.join(folder);
        if !dir.is_dir() {
            continue;
        }
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            // Not a hidden file a desktop leaves behind (`.DS_Store`).
            if !entry.file_type()?.is_file() || name.starts_with('.') {
                continue;
            }
            if let Some(why) = problem(&name, &entry.path())? {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{}: {why}", entry.path().display()),
                )
                .into());
            }
            assets.push(content::Asset {
                url: format!("/{folder}/{name}"),
                source: entry.path(),
                bytes: None,
            });
        }
    }
    Ok(Content {
        // A renamed item's old page: the bundle keeps its old id.
        redirects: crate::aliases::of_moved(&bundle),
        bundle,
        assets,
        bodies,
        drafts: 0,
        warnings: Vec::new(),
    })
}

/// Refuses an `out` the build must not replace: one that holds the content or the app (the
/// build replaces `out` whole, so they would be deleted) or lies inside either, a file, or a folder with files of
/// its own that is not a site parkreader built.
fn check_out(source: &Path, app: &Path, out: &Path) -> io::Result<()> {
    let refuse = |message: String| Err(io::Error::new(io::ErrorKind::InvalidInput, message));
    let out_at = resolved(out)?;
    // A bundle file's content is the file and the data/ and media/ folders its site paths
    // name; `dist` beside them is fine.
    let mut guarded = vec![("content", source.to_path_buf())];
    if !source.is_dir() {
        let root = site_root(source);
        guarded.extend([
            ("content", root.join("data")),
            ("content", root.join("media")),
        ]);
    }
    guarded.push(("app", app.to_path_buf()));
    for (what, path) in &guarded {
        let path_at = resolved(path)?;
        let relation = if path_at.starts_with(&out_at) {
            "holds"
        } else if out_at.starts_with(&path_at) {
            "lies inside"
        } else {
            continue;
        };
        return refuse(format!(
            "--out {} {relation} the {what} ({}); the build replaces its output folder whole, \
             so choose a folder apart from both, such as `dist`",
            out.display(),
            path.display()
        ));
    }
    if out_at.exists() && !out_at.is_dir() {
        return refuse(format!(
            "--out {} is a file; give a folder for the site",
            out.display()
        ));
    }
    let has_own_files = fs::read_dir(&out_at).is_ok_and(|mut entries| {
        entries.any(|e| e.is_ok_and(|e| !kept_from_old_site(&e.file_name().to_string_lossy())))
    });
    let built_here = fs::read_to_string(out_at.join("index.html"))
        .is_ok_and(|page| page.contains("<meta name=\"parkreader-bundle\""));
    if has_own_files && !built_here {
        return refuse(format!(
            "--out {} has files and is not a site parkreader built (its index.html names no \
             parkreader bundle); the build replaces its output folder whole, so give a new or \
             empty folder, or remove this one first",
            out.display()
        ));
    }
    Ok(())
}

/// `path` made absolute with its links resolved and its `..` steps taken, as the system would
/// take them, even where it does not exist yet (`nosuch/../content` is `content`).
fn resolved(path: &Path) -> io::Result<PathBuf> {
    use std::path::Component;
    let absolute = std::path::absolute(path)?;
    let mut at = PathBuf::new();
    // Once a step does not exist, none after it does, and none of them is a link.
    let mut exists = true;
    for step in absolute.components() {
        match step {
            Component::Prefix(_) | Component::RootDir => at.push(step),
            Component::CurDir => {}
            Component::ParentDir => {
                at.pop();
            }
            Component::Normal(name) => {
                at.push(name);
                if exists {
                    match at.canonicalize() {
                        Ok(real) => at = real,
                        Err(_) => exists = false,
                    }
                }
            }
        }
    }
    Ok(at)
}

/// Removes what builds of `out` that were stopped (killed, or the machine went down) left
/// beside it: `<out>.building-<pid>` folders; an `<out>.old-<pid>` one is put back as `out`
/// when a build stopped between its two renames, and otherwise left alone. Only folders of
/// processes no longer running and untouched for an hour are touched, and only where `/proc`
/// tells which processes run.
fn remove_stale_siblings(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let name = name.to_string_lossy();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(name.as_ref()) else {
            continue;
        };
        let Some((what, pid)) = rest
            .strip_prefix('.')
            .and_then(|r| r.split_once('-'))
            .filter(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        if proc.join(pid).exists() || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        // A build of another process namespace (a container sharing the folder) is not in
        // /proc: a folder written to within the hour may be one still running.
        let idle = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        match what {
            "building" if idle => {
                let _ = fs::remove_dir_all(entry.path());
            }
            // The site a build had moved aside when it stopped, before the new one was in.
            // One that a build kept on purpose (a dot file would not move) stays.
            "old" if idle && !out.exists() => {
                let _ = fs::rename(entry.path(), out);
            }
            _ => {}
        }
    }
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

/// Replaces `out` with `stage` by two renames; the old site is deleted only afterwards. What
/// the old site had at its top that no build writes ([`kept_from_old_site`]: `.git`,
/// `.nojekyll`, `CNAME`) moves into the new one.
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
    // The new site is in place from here: what goes wrong with the old one is a warning (it
    // stays beside, named), never "not changed".
    if had_old {
        let mut kept = true;
        for entry in fs::read_dir(&old).into_iter().flatten().flatten() {
            let target = out.join(entry.file_name());
            if kept_from_old_site(&entry.file_name().to_string_lossy()) && !target.exists() {
                if let Err(e) = fs::rename(entry.path(), &target) {
                    eprintln!(
                        "warning: {} did not move into the new site ({e}); the old site stays at {}",
                        entry.path().display(),
                        old.display()
                    );
                    kept = false;
                }
            }
        }
        if !kept {
            return Ok(());
        }
        if let Err(e) = fs::remove_dir_all(&old) {
            eprintln!(
                "warning: the new site is in {}, but the old one could not be deleted ({e}): what is left of it is in {}; delete it by hand",
                out.display(),
                old.display()
            );
        }
    }
    Ok(())
}

/// What a site's top level may hold that no build writes, and that the next build keeps:
/// names starting with a dot (`.git`, `.nojekyll`, `.well-known`) and GitHub Pages' `CNAME`.
fn kept_from_old_site(name: &str) -> bool {
    name.starts_with('.') || name == "CNAME"
}

/// Puts the files of a content folder's `static/` at the same place in the site `stage`, as
/// they are: what a host or a platform asks to find at the site's root, such as WeChat's
/// `MP_verify_….txt`, Baidu's `baidu_verify_….html` or `.well-known/security.txt`, which a
/// build into the same folder would otherwise delete each time. None may take the place of a
/// file of the site, nor be a link (which could publish a file from outside the folder).
fn copy_static(dir: &Path, stage: &Path) -> io::Result<()> {
    let refused = |path: &Path, why: &str| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: {why}", path.display()),
        )
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry?;
        let (path, target) = (entry.path(), stage.join(entry.file_name()));
        let kind = entry.file_type()?;
        if kind.is_symlink() {
            return Err(refused(&path, "a link; put the file itself in static/"));
        } else if kind.is_dir() {
            if target.exists() && !target.is_dir() {
                return Err(refused(&path, "the site has a file of this name"));
            }
            fs::create_dir_all(&target)?;
            copy_static(&path, &target)?;
        } else if target.exists() {
            return Err(refused(
                &path,
                "the site has its own file at this address (a page, the app or its data); rename or remove this one",
            ));
        } else {
            fs::copy(&path, &target)?;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// On a site under a sub-path the page's address names the path, and the line to add
    /// gives the old address below it, as `aliases` takes it (not `/reader/articles/…`, which
    /// would be a page at /reader/reader/articles/…).
    #[test]
    fn a_dropped_page_of_a_site_under_a_path_is_given_its_alias_below_that_path() {
        let dir = std::env::temp_dir().join(format!("parkreader-gone-{}", std::process::id()));
        let (out, stage) = (dir.join("out"), dir.join("stage"));
        fs::create_dir_all(out.join("articles/old-id")).unwrap();
        fs::write(out.join("articles/old-id/index.html"), "").unwrap();
        fs::create_dir_all(&stage).unwrap();
        let told = gone_pages(&out, &stage, "/reader/");
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(told.len(), 1);
        assert!(
            told[0]
                .message
                .contains("published /reader/articles/old-id/"),
            "{}",
            told[0].message
        );
        assert!(
            told[0]
                .help
                .as_deref()
                .unwrap()
                .contains("`aliases = [\"/articles/old-id/\"]`"),
            "{:?}",
            told[0].help
        );
    }
}
