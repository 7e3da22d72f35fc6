//! Which URLs the reader will put into a page. Anything else is shown as text or dropped:
//! links are http(s), `tel:` or `mailto:`; images are https or paths on this site.

/// True for an absolute `http://` or `https://` URL with a host and no whitespace or control characters.
///
/// ```
/// use parkreader_core::links::is_http_url;
/// assert!(is_http_url("https://example.org/a?b=1"));
/// assert!(!is_http_url("javascript:alert(1)"));
/// assert!(!is_http_url("https://"));
/// assert!(!is_http_url("https://www.gov.cn@evil.example/"));
/// ```
pub fn is_http_url(url: &str) -> bool {
    let lower = url
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    // A user before the host (`https://www.gov.cn@evil.example/`) hides where the link goes.
    !host.is_empty() && !host.starts_with('.') && !host.contains('@') && clean(url)
}

/// True for an `http://` URL (any case), which a page served over https cannot load as an
/// image: the browser blocks it, or asks for it over https from a host that may not answer.
pub fn is_plain_http(url: &str) -> bool {
    url.get(..7)
        .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
}

/// True for a path or URL an image or data file may be loaded from: https, or a path on
/// this site (`/media/a.jpg`, `media/a.jpg`). Not `http://`: the site's policy loads images
/// only over https, as a page served over https must (see [`is_plain_http`]). Schemes such as `data:` or `javascript:`,
/// protocol-relative `//host` paths, and paths with a `..` step, also written `%2e%2e` (which
/// would lead a build out of the site's folder, and a browser out of its base path), are
/// refused.
///
/// ```
/// use parkreader_core::links::is_safe_src;
/// assert!(is_safe_src("/media/carbon-fibre.jpg"));
/// assert!(is_safe_src("media/a.jpg"));
/// assert!(!is_safe_src("data:image/svg+xml,<svg onload=alert(1)>"));
/// assert!(!is_safe_src("//evil.example/a.js"));
/// assert!(!is_safe_src("/../secret.json"));
/// assert!(!is_safe_src("http://img.example.cn/a.jpg"));
/// ```
pub fn is_safe_src(src: &str) -> bool {
    if is_http_url(src) {
        return !is_plain_http(src);
    }
    if src.is_empty()
        || src.starts_with("//")
        || src.contains('\\')
        || !clean(src)
        || src
            .split(['/', '?', '#'])
            .any(|step| step.to_ascii_lowercase().replace("%2e", ".") == "..")
    {
        return false;
    }
    // A colon before the first slash would be a scheme (`data:`, `javascript:`).
    let first_segment = src.split('/').next().unwrap_or("");
    !first_segment.contains(':')
}

/// True for a phone number that can become a `tel:` link: digits with `+ - ( )` and spaces,
/// perhaps followed by an extension (`028-8518 0000 转 8001`, `分机 8001`, `ext. 8001`, or in
/// a `tel:` link `,8001`, where the phone waits, then dials it).
pub fn is_phone_number(phone: &str) -> bool {
    let (number, extension) = phone_parts(phone);
    number.chars().any(|c| c.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')'))
        && extension
            .is_none_or(|e| (1..=6).contains(&e.len()) && e.bytes().all(|b| b.is_ascii_digit()))
}

/// A phone number and its extension, if it has one.
fn phone_parts(phone: &str) -> (&str, Option<&str>) {
    ["转", "分机", "ext.", "ext", ","]
        .iter()
        .find_map(|mark| {
            let (number, extension) = phone.split_once(mark)?;
            Some((number.trim_end(), Some(extension.trim())))
        })
        .unwrap_or((phone, None))
}

/// The `tel:` URL for a valid phone number: spaces and parentheses removed, an extension after
/// a `,` (`tel:028-85180000,8001`).
pub fn tel_href(phone: &str) -> Option<String> {
    is_phone_number(phone).then(|| {
        let (number, extension) = phone_parts(phone);
        let digits: String = number
            .chars()
            .filter(|c| c.is_ascii_digit() || matches!(c, '+' | '-'))
            .collect();
        match extension {
            Some(extension) => format!("tel:{digits},{extension}"),
            None => format!("tel:{digits}"),
        }
    })
}

/// True for a plausible e-mail address (one `@`, a dot in the domain, no spaces or markup).
pub fn is_email(email: &str) -> bool {
    let mut parts = email.split('@');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && email.chars().all(|c| {
                    c.is_ascii_graphic()
                        && !matches!(
                            c,
                            '<' | '>' | '"' | '\'' | '\\' | ',' | ';' | ':' | '?' | '&' | '/'
                        )
                })
        }
        _ => false,
    }
}

/// True for where a link in published text may lead: an http(s) URL, `tel:` with a phone
/// number, `mailto:` with an address, a page of this site ([`is_page_path`]) or a file
/// published with it ([`is_file_path`]).
///
/// ```
/// use parkreader_core::links::is_safe_link;
/// assert!(is_safe_link("https://www.example.gov.cn/zcwj/1.html"));
/// assert!(is_safe_link("tel:400-000-0000"));
/// assert!(is_safe_link("mailto:invest@example.org"));
/// assert!(is_safe_link("mailto:invest@example.org?subject=%E5%92%A8%E8%AF%A2"));
/// assert!(is_safe_link("/projects/carbon-fibre-48k"));
/// assert!(is_safe_link("/files/guide-0123456789abcdef.pdf"));
/// assert!(!is_safe_link("mailto:invest@example.org?bcc=other@example.org"));
/// assert!(!is_safe_link("javascript:alert(1)"));
/// assert!(!is_safe_link("//evil.example/"));
/// assert!(!is_safe_link("notes.md"));
/// ```
pub fn is_safe_link(href: &str) -> bool {
    if let Some(phone) = href.strip_prefix("tel:") {
        return is_phone_number(phone) && !phone.contains(' ');
    }
    if let Some(mail) = href.strip_prefix("mailto:") {
        // An address, and perhaps a subject or body after `?`: no more recipients (`cc`, `bcc`,
        // `to`), which would copy the reader's mail to someone the link does not show.
        let (email, fields) = mail.split_once('?').unwrap_or((mail, ""));
        return is_email(email)
            && clean(fields)
            && fields.split('&').filter(|f| !f.is_empty()).all(|field| {
                let name = field.split('=').next().unwrap_or("");
                name.eq_ignore_ascii_case("subject") || name.eq_ignore_ascii_case("body")
            });
    }
    is_http_url(href) || is_page_path(href) || is_file_path(href)
}

/// The kinds of file an article may link to as an attachment (附件), by extension: documents,
/// spreadsheets, slides, plain text and archives. Nothing a browser would run as a page of the
/// site (HTML, SVG, scripts).
pub const ATTACHMENT_TYPES: [&str; 17] = [
    "pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "csv", "ppt", "pptx", "dps", "txt",
    "zip", "rar", "7z", "gz",
];

/// True for a file published with the site, as the build names an attachment: `/files/<name>`
/// with one of the [`ATTACHMENT_TYPES`] as its extension, perhaps with a fragment (a PDF's
/// `#page=3`), never a query.
///
/// ```
/// use parkreader_core::links::is_file_path;
/// assert!(is_file_path("/files/2024年扶持政策-0123456789abcdef.pdf#page=2"));
/// assert!(!is_file_path("/files/page.html"));
/// assert!(!is_file_path("/files/a/b.pdf"));
/// assert!(!is_file_path("/media/plan.pdf"));
/// ```
pub fn is_file_path(href: &str) -> bool {
    let path = href.split('#').next().unwrap_or("");
    let Some(name) = path.strip_prefix("/files/") else {
        return false;
    };
    is_safe_src(href)
        && !name.contains(['/', '?'])
        && name.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty() && ATTACHMENT_TYPES.contains(&ext.to_ascii_lowercase().as_str())
        })
}

/// True for a path to a page of the reader, as the site's own links write it (without the
/// base path): `/`, `/articles`, `/projects`, `/saved`, `/articles/<id>`, `/projects/<id>` or
/// `/categories/<id>`, with a query or fragment if any. The reader shows those pages itself;
/// another path on the site (a file, the feed) is not a page it has.
///
/// ```
/// use parkreader_core::links::is_page_path;
/// assert!(is_page_path("/projects?industry=new-materials"));
/// assert!(is_page_path("/categories/policy#top"));
/// assert!(!is_page_path("/media/plan.pdf"));
/// assert!(!is_page_path("/articles/a/b"));
/// ```
pub fn is_page_path(href: &str) -> bool {
    if !is_safe_src(href) {
        return false;
    }
    match page_steps(href) {
        Some(("" | "articles" | "projects" | "saved", None)) => true,
        Some(("articles" | "projects" | "categories", Some(id))) => crate::validate::valid_id(id),
        _ => false,
    }
}

/// The address the site writes for the page at `href` (site-relative): with a slash after the
/// path (`/articles/x/`, `/projects/?industry=y`), the address of its `index.html` folder.
/// Every static host serves that folder address as it is, where most (GitHub Pages, nginx,
/// S3, Cloudflare Pages, Netlify) answer the address without the slash with a redirect to it:
/// a round trip more before a phone on a slow network has a byte of the page. What is not a
/// page of the reader ([`is_page_path`]: a file, the feed, a web address) is left as it is.
///
/// ```
/// use parkreader_core::links::page_href;
/// assert_eq!(page_href("/articles/carbon-fibre"), "/articles/carbon-fibre/");
/// assert_eq!(page_href("/projects?industry=x#results"), "/projects/?industry=x#results");
/// assert_eq!(page_href("/categories/policy/"), "/categories/policy/");
/// assert_eq!(page_href("/"), "/");
/// assert_eq!(page_href("/media/a.jpg"), "/media/a.jpg");
/// assert_eq!(page_href("/feed.xml"), "/feed.xml");
/// assert_eq!(page_href("https://a.cn/articles/x"), "https://a.cn/articles/x");
/// ```
pub fn page_href(href: &str) -> std::borrow::Cow<'_, str> {
    let end = href.find(['?', '#']).unwrap_or(href.len());
    let (path, rest) = href.split_at(end);
    if path.ends_with('/') || !is_page_path(href) {
        return href.into();
    }
    format!("{path}/{rest}").into()
}

/// The id a page address most likely means when no item has the id as written: in lower case
/// (ids are lower case; a link retyped or pasted from an old CMS may not be), without the
/// punctuation or space a chat message glued on after it (`…/carbon-fibre。`, `(…/x)`, and
/// after the slash the site writes, `…/carbon-fibre/。`), and without an old page's `.html`
/// ending or the folder's `/index.html`. `id` is what follows `/articles/` (or another list)
/// in the address. `None` when that is the id as written.
///
/// ```
/// use parkreader_core::links::id_meant;
/// assert_eq!(id_meant("JN-IC-Policy-2024").as_deref(), Some("jn-ic-policy-2024"));
/// assert_eq!(id_meant("carbon-fibre.html").as_deref(), Some("carbon-fibre"));
/// assert_eq!(id_meant("carbon-fibre。").as_deref(), Some("carbon-fibre"));
/// assert_eq!(id_meant("carbon-fibre/。").as_deref(), Some("carbon-fibre"));
/// assert_eq!(id_meant("carbon-fibre).").as_deref(), Some("carbon-fibre"));
/// assert_eq!(id_meant("carbon-fibre.html ").as_deref(), Some("carbon-fibre"));
/// assert_eq!(id_meant("carbon-fibre/index.html").as_deref(), Some("carbon-fibre"));
/// assert_eq!(id_meant("carbon-fibre/more").as_deref(), None);
/// assert_eq!(id_meant("carbon-fibre"), None);
/// ```
pub fn id_meant(id: &str) -> Option<String> {
    let lower = id.to_ascii_lowercase();
    let lower = without_glued_end(&lower);
    let lower = lower.strip_suffix("/index.html").unwrap_or(lower);
    let lower = lower.trim_end_matches('/');
    let meant = [".html", ".htm", ".shtml"]
        .iter()
        .find_map(|ending| lower.strip_suffix(ending))
        .unwrap_or(lower);
    (meant != id && !meant.contains('/')).then(|| meant.to_string())
}

/// `text` without what a chat glues on after a link it shows (`。`, `）`, `,`, a space…): no id
/// or value a link carries ends in these.
///
/// ```
/// use parkreader_core::links::without_glued_end;
/// assert_eq!(without_glued_end("new-materials）。 "), "new-materials");
/// ```
pub fn without_glued_end(text: &str) -> &str {
    text.trim_end_matches(|c: char| c.is_whitespace() || GLUED.contains(c))
}

/// The punctuation a chat glues on after a link it shows, besides spaces (the builder's script
/// for addresses with no page reads the same, `prerender::TIDY_ADDRESS`).
pub const GLUED: &str = "。，、；：！？）」』】》”’…〉.,;:!?)>'\"";

/// `path` with each run of slashes made one (`//projects//x/` → `/projects/x/`), a slip of chat
/// and CMS links that hosts forgive but a router does not; `None` when it has none.
///
/// ```
/// use parkreader_core::links::single_slashes;
/// assert_eq!(single_slashes("//projects//x/").as_deref(), Some("/projects/x/"));
/// assert_eq!(single_slashes("/projects/x/"), None);
/// ```
pub fn single_slashes(path: &str) -> Option<String> {
    path.contains("//").then(|| {
        let mut single = String::with_capacity(path.len());
        for c in path.chars() {
            if !(c == '/' && single.ends_with('/')) {
                single.push(c);
            }
        }
        single
    })
}

/// The id of `ids` that a link to the unknown id `wanted` most likely meant: the only one it
/// begins (a link a chat cut short, of at least 4 characters), else the only one nearest in
/// spelling, at most a character in six wrong (at least one, at most three: a letter typed
/// twice, left out or swapped in an address copied by hand). `None` when nothing is that near,
/// or two are.
///
/// ```
/// use parkreader_core::links::closest_id;
/// let ids = ["carbon-fibre-signing", "carbon-fibre-48k", "policy-notes"];
/// assert_eq!(closest_id("carbon-fibre-sigining", &ids), Some("carbon-fibre-signing"));
/// assert_eq!(closest_id("policy-no", &ids), Some("policy-notes"));
/// assert_eq!(closest_id("carbon-fibre", &ids), None);
/// ```
pub fn closest_id<'a>(wanted: &str, ids: &[&'a str]) -> Option<&'a str> {
    // Ids are ASCII (letters, digits, `-` and `_`): compared byte by byte.
    let wanted = wanted.to_ascii_lowercase();
    let only = |found: Vec<&'a str>| match found[..] {
        [one] => Some(one),
        _ => None,
    };
    if wanted.len() >= 4 {
        let begun: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| id.starts_with(&wanted))
            .collect();
        if !begun.is_empty() {
            return only(begun);
        }
    }
    let most = (wanted.len() / 6).clamp(1, 3);
    let mut best = (most + 1, Vec::new());
    for &id in ids {
        if id.len().abs_diff(wanted.len()) > most {
            continue;
        }
        let distance = edit_distance(wanted.as_bytes(), id.as_bytes());
        if distance < best.0 {
            best = (distance, vec![id]);
        } else if distance == best.0 {
            best.1.push(id);
        }
    }
    only(best.1)
}

/// Levenshtein's distance, a swap of two neighbours counting once.
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>(); 3];
    for i in 1..=a.len() {
        let (before, rest) = rows.split_at_mut(2);
        let (two_back, one_back) = (&before[0], &before[1]);
        let now = &mut rest[0];
        now[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            now[j] = (one_back[j] + 1)
                .min(now[j - 1] + 1)
                .min(one_back[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                now[j] = now[j].min(two_back[j - 2] + 1);
            }
        }
        rows.rotate_left(1);
    }
    rows[1][b.len()]
}

/// A site path as the reader's routes read it: its first step and the rest, if any, without
/// the query, fragment and trailing `/` (`/projects/x?a=1` is `("projects", Some("x"))`, `/`
/// is `("", None)`). `None` for what does not start with `/`.
///
/// ```
/// use parkreader_core::links::page_steps;
/// assert_eq!(page_steps("/categories/policy/#top"), Some(("categories", Some("policy"))));
/// assert_eq!(page_steps("/projects?industry=x"), Some(("projects", None)));
/// assert_eq!(page_steps("https://a.cn/projects/x"), None);
/// ```
pub fn page_steps(href: &str) -> Option<(&str, Option<&str>)> {
    let path = href.split(['?', '#']).next()?.strip_prefix('/')?;
    let path = path.trim_end_matches('/');
    Some(match path.split_once('/') {
        Some((first, rest)) => (first, Some(rest)),
        None => (path, None),
    })
}

/// A paragraph's text as runs, each with where it links to (`None` for plain text), from its
/// `links` (character ranges). A link that is not safe ([`is_safe_link`]), empty, out of the
/// text or overlapping the one before leaves its text plain: text is never lost.
///
/// ```
/// use parkreader_core::{links::linked_runs, TextLink};
/// let link = TextLink { start: 2, end: 6, href: "https://a.cn/".into() };
/// assert_eq!(
///     linked_runs("访问临港官网了解", &[link]),
///     vec![("访问", None), ("临港官网", Some("https://a.cn/")), ("了解", None)]
/// );
/// ```
pub fn linked_runs<'a>(
    text: &'a str,
    links: &'a [crate::TextLink],
) -> Vec<(&'a str, Option<&'a str>)> {
    runs_at(text, links, &char_bounds(text))
}

/// The byte offset of each character boundary of `text`, its end included.
fn char_bounds(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

/// [`linked_runs`] with the text's character boundaries ([`char_bounds`]) given.
fn runs_at<'a>(
    text: &'a str,
    links: &'a [crate::TextLink],
    bounds: &[usize],
) -> Vec<(&'a str, Option<&'a str>)> {
    let mut runs = Vec::new();
    let mut at = 0;
    for link in links {
        let (Ok(start), Ok(end)) = (usize::try_from(link.start), usize::try_from(link.end)) else {
            continue;
        };
        let (Some(&from), Some(&to)) = (bounds.get(start), bounds.get(end)) else {
            continue;
        };
        if from < at || from >= to || !is_safe_link(&link.href) {
            continue;
        }
        if from > at {
            runs.push((&text[at..from], None));
        }
        runs.push((&text[from..to], Some(link.href.as_str())));
        at = to;
    }
    if at < text.len() || runs.is_empty() {
        runs.push((&text[at..], None));
    }
    runs
}

/// A run of a paragraph's or list item's text ([`marked_runs`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Run<'a> {
    /// Its text.
    pub text: &'a str,
    /// Where it links to, if anywhere.
    pub href: Option<&'a str>,
    /// In bold.
    pub strong: bool,
}

/// [`linked_runs`], each cut further where a part in bold (`strong`, character ranges) begins
/// or ends. A part out of the text is left out; text is never lost.
///
/// ```
/// use parkreader_core::{links::{marked_runs, Run}, Span, TextLink};
/// let links = [TextLink { start: 2, end: 6, href: "https://a.cn/".into() }];
/// let runs = marked_runs("访问临港官网了解", &links, &[Span { start: 4, end: 8 }]);
/// assert_eq!(runs, vec![
///     Run { text: "访问", href: None, strong: false },
///     Run { text: "临港", href: Some("https://a.cn/"), strong: false },
///     Run { text: "官网", href: Some("https://a.cn/"), strong: true },
///     Run { text: "了解", href: None, strong: true },
/// ]);
/// ```
pub fn marked_runs<'a>(
    text: &'a str,
    links: &'a [crate::TextLink],
    strong: &[crate::Span],
) -> Vec<Run<'a>> {
    // The bold parts as byte ranges.
    let bounds = char_bounds(text);
    let bold: Vec<(usize, usize)> = strong
        .iter()
        .filter_map(|s| Some((*bounds.get(s.start as usize)?, *bounds.get(s.end as usize)?)))
        .filter(|(from, to)| from < to)
        .collect();
    let mut runs = Vec::new();
    for (run, href) in runs_at(text, links, &bounds) {
        let start = run.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + run.len();
        let mut cuts: Vec<usize> = bold
            .iter()
            .flat_map(|&(from, to)| [from, to])
            .filter(|&c| c > start && c < end)
            .chain([end])
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut from = start;
        for to in cuts {
            runs.push(Run {
                text: &text[from..to],
                href,
                strong: bold.iter().any(|&(s, e)| s <= from && from < e),
            });
            from = to;
        }
    }
    runs
}

fn clean(s: &str) -> bool {
    !s.chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\' | '`'))
}

/// The `id` of each heading of a body, in order: its text with each run of white space as one
/// `-` (`申报 条件` → `申报-条件`), and a heading whose text came before with `-2`, `-3` after
/// it. A link to `/articles/x/#申报条件` lands on the heading 申报条件 of that article, in the
/// prerendered page and in the app alike, and the build checks that such a heading is there.
///
/// ```
/// use parkreader_core::Block;
/// let heading = |text: &str| Block::Heading { level: 2, text: text.into() };
/// let blocks = [heading("申报 条件"), heading("附则"), heading("附则")];
/// assert_eq!(parkreader_core::links::heading_ids(&blocks), ["申报-条件", "附则", "附则-2"]);
/// ```
pub fn heading_ids(blocks: &[crate::Block]) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    let mut ids = Vec::new();
    for block in blocks {
        let crate::Block::Heading { text, .. } = block else {
            continue;
        };
        let mut id = String::new();
        for word in text.split_whitespace() {
            if !id.is_empty() {
                id.push('-');
            }
            id.push_str(word);
        }
        let before = texts.iter().filter(|t| **t == id).count();
        ids.push(if before == 0 {
            id.clone()
        } else {
            format!("{id}-{}", before + 1)
        });
        texts.push(id);
    }
    ids
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_mistyped_or_cut_id_is_taken_for_the_one_nearest() {
        let ids = [
            "jinshan-2024-signing",
            "jinshan-2023-signing",
            "carbon-fibre-48k",
            "policy-notes",
        ];
        let near = |wanted| closest_id(wanted, &ids);
        // Two letters swapped, one left out, one doubled, in other capitals.
        assert_eq!(near("carbon-fbire-48k"), Some("carbon-fibre-48k"));
        assert_eq!(near("policy-nots"), Some("policy-notes"));
        assert_eq!(near("Policy-Notess"), Some("policy-notes"));
        // Cut short by a chat: the only id it begins.
        assert_eq!(near("carb"), Some("carbon-fibre-48k"));
        // Two as near: no guess.
        assert_eq!(near("jinshan-202"), None);
        assert_eq!(near("jinshan-2025-signing"), None);
        // Too far, or too short to say.
        assert_eq!(near("solar-farm"), None);
        assert_eq!(near("po"), None);
        assert_eq!(edit_distance(b"ab", b"ba"), 1);
        assert_eq!(edit_distance(b"", b"ab"), 2);
    }
    use super::*;
    use crate::TextLink;

    fn link(start: u32, end: u32, href: &str) -> TextLink {
        TextLink {
            start,
            end,
            href: href.into(),
        }
    }

    #[test]
    fn links_split_text_into_runs_and_never_lose_it() {
        let text = "详见《办法》，咨询400-000-0000";
        let links = [
            link(2, 6, "https://www.example.gov.cn/a.html"),
            link(9, 21, "tel:400-000-0000"),
        ];
        assert_eq!(
            linked_runs(text, &links),
            vec![
                ("详见", None),
                ("《办法》", Some("https://www.example.gov.cn/a.html")),
                ("，咨询", None),
                ("400-000-0000", Some("tel:400-000-0000")),
            ]
        );
        // Unsafe, empty, overlapping or out of range: the text stays, as plain text.
        for bad in [
            vec![link(2, 6, "javascript:alert(1)")],
            vec![link(3, 3, "https://a.cn/")],
            vec![link(2, 99, "https://a.cn/")],
            vec![link(2, 6, "https://a.cn/"), link(4, 8, "https://b.cn/")],
        ] {
            let runs = linked_runs(text, &bad);
            assert_eq!(
                runs.iter().map(|r| r.0).collect::<String>(),
                text,
                "{bad:?}"
            );
            assert!(
                runs.iter().filter(|r| r.1.is_some()).count() <= 1,
                "{bad:?}"
            );
            assert!(runs.iter().all(|r| r.1 != Some("javascript:alert(1)")));
        }
        assert_eq!(linked_runs("", &[]), vec![("", None)]);
    }

    #[test]
    fn only_http_links_pass() {
        for ok in ["http://a.cn", "HTTPS://A.CN/x", "https://a.cn?x=1#y"] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "ftp://a.cn",
            "https:// a.cn",
            "https://a.cn/\"onmouseover",
            "http://",
            "/local",
            "",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }

    #[test]
    fn image_sources_are_https_or_site_paths() {
        for ok in [
            "/media/a.jpg",
            "media/a.jpg",
            "https://img.example.cn/a.png",
            "HTTPS://img.example.cn/a.png",
            "a.jpg",
        ] {
            assert!(is_safe_src(ok), "{ok}");
        }
        for bad in [
            "http://img.example.cn/a.png",
            "HTTP://img.example.cn/a.png",
            "data:image/png;base64,AAAA",
            "javascript:x",
            " /a.jpg",
            "//x.cn/a.png",
            "\\\\x\\a",
            "media\\a.jpg",
            "/../secret.json",
            "../media/a.jpg",
            "/media/../../a.jpg",
            "/data/%2e%2e/%2E./x.json",
            "a b.jpg",
            "",
        ] {
            assert!(!is_safe_src(bad), "{bad}");
        }
    }

    #[test]
    fn phones_and_emails() {
        assert_eq!(
            tel_href("400-000-0000").as_deref(),
            Some("tel:400-000-0000")
        );
        assert_eq!(
            tel_href("+86 (21) 0000 0000").as_deref(),
            Some("tel:+862100000000")
        );
        assert_eq!(tel_href("call 400"), None);
        // An extension, as Chinese offices write one: dialled after a pause.
        for written in [
            "028-8518 0000 转 8001",
            "028-8518 0000转8001",
            "028-8518 0000 分机 8001",
            "028-8518 0000 ext. 8001",
        ] {
            assert_eq!(
                tel_href(written).as_deref(),
                Some("tel:028-85180000,8001"),
                "{written}"
            );
        }
        assert!(is_safe_link("tel:028-85180000,8001"));
        assert_eq!(tel_href("028-8518 0000 转"), None);
        assert_eq!(tel_href("028-8518 0000 转 总机"), None);
        assert!(!is_safe_link("tel:028,8001,2"));
        assert!(is_email("invest@example.org"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a@b.cn?subject=x"));
        assert!(!is_email("<a>@b.cn"));
    }
}
