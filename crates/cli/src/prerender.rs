//! `parkreader prerender DIST`: writes every route of the bundle as its own static page
//! (dist/articles/<id>/index.html …), rendered by the app's own components.

use std::fs;
use std::io;
use std::path::Path;
use std::sync::Arc;

use parkreader_core::{parse_body, parse_bundle, Bundle};

/// Every route worth a static page, in the order written.
pub fn routes(bundle: &Bundle) -> Vec<String> {
    let mut routes = vec![
        "/".to_string(),
        "/articles".to_string(),
        "/projects".to_string(),
    ];
    routes.extend(
        bundle
            .taxonomies
            .categories
            .iter()
            .map(|c| format!("/categories/{}", c.id)),
    );
    routes.extend(
        bundle
            .articles
            .iter()
            .map(|a| format!("/articles/{}", a.id)),
    );
    routes.extend(
        bundle
            .projects
            .iter()
            .map(|p| format!("/projects/{}", p.id)),
    );
    routes
}

/// Prerenders `dist`, using its 404.html (the plain app shell) as the page template and its
/// data/bundle.json as the content. Returns how many pages were written.
pub fn prerender(dist: &Path) -> io::Result<usize> {
    let shell = fs::read_to_string(dist.join("404.html")).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!(
                "{}: {e} (build the site first)",
                dist.join("404.html").display()
            ),
        )
    })?;
    let text = fs::read_to_string(dist.join("data/bundle.json"))?;
    let mut bundle = parse_bundle(&text).map_err(|e| {
        io::Error::new(io::ErrorKind::InvalidData, format!("data/bundle.json: {e}"))
    })?;
    // Bodies published as separate files are part of the static page.
    for article in &mut bundle.articles {
        if let Some(url) = article.body_url.clone() {
            let file = dist.join(url.trim_start_matches('/'));
            let text = fs::read_to_string(&file)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", file.display())))?;
            let blocks = parse_body(&text)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{url}: {e}")))?;
            article.body = Some(blocks);
        }
    }
    let bundle = Arc::new(bundle);
    let routes = routes(&bundle);
    for route in &routes {
        let html =
            parkreader::prerender::render_page(&shell, bundle.clone(), route).ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "404.html has no <div id=\"app\"> to fill",
                )
            })?;
        let dir = dist.join(route.trim_start_matches('/'));
        fs::create_dir_all(&dir)?;
        fs::write(dir.join("index.html"), html)?;
    }
    Ok(routes.len())
}
