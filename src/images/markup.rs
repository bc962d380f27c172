//! The HTML of a processed photo: a `<picture>` with a `<source>` per
//! modern format and an `<img>` of the fallback, every width in `srcset`,
//! `width` and `height` of the photo's aspect (so the page does not jump
//! as it loads). Templates build the same from the photo's data; bodies
//! get it here, in place of the `<img>` the Markdown renderer wrote.

use super::{Format, ProcessedImage};
use crate::markdown::{BodyImage, IMAGE_MARK};
use std::collections::BTreeMap;

/// How wide a body image is shown: the text column, at most 65 characters
/// (about 40rem), the whole screen below that.
pub const BODY_SIZES: &str = "(max-width: 42rem) 100vw, 40rem";

/// `srcset` of the variants of `image` in `format`: `url 480w, …`, each
/// URL under the base path `base`.
pub fn srcset(image: &ProcessedImage, format: Format, base: &str) -> String {
    image
        .variants
        .iter()
        .filter(|v| v.format == format)
        .map(|v| format!("{base}{} {}w", v.path, v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A `<picture>` of `image`. `img_attrs` is put in the `<img>` as it is
/// (its `alt`, `class`, `loading`, already escaped).
pub fn picture(image: &ProcessedImage, base: &str, sizes: &str, img_attrs: &str) -> String {
    let mut html = String::from("<picture>");
    let fallback = image.fallback_format();
    for f in image.formats() {
        if f != fallback {
            html.push_str(&format!(
                "<source type=\"{}\" srcset=\"{}\" sizes=\"{sizes}\">",
                f.mime(),
                escape(&srcset(image, f, base))
            ));
        }
    }
    html.push_str(&format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\"{img_attrs}></picture>",
        escape(&format!("{base}{}", image.fallback().path)),
        escape(&srcset(image, fallback, base)),
        image.width,
        image.height,
    ));
    html
}

/// Escapes text for an attribute value in double quotes.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `html` with each image mark and the `<img …/>` after it replaced by the
/// `<picture>` of the processed image it shows, keeping the `<img>`'s
/// `alt` and `title`; the mark of an image copied as it is goes, its
/// `<img>` stays.
pub fn rewrite_body(
    html: &str,
    images: &[BodyImage],
    processed: &BTreeMap<String, ProcessedImage>,
    base: &str,
) -> String {
    let mut out = String::with_capacity(html.len() + images.len() * 300);
    let mut rest = html;
    while let Some(at) = rest.find(IMAGE_MARK.0) {
        out.push_str(&rest[..at]);
        let after = &rest[at + IMAGE_MARK.0.len()..];
        let Some(end) = after.find(IMAGE_MARK.1) else {
            out.push_str(&rest[at..]);
            return out;
        };
        let index: Option<usize> = after[..end].parse().ok();
        rest = &after[end + IMAGE_MARK.1.len()..];
        let image = index
            .and_then(|k| images.get(k))
            .and_then(|i| processed.get(&i.to));
        // Attribute values from the HTML writer are escaped: no `>` in them,
        // and the `<img` follows the mark at once.
        let img = rest
            .strip_prefix("<img src=\"")
            .and_then(|s| Some((s, s.find('"')?, s.find("/>")?)));
        if let (Some(image), Some((tag, src_end, tag_end))) = (image, img) {
            let attrs = tag[src_end + 1..tag_end].trim_end();
            let attrs = format!(
                " {} loading=\"lazy\" decoding=\"async\"",
                attrs.trim_start()
            );
            out.push_str(&picture(image, base, BODY_SIZES, &attrs));
            rest = &tag[tag_end + 2..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;
    use crate::images::Variant;

    fn photo() -> ProcessedImage {
        let v = |format, width, height| Variant {
            format,
            width,
            height,
            path: format!("a/p-1-{width}.{}", Format::ext(format)),
        };
        ProcessedImage {
            source: "articles/a/p.jpg".into(),
            width: 1000,
            height: 500,
            has_alpha: false,
            variants: vec![
                v(Format::WebP, 480, 240),
                v(Format::WebP, 1000, 500),
                v(Format::Jpeg, 480, 240),
                v(Format::Jpeg, 1000, 500),
            ],
            original: Variant {
                path: "a/p.jpg".into(),
                ..v(Format::Jpeg, 1000, 500)
            },
        }
    }

    #[test]
    fn a_marked_img_becomes_a_picture_and_others_stay() {
        let images = vec![
            BodyImage {
                to: "a/p.jpg".into(),
                pos: Position { line: 1, column: 1 },
                line: "".into(),
            },
            BodyImage {
                to: "a/d.svg".into(),
                pos: Position { line: 1, column: 1 },
                line: "".into(),
            },
        ];
        let processed = BTreeMap::from([("a/p.jpg".to_owned(), photo())]);
        let html = "<p><!--salve-image:0--><img src=\"/a/p.jpg\" alt=\"A &quot;knee&quot;\" title=\"T\" /> and <!--salve-image:1--><img src=\"/a/d.svg\" alt=\"\" /></p>";
        let out = rewrite_body(html, &images, &processed, "/");
        assert_eq!(
            out,
            "<p><picture><source type=\"image/webp\" srcset=\"/a/p-1-480.webp 480w, /a/p-1-1000.webp 1000w\" sizes=\"(max-width: 42rem) 100vw, 40rem\">\
<img src=\"/a/p-1-1000.jpg\" srcset=\"/a/p-1-480.jpg 480w, /a/p-1-1000.jpg 1000w\" sizes=\"(max-width: 42rem) 100vw, 40rem\" width=\"1000\" height=\"500\" alt=\"A &quot;knee&quot;\" title=\"T\" loading=\"lazy\" decoding=\"async\"></picture> and <img src=\"/a/d.svg\" alt=\"\" /></p>"
        );
    }
}
