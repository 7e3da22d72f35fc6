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
    let short_name: String = bundle.site.name.chars().take(12).collect();
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

/// Search shards are precached when all of them together are at most this many bytes.
pub const PRECACHE_SHARDS_MAX_BYTES: u64 = 1024 * 1024;

/// Writes `sw.js` with the list of files to precache: the app shell (404.html), the home and
/// list pages, every top-level asset Trunk emitted (hashed JS, wasm, icon, and the CSS unless it
/// went into the pages), the icons,
/// the manifest, the `data` files this build wrote (the index and the project list's part, as
/// paths from the site's root: files of earlier builds left in the folder are not among them),
/// and the search shards in `shards` (the folder this build wrote them to) when they are small
/// ([`PRECACHE_SHARDS_MAX_BYTES`]). Its version is a hash of all their contents, so any change to
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
        (format!("{base}/articles"), dist.join("articles/index.html")),
        (format!("{base}/projects"), dist.join("projects/index.html")),
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
    let mut shard_files = Vec::new();
    if let Some(folder) = shards {
        for entry in fs::read_dir(dist.join(folder.trim_start_matches('/')))? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".bin") {
                let url = format!("{base}{folder}{name}");
                shard_files.push((url, entry.path(), entry.metadata()?.len()));
            }
        }
    }
    if shard_files.iter().map(|(_, _, len)| len).sum::<u64>() <= PRECACHE_SHARDS_MAX_BYTES {
        files.extend(shard_files.into_iter().map(|(url, path, _)| (url, path)));
    }
    files.sort();
    let mut hash = crate::FNV_OFFSET;
    for (url, path) in &files {
        let bytes = fs::read(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        hash = crate::fnv1a_extend(hash, url.bytes().chain(bytes));
    }
    let urls: Vec<&str> = files.iter().map(|(url, _)| url.as_str()).collect();
    let worker = SERVICE_WORKER
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
    for route in routes {
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
/// runs at its best setting for the app's own files, which every visitor downloads, and at a
/// quicker one (within a few percent) for the many pages and for data over 4 MB. Returns how
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

fn content_hashed(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn compress_file(path: &Path, dist: &Path) -> io::Result<()> {
    let bytes = fs::read(path)?;
    write_copies(path, &bytes, setting(path, dist, bytes.len()))
}

/// Brotli quality and gzip level of the many files below the site's top level: see [`setting`].
const MANY_FILES: (u32, u32) = (5, 6);

/// Brotli quality and gzip level for a file of `len` bytes at `path` in the site `dist`.
/// The app and the data at the site's top level (the home page too): the best, unless so
/// large that the best would take minutes (a 20 MB bundle). The many files below (pages,
/// bodies, search shards), each read by few visitors: brotli 5 and gzip 6. Measured on an
/// 11 KB article page: brotli 5 gave 3,294 and gzip 6 3,872 bytes, in 0.4 and 0.2 ms,
/// against 3,212 bytes in 12 ms at brotli 9. The sitemap (a megabyte at 10,000 articles) and
/// the feed are read by crawlers and feed readers, not by visitors on phones: they count as
/// one of the many files (brotli 11 on the sitemap took seconds).
fn setting(path: &Path, dist: &Path, len: usize) -> (u32, flate2::Compression) {
    let for_machines = path
        .file_name()
        .is_some_and(|n| n == "sitemap.xml" || n == "feed.xml");
    let top_level = !for_machines
        && (path.parent() == Some(dist) || path.parent() == Some(dist.join("data").as_path()));
    match (top_level, len <= 4 << 20) {
        (true, true) => (11, flate2::Compression::best()),
        (true, false) => (9, flate2::Compression::best()),
        (false, _) => (MANY_FILES.0, flate2::Compression::new(MANY_FILES.1)),
    }
}

/// Writes `bytes` to `path` in the site `dist` with its .gz and .br copies beside it, as the
/// last step would make them: written once, not read back to be compressed later.
pub fn write_with_copies(path: &Path, dist: &Path, bytes: &[u8]) -> io::Result<()> {
    fs::write(path, bytes)?;
    write_copies(path, bytes, setting(path, dist, bytes.len()))
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

/// [`write_with_copies`] for a page: the same files, but a page below the site's top level
/// that begins with `start` has its copies made from `start`'s and those of its own rest.
pub fn write_page_with_copies(
    path: &Path,
    dist: &Path,
    bytes: &[u8],
    start: Option<&SharedStart>,
) -> io::Result<()> {
    let (quality, level) = setting(path, dist, bytes.len());
    let rest = start.and_then(|s| Some((s, bytes.strip_prefix(s.text.as_slice())?)));
    let Some((start, rest)) = rest.filter(|_| quality == MANY_FILES.0) else {
        return write_with_copies(path, dist, bytes);
    };
    fs::write(path, bytes)?;
    // gzip: header (no name, no time, unknown OS), deflate, CRC-32 and length of the whole.
    let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    gz.extend_from_slice(&start.deflate);
    gz.extend(deflate_part(rest, level, flate2::FlushCompress::Finish)?);
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    gz.extend(crc.sum().to_le_bytes());
    gz.extend((bytes.len() as u32).to_le_bytes());
    fs::write(with_suffix(path, "gz"), gz)?;
    let mut br = start.br.clone();
    br.extend(brotli(rest, quality, BrotliStream::Next)?);
    br.push(0x03);
    fs::write(with_suffix(path, "br"), br)
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
            write_page_with_copies(&path, &dist, html.as_bytes(), Some(&start)).unwrap();
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
            write_page_with_copies(&path, &dist, html.as_bytes(), Some(&start)).unwrap();
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
}
