//! Metadata taken out of a raster that is copied, not re-encoded: a JPEG,
//! PNG or WebP that a body links to (`[full size](knee.jpg)`) or that sits
//! under `static/` for a template. Its pixels are kept byte for byte; what
//! a camera or editor wrote about it (EXIF with GPS position, XMP, IPTC,
//! comments, PNG text) is dropped, except the EXIF orientation, without
//! which a phone photo would show on its side.

use image::ImageFormat;
use img_parts::{Bytes, ImageEXIF};
use std::collections::BTreeMap;

/// JPEG markers of metadata segments: APP1 (EXIF, XMP), APP12 (Ducky),
/// APP13 (IPTC, Photoshop) and COM. APP0 (JFIF), APP2 (ICC profile) and
/// APP14 (Adobe colour transform) change how pixels show, so they stay.
const JPEG_METADATA: [u8; 4] = [0xE1, 0xEC, 0xED, 0xFE];

/// PNG chunks of metadata: EXIF, text in three encodings and a time.
const PNG_METADATA: [[u8; 4]; 5] = [*b"eXIf", *b"tEXt", *b"zTXt", *b"iTXt", *b"tIME"];

/// `bytes` without their metadata, or `None` when they have none to drop
/// (or are not a file this can read: they are then copied as they are,
/// as any other file would be).
pub fn scrub(bytes: &[u8], format: ImageFormat) -> Option<Vec<u8>> {
    let owned = Bytes::copy_from_slice(bytes);
    let out = match format {
        ImageFormat::Jpeg => {
            let mut jpeg = img_parts::jpeg::Jpeg::from_bytes(owned).ok()?;
            let orientation = orientation_of(jpeg.exif());
            let before = jpeg.segments().len();
            jpeg.segments_mut()
                .retain(|s| !JPEG_METADATA.contains(&s.marker()));
            if jpeg.segments().len() == before {
                return None;
            }
            jpeg.set_exif(orientation);
            jpeg.encoder().bytes()
        }
        ImageFormat::Png => {
            let mut png = img_parts::png::Png::from_bytes(owned).ok()?;
            let orientation = orientation_of(png.exif());
            let before = png.chunks().len();
            png.chunks_mut()
                .retain(|c| !PNG_METADATA.contains(&c.kind()));
            if png.chunks().len() == before {
                return None;
            }
            png.set_exif(orientation);
            png.encoder().bytes()
        }
        ImageFormat::WebP => {
            let mut webp = img_parts::webp::WebP::from_bytes(owned).ok()?;
            let had = webp.has_chunk(img_parts::webp::CHUNK_EXIF)
                || webp.has_chunk(img_parts::webp::CHUNK_XMP);
            if !had {
                return None;
            }
            let orientation = orientation_of(webp.exif());
            webp.remove_chunks_by_id(img_parts::webp::CHUNK_XMP);
            // Also sets the header's flags to the chunks left.
            webp.set_exif(orientation);
            webp.encoder().bytes()
        }
        _ => return None,
    };
    Some(out.to_vec())
}

/// An EXIF block holding only `exif`'s orientation, when it turns the
/// picture (orientation 1, upright, needs none).
fn orientation_of(exif: Option<Bytes>) -> Option<Bytes> {
    let o = image::metadata::Orientation::from_exif_chunk(&exif?)?;
    let value: u16 = match o {
        image::metadata::Orientation::NoTransforms => return None,
        image::metadata::Orientation::FlipHorizontal => 2,
        image::metadata::Orientation::Rotate180 => 3,
        image::metadata::Orientation::FlipVertical => 4,
        image::metadata::Orientation::Rotate90FlipH => 5,
        image::metadata::Orientation::Rotate90 => 6,
        image::metadata::Orientation::Rotate270FlipH => 7,
        image::metadata::Orientation::Rotate270 => 8,
    };
    // A little-endian TIFF header, then one directory of one entry:
    // tag 0x0112 (Orientation), type 3 (SHORT), count 1, the value.
    let mut tiff = b"II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00".to_vec();
    tiff.extend(value.to_le_bytes());
    tiff.extend([0, 0, 0, 0, 0, 0]);
    Some(Bytes::from(tiff))
}

/// Writes each JPEG, PNG or WebP copied but not shown without its
/// metadata (a download link to a phone photo must not publish where it
/// was taken); returns the paths written, whose copies are then not made.
pub(super) fn scrub_copies(
    site: &crate::link::Site,
    shown: &BTreeMap<String, super::uses::Use>,
    store: &dyn super::Store,
) -> std::collections::BTreeSet<String> {
    use rayon::prelude::*;
    const VERSION: &str = "scrub 1: img-parts 0.3, orientation kept";
    let raster = |to: &str| {
        let ext = to.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        matches!(ext.as_deref(), Some("jpg" | "jpeg" | "png" | "webp"))
    };
    site.copies
        .par_iter()
        .filter(|c| raster(&c.to) && !shown.contains_key(&c.to))
        .filter_map(|c| {
            let small =
                std::fs::symlink_metadata(&c.real).is_ok_and(|m| m.len() <= super::MAX_FILE_BYTES);
            let bytes = crate::load::read_vouched(&c.real).ok().filter(|_| small)?;
            let format = image::guess_format(&bytes).ok()?;
            let key = super::variants::key_of(&bytes, &c.to, VERSION, "");
            // Kept: the last build wrote these bytes scrubbed under `key`.
            if !store.keep(key) {
                let clean = scrub(&bytes, format)?;
                store.put(&c.to, &clean, key);
            }
            Some(c.to.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An 8×4 JPEG with `segments` put in after its start marker.
    fn jpeg_with(segments: &[(u8, &[u8])]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(8, 4, image::Rgb([200, 10, 10]))
            .write_to(&mut out, ImageFormat::Jpeg)
            .unwrap();
        let plain = out.into_inner();
        let mut extra = Vec::new();
        for (marker, payload) in segments {
            let len = u16::try_from(payload.len() + 2).unwrap().to_be_bytes();
            extra.extend([0xFF, *marker, len[0], len[1]]);
            extra.extend(*payload);
        }
        [&plain[..2], &extra, &plain[2..]].concat()
    }

    /// EXIF with orientation 6 and a GPS latitude reference.
    fn exif() -> Vec<u8> {
        let mut tiff: Vec<u8> = b"Exif\0\0II\x2a\x00\x08\x00\x00\x00".to_vec();
        tiff.extend([2, 0]);
        tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
        tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
        tiff.extend([0, 0, 0, 0]);
        tiff.extend([1, 0]);
        tiff.extend([0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
        tiff.extend([0, 0, 0, 0]);
        tiff
    }

    fn has(bytes: &[u8], needle: &[u8]) -> bool {
        bytes.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_jpeg_loses_gps_xmp_and_comments_but_keeps_its_pixels_and_orientation() {
        let exif = exif();
        let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude</x:xmpmeta>";
        let original = jpeg_with(&[(0xE1, &exif), (0xE1, xmp), (0xFE, b"taken at 12 Elm St")]);
        let clean = scrub(&original, ImageFormat::Jpeg).expect("metadata to drop");
        assert!(!has(&clean, b"GPSLatitude") && !has(&clean, b"Elm St"));
        // The GPS directory's tag (0x8825) is gone with the rest.
        assert!(!has(&clean, &[0x25, 0x88]));
        let decoded = image::load_from_memory(&clean).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (8, 4));
        let mut decoder =
            image::codecs::jpeg::JpegDecoder::new(std::io::Cursor::new(&clean)).unwrap();
        use image::ImageDecoder;
        assert_eq!(
            decoder.orientation().unwrap(),
            image::metadata::Orientation::Rotate90
        );
        // A clean file is left alone.
        assert_eq!(scrub(&jpeg_with(&[]), ImageFormat::Jpeg), None);
        assert_eq!(
            scrub(&clean[..20], ImageFormat::Jpeg),
            None,
            "a broken file"
        );
    }

    #[test]
    fn a_png_loses_its_text_and_time() {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(4, 4, image::Rgb([1, 2, 3]))
            .write_to(&mut out, ImageFormat::Png)
            .unwrap();
        let mut png = img_parts::png::Png::from_bytes(Bytes::from(out.into_inner())).unwrap();
        let text = img_parts::png::PngChunk::new(*b"tEXt", Bytes::from_static(b"Location\0Elm St"));
        png.chunks_mut().insert(1, text);
        let original = png.encoder().bytes().to_vec();
        let clean = scrub(&original, ImageFormat::Png).unwrap();
        assert!(!has(&clean, b"Elm St"));
        let decoded = image::load_from_memory(&clean).unwrap().to_rgb8();
        assert_eq!(decoded.get_pixel(3, 3).0, [1, 2, 3]);
    }
}
