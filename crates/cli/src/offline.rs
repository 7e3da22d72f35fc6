//! What makes a built site installable and readable offline: the web app manifest and the
//! service worker, whose precache list is read off the files the build emitted.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use parkreader_core::Bundle;

/// The worker's template: `__VERSION__`, `__BASE__` and `__PRECACHE__` are filled in.
const SERVICE_WORKER: &str = include_str!("sw.js");

/// Writes `manifest.webmanifest`: name, icons in the sizes browsers ask for, and a start URL
/// and scope under the site's base path (`base` is `""` or `/reader`).
pub fn write_manifest(dist: &Path, bundle: &Bundle, base: &str) -> io::Result<()> {
    let icon = |file: &str, sizes: &str, kind: &str, purpose: &str| {
        serde_json::json!({
            "src": format!("{base}/icons/{file}"),
            "sizes": sizes,
            "type": kind,
            "purpose": purpose,
        })
    };
    let short_name = short_name(&bundle.site.name);
    let manifest = serde_json::json!({
        "name": bundle.site.name,
        "short_name": short_name,
        "description": bundle.site.description,
        "lang": "zh-CN",
        "dir": "ltr",
        "id": format!("{base}/"),
        "start_url": format!("{base}/"),
        "scope": format!("{base}/"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5cab",
        "icons": [
            icon("icon-192.png", "192x192", "image/png", "any"),
            icon("icon-512.png", "512x512", "image/png", "any"),
            icon("icon-maskable-512.png", "512x512", "image/png", "maskable"),
            icon("icon.svg", "any", "image/svg+xml", "any"),
        ],
    });
    let text = serde_json::to_string_pretty(&manifest).map_err(io::Error::other)?;
    fs::write(dist.join("manifest.webmanifest"), text)
}

/// The name under the site's icon on a phone's home screen, at most 12 characters: the site's
/// name, or, when longer, its first part before a separator (`青溪区投资促进局 · Invest
/// Qingxi` → `青溪区投资促进局`), or else its first 12 characters. Cut at 12 characters it was
/// `青溪区投资促进局 · I`.
fn short_name(name: &str) -> String {
    const MAX: usize = 12;
    let name = name.trim();
    if name.chars().count() <= MAX {
        return name.to_string();
    }
    let first = name
        .split(['·', '|', '｜', '—', '–', '-', '(', '（', '：', ':', ','])
        .next()
        .unwrap_or_default()
        .trim();
    if !first.is_empty() && first.chars().count() <= MAX {
        return first.to_string();
    }
    let cut: String = name.chars().take(MAX).collect();
    // Not in the middle of an English word: at the space before it.
    let mid_word = name[cut.len()..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && cut.ends_with(|c: char| c.is_ascii_alphanumeric());
    match cut.rfind(' ') {
        Some(space) if mid_word => cut[..space].trim_end().to_string(),
        _ => cut.trim_end().to_string(),
    }
}

/// Search shards are precached when all of them together are at most this many bytes, and
/// so are the article bodies published as files of their own.
pub const PRECACHE_SHARDS_MAX_BYTES: u64 = 1024 * 1024;

/// Writes `sw.js` with the list of files to precache: the app shell (404.html), the home and
/// list pages, every top-level asset Trunk emitted (hashed JS, wasm, icon, and the CSS unless it
/// went into the pages), the icons,
/// the manifest, the `data` files this build wrote (the index and the project list's part, as
/// paths from the site's root: files of earlier builds left in the folder are not among them),
/// and the search shards in `shards` (the folder this build wrote them to) and the article
/// bodies in `data/articles/` when, each kind together, they are small
/// ([`PRECACHE_SHARDS_MAX_BYTES`]): then every article opens offline, not only those read. Its version is a hash of all their contents, so any change to
/// any of them makes a new worker. Returns the number of files precached.
pub fn write_service_worker(
    dist: &Path,
    base: &str,
    data: &[&str],
    shards: Option<&str>,
) -> io::Result<usize> {
    // (URL, file) pairs.
    let mut files: Vec<(String, std::path::PathBuf)> = vec![
        (format!("{base}/"), dist.join("index.html")),
        (
            format!("{base}/articles/"),
            dist.join("articles/index.html"),
        ),
        (
            format!("{base}/projects/"),
            dist.join("projects/index.html"),
        ),
    ];
    // A stylesheet the builder put into the pages themselves is fetched by none of them.
    let shell = fs::read_to_string(dist.join("404.html")).unwrap_or_default();
    files.extend(data.iter().map(|path| {
        (
            format!("{base}{path}"),
            dist.join(path.trim_start_matches('/')),
        )
    }));
    for dir in ["", "icons"] {
        let folder = dist.join(dir);
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let entry = entry?;
            if !entry.file_type()?.is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let wanted = match dir {
                "" if name.ends_with(".css") => shell.contains(&name),
                "" => {
                    name != "sw.js"
                        && name != "index.html"
                        && [".js", ".wasm", ".svg", ".webmanifest", "404.html"]
                            .iter()
                            .any(|ext| name.ends_with(ext))
                }
                _ => true,
            };
            if wanted {
                let url = if dir.is_empty() {
                    format!("{base}/{name}")
                } else {
                    format!("{base}/{dir}/{name}")
                };
                files.push((url, entry.path()));
            }
        }
    }
    // A small site's search shards too, so that searching article texts works offline after
    // one visit; a large site's are cached as they are searched.
    // Likewise a small site's article bodies, so that an article not read yet opens offline.
    let folders = shards
        .map(|folder| (folder.to_string(), ".bin"))
        .into_iter()
        .chain([("/data/articles/".to_string(), ".json")]);
    for (folder, ext) in folders {
        let Ok(entries) = fs::read_dir(dist.join(folder.trim_start_matches('/'))) else {
            continue;
        };
        let mut kind = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(ext) {
                let url = format!("{base}{folder}{name}");
                kind.push((url, entry.path(), entry.metadata()?.len()));
            }
        }
        if kind.iter().map(|(_, _, len)| len).sum::<u64>() <= PRECACHE_SHARDS_MAX_BYTES {
            files.extend(kind.into_iter().map(|(url, path, _)| (url, path)));
        }
    }
    files.sort();
    let mut hash = crate::FNV_OFFSET;
    for (url, path) in &files {
        let bytes = fs::read(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        hash = crate::fnv1a_extend(hash, url.bytes().chain(bytes));
    }
    let urls: Vec<&str> = files.iter().map(|(url, _)| url.as_str()).collect();
    // Without its comment lines, which are for whoever reads sw.js here, not for every
    // visitor's download.
    let code: String = SERVICE_WORKER
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .map(|line| format!("{line}\n"))
        .collect();
    let worker = code
        .replace("__VERSION__", &format!("{hash:016x}"))
        .replace(
            "'__BASE__'",
            &serde_json::to_string(&format!("{base}/")).map_err(io::Error::other)?,
        )
        .replace(
            "__PRECACHE__",
            &serde_json::to_string(&urls).map_err(io::Error::other)?,
        );
    fs::write(dist.join("sw.js"), worker)?;
    Ok(files.len())
}

/// Writes `sitemap.xml` (every prerendered route), `feed.xml` (Atom, the 50 newest articles)
/// and `robots.txt` (pointing at the sitemap), all with the site's canonical addresses. The
/// plan of the site's pages finds each article's date for its sitemap entry.
pub fn write_discovery(
    dist: &Path,
    bundle: &Bundle,
    plan: &parkreader_core::part::SitePlan,
    routes: &[String],
) -> io::Result<()> {
    use parkreader_core::share::share_url;
    use parkreader_core::text::escape_html;

    let base = &bundle.site.base_url;
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    // Not the saved page: it lists what a reader's own device keeps.
    for route in routes.iter().filter(|r| *r != "/saved") {
        let lastmod = route
            .strip_prefix("/articles/")
            .and_then(|id| plan.article(bundle, id))
            .map(|a| format!("<lastmod>{}</lastmod>", a.published.ymd()))
            .unwrap_or_default();
        sitemap.push_str(&format!(
            "  <url><loc>{}</loc>{lastmod}</url>\n",
            escape_html(&share_url(base, route))
        ));
    }
    sitemap.push_str("</urlset>\n");
    fs::write(dist.join("sitemap.xml"), sitemap)?;

    let newest = bundle.articles_newest();
    let updated = newest
        .first()
        .map(|a| a.published.to_rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut feed = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <id>{}</id>\n  <link rel=\"alternate\" href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <updated>{updated}</updated>\n",
        escape_html(&bundle.site.name),
        escape_html(&bundle.site.description),
        escape_html(&share_url(base, "/")),
        escape_html(&share_url(base, "/")),
        escape_html(&share_url(base, "/feed.xml")),
    );
    for article in newest.into_iter().take(50) {
        let url = escape_html(&share_url(base, &format!("/articles/{}", article.id)));
        feed.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{url}</id>\n    <link rel=\"alternate\" href=\"{url}\"/>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
            escape_html(&article.title),
            article.published.to_rfc3339(),
            escape_html(&article.author),
            escape_html(&article.summary),
        ));
    }
    feed.push_str("</feed>\n");
    fs::write(dist.join("feed.xml"), feed)?;
    fs::write(
        dist.join("robots.txt"),
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            share_url(base, "/sitemap.xml")
        ),
    )
}

/// Writes a `.br` and a `.gz` copy beside every text file in `dist` (HTML, CSS, JS, JSON, SVG,
/// XML, wasm, the manifest), for hosts that serve pre-compressed files, on every core. Brotli
/// runs at its best setting for the app's own files, which every visitor downloads, and at
/// quicker ones for the many pages and for data over 4 MB (see [`setting`]). Returns how
/// many files were compressed. Files in `done` have their copies already.
pub fn precompress(dist: &Path, done: &HashSet<PathBuf>) -> io::Result<usize> {
    let mut files = Vec::new();
    let mut stack = vec![dist.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if matches!(
                ext,
                "html"
                    | "css"
                    | "js"
                    | "json"
                    | "svg"
                    | "xml"
                    | "txt"
                    | "wasm"
                    | "webmanifest"
                    | "bin"
            ) && !done.contains(&path)
                && !already_compressed(&path)
            {
                files.push(path);
            }
        }
    }
    crate::progress::each_in_parallel("compressing", &files, |path| compress_file(path, dist))?;
    Ok(files.len())
}

/// Gives the content-hashed files at the top of `site` (the app's hashed JS, wasm, CSS and
/// icon) their .br and .gz copies from `cache`, compressing into the cache only what it lacks,
/// so that the slowest file of a build (the wasm, at brotli's best) is compressed once, not on
/// every content change. Copies are kept under the digest of the file's bytes
/// (`cache/<sha-256, 16 hex>/<name>.br`), not under its name alone: Trunk's hash in the name
/// is taken before wasm-opt, so one name can carry different bytes (another wasm-opt level or
/// version), and the copies must always decompress to the file beside them.
pub fn compressed_from_cache(site: &Path, cache: &Path) -> io::Result<()> {
    use sha2::{Digest, Sha256};
    // Each file's cache folder, and what the cache lacks, put there to be compressed.
    let mut files = Vec::new();
    let mut missing = Vec::new();
    for entry in fs::read_dir(site)? {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let Some(name) = path.file_name().map(|n| n.to_owned()) else {
            continue;
        };
        if !(path.is_file()
            && matches!(ext, "css" | "js" | "svg" | "wasm")
            && content_hashed(&path))
        {
            continue;
        }
        let bytes = fs::read(&path)?;
        let hex: String = Sha256::digest(&bytes)[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let folder = cache.join(hex);
        let cached = folder.join(&name);
        if !(with_suffix(&cached, "br").is_file() && with_suffix(&cached, "gz").is_file()) {
            fs::create_dir_all(&folder)?;
            fs::write(&cached, &bytes)?;
            missing.push((cached.clone(), folder));
        }
        files.push((path, cached));
    }
    crate::progress::each_in_parallel("compressing app", &missing, |(cached, folder)| {
        compress_file(cached, folder)?;
        fs::remove_file(cached)
    })?;
    for (path, cached) in &files {
        for suffix in ["br", "gz"] {
            fs::copy(with_suffix(cached, suffix), with_suffix(path, suffix))?;
        }
    }
    Ok(())
}

/// True for a file named with its content hash (`name-0123456789abcdef.ext`, Trunk's
/// `…_bg.wasm` too) whose .br and .gz copies exist: same name, same bytes, same copies.
fn already_compressed(path: &Path) -> bool {
    content_hashed(path) && with_suffix(path, "br").is_file() && with_suffix(path, "gz").is_file()
}

/// Trunk writes its 64-bit hash in hex without leading zeros: `-638771113f6de13` (15 digits)
/// is as much a content hash as a 16-digit one. Requiring 16 left one build in 16 compressing
/// the wasm at brotli's best again (1.7 s of a 13 s build at 10,000 articles).
fn content_hashed(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

fn compress_file(path: &Path, dist: &Path) -> io::Result<()> {
    let bytes = fs::read(path)?;
    write_copies(path, &bytes, setting(path, dist, bytes.len()))
}

/// Brotli quality and gzip level of the many files below the site's top level: see [`setting`].
const MANY_FILES: (u32, u32) = (5, 6);

/// Brotli quality and gzip level for a file of `len` bytes at `path` in the site `dist`.
/// The app and the data at the site's top level (the home page too, and the two lists'
/// pages): the best up to 4 MB;
/// brotli 10 up to 16 MB, brotli 9 beyond (the best would take minutes on a 20 MB bundle).
/// The index of 10,000 generated articles (4.6 MB in column form) took 298,699 bytes in 0.23 s
/// at brotli 9, 274,008 in 2.1 s at 10 and 255,447 in 7.0 s at 11; it is compressed while the
/// pages are rendered, on a thread of its own, and every visitor of the article list fetches
/// it. The many files below (pages, bodies, search shards), each read by few visitors:
/// brotli 5 and gzip 6. Measured on an 11 KB article page: brotli 5 gave 3,294 and gzip 6 3,872 bytes, in 0.4 and 0.2 ms,
/// against 3,212 bytes in 12 ms at brotli 9. The sitemap (a megabyte at 10,000 articles) and
/// the feed are read by crawlers and feed readers, not by visitors on phones: they count as
/// one of the many files (brotli 11 on the sitemap took seconds).
fn setting(path: &Path, dist: &Path, len: usize) -> (u32, flate2::Compression) {
    let for_machines = path
        .file_name()
        .is_some_and(|n| n == "sitemap.xml" || n == "feed.xml");
    // The two lists' pages are where shared filter and search links land: read by many, like
    // the home page, and one file each at any size (brotli 5 had their .br swing by 450 bytes
    // for 85 of stylesheet).
    let list_page = path.file_name().is_some_and(|n| n == "index.html")
        && ["articles", "projects"]
            .iter()
            .any(|list| path.parent() == Some(dist.join(list).as_path()));
    let top_level = !for_machines
        && (list_page
            || path.parent() == Some(dist)
            || path.parent() == Some(dist.join("data").as_path()));
    match (top_level, len <= 4 << 20) {
        (true, true) => (11, flate2::Compression::best()),
        (true, false) if len <= 16 << 20 => (10, flate2::Compression::best()),
        (true, false) => (9, flate2::Compression::best()),
        (false, _) => (MANY_FILES.0, flate2::Compression::new(MANY_FILES.1)),
    }
}

/// Writes `bytes` to `path` in the site `dist` with its .gz and .br copies beside it, as the
/// last step would make them: written once, not read back to be compressed later. When
/// `previous`, the same file in the site this build replaces, has these bytes and copies that
/// decode to them, as a body or a search shard does unless its content changed (their names
/// carry their content's hash), those copies are written again instead of compressed anew.
pub fn write_with_copies(
    path: &Path,
    dist: &Path,
    bytes: &[u8],
    previous: Option<&Path>,
) -> io::Result<()> {
    if let Some(old) = previous {
        if let Some((br, gz)) = previous_copies(old, bytes) {
            if link_with_copies(old, path) {
                return Ok(());
            }
            return write_files(path, bytes, &br, &gz);
        }
    }
    fs::write(path, bytes)?;
    write_copies(path, bytes, setting(path, dist, bytes.len()))
}

/// Writes `bytes` at `path`, then its .gz and .br copies (in that order: a copy is never older
/// than its file, which [`previous_files`] asks of the copies it takes).
fn write_files(path: &Path, bytes: &[u8], br: &[u8], gz: &[u8]) -> io::Result<()> {
    fs::write(path, bytes)?;
    fs::write(with_suffix(path, "gz"), gz)?;
    fs::write(with_suffix(path, "br"), br)
}

/// Puts the file `old` of the site a build replaces, with its .br and .gz copies, at `path`
/// in the new one as hard links: the same files under a second name, not written again. The
/// new site is written beside the old one (same folder, same filesystem) and nothing writes
/// into a file once it is there, so the two share unchanged files until the old site is
/// deleted. On this machine's disk, putting a 10,000-article site in place by links took 1.2 s
/// where copying it took 5.9 s, and deleting the old site after it 1.2 s instead of 6.2 s
/// (`cp -al`, `cp -r`, `rm -rf`); unchanged files also keep their time, so that `rsync` or
/// `aws s3 sync` upload only what changed. False, with nothing left at `path`, when a link
/// cannot be made (another filesystem, or one without hard links): the caller writes instead.
fn link_with_copies(old: &Path, path: &Path) -> bool {
    let names = [
        (old.to_path_buf(), path.to_path_buf()),
        (with_suffix(old, "br"), with_suffix(path, "br")),
        (with_suffix(old, "gz"), with_suffix(path, "gz")),
    ];
    for (n, (from, to)) in names.iter().enumerate() {
        // What the build put there before (the app's shell where the home page goes) gives
        // way, as a write would overwrite it.
        let _ = fs::remove_file(to);
        if fs::hard_link(from, to).is_err() {
            for (_, made) in &names[..n] {
                let _ = fs::remove_file(made);
            }
            return false;
        }
    }
    true
}

/// Puts, as hard links to the site `previous`, every file of the new site `dist` outside its
/// pages and data (which are linked as they are written, [`write_with_copies`] and
/// [`PreviousPages`]) whose bytes are those of the file at the same place in `previous`: the
/// app's code and stylesheet, icons, images and attachments, 404.html, the feed, sitemap,
/// manifest, worker and old addresses' pages, with their .br and .gz copies. They keep their
/// times, as the pages do, so that `rsync` or `aws s3 sync` uploads only what changed: written
/// again, the wasm, every photo and every attachment went up on each deploy. Returns how many
/// were linked.
pub fn link_unchanged(dist: &Path, previous: &Path) -> io::Result<usize> {
    use std::os::unix::fs::MetadataExt;

    let mut linked = 0;
    let mut stack = vec![dist.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                let pages_or_data = dir == dist
                    && ["articles", "projects", "categories", "data"]
                        .iter()
                        .any(|name| entry.file_name() == *name);
                if !pages_or_data {
                    stack.push(path);
                }
                continue;
            }
            let Some(old) = same_file(previous, &path, dist) else {
                continue;
            };
            let (Ok(new_meta), Ok(old_meta)) = (entry.metadata(), fs::metadata(&old)) else {
                continue;
            };
            // Linked already, of another size, or the same file.
            if !kind.is_file()
                || new_meta.nlink() > 1
                || !old_meta.is_file()
                || new_meta.len() != old_meta.len()
                || new_meta.ino() == old_meta.ino()
            {
                continue;
            }
            let bytes = fs::read(&path)?;
            if fs::read(&old).ok().as_deref() != Some(&bytes[..]) {
                continue;
            }
            fs::remove_file(&path)?;
            if fs::hard_link(&old, &path).is_err() {
                // Another filesystem: the file is written back, as it was.
                fs::write(&path, &bytes)?;
                continue;
            }
            linked += 1;
        }
    }
    Ok(linked)
}

/// Where the site `previous` has the file that `path` is in the site `dist`.
pub fn same_file(previous: &Path, path: &Path, dist: &Path) -> Option<PathBuf> {
    Some(previous.join(path.strip_prefix(dist).ok()?))
}

/// The file `old` with its .br and .gz copies, when they are at least as new as it; None when
/// any is missing.
fn previous_files(old: &Path) -> Option<[Vec<u8>; 3]> {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    let written = modified(old)?;
    let (br, gz) = (with_suffix(old, "br"), with_suffix(old, "gz"));
    if modified(&br)? < written || modified(&gz)? < written {
        return None;
    }
    Some([fs::read(old).ok()?, fs::read(br).ok()?, fs::read(gz).ok()?])
}

/// The .br and .gz copies of the file `old`, when it holds `bytes` and they decode to them.
fn previous_copies(old: &Path, bytes: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let [old, br, gz] = previous_files(old)?;
    (old == bytes && decode_to(&br, &gz, bytes)).then_some((br, gz))
}

/// True when `br` and `gz` both decode to exactly `bytes`.
fn decode_to(br: &[u8], gz: &[u8], bytes: &[u8]) -> bool {
    decodes(&mut brotli::Decompressor::new(br, 4096), bytes) && gunzips_to(gz, bytes)
}

/// True when `gz` decodes to exactly `bytes`.
fn gunzips_to(gz: &[u8], bytes: &[u8]) -> bool {
    decodes(&mut flate2::read::GzDecoder::new(gz), bytes)
}

fn decodes(reader: &mut dyn io::Read, bytes: &[u8]) -> bool {
    let mut out = Vec::with_capacity(bytes.len());
    reader.read_to_end(&mut out).is_ok() && out == bytes
}

fn write_copies(
    path: &Path,
    bytes: &[u8],
    (quality, level): (u32, flate2::Compression),
) -> io::Result<()> {
    use std::io::Write;

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), level);
    gz.write_all(bytes)?;
    fs::write(with_suffix(path, "gz"), gz.finish()?)?;
    fs::write(
        with_suffix(path, "br"),
        brotli(bytes, quality, BrotliStream::Whole)?,
    )
}

/// The start every prerendered page shares (the shell's head: the policy, the stylesheet, the
/// scripts; 22 KB of a 44 KB page in the 10k-article benchmark), compressed once, so that each
/// page compresses only the rest of itself.
///
/// - brotli: the start as a bare, appendable stream, at quality 11 since it is done once; each
///   page's rest as a bare, catable stream (no references into the start, nor into brotli's
///   built-in dictionary, whose offsets depend on the position), then the empty last
///   meta-block, `0x03`. This is the concatenation the `brotli` crate documents
///   ("Stream Concatenation").
/// - gzip: the start as raw deflate ending in a full flush (byte-aligned, and nothing after it
///   refers back into it), each rest as raw deflate finished on its own, between gzip's header
///   and its CRC-32 and length of the whole page.
///
/// Measured on 2,000 pages of that benchmark, brotli 5 and gzip 6 per page: 1.74 ms per page
/// for both copies compressed whole, 0.81 ms this way; the .br copies 2.2% smaller (the start
/// at quality 11), the .gz 0.4% smaller.
pub struct SharedStart {
    text: Vec<u8>,
    br: Vec<u8>,
    deflate: Vec<u8>,
}

impl SharedStart {
    /// The start `pages` share, up to the end of its last tag (`>`), compressed; None when it
    /// is too short to be worth it. Pages of different kinds (the home page, a list, a detail
    /// page) keep it to the shell's head: two alike could share their first page-specific tag.
    pub fn of(pages: &[&[u8]]) -> io::Result<Option<SharedStart>> {
        let Some((first, others)) = pages.split_first() else {
            return Ok(None);
        };
        let common = others.iter().fold(first.len(), |common, other| {
            first[..common]
                .iter()
                .zip(*other)
                .take_while(|(x, y)| x == y)
                .count()
        });
        let Some(end) = first[..common].iter().rposition(|&c| c == b'>') else {
            return Ok(None);
        };
        if end < 1024 {
            return Ok(None);
        }
        let text = first[..=end].to_vec();
        let br = brotli(&text, 11, BrotliStream::First)?;
        let deflate = deflate_part(
            &text,
            flate2::Compression::best(),
            flate2::FlushCompress::Full,
        )?;
        Ok(Some(SharedStart { text, br, deflate }))
    }
}

/// The pages of the site a build replaces, whose compressed rests a page can take when its
/// own rest (all after the shared start) is the same: a content change alters every page's
/// start (it names the new bundle), but only the rests of the pages that show what changed.
pub struct PreviousPages {
    dir: PathBuf,
    start: SharedStart,
    /// Its start is the new one but for the bundle it names: the same app, shell and builder
    /// (see [`generator_meta`]), so that a page of the same part renders as it did there.
    same_app: bool,
}

impl PreviousPages {
    /// The site at `dir`, with `samples` its pages at the routes the new start (`start`) was
    /// taken from; None when they share no start.
    pub fn of(
        dir: &Path,
        samples: &[&[u8]],
        start: &SharedStart,
    ) -> io::Result<Option<PreviousPages>> {
        Ok(SharedStart::of(samples)?.map(|old| PreviousPages {
            dir: dir.to_path_buf(),
            same_app: without_bundle_name(&old.text) == without_bundle_name(&start.text),
            start: old,
        }))
    }

    /// The previous copies' rests, brotli and raw deflate, of the page `old` (its .br and .gz
    /// given) after the previous start: when the page begins with that start, its .gz is of
    /// exactly that page (its CRC-32 and length), and both copies are that start's followed by
    /// a rest's.
    fn split_copies(&self, old: &[u8], br: &[u8], gz: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
        let start = &self.start;
        if !(old.starts_with(&start.text) && gz.ends_with(&gzip_trailer(old))) {
            return None;
        }
        let br = br
            .strip_prefix(start.br.as_slice())?
            .strip_suffix(&[0x03])?
            .to_vec();
        let deflate = gz
            .strip_prefix(GZIP_HEADER.as_slice())?
            .strip_prefix(start.deflate.as_slice())?;
        let deflate = deflate[..deflate.len().checked_sub(8)?].to_vec();
        Some((br, deflate))
    }

    /// The brotli and raw deflate of `rest`, the page at `path` in `dist` after its start,
    /// as the previous site's copies of the same page hold them, when that page is its start
    /// and this same rest (see [`Self::split_copies`]).
    fn rest_copies(&self, path: &Path, dist: &Path, rest: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
        let [old, br, gz] = previous_files(&same_file(&self.dir, path, dist)?)?;
        if !(old.len() == self.start.text.len() + rest.len() && old.ends_with(rest)) {
            return None;
        }
        self.split_copies(&old, &br, &gz)
    }

    /// The page at `path` in `dist` without rendering it: the previous site's page there
    /// under the new `start`, with its copies, when the previous site had the same app, shell
    /// and builder and that page carries the part `part_script` (as [`embed_part`] puts it,
    /// just before `</body>`). Its rest depends on nothing else (its route and part), so it is
    /// the rest the page would render to. The new .gz is checked by decoding it.
    ///
    /// [`embed_part`]: crate::prerender
    pub fn unchanged_page(
        &self,
        path: &Path,
        dist: &Path,
        start: &SharedStart,
        part_script: &str,
    ) -> Option<ReusedPage> {
        if !self.same_app {
            return None;
        }
        let old_path = same_file(&self.dir, path, dist)?;
        let [old, br, gz] = previous_files(&old_path)?;
        let rest = old.strip_prefix(self.start.text.as_slice())?;
        let body_end = rest.windows(7).rposition(|w| w == b"</body>")?;
        if !rest[..body_end].ends_with(part_script.as_bytes()) {
            return None;
        }
        let (rest_br, rest_deflate) = self.split_copies(&old, &br, &gz)?;
        let html = [start.text.as_slice(), rest].concat();
        let (new_br, new_gz) = joined(start, rest_br, rest_deflate, &html);
        // The same start as before (the same bundle too: nothing changed) gives the same
        // files, which are linked rather than written again.
        let same = (html == old && new_br == br && new_gz == gz).then_some(old_path);
        gunzips_to(&new_gz, &html).then_some(ReusedPage {
            html,
            br: new_br,
            gz: new_gz,
            same,
        })
    }
}

/// A page and its copies, taken from the previous site ([`PreviousPages::unchanged_page`]).
pub struct ReusedPage {
    html: Vec<u8>,
    br: Vec<u8>,
    gz: Vec<u8>,
    /// The previous site's page, when it is these very bytes and copies.
    same: Option<PathBuf>,
}

impl ReusedPage {
    /// Puts the page at `path` with its copies: linked to the previous site's when they are
    /// the same files, else written.
    pub fn write(&self, path: &Path) -> io::Result<()> {
        if self
            .same
            .as_deref()
            .is_some_and(|old| link_with_copies(old, path))
        {
            return Ok(());
        }
        write_files(path, &self.html, &self.br, &self.gz)
    }
}

/// `text` without the name of the bundle in its `parkreader-bundle` meta tag.
fn without_bundle_name(text: &[u8]) -> Vec<u8> {
    let tag = b"<meta name=\"parkreader-bundle\" content=\"";
    let Some(at) = text.windows(tag.len()).position(|w| w == tag) else {
        return text.to_vec();
    };
    let from = at + tag.len();
    let to = text[from..]
        .iter()
        .position(|&b| b == b'"')
        .map_or(text.len(), |n| from + n);
    [&text[..from], &text[to..]].concat()
}

/// `<meta name="generator">` naming this builder: its version and a digest of its sources
/// (`PARKREADER_SOURCE_DIGEST`, from `build.rs`) and of `shell` (the page template, without
/// the bundle it names). Pages of two builds share it when builders made from the same code
/// rendered them into the same template, which is what lets a build take an unchanged page
/// from the last one ([`PreviousPages::unchanged_page`]); the same content, app and code give
/// the same pages on any machine.
pub fn generator_meta(shell: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut digest = Sha256::new();
    digest.update(env!("PARKREADER_SOURCE_DIGEST"));
    digest.update(without_bundle_name(shell.as_bytes()));
    let hex: String = digest.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!(
        "<meta name=\"generator\" content=\"parkreader {} {hex}\" />",
        env!("CARGO_PKG_VERSION")
    )
}

/// gzip's header as these copies have it: no name, no time, unknown OS.
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// gzip's trailer for `bytes`: their CRC-32 and length.
fn gzip_trailer(bytes: &[u8]) -> [u8; 8] {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    let mut trailer = [0; 8];
    trailer[..4].copy_from_slice(&crc.sum().to_le_bytes());
    trailer[4..].copy_from_slice(&(bytes.len() as u32).to_le_bytes());
    trailer
}

/// [`write_with_copies`] for a page: the same files, but a page below the site's top level
/// that begins with `start` has its copies made from `start`'s and those of its own rest,
/// the rest's taken from `previous` when its page there has the same rest.
pub fn write_page_with_copies(
    path: &Path,
    dist: &Path,
    bytes: &[u8],
    start: Option<&SharedStart>,
    previous: Option<&PreviousPages>,
) -> io::Result<()> {
    let (quality, level) = setting(path, dist, bytes.len());
    let rest = start.and_then(|s| Some((s, bytes.strip_prefix(s.text.as_slice())?)));
    let Some((start, rest)) = rest.filter(|_| quality == MANY_FILES.0) else {
        let old = previous.and_then(|p| same_file(&p.dir, path, dist));
        return write_with_copies(path, dist, bytes, old.as_deref());
    };
    // The .gz made so is decoded whole to check it (0.08 ms for a 45 KB page). The .br is
    // not: decoding it took 0.36 ms, nearly what compressing the rest afresh takes (0.46 ms);
    // the checks above tie it to this very rest.
    let reused = previous
        .and_then(|p| p.rest_copies(path, dist, rest))
        .map(|(br, deflate)| joined(start, br, deflate, bytes))
        .filter(|(_, gz)| gunzips_to(gz, bytes));
    let (br, gz) = match reused {
        Some(copies) => copies,
        None => joined(
            start,
            brotli(rest, quality, BrotliStream::Next)?,
            deflate_part(rest, level, flate2::FlushCompress::Finish)?,
            bytes,
        ),
    };
    // A page a little over the first flight is compressed again, whole, at brotli's best.
    let br = if FIRST_FLIGHT_BR < br.len() && br.len() <= FIRST_FLIGHT_BR * 9 / 8 {
        let best = brotli(bytes, 11, BrotliStream::Whole)?;
        if best.len() < br.len() {
            best
        } else {
            br
        }
    } else {
        br
    };
    write_files(path, bytes, &br, &gz)
}

/// The most brotli bytes of a page that arrive in a server's first flight: TCP's initial
/// window of 10 segments of 1,460 bytes (14,600), less 1,000 for the response's headers.
/// A page beyond it waits one more round trip for the rest. On Lighthouse's mobile profile
/// (150 ms), the sample's first article (14,246 bytes, 15,182 with `parkreader serve`'s
/// headers) painted its largest text at 902–1,053 ms, and at 682–778 ms at 13,195 bytes.
/// A page's copy made of the shared start and its rest at brotli 5 ([`SharedStart`]) that ends
/// up to an eighth over this is compressed again, whole, at brotli 11: the rest may then use
/// brotli's built-in dictionary (which has Chinese words) and refer into the start, and the
/// sample's pages come out 7–8% smaller (14,246 → 13,179 bytes, in 51 ms against 1.8 ms at
/// brotli 5). Only such pages pay for it, since only they may come into the first flight;
/// their rest is never taken from the previous build ([`PreviousPages::split_copies`] finds
/// no start in their copy), so they are compressed so on every build.
pub const FIRST_FLIGHT_BR: usize = 13_600;

/// The .br and .gz of the page `bytes`: `start`'s copies followed by the rest's (`rest_br`, a
/// catable brotli stream; `rest_deflate`, raw deflate), closed.
fn joined(
    start: &SharedStart,
    rest_br: Vec<u8>,
    rest_deflate: Vec<u8>,
    bytes: &[u8],
) -> (Vec<u8>, Vec<u8>) {
    // gzip: header, deflate, CRC-32 and length of the whole.
    let mut gz = GZIP_HEADER.to_vec();
    gz.extend_from_slice(&start.deflate);
    gz.extend(rest_deflate);
    gz.extend(gzip_trailer(bytes));
    let mut br = start.br.clone();
    br.extend(rest_br);
    br.push(0x03);
    (br, gz)
}

/// What a brotli stream is: a file of its own, or a part of a concatenation (see
/// [`SharedStart`]).
#[derive(Clone, Copy, PartialEq)]
enum BrotliStream {
    Whole,
    /// Bare and appendable: the start, which others follow.
    First,
    /// Bare and catable: a part after the start.
    Next,
}
/// `bytes` compressed by brotli at `quality` as a stream of the `kind` given.
fn brotli(bytes: &[u8], quality: u32, kind: BrotliStream) -> io::Result<Vec<u8>> {
    use std::io::Write;

    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        // A window of 2^22 (brotli's default; narrower ones gave the same bytes no faster, and
        // at 2^16 this encoder is 25 times slower: 16 ms against 0.6 ms per 24 KB page).
        lgwin: 22,
        bare_stream: kind != BrotliStream::Whole,
        appendable: kind != BrotliStream::Whole,
        catable: kind == BrotliStream::Next,
        ..Default::default()
    };
    let mut out = Vec::new();
    {
        // A 4 KiB buffer, not 64 KiB: 0.70 against 0.80 ms per page.
        let mut writer = brotli::CompressorWriter::with_params(&mut out, 4096, &params);
        writer.write_all(bytes)?;
    }
    Ok(out)
}

/// Raw deflate of `bytes`, ended by `flush` (`Full` for a part that others follow).
fn deflate_part(
    bytes: &[u8],
    level: flate2::Compression,
    flush: flate2::FlushCompress,
) -> io::Result<Vec<u8>> {
    let mut compress = flate2::Compress::new(level, false);
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    loop {
        out.reserve(16 * 1024);
        let read = compress.total_in() as usize;
        let status = compress
            .compress_vec(&bytes[read..], &mut out, flush)
            .map_err(io::Error::other)?;
        let all_in = compress.total_in() as usize == bytes.len();
        // Done when all is in and the output had room to spare (a flush is complete), or the
        // stream has ended (`Finish`).
        if status == flate2::Status::StreamEnd
            || (all_in && flush != flate2::FlushCompress::Finish && out.len() < out.capacity())
        {
            return Ok(out);
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    name.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::io::Read;

    fn decoded(path: &Path) -> (Vec<u8>, Vec<u8>) {
        let mut br = Vec::new();
        brotli::Decompressor::new(&fs::read(with_suffix(path, "br")).unwrap()[..], 4096)
            .read_to_end(&mut br)
            .unwrap();
        let mut gz = Vec::new();
        flate2::read::GzDecoder::new(&fs::read(with_suffix(path, "gz")).unwrap()[..])
            .read_to_end(&mut gz)
            .unwrap();
        (br, gz)
    }

    #[test]
    fn trunk_names_with_a_hash_of_fewer_than_16_digits_are_content_hashed() {
        for name in [
            "parkreader-app-638771113f6de13_bg.wasm",
            "parkreader-app-638771113f6de13.js",
            "main-295dfb328101fd36.css",
            "icon-00000000deadbeef.svg",
        ] {
            assert!(content_hashed(Path::new(name)), "{name}");
        }
        for name in [
            "index.html",
            "sw.js",
            "main-2025.css",
            "a-0123456789abcdef0.js",
            "x-zzzzzzzzzz.js",
        ] {
            assert!(!content_hashed(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn pages_compressed_after_their_shared_start_decode_to_exactly_themselves() {
        let dist = std::env::temp_dir().join(format!("parkreader-start-{}", std::process::id()));
        fs::create_dir_all(dist.join("articles")).unwrap();
        // A head as the shell's, then pages that differ, some in ways that need the bytes
        // before them (repeats, the same words as the head) and some not at all.
        let head: String = (0..200)
            .map(|i| format!("<meta name=\"m{i}\" content=\"园区招商 {i}\" />"))
            .collect();
        let page = |body: &str| {
            format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
        };
        let pages = [
            page("<p>碳纤维项目总投资32.7亿元</p>"),
            page(&"<p>园区招商 重复 repeated text, the same again and again. </p>".repeat(300)),
            page("<p></p>"),
            page(&format!("<p>{}</p>", "字".repeat(100_000))),
        ];
        let start = SharedStart::of(&[pages[0].as_bytes(), pages[1].as_bytes()])
            .unwrap()
            .expect("a long shared start");
        // A third page narrows it.
        let narrower = SharedStart::of(&[
            pages[0].as_bytes(),
            pages[1].as_bytes(),
            page("").as_bytes(),
        ])
        .unwrap()
        .unwrap();
        assert!(narrower.text.ends_with(b"</head><body>"));
        assert!(
            start.text.ends_with(b"</head><body><p>"),
            "up to the end of a tag"
        );
        for (i, html) in pages.iter().enumerate() {
            let path = dist.join("articles").join(format!("{i}.html"));
            write_page_with_copies(&path, &dist, html.as_bytes(), Some(&start), None).unwrap();
            let (br, gz) = decoded(&path);
            assert!(br == html.as_bytes(), "page {i}: .br");
            assert!(gz == html.as_bytes(), "page {i}: .gz");
            // Made from the shared start's copy, not compressed whole.
            assert!(
                fs::read(with_suffix(&path, "br"))
                    .unwrap()
                    .starts_with(&start.br),
                "page {i} made from the shared start"
            );
        }
        // A page that starts otherwise, and a page at the top level (compressed at its best),
        // are compressed whole, and decode all the same.
        let other = format!("<!DOCTYPE html><html lang=\"en\"><head>{head}</head></html>");
        for path in [dist.join("articles/other.html"), dist.join("index.html")] {
            let html = if path.ends_with("index.html") {
                &pages[0]
            } else {
                &other
            };
            write_page_with_copies(&path, &dist, html.as_bytes(), Some(&start), None).unwrap();
            assert!(!fs::read(with_suffix(&path, "br"))
                .unwrap()
                .starts_with(&start.br));
            let (br, gz) = decoded(&path);
            assert!(
                br == html.as_bytes() && gz == html.as_bytes(),
                "{}",
                path.display()
            );
        }
        // Pages with little in common share nothing.
        assert!(SharedStart::of(&[b"<p>a</p><p>b</p>", b"<p>a</p><p>c</p>"])
            .unwrap()
            .is_none());
        fs::remove_dir_all(&dist).unwrap();
    }

    /// A rebuild takes a page's compressed rest from the site it replaces when the page's rest
    /// is the same, under a new start, and compresses it afresh when the rest changed, when
    /// the old .gz does not decode, or when the old copies are older than their page.
    #[test]
    fn a_rebuild_takes_unchanged_rests_from_the_previous_site_and_only_sound_ones() {
        let root = std::env::temp_dir().join(format!("parkreader-reuse-{}", std::process::id()));
        let (old_site, new_site) = (root.join("old"), root.join("new"));
        let head = |bundle: &str| -> String {
            let metas: String = (0..100)
                .map(|i| format!("<meta name=\"m{i}\" content=\"园区招商 {i}\" />"))
                .collect();
            format!("<!DOCTYPE html><html><head><meta name=\"bundle\" content=\"{bundle}\" />{metas}</head><body>")
        };
        let rests = [
            "<p>碳纤维项目总投资32.7亿元</p></body></html>",
            "<p>新能源电池项目签约</p></body></html>",
            "<p>生物医药产业园开工</p></body></html>",
            "<p>智能制造基地投产</p></body></html>",
            "<p>半导体材料项目落地</p></body></html>",
        ];
        let write = |site: &Path, head: &str, rests: &[&str], previous: Option<&PreviousPages>| {
            let pages: Vec<String> = rests.iter().map(|r| format!("{head}{r}")).collect();
            let samples: Vec<&[u8]> = pages.iter().map(|p| p.as_bytes()).collect();
            let start = SharedStart::of(&samples).unwrap().unwrap();
            fs::create_dir_all(site.join("articles")).unwrap();
            for (i, page) in pages.iter().enumerate() {
                let path = site.join(format!("articles/{i}.html"));
                write_page_with_copies(&path, site, page.as_bytes(), Some(&start), previous)
                    .unwrap();
            }
            start
        };
        let old_head = head("/data/bundle-1.json");
        let old_start = write(&old_site, &old_head, &rests, None);
        // Old copies whose rests (each page after the start, `<p>` and all after it) are
        // recognisable: brotli 1 and deflate level 1, not what a build makes (brotli 5, level
        // 6), for pages 0, 2, 3 and 4.
        assert!(old_start.text.ends_with(b"<body><p>"));
        let marked = |i: usize| {
            let rest = &rests[i].as_bytes()["<p>".len()..];
            let br = brotli(rest, 1, BrotliStream::Next).unwrap();
            let deflate = deflate_part(
                rest,
                flate2::Compression::new(1),
                flate2::FlushCompress::Finish,
            )
            .unwrap();
            (br, deflate)
        };
        for i in [0, 2, 3, 4] {
            let path = old_site.join(format!("articles/{i}.html"));
            let page = fs::read(&path).unwrap();
            let (br, deflate) = marked(i);
            let mut gz = GZIP_HEADER.to_vec();
            gz.extend_from_slice(&old_start.deflate);
            gz.extend_from_slice(&deflate);
            gz.extend(gzip_trailer(&page));
            if i == 2 {
                // Corrupt inside, whole at the ends: it does not decode to the page.
                let at = GZIP_HEADER.len() + old_start.deflate.len() + 2;
                gz[at] ^= 0x55;
            }
            let mut whole_br = old_start.br.clone();
            whole_br.extend_from_slice(&br);
            whole_br.push(0x03);
            fs::write(with_suffix(&path, "gz"), gz).unwrap();
            fs::write(with_suffix(&path, "br"), whole_br).unwrap();
            if i == 3 {
                // Copies older than their page are not its copies.
                let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
                for suffix in ["br", "gz"] {
                    fs::File::options()
                        .write(true)
                        .open(with_suffix(&path, suffix))
                        .unwrap()
                        .set_modified(past)
                        .unwrap();
                }
            }
        }
        // The rebuild: a new bundle in every page's start; page 4's rest changed.
        let old_pages: Vec<Vec<u8>> = (0..rests.len())
            .map(|i| fs::read(old_site.join(format!("articles/{i}.html"))).unwrap())
            .collect();
        let samples: Vec<&[u8]> = old_pages.iter().map(Vec::as_slice).collect();
        let mut new_rests = rests;
        new_rests[4] = "<p>半导体材料项目竣工投产</p></body></html>";
        let new_head = head("/data/bundle-2.json");
        let new_pages: Vec<String> = new_rests.iter().map(|r| format!("{new_head}{r}")).collect();
        let new_samples: Vec<&[u8]> = new_pages.iter().map(|p| p.as_bytes()).collect();
        let start = SharedStart::of(&new_samples).unwrap().unwrap();
        let previous = PreviousPages::of(&old_site, &samples, &start)
            .unwrap()
            .unwrap();
        let new_start = write(&new_site, &new_head, &new_rests, Some(&previous));
        for i in 0..rests.len() {
            let path = new_site.join(format!("articles/{i}.html"));
            let (br, gz) = decoded(&path);
            let page = fs::read(&path).unwrap();
            assert!(br == page && gz == page, "page {i} decodes to itself");
            let br = fs::read(with_suffix(&path, "br")).unwrap();
            let gz = fs::read(with_suffix(&path, "gz")).unwrap();
            assert!(br.starts_with(&new_start.br), "page {i}: the new start");
            let (marked_br, marked_deflate) = marked(i);
            let took_br = br.ends_with(&[marked_br.as_slice(), &[0x03]].concat());
            let took_gz = gz[..gz.len() - 8].ends_with(&marked_deflate);
            // Page 0 takes both; 1 was never marked; 2's .gz is corrupt, 3's copies too old,
            // 4's rest changed: compressed afresh.
            assert_eq!((took_br, took_gz), (i == 0, i == 0), "page {i}");
        }
        fs::remove_dir_all(&root).unwrap();
    }

    /// A page whose part is unchanged is taken whole from the previous site, under the new
    /// start, only when the previous start differs from the new one in nothing but the bundle
    /// it names, and the page there carries the very same part just before `</body>`.
    #[test]
    fn an_unchanged_page_is_taken_whole_only_from_the_same_app_with_the_same_part() {
        let root =
            std::env::temp_dir().join(format!("parkreader-unchanged-{}", std::process::id()));
        let (old_site, new_site) = (root.join("old"), root.join("new"));
        let head = |bundle: &str, style: &str| -> String {
            let metas: String = (0..100)
                .map(|i| format!("<meta name=\"m{i}\" content=\"园区招商 {i}\" />"))
                .collect();
            format!("<!DOCTYPE html><html><head><meta name=\"parkreader-bundle\" content=\"{bundle}\" />{metas}<style>{style}</style></head><body>")
        };
        let part = |i: usize| {
            format!("<script type=\"application/json\" id=\"parkreader-part\">{{\"n\":{i}}}</script>\n  ")
        };
        let page =
            |head: &str, i: usize| format!("{head}<h1>第{i}篇</h1>{}</body></html>", part(i));
        let write = |site: &Path, head: &str| -> SharedStart {
            let pages: Vec<String> = (0..4).map(|i| page(head, i)).collect();
            let samples: Vec<&[u8]> = pages.iter().map(|p| p.as_bytes()).collect();
            let start = SharedStart::of(&samples).unwrap().unwrap();
            fs::create_dir_all(site.join("articles")).unwrap();
            for (i, page) in pages.iter().enumerate() {
                let path = site.join(format!("articles/{i}.html"));
                write_page_with_copies(&path, site, page.as_bytes(), Some(&start), None).unwrap();
            }
            start
        };
        let old_pages = |site: &Path| -> Vec<Vec<u8>> {
            (0..4)
                .map(|i| fs::read(site.join(format!("articles/{i}.html"))).unwrap())
                .collect()
        };
        write(&old_site, &head("/data/bundle-1.json", "h1{}"));
        let old = old_pages(&old_site);
        let samples: Vec<&[u8]> = old.iter().map(Vec::as_slice).collect();
        // Another bundle, the same app: the page is the old one under the new start.
        let new_head = head("/data/bundle-2.json", "h1{}");
        let start = write(&new_site, &new_head);
        let previous = PreviousPages::of(&old_site, &samples, &start)
            .unwrap()
            .unwrap();
        let path = new_site.join("articles/1.html");
        let reused = previous
            .unchanged_page(&path, &new_site, &start, &part(1))
            .expect("the same part, the same app");
        assert_eq!(reused.html, page(&new_head, 1).into_bytes());
        reused.write(&path).unwrap();
        let (br, gz) = decoded(&path);
        assert!(br == reused.html && gz == reused.html);
        // Another part: rendered again.
        assert!(previous
            .unchanged_page(&path, &new_site, &start, &part(2))
            .is_none());
        // Another stylesheet (another app): rendered again, whatever the part.
        let other = root.join("other");
        let start = write(&other, &head("/data/bundle-2.json", "h1{color:red}"));
        let previous = PreviousPages::of(&old_site, &samples, &start)
            .unwrap()
            .unwrap();
        assert!(previous
            .unchanged_page(&other.join("articles/1.html"), &other, &start, &part(1))
            .is_none());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_long_site_name_is_shortened_at_a_separator() {
        for (name, short) in [
            ("青溪区投资促进局 · Invest Qingxi", "青溪区投资促进局"),
            ("临江生物医药谷招商网", "临江生物医药谷招商网"),
            ("Qingxi Investment Promotion Bureau", "Qingxi"),
            (
                "松江经济技术开发区（松江综合保税区）招商中心",
                "松江经济技术开发区",
            ),
            (
                "上海市松江区经济技术开发区管理委员会招商网",
                "上海市松江区经济技术开发",
            ),
        ] {
            assert_eq!(short_name(name), short, "{name}");
        }
    }
}
