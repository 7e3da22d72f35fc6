//! A small static file server for previews and tests: real files, real content types, and an
//! optional single-page-app fallback. Serves only below its folder and only on the address given.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;

use tiny_http::{Header, Request, Response, Server, StatusCode};

/// Serves `dir` on `address:port` until the process is stopped.
pub fn serve(dir: &Path, address: &str, port: u16, spa: bool, base: &str) -> io::Result<()> {
    let root = fs::canonicalize(dir)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot serve {}: {e}", dir.display())))?;
    let server = Server::http((address, port))
        .map_err(|e| io::Error::other(format!("cannot listen on {address}:{port}: {e}")))?;
    let bound = server
        .server_addr()
        .to_ip()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let base = format!("/{}", base.trim_matches('/'))
        .trim_end_matches('/')
        .to_string();
    println!("Serving {} at http://{bound}{base}/", root.display());
    // A thread per request: a response whose reader stalls (a browser that stops reading a
    // large file) must never hold up the others, as it could with a fixed pool of workers.
    let (root, base) = (Arc::new(root), Arc::new(base));
    for request in server.incoming_requests() {
        let (root, base) = (root.clone(), base.clone());
        thread::spawn(move || {
            let _ = respond(&root, &base, spa, request);
        });
    }
    Ok(())
}

fn respond(root: &Path, base: &str, spa: bool, request: Request) -> io::Result<()> {
    let full_path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    // Only what lies under the base path is the site; as on a real host, the rest is not.
    let url_path = match full_path.strip_prefix(base) {
        Some("") => "/".to_string(),
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => return request.respond(Response::from_string("404 not found").with_status_code(404)),
    };
    let Some(relative) = safe_relative(&url_path) else {
        return request.respond(Response::from_string("bad request").with_status_code(400));
    };
    let mut path = root.join(&relative);
    // A folder answers with its index.html, with or without the trailing slash, as most
    // static hosts and CDNs do for "pretty" URLs.
    if path.is_dir() {
        path = path.join("index.html");
    }
    let (file, status) = if path.is_file() {
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
        return request.respond(Response::from_string("404 not found").with_status_code(404));
    };
    // The build's pre-compressed copy, when the browser takes it (as CDNs and nginx's
    // gzip_static/brotli_static do).
    let accepts = |coding: &str| {
        request.headers().iter().any(|h| {
            h.field.equiv("Accept-Encoding")
                && h.value
                    .as_str()
                    .split(',')
                    .any(|c| c.trim().split(';').next() == Some(coding))
        })
    };
    let compressed = ["br", "gzip"].into_iter().find_map(|coding| {
        let suffix = if coding == "br" { "br" } else { "gz" };
        let mut name = file.as_os_str().to_owned();
        name.push(format!(".{suffix}"));
        let candidate = PathBuf::from(name);
        // Only while it is as new as the file itself: an edited file is served as it now is.
        let fresh = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
        let current = fresh(&candidate)
            .zip(fresh(&file))
            .is_some_and(|(c, f)| c >= f);
        (accepts(coding) && current).then_some((coding, candidate))
    });
    let content_type =
        Header::from_bytes("Content-Type", content_type(&file)).expect("valid header");
    let cache = Header::from_bytes("Cache-Control", "no-cache").expect("valid header");
    let vary = Header::from_bytes("Vary", "Accept-Encoding").expect("valid header");
    let mut response = match &compressed {
        Some((coding, path)) => Response::from_data(fs::read(path)?)
            .with_header(Header::from_bytes("Content-Encoding", *coding).expect("valid header")),
        None => Response::from_data(fs::read(&file)?),
    };
    response = response
        .with_status_code(StatusCode(status))
        .with_header(content_type)
        .with_header(cache)
        .with_header(vary);
    for (name, value) in site_headers(root, &url_path) {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    request.respond(response)
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
    let decoded = percent_decode(url_path)?;
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

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().filter(|s| !s.contains('\0'))
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
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
    }
}
