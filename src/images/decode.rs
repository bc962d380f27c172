//! Reading a photo: what its bytes are (by content, not by name), its size
//! from the header before any pixel is decoded, and its pixels the right
//! way up.

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The most pixels a photo may have. A 4000×3000 phone photo has 12
/// million; a few-KB PNG that claims 30,000×30,000 would take gigabytes
/// once decoded, so the size is checked from the header first.
pub const MAX_PIXELS: u64 = 50_000_000;

/// The most bytes one decode may allocate (a photo at the pixel limit in
/// RGBA, 16 bits a channel, would need more and is refused).
const MAX_ALLOC: u64 = 512 << 20;

/// What a file's bytes turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// JPEG, PNG or WebP, one frame: resized and encoded.
    Raster(ImageFormat),
    /// GIF, animated WebP or PNG: copied as it is.
    Copied,
    /// SVG: copied as it is, and drawn as a PNG when it is shared.
    Svg,
}

/// Why a file cannot be used as a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// What is wrong, for the error's message.
    pub what: String,
    /// What to do.
    pub hint: &'static str,
}

const CONVERT: &str = "save the photo as JPEG, PNG or WebP (any photo editor can), or fix the path";

/// What the file `bytes`, named `name`, is. A file that is not an image
/// at all is refused; so is an image salve cannot read, by its name.
pub fn sniff(bytes: &[u8], name: &str) -> Result<Kind, Refused> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.get(4..8) == Some(b"ftyp") && is_heic(bytes) {
        return Err(refused("it is a HEIC image, which salve cannot read"));
    }
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => Ok(Kind::Raster(ImageFormat::Jpeg)),
        Ok(ImageFormat::Png) if is_apng(bytes) => Ok(Kind::Copied),
        Ok(ImageFormat::Png) => Ok(Kind::Raster(ImageFormat::Png)),
        Ok(ImageFormat::WebP) if is_animated_webp(bytes) => Ok(Kind::Copied),
        Ok(ImageFormat::WebP) => Ok(Kind::Raster(ImageFormat::WebP)),
        Ok(ImageFormat::Gif) => Ok(Kind::Copied),
        Ok(other) => Err(refused(&format!(
            "it is a {} image, which salve cannot read",
            format_name(other)
        ))),
        Err(_) if ext == "svg" => Ok(Kind::Svg),
        Err(_) => Err(refused(
            "it is not an image salve can read (JPEG, PNG, WebP, GIF or SVG)",
        )),
    }
}

fn refused(what: &str) -> Refused {
    Refused {
        what: what.to_owned(),
        hint: CONVERT,
    }
}

fn format_name(f: ImageFormat) -> &'static str {
    match f {
        ImageFormat::Avif => "AVIF",
        ImageFormat::Tiff => "TIFF",
        ImageFormat::Bmp => "BMP",
        ImageFormat::Ico => "ICO",
        ImageFormat::Qoi => "QOI",
        ImageFormat::Pnm => "PNM",
        ImageFormat::OpenExr => "OpenEXR",
        ImageFormat::Hdr => "Radiance HDR",
        ImageFormat::Dds => "DDS",
        ImageFormat::Tga => "TGA",
        ImageFormat::Farbfeld => "Farbfeld",
        _ => "an unknown kind of",
    }
}

fn is_heic(bytes: &[u8]) -> bool {
    matches!(
        bytes.get(8..12),
        Some(b"heic" | b"heix" | b"mif1" | b"msf1" | b"hevc" | b"heim" | b"heis")
    )
}

/// An animated WebP: a `VP8X` header with the animation flag.
fn is_animated_webp(bytes: &[u8]) -> bool {
    bytes.get(12..16) == Some(b"VP8X") && bytes.get(20).is_some_and(|f| f & 0x02 != 0)
}

/// An animated PNG: an `acTL` chunk before the first `IDAT`.
fn is_apng(bytes: &[u8]) -> bool {
    let mut at = 8;
    while let Some(head) = bytes.get(at..at + 8) {
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        match &head[4..8] {
            b"acTL" => return true,
            b"IDAT" => return false,
            _ => {}
        }
        at = at.saturating_add(12).saturating_add(len);
    }
    false
}

/// A photo's size the right way up and whether it has an alpha channel,
/// read from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub width: u32,
    pub height: u32,
    pub has_alpha: bool,
}

/// A decoded photo, the right way up, and its ICC colour profile.
pub struct Decoded {
    pub image: DynamicImage,
    pub icc: Option<Vec<u8>>,
}

/// Reads the header of `bytes` (a JPEG, PNG or WebP): its size after the
/// EXIF orientation, refusing one over [`MAX_PIXELS`]; and its pixels, the
/// right way up, as `decode` asks. Decoded, a photo whose alpha channel is
/// opaque throughout counts as having none.
pub fn read(bytes: &[u8], decode: Decode) -> Result<(Header, Option<Decoded>), Refused> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| broken(&e.to_string()))?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| broken(&e.to_string()))?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(broken("it has no pixels"));
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Refused {
            what: format!(
                "it is {w}×{h} pixels, over salve's limit of {} million",
                MAX_PIXELS / 1_000_000
            ),
            hint: "resize the photo to at most a few thousand pixels across before adding it",
        });
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let turned = matches!(
        orientation,
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    );
    let (width, height) = if turned { (h, w) } else { (w, h) };
    let mut header = Header {
        width,
        height,
        has_alpha: decoder.color_type().has_alpha(),
    };
    let wanted = match decode {
        Decode::Pixels => true,
        Decode::IfAlpha => header.has_alpha,
    };
    if !wanted {
        return Ok((header, None));
    }
    // A profile that cannot be read is as good as none: the pixels are
    // taken as sRGB, as browsers take a photo without one.
    let icc = decoder.icc_profile().ok().flatten();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| broken(&e.to_string()))?;
    img.apply_orientation(orientation);
    // An alpha channel with every pixel opaque (editors often save one)
    // is no transparency: such a photo gets a JPEG fallback, not PNG.
    header.has_alpha = header.has_alpha && !is_opaque(&img);
    Ok((header, Some(Decoded { image: img, icc })))
}

/// How much of a photo [`read`] decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decode {
    /// Its pixels too.
    Pixels,
    /// Its pixels when it has an alpha channel, to learn whether any pixel
    /// is see-through: the header alone cannot tell.
    IfAlpha,
}

/// Whether every pixel of `img` is fully opaque.
fn is_opaque(img: &DynamicImage) -> bool {
    match img {
        DynamicImage::ImageRgba8(b) => b.pixels().all(|p| p.0[3] == u8::MAX),
        DynamicImage::ImageLumaA8(b) => b.pixels().all(|p| p.0[1] == u8::MAX),
        DynamicImage::ImageRgba16(b) => b.pixels().all(|p| p.0[3] == u16::MAX),
        DynamicImage::ImageLumaA16(b) => b.pixels().all(|p| p.0[1] == u16::MAX),
        DynamicImage::ImageRgba32F(b) => b.pixels().all(|p| p.0[3] >= 1.0),
        other => !other.color().has_alpha(),
    }
}

fn broken(why: &str) -> Refused {
    // Decoders' messages may end in a newline or span lines.
    let why = why.split_whitespace().collect::<Vec<_>>().join(" ");
    Refused {
        what: format!("it is damaged or cut short ({why})"),
        hint: "open the photo in an image editor and save it again, or replace it",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content_and_named_when_refused() {
        assert_eq!(sniff(b"<svg/>", "a.svg"), Ok(Kind::Svg));
        assert_eq!(sniff(b"GIF89a....", "a.jpg"), Ok(Kind::Copied));
        let text = sniff(b"just text", "a.jpg").unwrap_err();
        assert!(text.what.contains("not an image"), "{}", text.what);
        let tiff = sniff(b"II*\0\x08\0\0\0", "a.jpg").unwrap_err();
        assert!(tiff.what.contains("TIFF"), "{}", tiff.what);
        let heic = sniff(b"\0\0\0\x18ftypheic\0\0\0\0", "a.heic").unwrap_err();
        assert!(heic.what.contains("HEIC"), "{}", heic.what);
    }
}
