//! The Content-Security-Policy of a built site: scripts only from the site itself and the
//! inline scripts of the shell (Trunk's loader, and the builder's recorder of early taps,
//! `prerender::RECORD_EARLY_INPUT`), allowed by their SHA-256 hashes, never by 'unsafe-inline',
//! WebAssembly by 'wasm-unsafe-eval'; styles from the site and the shell's inline stylesheet
//! (`prerender::with_inline_stylesheet`), likewise by hash, and no `style` attributes; no
//! plugins, no <base>. It goes into
//! every page as a `<meta http-equiv>` tag, and into `_headers` with the directives a meta
//! tag cannot carry, for hosts that read that file (Netlify, Cloudflare Pages).

use std::fs;
use std::io;
use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The policy for pages built from `shells` (the whole one, and the detail pages' with less
/// of the stylesheet): their inline scripts and styles are allowed by hash, and so are
/// `scripts`, which some of the pages add (`prerender::LIST_EARLY_VIEW`).
pub fn policy(shells: &[&str], scripts: &[&str]) -> String {
    let hashes = |mut texts: Vec<&str>| -> String {
        // One hash for a text the shells share.
        let mut seen = std::collections::HashSet::new();
        texts.retain(|text| seen.insert(*text));
        texts
            .into_iter()
            .map(|text| {
                let digest = Sha256::digest(text.as_bytes());
                format!(
                    " 'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect()
    };
    [
        "default-src 'self'".to_string(),
        format!(
            "script-src 'self' 'wasm-unsafe-eval'{}",
            hashes(
                shells
                    .iter()
                    .flat_map(|shell| inline_scripts(shell))
                    .chain(scripts.iter().copied())
                    .collect()
            )
        ),
        format!(
            "style-src 'self'{}",
            hashes(
                shells
                    .iter()
                    .flat_map(|shell| inline_styles(shell))
                    .collect()
            )
        ),
        // Images may come from the publisher's own CDN over HTTPS.
        "img-src 'self' https: data:".into(),
        "font-src 'self'".into(),
        "connect-src 'self'".into(),
        "manifest-src 'self'".into(),
        "worker-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'none'".into(),
        // The home page's search is a plain GET form to the article list.
        "form-action 'self'".into(),
    ]
    .join("; ")
}

/// `shell` with the policy as its first tag after `<meta charset>`, ahead of every script.
pub fn with_meta(shell: &str, policy: &str) -> Option<String> {
    // A shell prerendered before has a policy already: it is replaced, not joined by a second
    // (browsers enforce every policy, and the old one's hashes would block a changed script).
    let old = "\n    <meta http-equiv=\"Content-Security-Policy\" content=\"";
    let owned;
    let shell = match shell.find(old) {
        Some(start) => {
            let end = start + shell[start..].find("/>")? + 2;
            owned = format!("{}{}", &shell[..start], &shell[end..]);
            owned.as_str()
        }
        None => shell,
    };
    let anchor = "<meta charset=\"utf-8\" />";
    let at = shell.find(anchor)? + anchor.len();
    Some(format!(
        "{}\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />{}",
        &shell[..at],
        policy,
        &shell[at..]
    ))
}

/// Writes `_headers`: the policy plus what only a header can say (no framing by other sites),
/// and the usual hardening headers, for every path of the site.
pub fn write_headers(dist: &Path, policy: &str) -> io::Result<()> {
    let text = format!(
        "# Security headers, for hosts that read this file (Netlify, Cloudflare Pages); written by\n\
         # `parkreader build`. The same policy is in every page's <meta http-equiv> tag.\n\
         /*\n  Content-Security-Policy: {policy}; frame-ancestors 'none'\n  \
         X-Content-Type-Options: nosniff\n  \
         Referrer-Policy: strict-origin-when-cross-origin\n  \
         Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()\n"
    );
    fs::write(dist.join("_headers"), text)
}

/// The text of every `<script>` without `src` whose type runs as script (not JSON data).
pub(crate) fn inline_scripts(html: &str) -> Vec<&str> {
    elements(html, "script")
        .filter(|(tag, _)| {
            let data = tag.contains("application/ld+json") || tag.contains("application/json");
            !tag.contains(" src=") && !data
        })
        .map(|(_, text)| text)
        .collect()
}

/// The text of every `<style>` element.
pub(crate) fn inline_styles(html: &str) -> Vec<&str> {
    elements(html, "style").map(|(_, text)| text).collect()
}

/// Each `<name …>text</name>` in `html`, as its opening tag and its text.
fn elements<'a>(html: &'a str, name: &str) -> impl Iterator<Item = (&'a str, &'a str)> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let after = &rest[rest.find(&open)?..];
            let tag_end = after.find('>')?;
            let tag = &after[..tag_end];
            // `<styles…>` or `<scripting…>` is another element.
            if !(tag.len() == open.len() || tag[open.len()..].starts_with([' ', '\t', '\n'])) {
                rest = &after[open.len()..];
                continue;
            }
            let body = &after[tag_end + 1..];
            let end = body.find(&close)?;
            rest = &body[end..];
            return Some((tag, &body[..end]));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_module_scripts_are_allowed_by_hash_and_nothing_else_inline() {
        let shell = "<head><meta charset=\"utf-8\" /><title>t</title><script type=\"module\">init()</script>\
                     <script src=\"/x.js\"></script><script type=\"application/ld+json\">{}</script></head>";
        let policy = policy(&[shell], &[]);
        // echo -n 'init()' | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-w4ujnOpjBoH2vcasx+reJRUwYivG8Q3afx/XevGJod8=';"),
            "{policy}"
        );
        assert!(!policy.contains("unsafe-inline"));
        assert_eq!(policy.matches("'sha256-").count(), 1);
        let page = with_meta(shell, &policy).unwrap();
        let meta = page.find("http-equiv=\"Content-Security-Policy\"").unwrap();
        assert!(meta < page.find("<script").unwrap());
        // Prerendered again, with another script: one policy, the new one.
        let changed = page.replace("init()", "start()");
        let new_policy = super::policy(&[&changed], &[]);
        let again = with_meta(&changed, &new_policy).unwrap();
        assert_eq!(
            again.matches("Content-Security-Policy").count(),
            1,
            "{again}"
        );
        assert!(again.contains(&new_policy) && !again.contains(&policy));
    }

    #[test]
    fn the_inline_stylesheet_is_allowed_by_hash_and_style_attributes_are_not() {
        let shell = "<head><meta charset=\"utf-8\" /><style>p{color:red}</style>\
                     <stylesheet-list></stylesheet-list></head><body><p style=\"x\">t</p></body>";
        assert_eq!(inline_styles(shell), ["p{color:red}"]);
        let policy = policy(&[shell], &[]);
        // echo -n 'p{color:red}' | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains(
                "; style-src 'self' 'sha256-p0bF+un5yUb9MBO6xRb8kPHlY2BdpHVtLiFkDrZPF64=';"
            ),
            "{policy}"
        );
        assert!(
            !policy.contains("unsafe-inline") && !policy.contains("unsafe-hashes"),
            "{policy}"
        );
        assert_eq!(policy.matches("'sha256-").count(), 1, "no script hashes");
    }
}
