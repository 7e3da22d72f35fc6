//! A small static file server for previews and tests: real files, real content types, and an
//! optional single-page-app fallback. Serves only below its folder and only on the address given.
//!
//! HTTP/1.1 with keep-alive, a thread per connection. Browsers open several connections at once
//! and keep idle ones open; each gets its own thread at once, so a new connection never waits
//! behind idle ones (tiny_http's pool could leave one unread while its threads sat on idle
//! keep-alive connections, and a page's script request then hung).

use std::fs;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// How long an idle keep-alive connection is kept before the server closes it.
const IDLE: Duration = Duration::from_secs(60);
/// The largest request head accepted (request line and headers).
const MAX_HEAD: usize = 32 * 1024;

/// What is served, and how.
struct Site {
    root: PathBuf,
    /// The path the site lives under, without a trailing slash (`""` or `/reader`).
    base: String,
    spa: bool,
}

/// Serves `dir` on `address:port` until the process is stopped.
pub fn serve(
    dir: &Path,
    address: &str,
    port: u16,
    spa: bool,
    base: Option<&str>,
) -> io::Result<()> {
    let root = fs::canonicalize(dir)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot serve {}: {e}", dir.display())))?;
    // The path the site was built for, which its pages name (a site built for /reader/ served
    // at / loads none of its code); a folder that is no built site is served, but said so.
    let home = fs::read_to_string(root.join("index.html")).unwrap_or_default();
    if home.is_empty() {
        eprintln!(
            "note: {} has no index.html: is it a built site? (`parkreader build` writes one)",
            root.display()
        );
    }
    let built_for = built_base(&home);
    if let Some(warning) = base.and_then(|asked| base_mismatch(asked, built_for.as_deref()?)) {
        eprintln!("{warning}");
    }
    let base = base.or(built_for.as_deref()).unwrap_or("/");
    let listener = TcpListener::bind((address, port))
        .map_err(|e| io::Error::other(format!("cannot listen on {address}:{port}: {e}")))?;
    let bound = listener.local_addr()?;
    let base = format!("/{}", base.trim_matches('/'))
        .trim_end_matches('/')
        .to_string();
    println!("Serving {} at http://{bound}{base}/", root.display());
    run(listener, Site { root, base, spa });
    Ok(())
}

/// What to say when `--base` (`asked`) is not the path the site was `built` for: its pages
/// name their code, data and links under `built`, so served elsewhere they show without the
/// app, and every link leads out of the site. `None` when the two are the same path.
fn base_mismatch(asked: &str, built: &str) -> Option<String> {
    let path = |p: &str| format!("/{}/", p.trim_matches('/')).replace("//", "/");
    let (asked, built) = (path(asked), path(built));
    (asked != built).then(|| {
        format!(
            "warning: this site was built for {built} (its base_url), but is served at {asked}: \
its pages load their code and data from {built} and link there, so they show without the app \
and their links lead nowhere. Serve it without --base, or set base_url in site.toml to end in \
{asked} and build again."
        )
    })
}

/// The path a built page (`html`) was built for: its `<meta name="parkreader-base">`.
fn built_base(html: &str) -> Option<String> {
    crate::prerender::meta_value(html, "parkreader-base")
        .filter(|value| value.starts_with('/'))
        .map(str::to_string)
}

/// Accepts connections until the listener fails, each on its own thread.
fn run(listener: TcpListener, site: Site) {
    let site = Arc::new(site);
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors, say: wait for some to close rather than spin.
            thread::sleep(Duration::from_millis(20));
            continue;
        };
        let site = site.clone();
        // A thread that cannot be made drops its connection; the server goes on.
        let _ = thread::Builder::new().spawn(move || {
            let _ = connection(&site, stream);
        });
    }
}

/// Answers the requests of one connection, in order, until either side closes it.
fn connection(site: &Site, mut stream: TcpStream) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    // A client that stops reading does not hold its thread for ever.
    stream.set_write_timeout(Some(IDLE))?;
    stream.set_nodelay(true)?;
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut request = httparse::Request::new(&mut headers);
        let parsed = request.parse(&pending);
        let head_len = match parsed {
            Ok(httparse::Status::Complete(n)) => n,
            Ok(httparse::Status::Partial) if pending.len() < MAX_HEAD => {
                let n = stream.read(&mut chunk)?;
                if n == 0 {
                    return Ok(());
                }
                pending.extend_from_slice(&chunk[..n]);
                continue;
            }
            Ok(httparse::Status::Partial) => {
                let reply = Reply::text(431, "request header too large");
                return close_after(&mut stream, &reply);
            }
            Err(_) => return close_after(&mut stream, &Reply::text(400, "bad request")),
        };
        let header = |name: &str| {
            request
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .and_then(|h| std::str::from_utf8(h.value).ok())
                .unwrap_or("")
        };
        // Two lengths, or a length and chunks, could be read two ways (request smuggling).
        let framing = request
            .headers
            .iter()
            .filter(|h| {
                h.name.eq_ignore_ascii_case("Content-Length")
                    || h.name.eq_ignore_ascii_case("Transfer-Encoding")
            })
            .count();
        if framing > 1 {
            return close_after(&mut stream, &Reply::text(400, "bad request"));
        }
        let method = request.method.unwrap_or("");
        let connection_tokens = header("Connection").to_ascii_lowercase();
        let wants_close = connection_tokens.split(',').any(|t| t.trim() == "close");
        let wants_keep = connection_tokens
            .split(',')
            .any(|t| t.trim() == "keep-alive");
        // HTTP/1.1 keeps the connection unless told not to; HTTP/1.0 only when asked. A request
        // with a body (none is expected here) closes it rather than being read past.
        let has_body = !header("Transfer-Encoding").is_empty()
            || !matches!(header("Content-Length").trim(), "" | "0");
        let keep = !wants_close && !has_body && (request.version == Some(1) || wants_keep);
        let reply = match method {
            "GET" | "HEAD" => revalidated(
                respond(site, request.path.unwrap_or("/"), header("Accept-Encoding")),
                header("If-Modified-Since"),
            ),
            _ => Reply::text(405, "method not allowed").with("Allow", "GET, HEAD"),
        };
        if !keep {
            return close_after(&mut stream, &reply.head_only(method == "HEAD"));
        }
        write_reply(&mut stream, &reply.head_only(method == "HEAD"), true)?;
        pending.drain(..head_len);
    }
}

/// Sends `reply` and closes the connection gracefully: the client may have sent more (a body,
/// the rest of a long head) that is read and dropped for a moment, so that the kernel does not
/// answer it with a reset that could destroy the reply before the client has read it.
fn close_after(stream: &mut TcpStream, reply: &Reply) -> io::Result<()> {
    write_reply(stream, reply, false)?;
    stream.shutdown(std::net::Shutdown::Write)?;
    stream.set_read_timeout(Some(Duration::from_millis(500)))?;
    let mut sink = [0u8; 8192];
    let mut drained = 0;
    while drained < 1 << 20 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
    Ok(())
}

/// A response, before it is written.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// An answer to HEAD: the headers (Content-Length included) without the body.
    head_only: bool,
}

impl Reply {
    fn text(status: u16, body: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
            body: body.as_bytes().to_vec(),
            head_only: false,
        }
    }

    fn head_only(mut self, yes: bool) -> Reply {
        self.head_only = yes;
        self
    }

    fn with_status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }

    fn with(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

fn write_reply(stream: &mut TcpStream, reply: &Reply, keep: bool) -> io::Result<()> {
    let reason = match reply.status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "",
    };
    let mut head = format!("HTTP/1.1 {} {reason}\r\n", reply.status);
    for (name, value) in &reply.headers {
        // A value from the site's _headers file never splits the response.
        if !name.contains(['\r', '\n', ':']) && !value.contains(['\r', '\n']) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    // A 304 has no body, and no length of its own: the browser keeps its copy's.
    if reply.status != 304 {
        head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    }
    head.push_str(&format!(
        "Connection: {}\r\n\r\n",
        if keep { "keep-alive" } else { "close" }
    ));
    let mut out = head.into_bytes();
    if !reply.head_only {
        out.extend_from_slice(&reply.body);
    }
    stream.write_all(&out)?;
    stream.flush()
}

/// The response to a GET of `target` (path and query) from a browser that accepts the
/// codings listed in `accept_encoding`.
fn respond(site: &Site, target: &str, accept_encoding: &str) -> Reply {
    let (root, base, spa) = (site.root.as_path(), site.base.as_str(), site.spa);
    let full_path = target.split(['?', '#']).next().unwrap_or("/");
    // Only what lies under the base path is the site; as on a real host, the rest is not.
    let url_path = match full_path.strip_prefix(base) {
        Some("") => "/".to_string(),
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => return Reply::text(404, "404 not found"),
    };
    // An address that is no path (`%E0%A4%A`, `..`) is refused, with the site's own page
    // for what it does not have, as a host configured with it would.
    let Some(relative) = safe_relative(&url_path) else {
        if root.join("404.html").is_file() {
            return respond(site, &format!("{base}/404.html"), accept_encoding).with_status(400);
        }
        return Reply::text(400, "bad request");
    };
    let mut path = root.join(&relative);
    // A folder answers with its index.html, with or without the trailing slash, as most
    // static hosts and CDNs do for "pretty" URLs.
    if path.is_dir() {
        path = path.join("index.html");
    }
    // A link in the folder to a file outside it (the folder given is what is published) is not
    // followed: the file is not there.
    let inside = |p: &Path| fs::canonicalize(p).is_ok_and(|real| real.starts_with(root));
    let (file, status) = if path.is_file() && inside(&path) {
        (path, 200)
    } else if spa
        && Path::new(&relative).extension().is_none()
        && root.join(shell_name(root)).is_file()
    {
        // The app shell, not the prerendered home page that index.html now is.
        (root.join(shell_name(root)), 200)
    } else if root.join("404.html").is_file() {
        (root.join("404.html"), 404)
    } else {
        return Reply::text(404, "404 not found");
    };
    // The build's pre-compressed copy, when the browser takes it (as CDNs and nginx's
    // gzip_static/brotli_static do).
    let accepts = |coding: &str| {
        accept_encoding
            .split(',')
            .any(|c| c.trim().split(';').next().map(str::trim) == Some(coding))
    };
    let modified_at = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    // The file's date: what a compressed copy must be as new as, and its `Last-Modified`.
    let modified = modified_at(&file);
    let compressed = ["br", "gzip"].into_iter().find_map(|coding| {
        let suffix = if coding == "br" { "br" } else { "gz" };
        let mut name = file.as_os_str().to_owned();
        name.push(format!(".{suffix}"));
        let candidate = PathBuf::from(name);
        // Only while it is as new as the file itself: an edited file is served as it now is.
        let current = modified_at(&candidate)
            .zip(modified)
            .is_some_and(|(c, f)| c >= f);
        (accepts(coding) && current && inside(&candidate)).then_some((coding, candidate))
    });
    let (body, coding) = match &compressed {
        Some((coding, path)) => (fs::read(path), Some(*coding)),
        None => (fs::read(&file), None),
    };
    let Ok(body) = body else {
        return Reply::text(404, "404 not found");
    };
    let mut reply = Reply {
        status,
        headers: vec![
            ("Content-Type".into(), content_type(&file).into()),
            ("Cache-Control".into(), "no-cache".into()),
            ("Vary".into(), "Accept-Encoding".into()),
        ],
        body,
        head_only: false,
    };
    if let Some(coding) = coding {
        reply = reply.with("Content-Encoding", coding);
    }
    if let Some(modified) = modified.filter(|_| status == 200) {
        reply = reply.with("Last-Modified", &httpdate::fmt_http_date(modified));
    }
    reply.headers.extend(site_headers(root, &url_path));
    reply
}

/// `reply` as "304 Not Modified" when the browser's copy, of the date `if_modified_since`, is
/// at least as new as the file, as most static hosts answer (python's http.server, nginx without
/// an ETag match): by date alone, so a file put back with an older date than the copy a browser
/// holds is not sent again.
fn revalidated(reply: Reply, if_modified_since: &str) -> Reply {
    let header = |name: &str| {
        reply
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let held = httpdate::parse_http_date(if_modified_since.trim()).ok();
    let modified = header("Last-Modified").and_then(|d| httpdate::parse_http_date(d).ok());
    match (held, modified) {
        (Some(held), Some(modified)) if reply.status == 200 && modified <= held => Reply {
            status: 304,
            headers: reply
                .headers
                .into_iter()
                .filter(|(n, _)| {
                    !n.eq_ignore_ascii_case("Content-Encoding")
                        && !n.eq_ignore_ascii_case("Content-Type")
                })
                .collect(),
            body: Vec::new(),
            head_only: false,
        },
        _ => reply,
    }
}

/// The headers the site's `_headers` file (Netlify's and Cloudflare Pages' format) sets for
/// `url_path`: a line with a path (`/*` matching any path beginning with what precedes the
/// `*`), then indented `Name: value` lines.
fn site_headers(root: &Path, url_path: &str) -> Vec<(String, String)> {
    let Ok(text) = fs::read_to_string(root.join("_headers")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut applies = false;
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            let pattern = line.trim();
            applies = match pattern.strip_suffix('*') {
                Some(prefix) => url_path.starts_with(prefix),
                None => pattern == url_path,
            };
        } else if let (true, Some((name, value))) = (applies, line.split_once(':')) {
            out.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    out
}

/// The plain app shell: 404.html when the site has one (a prerendered build), else index.html.
fn shell_name(root: &Path) -> &'static str {
    if root.join("404.html").is_file() {
        "404.html"
    } else {
        "index.html"
    }
}

/// The URL path as a path below the root, or `None` if it tries to leave it.
fn safe_relative(url_path: &str) -> Option<PathBuf> {
    let decoded = crate::percent_decode(url_path)?;
    let mut out = PathBuf::new();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" | "shtml" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "zip" => "application/zip",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_built_site_is_served_under_the_path_it_was_built_for() {
        let page = "<head><meta name=\"parkreader-base\" content=\"/reader/\" /></head>";
        assert_eq!(built_base(page).as_deref(), Some("/reader/"));
        assert_eq!(built_base("<head></head>"), None);
        assert_eq!(base_mismatch("/reader/", "/reader/"), None);
        assert_eq!(base_mismatch("reader", "/reader/"), None);
        assert_eq!(base_mismatch("/", "/"), None);
        let told = base_mismatch("/reader/", "/").expect("a site built for / served at /reader/");
        assert!(
            told.starts_with(
                "warning: this site was built for / (its base_url), but is served at /reader/:"
            ),
            "{told}"
        );
        assert!(base_mismatch("/", "/reader/").is_some());
        assert_eq!(
            built_base("<meta name=\"parkreader-base\" content=\"x\" />"),
            None
        );
    }

    #[test]
    fn headers_files_apply_by_path() {
        let dir = std::env::temp_dir().join(format!("parkreader-headers-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("_headers"),
            "# comment\n/*\n  X-A: 1\n  Content-Security-Policy: default-src 'self'\n/data/*\n  X-B: 2\n/exact\n  X-C: 3\n",
        )
        .unwrap();
        let names = |p: &str| -> Vec<String> {
            site_headers(&dir, p).into_iter().map(|(n, _)| n).collect()
        };
        assert_eq!(names("/"), ["X-A", "Content-Security-Policy"]);
        assert_eq!(
            names("/data/x.json"),
            ["X-A", "Content-Security-Policy", "X-B"]
        );
        assert_eq!(names("/exact"), ["X-A", "Content-Security-Policy", "X-C"]);
        assert_eq!(site_headers(&dir, "/")[1].1, "default-src 'self'");
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A link in the folder to a file outside it is not followed, nor is one to a compressed
    /// copy outside it; a link within the folder is.
    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_are_not_followed() {
        let dir = std::env::temp_dir().join(format!("parkreader-links-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("site")).unwrap();
        fs::write(dir.join("site/404.html"), "shell").unwrap();
        fs::write(dir.join("site/a.txt"), "a").unwrap();
        // Newer than a.txt, as a compressed copy made after it would be.
        std::thread::sleep(Duration::from_millis(20));
        fs::write(dir.join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.join("secret.txt"), dir.join("site/leak.txt")).unwrap();
        std::os::unix::fs::symlink(dir.join("site/a.txt"), dir.join("site/b.txt")).unwrap();
        std::os::unix::fs::symlink(dir.join("secret.txt"), dir.join("site/a.txt.br")).unwrap();
        let site = Site {
            root: fs::canonicalize(dir.join("site")).unwrap(),
            base: String::new(),
            spa: false,
        };
        let leak = respond(&site, "/leak.txt", "");
        assert_eq!((leak.status, leak.body.as_slice()), (404, &b"shell"[..]));
        let copy = respond(&site, "/a.txt", "br");
        assert_eq!((copy.status, copy.body.as_slice()), (200, &b"a"[..]));
        let within = respond(&site, "/b.txt", "");
        assert_eq!((within.status, within.body.as_slice()), (200, &b"a"[..]));
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A server on a free port over a small site; returns its address.
    fn start(name: &str) -> std::net::SocketAddr {
        let root =
            std::env::temp_dir().join(format!("parkreader-serve-{name}-{}", std::process::id()));
        fs::create_dir_all(root.join("articles/a")).unwrap();
        fs::write(root.join("404.html"), "shell").unwrap();
        fs::write(root.join("app.js"), "let app = 1;").unwrap();
        fs::write(root.join("articles/a/index.html"), "article a").unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let site = Site {
            root: fs::canonicalize(&root).unwrap(),
            base: String::new(),
            spa: false,
        };
        thread::spawn(move || run(listener, site));
        address
    }

    /// A connection to `address` that gives up reading after 10 seconds.
    fn connect(address: std::net::SocketAddr) -> TcpStream {
        let stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream
    }

    /// Reads a response's head (status line and headers) from `stream`.
    fn read_head(stream: &mut TcpStream) -> String {
        let mut bytes = Vec::new();
        let mut byte = [0u8; 1];
        while !bytes.ends_with(b"\r\n\r\n") {
            assert_eq!(
                stream.read(&mut byte).unwrap(),
                1,
                "connection closed mid-head: {bytes:?}"
            );
            bytes.push(byte[0]);
        }
        String::from_utf8(bytes).unwrap()
    }

    /// Reads one response from `stream`: its head, and then exactly Content-Length bytes.
    fn read_response(stream: &mut TcpStream) -> (String, Vec<u8>) {
        let head = read_head(stream);
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .unwrap()
            .parse()
            .unwrap();
        let mut body = vec![0u8; length];
        stream.read_exact(&mut body).unwrap();
        (head, body)
    }

    #[test]
    fn many_open_connections_are_each_answered_at_once() {
        // As a browser does: several connections opened together, kept open after their first
        // response, and a request on a new one while the others sit idle. Each is answered
        // without waiting for another to close.
        let address = start("many");
        let mut open: Vec<TcpStream> = Vec::new();
        for round in 0..4 {
            let mut batch: Vec<TcpStream> = (0..8)
                .map(|_| TcpStream::connect(address).unwrap())
                .collect();
            for stream in &mut batch {
                stream
                    .set_read_timeout(Some(Duration::from_secs(10)))
                    .unwrap();
                stream
                    .write_all(b"GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n")
                    .unwrap();
            }
            for stream in &mut batch {
                let (head, body) = read_response(stream);
                assert!(
                    head.starts_with("HTTP/1.1 200 OK\r\n"),
                    "round {round}: {head}"
                );
                assert!(head.contains("Connection: keep-alive"), "{head}");
                assert_eq!(body, b"let app = 1;");
            }
            open.extend(batch);
        }
        // An address that is no path gets the site's page for what it lacks, refused.
        let stream = &mut open[0];
        stream
            .write_all(b"GET /articles/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let (head, body) = read_response(stream);
        assert!(head.starts_with("HTTP/1.1 400 "), "{head}");
        assert_eq!(body, b"shell");
        // And the kept connections still answer.
        for stream in &mut open {
            stream
                .write_all(b"GET /articles/a HTTP/1.1\r\nHost: x\r\n\r\n")
                .unwrap();
            assert_eq!(read_response(stream).1, b"article a");
        }
    }

    /// As python's http.server and nginx: a file has its date, and a browser that holds a copy
    /// at least as new is told 304 with no body, on a connection that stays usable; an older
    /// copy, or no date, gets the file.
    #[test]
    fn a_copy_as_new_as_the_file_is_not_sent_again() {
        let address = start("modified");
        let mut stream = connect(address);
        stream
            .write_all(b"GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let (head, _) = read_response(&mut stream);
        let date = head
            .lines()
            .find_map(|l| l.strip_prefix("Last-Modified: "))
            .expect("a date")
            .to_string();
        let modified = httpdate::parse_http_date(&date).unwrap();
        let ask = |stream: &mut TcpStream, since: std::time::SystemTime| {
            stream
                .write_all(
                    format!(
                        "GET /app.js HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: {}\r\n\r\n",
                        httpdate::fmt_http_date(since)
                    )
                    .as_bytes(),
                )
                .unwrap();
        };
        for since in [modified, modified + Duration::from_secs(3600)] {
            ask(&mut stream, since);
            let head = read_head(&mut stream);
            assert!(
                head.starts_with("HTTP/1.1 304 Not Modified\r\n")
                    && !head.contains("Content-Length"),
                "{head}"
            );
        }
        ask(&mut stream, modified - Duration::from_secs(1));
        let (head, body) = read_response(&mut stream);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert_eq!(body, b"let app = 1;");
        // The site's 404 page is no copy of anything asked for: never 304.
        stream
            .write_all(
                format!(
                    "GET /nothing.js HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: {}\r\n\r\n",
                    httpdate::fmt_http_date(modified + Duration::from_secs(3600))
                )
                .as_bytes(),
            )
            .unwrap();
        let (head, body) = read_response(&mut stream);
        assert!(head.starts_with("HTTP/1.1 404 "), "{head}");
        assert_eq!(body, b"shell");
    }

    #[test]
    fn requests_are_answered_in_order_and_head_sends_no_body() {
        let address = start("order");
        let mut stream = connect(address);
        // Two requests in one write (pipelined), then a HEAD, a POST and an HTTP/1.0 request.
        stream
            .write_all(b"GET /app.js HTTP/1.1\r\nHost: x\r\n\r\nGET /nothing.js HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let (head, body) = read_response(&mut stream);
        assert!(head.contains("Content-Type: text/javascript"), "{head}");
        assert_eq!(body, b"let app = 1;");
        let (head, body) = read_response(&mut stream);
        assert!(head.starts_with("HTTP/1.1 404 Not Found\r\n"), "{head}");
        assert_eq!(body, b"shell");
        // HEAD: the GET's headers, Content-Length included, and no body; the next response
        // follows the head directly.
        stream
            .write_all(b"HEAD /app.js HTTP/1.1\r\nHost: x\r\n\r\nGET /articles/a/ HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let head = read_head(&mut stream);
        assert!(
            head.starts_with("HTTP/1.1 200 OK\r\n") && head.contains("Content-Length: 12\r\n"),
            "{head}"
        );
        let (head, body) = read_response(&mut stream);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert_eq!(body, b"article a");
        stream
            .write_all(b"POST /app.js HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
            .unwrap();
        let (head, _) = read_response(&mut stream);
        assert!(head.starts_with("HTTP/1.1 405 "), "{head}");
        assert!(
            head.contains("Allow: GET, HEAD") && head.contains("Connection: close"),
            "{head}"
        );
        let mut rest = Vec::new();
        stream.read_to_end(&mut rest).unwrap();
        assert!(
            rest.is_empty(),
            "the connection closes after a request with a body"
        );

        // Two lengths could frame the request two ways: refused, and the connection closed.
        let mut two = connect(address);
        two.write_all(b"GET /app.js HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 30\r\n\r\nGET /articles/a HTTP/1.1\r\n\r\n")
            .unwrap();
        let mut all = Vec::new();
        two.read_to_end(&mut all).unwrap();
        let all = String::from_utf8(all).unwrap();
        assert!(
            all.starts_with("HTTP/1.1 400 ") && !all.contains("article a"),
            "{all}"
        );

        let mut old = connect(address);
        old.write_all(b"GET /app.js HTTP/1.0\r\n\r\n").unwrap();
        let mut all = Vec::new();
        old.read_to_end(&mut all).unwrap();
        let all = String::from_utf8(all).unwrap();
        assert!(
            all.contains("Connection: close") && all.ends_with("let app = 1;"),
            "{all}"
        );
    }

    #[test]
    fn paths_stay_below_the_root() {
        assert_eq!(
            safe_relative("/articles/x"),
            Some(PathBuf::from("articles/x"))
        );
        assert_eq!(safe_relative("/%E6%96%87"), Some(PathBuf::from("文")));
        assert_eq!(safe_relative("/../etc/passwd"), None);
        assert_eq!(safe_relative("/a/%2e%2e/%2e%2e/x"), None);
        assert_eq!(safe_relative("/%zz"), None);
        assert_eq!(safe_relative("/%+f"), None);
    }
}
