//! Old addresses (`aliases = ["/art/2024/3/15/art_1_2.html"]` in a content file's front
//! matter): a site moving off a CMS keeps the links already shared in chat groups and found by
//! search engines working. Each becomes a small static page at that path that sends the
//! browser on to the item's page at once (`<meta http-equiv="refresh">`, which works without
//! JavaScript, under a policy that allows the page nothing else) and names that page as canonical, which search
//! engines take as a permanent move. No server rule is needed, so it works on any static host.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use parkreader_core::share::share_url;
use parkreader_core::text::escape_html;
use parkreader_core::{Bundle, Moved};

/// An old address and the page of the site it now leads to.
#[derive(Clone, Debug, PartialEq)]
pub struct Redirect {
    /// The old path, below the site's base path, as written (`/art/2024/3/15/art_1_2.html`).
    pub from: String,
    /// The page it leads to, as the reader routes it (`/articles/jn-ic-2024`).
    pub to: String,
    /// The item's title, for the page's title and its link.
    pub title: String,
}

/// The first steps of paths the build writes itself: an old address there would collide with
/// a page, the data or the app.
const RESERVED: [&str; 16] = [
    "articles",
    "projects",
    "categories",
    "saved",
    "data",
    "media",
    "files",
    "icons",
    "index.html",
    "404.html",
    "sw.js",
    "sitemap.xml",
    "feed.xml",
    "robots.txt",
    "_headers",
    "manifest.webmanifest",
];

/// The renamed items among `redirects` (old addresses `/articles/<old id>` and
/// `/projects/<old id>`): their old ids, each with the id the item has now, for the bundle
/// ([`Moved`]), where the app finds an entry saved or visited under the old id.
pub fn moved(redirects: &[Redirect]) -> Moved {
    let mut moved = Moved::default();
    for redirect in redirects {
        let from = crate::percent_decode(&redirect.from).unwrap_or_default();
        let old = from.trim_end_matches('/');
        for (list, map) in [
            ("/articles/", &mut moved.articles),
            ("/projects/", &mut moved.projects),
        ] {
            let (Some(old), Some(now)) = (old.strip_prefix(list), redirect.to.strip_prefix(list))
            else {
                continue;
            };
            if parkreader_core::validate::valid_id(old) {
                map.insert(old.to_string(), now.to_string());
            }
        }
    }
    moved
}

/// The old pages of the renamed items of `bundle` ([`Moved`]), for a site built from a bundle
/// file: the other old addresses are not part of the bundle format.
pub fn of_moved(bundle: &Bundle) -> Vec<Redirect> {
    let articles = bundle.moved.articles.iter().filter_map(|(old, now)| {
        let title = &bundle.article(now)?.title;
        Some(("articles", old, now, title))
    });
    let projects = bundle.moved.projects.iter().filter_map(|(old, now)| {
        let name = &bundle.project(now)?.name;
        Some(("projects", old, now, name))
    });
    articles
        .chain(projects)
        .map(|(list, old, now, title)| Redirect {
            from: format!("/{list}/{old}/"),
            to: format!("/{list}/{now}"),
            title: title.clone(),
        })
        .collect()
}

/// Endings of a page a static host serves as a web page.
const PAGE_ENDINGS: [&str; 3] = [".html", ".htm", ".shtml"];

/// Why `alias` cannot be an old address the build writes a page at, with what to do.
pub fn problem(alias: &str) -> Option<String> {
    if !alias.starts_with('/') {
        return Some(format!(
            "{alias:?} is not a path on this site; write it from the site's root, such as \"/art/2024/3/15/art_1_2.html\""
        ));
    }
    if alias.contains(['?', '#']) {
        return Some(format!("{alias:?} has a query or fragment, which a static host cannot tell apart: only the path can be an old address"));
    }
    let Some(decoded) = crate::percent_decode(alias) else {
        return Some(format!(
            "{alias:?} has a `%` that is not an escape of UTF-8 text"
        ));
    };
    if decoded
        .chars()
        .any(|c| c.is_control() || c == '\\' || c == '"')
    {
        return Some(format!(
            "{alias:?} has a character a path cannot hold (a control character, `\\` or `\"`)"
        ));
    }
    // In lower case for what the site writes itself: hosts on Windows (IIS), and a site copied
    // through a Mac or Windows folder, take `/Articles/x` and `/articles/x` for one file.
    let lower = decoded.to_lowercase();
    let steps: Vec<&str> = lower[1..].trim_end_matches('/').split('/').collect();
    if steps.iter().any(|s| s.is_empty() || s.starts_with('.')) {
        return Some(format!(
            "{alias:?} has an empty step or one starting with `.`, which hosts do not serve as pages; write the path as the old site had it"
        ));
    }
    // A renamed item's old page (`/articles/<old id>`) is free for its old address, which the
    // build checks against the ids it has.
    let renamed = matches!(steps[..], ["articles" | "projects", id] if parkreader_core::validate::valid_id(id));
    // `CNAME` is GitHub Pages' own file, which a build keeps from the site it replaces.
    if (RESERVED.contains(&steps[0]) || steps[0] == "cname") && !renamed {
        return Some(format!(
            "{alias:?} lies where the site writes its own pages or files (/{}); an old address must be elsewhere",
            steps[0]
        ));
    }
    let last = steps[steps.len() - 1];
    let page = PAGE_ENDINGS.iter().any(|e| last.ends_with(e));
    if !page && !lower.ends_with('/') && last.contains('.') {
        return Some(format!(
            "{alias:?} ends in {:?}, which a static host sends as a file, not as a page; only addresses ending in .html, .htm, .shtml or a folder can lead on",
            &last[last.rfind('.').unwrap_or(0)..]
        ));
    }
    None
}

/// The file, in the site `dist`, that the host serves for `alias` (one [`problem`] accepts):
/// that very file for a page's address, the folder's index.html otherwise.
pub fn file(dist: &Path, alias: &str) -> PathBuf {
    let decoded = crate::percent_decode(alias).unwrap_or_else(|| alias.to_string());
    let path = dist.join(decoded.trim_start_matches('/'));
    if PAGE_ENDINGS
        .iter()
        .any(|e| decoded.to_lowercase().ends_with(e))
    {
        path
    } else {
        path.join("index.html")
    }
}

/// The page at an old address: on at once to `to`, the item's page below the site's `base`
/// path (`/` or `/reader/`), with `canonical`, its full address, for search engines, and a
/// link for a browser that does not follow the refresh.
pub fn page(redirect: &Redirect, base: &str, canonical: &str) -> String {
    let to = format!(
        "{}{}",
        base.trim_end_matches('/'),
        parkreader_core::links::page_href(&redirect.to)
    );
    let (to, canonical, title) = (
        escape_html(&to),
        escape_html(canonical),
        escape_html(&redirect.title),
    );
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n\
<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n\
</head>\n<body>\n<p>本页已迁至 <a href=\"{to}\">{title}</a></p>\n</body>\n</html>\n"
    )
}

/// Writes the page of every redirect into the site `dist`, published at `base_url` (its
/// path `base`), with its compressed copies. An old address whose file the build already
/// wrote is an error: it would replace a page of the site.
pub fn write(dist: &Path, redirects: &[Redirect], base: &str, base_url: &str) -> io::Result<()> {
    for redirect in redirects {
        let path = file(dist, &redirect.from);
        if path.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "the old address {} would replace {}, which the site has",
                    redirect.from,
                    path.display()
                ),
            ));
        }
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let html = page(redirect, base, &share_url(base_url, &redirect.to));
        crate::offline::write_with_copies(&path, dist, html.as_bytes(), None)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_a_static_host_can_serve_as_pages_are_taken() {
        for ok in [
            "/art/2024/3/15/art_1_2.html",
            "/zsxm/xm01.htm",
            "/news/123",
            "/news/123/",
            "/col/col1229/index.shtml",
            "/%E6%8B%9B%E5%95%86/1.html",
            "/招商/1.html",
            "/News/1.HTML",
            // A renamed article's or project's page.
            "/articles/cloud-signing-nine-projects",
            "/projects/old-id/",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for (bad, why) in [
            ("art/1.html", "not a path on this site"),
            ("/art/1.jsp?id=3", "query or fragment"),
            ("/art/1.html#top", "query or fragment"),
            ("/art/%E6%8B.html", "not an escape of UTF-8"),
            ("/art/../articles/x.html", "starting with `.`"),
            ("/art//1.html", "empty step"),
            ("/articles/old.html", "where the site writes its own pages"),
            ("/articles/2024/old", "where the site writes its own pages"),
            ("/data/bundle.json", "where the site writes its own pages"),
            ("/index.html", "where the site writes its own pages"),
            ("/", "empty"),
            ("/art/1.php", "ends in \".php\""),
            ("/Articles/old.html", "where the site writes its own pages"),
            ("/INDEX.HTML", "where the site writes its own pages"),
            ("/.well-known/x.html", "starting with `.`"),
            ("/CNAME/", "where the site writes its own pages"),
            ("/a\\b.html", "cannot hold"),
        ] {
            let message = problem(bad).unwrap_or_default();
            assert!(message.contains(why), "{bad}: {message}");
        }
    }

    #[test]
    fn an_old_address_is_the_file_a_host_serves_for_it() {
        let dist = Path::new("/site");
        assert_eq!(
            file(dist, "/art/2024/1.html"),
            Path::new("/site/art/2024/1.html")
        );
        assert_eq!(
            file(dist, "/news/123"),
            Path::new("/site/news/123/index.html")
        );
        assert_eq!(
            file(dist, "/news/123/"),
            Path::new("/site/news/123/index.html")
        );
        assert_eq!(
            file(dist, "/%E6%8B%9B%E5%95%86/1.html"),
            Path::new("/site/招商/1.html")
        );
    }

    #[test]
    fn the_page_leads_on_under_the_base_path_and_escapes_the_title() {
        let redirect = Redirect {
            from: "/art/1.html".into(),
            to: "/articles/jn-ic".into(),
            title: "签约<b>\"48K\"</b> & 投产".into(),
        };
        let html = page(
            &redirect,
            "/reader/",
            "https://example.org/reader/articles/jn-ic",
        );
        assert!(html
            .contains(r#"<meta http-equiv="refresh" content="0; url=/reader/articles/jn-ic/">"#));
        assert!(html.contains(
            r#"<link rel="canonical" href="https://example.org/reader/articles/jn-ic">"#
        ));
        assert!(html.contains("<title>签约&lt;b&gt;&quot;48K&quot;&lt;/b&gt; &amp; 投产</title>"));
        assert!(!html.contains("<b>"));
        assert!(html.contains(r#"content="default-src 'none'""#));
    }
}
