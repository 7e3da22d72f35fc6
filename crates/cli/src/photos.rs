//! Phone-sized copies of large photos. A publisher drops in what a phone camera or a press
//! office sends (4032 × 3024, 3–10 MB); a reader opening the article in a chat's webview on a
//! slow network would download all of it to show it 390 px wide. The build publishes such a
//! photo at most [`MAX_WIDTH`] pixels wide and re-encoded, upright (its EXIF orientation
//! applied) and without its metadata (a phone photo's EXIF holds where it was taken).
//!
//! Copies are kept in a cache folder by the original's hash, so a site of many photos is
//! resized once, not on every `check` and `build`.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader};

/// The widest a photo is published: a phone of 390 CSS pixels at 3 device pixels each, or the
/// article column (48rem) of a desktop at 1.5, both fit.
pub const MAX_WIDTH: u32 = 1280;

/// A photo within [`MAX_WIDTH`] is still re-encoded when its file is larger than this: a
/// camera's JPEG at its best quality, or a photo saved as PNG.
pub const HEAVY_BYTES: usize = 400 * 1024;

/// The most pixels an image may have: decoded at four bytes a pixel, 120 million take 480 MB
/// (a 200-megapixel phone's full-size mode is over it; its usual 12 to 50 are far under).
const MAX_PIXELS: u64 = 120_000_000;

/// JPEG quality of the copies: no visible loss at phone sizes, about a tenth of a camera's.
const JPEG_QUALITY: u8 = 82;

/// Changes whenever the copies would come out differently, so that a cache of older copies is
/// not used.
const RECIPE: &str = "v2-1280-q82";

/// A photo as the site publishes it.
#[derive(Clone, PartialEq, Eq)]
pub struct Photo {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its extension: `jpg` or `png` (or, for a file published as it is under its own kind's
    /// name, `webp` or `gif`).
    pub ext: &'static str,
    /// Its size in pixels, upright.
    pub width: u32,
    pub height: u32,
}

impl std::fmt::Debug for Photo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Photo({}×{} {}, {} bytes)",
            self.width,
            self.height,
            self.ext,
            self.bytes.len()
        )
    }
}

/// The copy the site publishes of the image `bytes` (its file's extension `ext`), or None
/// when the image is published as it is: not a JPEG, PNG or WebP (GIF and AVIF are not
/// decoded here, an SVG is text), or a PNG or WebP already within [`MAX_WIDTH`]. A JPEG within
/// it and [`HEAVY_BYTES`] is published without its metadata (EXIF, XMP, IPTC: a phone's says
/// where the photo was taken), re-encoded only when its EXIF turns it (the copy is upright).
/// `Err` says why the image cannot be published: it is not what its name says, or it is cut
/// short.
pub fn for_phones(bytes: &[u8], ext: &str) -> Result<Option<Photo>, String> {
    for_phones_cached(bytes, ext, cache_dir().as_deref())
}

/// [`for_phones`] with the copies kept in `cache`, when given.
pub fn for_phones_cached(
    bytes: &[u8],
    ext: &str,
    cache: Option<&Path>,
) -> Result<Option<Photo>, String> {
    let ext = ext.to_ascii_lowercase();
    let kind = match ext.as_str() {
        "jpg" | "jpeg" => "JPEG",
        "png" => "PNG",
        "webp" => "WebP",
        _ => return Ok(None),
    };
    let Some((width, height)) = crate::content::raster_size(bytes) else {
        return Err(format!(
            "is not a {kind} image, as its name says: the file holds something else"
        ));
    };
    // Decoded, it takes four bytes a pixel: a 30000 × 30000 PNG took 2.6 GB and 22 s.
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "is {width} × {height} pixels, more than the build makes a copy for phones of ({} million): save a smaller copy, e.g. 4000 pixels wide",
            MAX_PIXELS / 1_000_000
        ));
    }
    // Another kind under this name (a PNG saved as `.jpg`) is published under its own kind's
    // extension: as it was named, it was served as what it is not.
    let held = match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Jpeg) => "jpg",
        Ok(imagesize::ImageType::Png) => "png",
        Ok(imagesize::ImageType::Webp) => "webp",
        Ok(imagesize::ImageType::Gif) => "gif",
        _ => "",
    };
    let named = if ext == "jpeg" { "jpg" } else { ext.as_str() };
    let as_it_is = || {
        (!held.is_empty() && held != named).then(|| Photo {
            bytes: bytes.to_vec(),
            ext: held,
            width,
            height,
        })
    };
    let jpeg = is_jpeg(bytes);
    // A copy would be its first frame only.
    if animated(bytes) {
        return Ok(None);
    }
    if jpeg && cut_short(bytes) {
        return Err("is cut short: its picture stops before the end (a copy or download that did not finish)".into());
    }
    let turned =
        jpeg && crate::content::jpeg_orientation(bytes).is_some_and(|o| (2..=8).contains(&o));
    let heavy = jpeg && bytes.len() > HEAVY_BYTES;
    let plain = || {
        without_metadata(bytes).map(|bytes| Photo {
            bytes,
            ext: "jpg",
            width,
            height,
        })
    };
    // A PNG or WebP within the width is a screenshot or a drawing more often than a photo:
    // only a JPEG is re-encoded for its bytes alone.
    if width <= MAX_WIDTH && !heavy && !turned {
        return Ok(if jpeg { plain() } else { as_it_is() });
    }
    let key = format!(
        "{:016x}-{}-{RECIPE}",
        crate::fnv1a(bytes.iter().copied()),
        bytes.len()
    );
    let made = match cache.and_then(|dir| cached(dir, &key)) {
        Some(photo) => {
            FROM_CACHE.fetch_add(1, Ordering::Relaxed);
            photo
        }
        None => {
            let photo = shrink(bytes)?;
            // Made smaller in pixels, or upright: always the copy. Only re-encoded (a heavy
            // JPEG): the copy if it came out smaller.
            let photo =
                (width > MAX_WIDTH || turned || photo.bytes.len() < bytes.len()).then_some(photo);
            if let Some(dir) = cache {
                store(dir, &key, photo.as_ref());
            }
            MADE.fetch_add(1, Ordering::Relaxed);
            photo
        }
    };
    Ok(made.or_else(|| if jpeg { plain() } else { as_it_is() }))
}

/// Copies made for phones, and copies taken from the cache, since the process started: the
/// build says how many (see [`summary`]).
static MADE: AtomicUsize = AtomicUsize::new(0);
static FROM_CACHE: AtomicUsize = AtomicUsize::new(0);

/// A line for the build's output when photos were sized for phones: how many were made now
/// and how many came from the cache.
pub fn summary() -> Option<String> {
    let (made, cached) = (
        MADE.load(Ordering::Relaxed),
        FROM_CACHE.load(Ordering::Relaxed),
    );
    (made + cached > 0).then(|| {
        format!("photos       {made} made for phones, {cached} from the cache ({MAX_WIDTH} px wide at most)")
    })
}

/// True for an animated PNG (an `acTL` chunk before its image data) or WebP (an `ANIM`
/// chunk), which are published as they are, like a GIF.
fn animated(bytes: &[u8]) -> bool {
    let before = |needle: &[u8], end: &[u8]| {
        let stop = bytes
            .windows(end.len())
            .position(|w| w == end)
            .unwrap_or(bytes.len());
        bytes[..stop].windows(needle.len()).any(|w| w == needle)
    };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return before(b"acTL", b"IDAT");
    }
    bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") && before(b"ANIM", b"ANMF")
}

/// True for a JPEG file (its start of image marker).
fn is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8, 0xFF])
}

/// True when a JPEG's data ends before its end of image marker: the file was cut short (a
/// copy or an upload that stopped), and a browser would show the rest of the picture grey.
/// Segments are skipped by their lengths (an EXIF thumbnail holds an end marker of its own),
/// the image data by its markers. A file whose structure is not understood is not called cut.
fn cut_short(bytes: &[u8]) -> bool {
    let mut at = 2;
    let mut in_scan = false;
    while at + 1 < bytes.len() {
        if in_scan {
            let Some(found) = bytes[at..].iter().position(|&b| b == 0xFF) else {
                return true;
            };
            at += found;
            let Some(&next) = bytes.get(at + 1) else {
                return true;
            };
            // A stuffed 0xFF, a restart marker or a fill byte: still the image data.
            if next == 0x00 || next == 0xFF || (0xD0..=0xD7).contains(&next) {
                at += 1;
                continue;
            }
            in_scan = false;
        }
        if bytes[at] != 0xFF {
            return false;
        }
        match bytes[at + 1] {
            0xD9 => return false,
            0xFF => at += 1,
            0x01 | 0xD0..=0xD8 => at += 2,
            marker => {
                let Some(length) = bytes.get(at + 2..at + 4) else {
                    return true;
                };
                at += 2 + usize::from(u16::from_be_bytes([length[0], length[1]]));
                in_scan = marker == 0xDA;
            }
        }
    }
    true
}

/// A JPEG without its metadata segments (APP1: EXIF and XMP; APP13: IPTC), which phones fill
/// with where and when a photo was taken; None when it has none. The picture is untouched.
fn without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = bytes.get(..2)?.to_vec();
    let mut dropped = false;
    let mut segments = crate::content::JpegSegments::of(bytes);
    for (marker, segment) in segments.by_ref() {
        if matches!(marker, 0xE1 | 0xED) {
            dropped = true;
        } else {
            out.extend_from_slice(segment);
        }
    }
    if !dropped || segments.broken {
        return None;
    }
    out.extend_from_slice(&bytes[segments.at..]);
    Some(out)
}

/// Decodes, turns upright, resizes to [`MAX_WIDTH`] and encodes: a JPEG as JPEG; a PNG or
/// WebP as PNG when it shows through somewhere or comes out within [`HEAVY_BYTES`] (flat
/// colours and text stay sharp), else as whichever of PNG and JPEG is smaller (a photo).
fn shrink(bytes: &[u8]) -> Result<Photo, String> {
    let unreadable =
        |e: image::ImageError| format!("cannot be read to make a copy for phones: {e}");
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| unreadable(e.into()))?;
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    image.apply_orientation(orientation);
    if image.width() >= 2 * MAX_WIDTH {
        // Each pixel of the copy the average of the area it covers: for a camera's 4032 px,
        // 130 ms where a Catmull-Rom filter took 760 ms, and as smooth at a third of the size.
        image = image.thumbnail(MAX_WIDTH, u32::MAX);
    } else if image.width() > MAX_WIDTH {
        // Less than halved, averaging areas would alias: a proper filter, on fewer pixels.
        image = image.resize(MAX_WIDTH, u32::MAX, FilterType::CatmullRom);
    }
    let see_through =
        image.color().has_alpha() && image.to_rgba8().pixels().any(|pixel| pixel.0[3] < u8::MAX);
    let png = || -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        image
            .write_with_encoder(image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            ))
            .map_err(|e| e.to_string())?;
        Ok(out)
    };
    let jpeg = || -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(image.to_rgb8())
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out,
                JPEG_QUALITY,
            ))
            .map_err(|e| e.to_string())?;
        Ok(out)
    };
    let (bytes, ext) = if is_jpeg(bytes) {
        (jpeg()?, "jpg")
    } else {
        let png = png()?;
        if see_through || png.len() <= HEAVY_BYTES {
            (png, "png")
        } else {
            let jpeg = jpeg()?;
            if jpeg.len() < png.len() {
                (jpeg, "jpg")
            } else {
                (png, "png")
            }
        }
    };
    Ok(Photo {
        bytes,
        ext,
        width: image.width(),
        height: image.height(),
    })
}

/// The folder of copies: `PARKREADER_CACHE` if set, else `parkreader/photos` in the user's
/// cache folder (`XDG_CACHE_HOME`, or `~/.cache`); None when there is none.
fn cache_dir() -> Option<PathBuf> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let var = |name| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        var("PARKREADER_CACHE")
            .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("parkreader")))
            .or_else(|| var("HOME").map(|d| d.join(".cache/parkreader")))
            .map(|d| d.join("photos"))
    })
    .clone()
}

/// A copy from the cache: `Some(None)` when it says the original is published as it is.
fn cached(dir: &Path, key: &str) -> Option<Option<Photo>> {
    if dir.join(format!("{key}.same")).is_file() {
        return Some(None);
    }
    ["jpg", "png"].into_iter().find_map(|ext| {
        let bytes = std::fs::read(dir.join(format!("{key}.{ext}"))).ok()?;
        let size = imagesize::blob_size(&bytes).ok()?;
        Some(Some(Photo {
            width: u32::try_from(size.width).ok()?,
            height: u32::try_from(size.height).ok()?,
            bytes,
            ext,
        }))
    })
}

/// Keeps a copy (or that there is none) in the cache. A cache that cannot be written is only
/// slower: nothing fails.
fn store(dir: &Path, key: &str, photo: Option<&Photo>) {
    let (name, bytes) = match photo {
        Some(photo) => (format!("{key}.{}", photo.ext), photo.bytes.as_slice()),
        None => (format!("{key}.same"), &[][..]),
    };
    // Written beside, under a name of this write's own, and renamed: a build or thread
    // reading it at the same time never reads half.
    static WRITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let write = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}-{write}", std::process::id()));
    let _ = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&temp, bytes))
        .and_then(|()| std::fs::rename(&temp, dir.join(&name)));
    let _ = std::fs::remove_file(&temp);
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::jpeg::JpegEncoder;
    use image::codecs::png::PngEncoder;
    use image::{ExtendedColorType, ImageEncoder, RgbImage, RgbaImage};

    /// A camera-like JPEG of `width` × `height`: noise enough that it does not compress to
    /// nothing, at a camera's quality (100), with an EXIF orientation when given.
    pub(crate) fn camera_jpeg(width: u32, height: u32, orientation: Option<u8>) -> Vec<u8> {
        jpeg_at(width, height, orientation, 100)
    }

    fn jpeg_at(width: u32, height: u32, orientation: Option<u8>, quality: u8) -> Vec<u8> {
        let mut seed = 0x2545_f491_u32;
        let image = RgbImage::from_fn(width, height, |x, y| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let noise = (seed & 0x3f) as u8;
            image::Rgb([
                (x % 256) as u8 ^ noise,
                (y % 256) as u8,
                noise.wrapping_mul(3),
            ])
        });
        let mut out = Vec::new();
        let mut encoder = JpegEncoder::new_with_quality(&mut out, quality);
        if let Some(o) = orientation {
            // A little-endian EXIF directory of one entry: the orientation.
            let mut exif = b"II\x2a\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0".to_vec();
            exif.extend([o, 0, 0, 0, 0, 0, 0, 0]);
            encoder.set_exif_metadata(exif).unwrap();
        }
        encoder
            .write_image(image.as_raw(), width, height, ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    #[test]
    fn a_camera_photo_is_published_1280_wide_as_a_far_smaller_jpeg() {
        let original = camera_jpeg(2400, 1800, None);
        let photo = for_phones_cached(&original, "JPG", None).unwrap().unwrap();
        assert_eq!((photo.width, photo.height, photo.ext), (1280, 960, "jpg"));
        assert_eq!(
            imagesize::blob_size(&photo.bytes).unwrap(),
            imagesize::ImageSize {
                width: 1280,
                height: 960
            }
        );
        assert!(
            photo.bytes.len() * 3 < original.len(),
            "{} of {} bytes",
            photo.bytes.len(),
            original.len()
        );
    }

    #[test]
    fn a_photo_stored_sideways_is_published_upright_and_without_its_exif() {
        // Stored 1600 × 1000 with orientation 6 (turn 90° clockwise): shown 1000 × 1600.
        let original = camera_jpeg(1600, 1000, Some(6));
        assert!(original.len() > HEAVY_BYTES, "{}", original.len());
        let photo = for_phones_cached(&original, "jpeg", None).unwrap().unwrap();
        assert_eq!((photo.width, photo.height), (1000, 1600));
        let mut decoder = ImageReader::new(Cursor::new(&photo.bytes))
            .with_guessed_format()
            .unwrap()
            .into_decoder()
            .unwrap();
        assert_eq!(decoder.exif_metadata().unwrap(), None);
    }

    #[test]
    fn small_photos_screenshots_svgs_and_gifs_are_published_as_they_are() {
        let small = jpeg_at(800, 600, None, 80);
        assert!(small.len() < HEAVY_BYTES, "{}", small.len());
        assert_eq!(for_phones_cached(&small, "jpg", None), Ok(None));
        // A long screenshot: within the width, heavy, but not a JPEG.
        let image = RgbImage::from_fn(1200, 3000, |x, y| {
            image::Rgb([(x.wrapping_mul(y) % 251) as u8, (x * 7 + y * 13) as u8, 0])
        });
        let mut png = Vec::new();
        PngEncoder::new(&mut png)
            .write_image(image.as_raw(), 1200, 3000, ExtendedColorType::Rgb8)
            .unwrap();
        assert!(png.len() > HEAVY_BYTES, "{}", png.len());
        assert_eq!(for_phones_cached(&png, "png", None), Ok(None));
        assert_eq!(for_phones_cached(b"<svg/>", "svg", None), Ok(None));
        assert_eq!(for_phones_cached(b"GIF89a", "gif", None), Ok(None));
    }

    #[test]
    fn an_animated_png_or_webp_is_published_as_it_is() {
        let image = RgbImage::from_fn(1600, 400, |x, _| image::Rgb([(x % 256) as u8, 0, 0]));
        let mut png = Vec::new();
        PngEncoder::new(&mut png)
            .write_image(image.as_raw(), 1600, 400, ExtendedColorType::Rgb8)
            .unwrap();
        assert!(for_phones_cached(&png, "png", None).unwrap().is_some());
        // The same with an animation control chunk before its image data, as an APNG has.
        let at = png.windows(4).position(|w| w == b"IDAT").unwrap() - 4;
        let mut apng = png.clone();
        apng.splice(at..at, *b"\0\0\0\x08acTL\0\0\0\x02\0\0\0\0\0\0\0\0");
        assert_eq!(for_phones_cached(&apng, "png", None), Ok(None));
        // A WebP with an animation chunk.
        let webp = [
            &b"RIFF\0\0\0\0WEBPVP8X"[..],
            &[0; 14],
            b"ANIM",
            &[0; 10],
            b"ANMF",
        ]
        .concat();
        assert!(animated(&webp));
        assert!(!animated(&camera_jpeg(64, 64, None)));
    }

    #[test]
    fn a_screenshot_that_shows_through_stays_a_png() {
        let image =
            RgbaImage::from_fn(1600, 400, |x, _| image::Rgba([0, 80, 160, (x % 256) as u8]));
        let mut png = Vec::new();
        PngEncoder::new(&mut png)
            .write_image(image.as_raw(), 1600, 400, ExtendedColorType::Rgba8)
            .unwrap();
        let photo = for_phones_cached(&png, "png", None).unwrap().unwrap();
        assert_eq!((photo.width, photo.height, photo.ext), (1280, 320, "png"));
    }

    #[test]
    fn an_image_of_too_many_pixels_is_refused_before_it_is_decoded() {
        // A PNG's header alone, saying 30000 × 30000: decoded, 3.6 GB.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(30_000_u32.to_be_bytes());
        png.extend(30_000_u32.to_be_bytes());
        png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        let error = for_phones_cached(&png, "png", None).unwrap_err();
        assert!(
            error.starts_with("is 30000 × 30000 pixels, more than the build makes a copy for phones of (120 million)"),
            "{error}"
        );
    }

    #[test]
    fn a_file_that_is_not_the_image_it_says_is_an_error() {
        let err = for_phones_cached(b"this is text, saved as .jpg", "jpg", None).unwrap_err();
        assert_eq!(
            err,
            "is not a JPEG image, as its name says: the file holds something else"
        );
        // A PNG saved as `.jpg`.
        let image = RgbaImage::from_fn(40, 20, |x, _| image::Rgba([0, 80, 160, x as u8]));
        let mut png = Vec::new();
        PngEncoder::new(&mut png)
            .write_image(image.as_raw(), 40, 20, ExtendedColorType::Rgba8)
            .unwrap();
        let photo = for_phones_cached(&png, "jpg", None).unwrap().unwrap();
        assert_eq!((photo.ext, photo.width, &photo.bytes), ("png", 40, &png));
        assert!(for_phones_cached(&png, "png", None).unwrap().is_none());
    }

    #[test]
    fn a_jpeg_cut_short_is_an_error_and_a_whole_one_is_not() {
        // With an EXIF block that holds an end marker of its own, as a thumbnail does.
        let mut whole = camera_jpeg(900, 600, Some(1));
        let thumbnail_end = [0xFF, 0xE1, 0x00, 0x06, 0xFF, 0xD9, 0x00, 0x00];
        whole.splice(2..2, thumbnail_end);
        assert!(!cut_short(&whole));
        assert_eq!(
            for_phones_cached(&whole, "jpg", None).map(|p| p.is_some()),
            Ok(true)
        );
        for keep in [whole.len() / 3, whole.len() - 2] {
            let err = for_phones_cached(&whole[..keep], "jpg", None).unwrap_err();
            assert!(err.starts_with("is cut short"), "{keep}: {err}");
        }
        assert!(!cut_short(&camera_jpeg(2000, 1500, None)));
    }

    #[test]
    fn a_small_phone_photo_is_published_without_where_it_was_taken() {
        // EXIF (orientation 1, upright) in APP1, as a phone writes it with its GPS block.
        let original = jpeg_at(800, 600, Some(1), 80);
        assert!(original.windows(6).any(|w| w == b"Exif\0\0"));
        let photo = for_phones_cached(&original, "jpg", None).unwrap().unwrap();
        assert_eq!((photo.width, photo.height, photo.ext), (800, 600, "jpg"));
        assert!(!photo.bytes.windows(6).any(|w| w == b"Exif\0\0"));
        // The picture itself is the same bytes: only the segment went.
        assert!(original.ends_with(&photo.bytes[photo.bytes.len() - 1000..]));
        assert!(photo.bytes.len() < original.len());
    }

    #[test]
    fn a_wide_screenshot_is_published_1280_wide_and_stays_a_png() {
        // Flat colours and text, as a screenshot is: small as PNG.
        let image = RgbImage::from_fn(1920, 1080, |x, y| {
            if (x / 40 + y / 24) % 7 == 0 {
                image::Rgb([20, 20, 20])
            } else {
                image::Rgb([250, 250, 250])
            }
        });
        let mut png = Vec::new();
        PngEncoder::new_with_quality(
            &mut png,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        )
        .write_image(image.as_raw(), 1920, 1080, ExtendedColorType::Rgb8)
        .unwrap();
        let photo = for_phones_cached(&png, "png", None).unwrap().unwrap();
        assert_eq!((photo.width, photo.height, photo.ext), (1280, 720, "png"));
        // Named .jpg, it is still published as what it is.
        let photo = for_phones_cached(&png, "jpg", None).unwrap().unwrap();
        assert_eq!((photo.width, photo.ext), (1280, "png"));
    }

    #[test]
    fn copies_come_from_the_cache_the_second_time() {
        let dir = std::env::temp_dir().join(format!("parkreader-photos-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let original = camera_jpeg(2000, 1000, None);
        let first = for_phones_cached(&original, "jpg", Some(&dir)).unwrap();
        let kept: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(kept.len(), 1, "{kept:?}");
        // A copy in the cache is what is published, whatever the original would give now.
        std::fs::write(kept[0].path(), camera_jpeg(640, 320, None)).unwrap();
        let second = for_phones_cached(&original, "jpg", Some(&dir))
            .unwrap()
            .unwrap();
        assert_eq!((second.width, second.height), (640, 320));
        assert_ne!(first.unwrap().bytes, second.bytes);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
