//! What makes a built site installable and readable offline: the web app manifest and the
//! service worker, whose precache list is read off the files the build emitted.

use std::fs;
use std::io;
use std::path::Path;

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

/// Writes `sw.js` with the list of files to precache: the app shell (404.html), the home and
/// list pages, every top-level asset Trunk emitted (hashed JS, wasm, CSS, icon), the icons,
/// the manifest and the bundle. Its version is a hash of all their contents, so any change to
/// any of them makes a new worker. Returns the number of files precached.
pub fn write_service_worker(dist: &Path, base: &str) -> io::Result<usize> {
    // (URL, file) pairs.
    let mut files: Vec<(String, std::path::PathBuf)> = vec![
        (format!("{base}/"), dist.join("index.html")),
        (format!("{base}/articles"), dist.join("articles/index.html")),
        (format!("{base}/projects"), dist.join("projects/index.html")),
    ];
    for dir in ["", "icons", "data"] {
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
                "" => {
                    name != "sw.js"
                        && name != "index.html"
                        && [".js", ".wasm", ".css", ".svg", ".webmanifest", "404.html"]
                            .iter()
                            .any(|ext| name.ends_with(ext))
                }
                "data" => name.starts_with("bundle") && name.ends_with(".json"),
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
    files.sort();
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for (url, path) in &files {
        let bytes = fs::read(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        for b in url.bytes().chain(bytes) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
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
