//! The files made from one photo: their names (after a hash of the
//! photo's bytes and the settings), widths and sizes, and their encoding;
//! and the PNG drawn from an SVG that a page shares.

use super::{Done, Format, Outcome, ProcessedImage, Settings, Store, Variant, decode, encode};
use crate::link::FileCopy;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A share image drawn from an SVG: a PNG [`crate::share::DRAWING_WIDTH`] wide.
const DRAWING_VERSION: &str = "share 3: resvg 0.49 on white, 600 wide, png fast adaptive";

/// Draws the SVG copied to `to` as a PNG for link previews, unless the
/// last build drew the same bytes. Without a store it is only read, to
/// find a broken SVG.
pub(super) fn draw(
    bytes: &[u8],
    to: &str,
    store: Option<&dyn Store>,
    encoded: &AtomicUsize,
) -> Outcome {
    let drawing = crate::share::read_svg(bytes).map_err(|e| decode::Refused {
        what: e.0,
        hint: "open the SVG in a drawing program and save it again, or replace it",
    })?;
    let key = key_of(bytes, to, DRAWING_VERSION, "");
    let share = Variant {
        format: Format::Png,
        width: drawing.width,
        height: drawing.height,
        path: format!("{}-share.png", stem_of(to, key)),
    };
    if let Some(store) = store.filter(|s| !s.keep(key)) {
        let png = drawing.to_png().map_err(|e| decode::Refused {
            what: e.0,
            hint: "open the SVG in a drawing program and save it again, or replace it",
        })?;
        store.put(&share.path, &png, key);
        encoded.fetch_add(1, Ordering::Relaxed);
    }
    Ok(Done::Drawn {
        share,
        has_text: drawing.has_text,
    })
}

/// The cache key of a photo: its bytes, where it is published and the
/// settings, under the encoders' version.
pub(super) fn key_of(bytes: &[u8], to: &str, version: &str, settings: &str) -> u64 {
    let mut h = foldhash::fast::FixedState::with_seed(0x05a1_7e1a).build_hasher();
    h.write(version.as_bytes());
    h.write(to.as_bytes());
    h.write(settings.as_bytes());
    h.write(bytes);
    h.finish()
}

/// The start of the names of the files made from the photo at `to`: its
/// folder, its name made a slug, and the key (`images/knee-1a2b3c4d`).
pub(super) fn stem_of(to: &str, key: u64) -> String {
    let (folder, name) = match to.rsplit_once('/') {
        Some((folder, name)) => (format!("{folder}/"), name),
        None => (String::new(), to),
    };
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let mut stem = crate::slug::slugify(stem);
    if stem.is_empty() {
        stem = "image".to_owned();
    }
    format!("{folder}{stem}-{:08x}", key >> 32)
}

/// The widths of a photo `width` wide: every configured width below it,
/// and its own when it is no wider than the widest.
pub(super) fn widths(width: u32, settings: &Settings) -> Vec<u32> {
    let mut out: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|&w| w < width)
        .collect();
    if settings.widths.last().is_some_and(|&max| width <= max) {
        out.push(width);
    }
    out
}

/// The variants of a photo, named after its key beside the original.
pub(super) fn plan(
    copy: &FileCopy,
    to: &str,
    format: image::ImageFormat,
    h: decode::Header,
    settings: &Settings,
    key: u64,
) -> ProcessedImage {
    let stem = stem_of(to, key);
    let variant = |format: Format, width: u32| Variant {
        format,
        width,
        height: height_at(h, width),
        path: format!("{stem}-{width}.{}", format.ext()),
    };
    let fallback = if h.has_alpha {
        Format::Png
    } else {
        Format::Jpeg
    };
    let ws = widths(h.width, settings);
    let mut variants = Vec::new();
    for f in settings.formats.iter().copied().chain([fallback]) {
        variants.extend(ws.iter().map(|&w| variant(f, w)));
    }
    let largest = ws.last().copied().unwrap_or(h.width);
    let own = match format {
        image::ImageFormat::WebP => Format::WebP,
        image::ImageFormat::Png => Format::Png,
        _ => Format::Jpeg,
    };
    let original = Variant {
        path: to.to_owned(),
        ..variant(own, largest)
    };
    ProcessedImage {
        source: copy.from.clone(),
        width: h.width,
        height: h.height,
        has_alpha: h.has_alpha,
        variants,
        original,
    }
}

/// The height at `width` of a photo of the header's aspect, at least 1.
pub(super) fn height_at(h: decode::Header, width: u32) -> u32 {
    let height =
        (u64::from(width) * u64::from(h.height) + u64::from(h.width) / 2) / u64::from(h.width);
    u32::try_from(height.max(1)).unwrap_or(u32::MAX)
}

/// Encodes and stores every variant of `image` and its file at the
/// original's path, one width at a time (each resized from the original).
pub(super) fn write_variants(
    image: &ProcessedImage,
    pixels: &encode::Pixels,
    settings: &Settings,
    store: &dyn Store,
    key: u64,
) -> Result<(), String> {
    let mut widths: Vec<(u32, u32)> = image.variants.iter().map(|v| (v.width, v.height)).collect();
    widths.sort_unstable();
    widths.dedup();
    let o = &image.original;
    for (w, h) in widths {
        let resized = pixels.resized(w, h)?;
        for v in image.variants.iter().filter(|v| v.width == w) {
            let bytes = resized.encode(v.format, settings.quality)?;
            if (o.format, o.width) == (v.format, v.width) {
                store.put(&o.path, &bytes, key);
            }
            store.put(&v.path, &bytes, key);
        }
        let has_own = image
            .variants
            .iter()
            .any(|v| (v.format, v.width) == (o.format, o.width));
        if o.width == w && !has_own {
            store.put(&o.path, &resized.encode(o.format, settings.quality)?, key);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_exceed_the_original() {
        let s = Settings {
            widths: vec![480, 800, 1200, 1600],
            quality: 80,
            formats: vec![Format::WebP],
        };
        assert_eq!(widths(4000, &s), [480, 800, 1200, 1600]);
        assert_eq!(widths(1000, &s), [480, 800, 1000]);
        assert_eq!(widths(300, &s), [300]);
        assert_eq!(widths(1600, &s), [480, 800, 1200, 1600]);
    }
}
