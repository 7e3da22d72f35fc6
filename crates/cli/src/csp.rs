//! The Content-Security-Policy of a built site: scripts only from the site itself and the
//! inline module scripts of the shell (Trunk's loader, and the builder's recorder of early taps,
//! `prerender::RECORD_EARLY_CLICKS`), allowed by their SHA-256 hashes, never by 'unsafe-inline',
//! WebAssembly by 'wasm-unsafe-eval', no plugins, no inline styles, no <base>. It goes into
//! every page as a `<meta http-equiv>` tag, and into `_headers` with the directives a meta
//! tag cannot carry, for hosts that read that file (Netlify, Cloudflare Pages).

use std::fs;
use std::io;
use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The policy for pages built from `shell`: its inline scripts are allowed by hash.
pub fn policy(shell: &str) -> String {
    let hashes: String = inline_scripts(shell)
        .into_iter()
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    [
        "default-src 'self'".to_string(),
        format!("script-src 'self' 'wasm-unsafe-eval'{hashes}"),
        "style-src 'self'".into(),
        // Images may come from the publisher's own CDN over HTTPS.
        "img-src 'self' https: data:".into(),
        "font-src 'self'".into(),
        "connect-src 'self'".into(),
        "manifest-src 'self'".into(),
        "worker-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'none'".into(),
        "form-action 'none'".into(),
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
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        let data = tag.contains("application/ld+json") || tag.contains("application/json");
        if !tag.contains(" src=") && !data {
            out.push(&body[..close]);
        }
        rest = &body[close..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_module_scripts_are_allowed_by_hash_and_nothing_else_inline() {
        let shell = "<head><meta charset=\"utf-8\" /><title>t</title><script type=\"module\">init()</script>\
                     <script src=\"/x.js\"></script><script type=\"application/ld+json\">{}</script></head>";
        let policy = policy(shell);
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
        let new_policy = super::policy(&changed);
        let again = with_meta(&changed, &new_policy).unwrap();
        assert_eq!(
            again.matches("Content-Security-Policy").count(),
            1,
            "{again}"
        );
        assert!(again.contains(&new_policy) && !again.contains(&policy));
    }
}
