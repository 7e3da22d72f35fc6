//! Share links and their QR codes: the canonical, absolute URL of a view (filters included),
//! and the QR code of it as an SVG path, so the browser draws it without an image or canvas.

use qrcodegen::{QrCode, QrCodeEcc};

/// The canonical URL of `path_and_query` (site-relative, e.g. `/projects?industry=x`) on a site
/// published at `base_url`: a page's as the site writes it ([`crate::links::page_href`]), with
/// the slash that spares a redirect.
///
/// ```
/// use parkreader_core::share::share_url;
/// assert_eq!(share_url("https://example.org/reader/", "/projects?q=%E7%A2%B3"), "https://example.org/reader/projects/?q=%E7%A2%B3");
/// assert_eq!(share_url("https://example.org", "/"), "https://example.org/");
/// assert_eq!(share_url("https://example.org", "/media/a.jpg"), "https://example.org/media/a.jpg");
/// ```
pub fn share_url(base_url: &str, path_and_query: &str) -> String {
    format!(
        "{}/{}",
        base_url.trim_end_matches('/'),
        crate::links::page_href(path_and_query).trim_start_matches('/')
    )
}

/// A QR code: `size` × `size` modules, dark ones `true`, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side (without the quiet zone).
    pub size: usize,
    /// Row-major module colours; `true` is dark.
    pub dark: Vec<bool>,
}

impl QrMatrix {
    /// Encodes `text` with medium error correction; `None` if it is too long for a QR code.
    pub fn encode(text: &str) -> Option<QrMatrix> {
        let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
        let size = code.size() as usize;
        let dark = (0..size * size)
            .map(|i| code.get_module((i % size) as i32, (i / size) as i32))
            .collect();
        Some(QrMatrix { size, dark })
    }

    /// Whether the module at column `x`, row `y` is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark[y * self.size + x]
    }

    /// An SVG path drawing the dark modules, offset by a `quiet` zone of light modules: one
    /// rectangle per horizontal run. Use with `viewBox="0 0 {size+2·quiet} {size+2·quiet}"`.
    pub fn svg_path(&self, quiet: usize) -> String {
        let mut d = String::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.size && self.is_dark(x, y) {
                    x += 1;
                }
                d.push_str(&format!(
                    "M{},{}h{}v1h-{}z",
                    start + quiet,
                    y + quiet,
                    x - start,
                    x - start
                ));
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draws the matrix as a grey image (with the quiet zone, `scale` pixels a module) and reads
    /// it back with a real QR decoder.
    fn decode(m: &QrMatrix, scale: usize) -> String {
        let quiet = 4;
        let side = (m.size + 2 * quiet) * scale;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = (
                (x / scale).wrapping_sub(quiet),
                (y / scale).wrapping_sub(quiet),
            );
            if m.is_dark(mx, my) {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code found");
        grids[0].decode().expect("decodes").1
    }

    #[test]
    fn qr_codes_decode_to_the_exact_url() {
        for url in [
            "https://parkreader.example.org/articles/jinshan-sinopec-strategic-agreement",
            "https://example.org/reader/projects?q=%E7%A2%B3%E7%BA%A4%E7%BB%B4&industry=new-materials,biomedicine&sort=amount",
        ] {
            let m = QrMatrix::encode(url).unwrap();
            assert_eq!(decode(&m, 4), url);
        }
    }

    #[test]
    fn svg_path_covers_exactly_the_dark_modules() {
        let m = QrMatrix::encode("https://example.org/").unwrap();
        let path = m.svg_path(4);
        // Each run "M x,y h n v1 h-n z" adds n dark modules.
        let drawn: usize = path
            .split('M')
            .skip(1)
            .map(|run| {
                run.split('h')
                    .nth(1)
                    .unwrap()
                    .trim_end_matches("v1")
                    .parse::<usize>()
                    .unwrap()
            })
            .sum();
        assert_eq!(drawn, m.dark.iter().filter(|d| **d).count());
        assert!(
            path.chars()
                .all(|c| c.is_ascii_digit() || "Mhvz,-".contains(c)),
            "only numbers and path commands"
        );
    }

    #[test]
    fn too_long_text_has_no_code() {
        assert!(QrMatrix::encode(&"x".repeat(5000)).is_none());
    }
}
