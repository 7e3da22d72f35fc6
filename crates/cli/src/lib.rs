//! The library behind the `parkreader` command line (`main.rs` parses the arguments): reading
//! content folders, building and prerendering sites, serving them, and the corpus generator and
//! benchmarks. A library so that the fuzz targets (`fuzz/`) reach the content parser.

pub mod aliases;
pub mod bench;
pub mod build;
pub mod content;
pub mod csp;
pub mod generate;
pub mod import;
pub mod offline;
pub mod photos;
pub mod prerender;
pub mod progress;
pub mod serve;

/// Where a 64-bit FNV-1a hash starts.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The 64-bit FNV-1a hash of `bytes`, continued from `hash`, the hash of what came before
/// ([`FNV_OFFSET`] to start). The builder names files after their content with it: not a
/// cryptographic hash, only a change detector.
pub(crate) fn fnv1a_extend(hash: u64, bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(hash, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The 64-bit FNV-1a hash of `bytes`.
pub(crate) fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    fnv1a_extend(FNV_OFFSET, bytes)
}

/// `s` with its `%XX` escapes decoded; None when an escape is not two hex digits, or the
/// result is not UTF-8 or holds a NUL. For URL paths the preview server serves, and image
/// paths Markdown writes with `%20` for a space.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().filter(|s| !s.contains('\0'))
}
