//! Photos: every JPEG, PNG and WebP a page shows is resized to the
//! `[images]` widths and encoded as WebP plus a JPEG (or PNG) fallback,
//! turned the right way up, stripped of its metadata, shown in a
//! `<picture>`, and encoded once; SVG and GIF are copied as they are.
//! (Bad images are `tests/invalid/image-*` cases.)

use crate::harness::{FrontMatter, Site};
use image::{ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use std::fs;
use std::path::Path;

/// A `w`×`h` JPEG, red on its left half and blue on its right.
fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

/// A `w`×`h` PNG with transparent pixels.
fn png_with_alpha(w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(w, h, |x, _| {
        Rgba([10, 200, 10, if x % 2 == 0 { 0 } else { 255 }])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

/// `jpeg` with an EXIF segment (orientation 6: turn 90° clockwise to show;
/// a GPS position) and an XMP segment put in after its start marker, as a
/// phone writes them.
fn with_exif(jpeg: &[u8]) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    // IFD0: Orientation = 6, and the GPS IFD at offset 38.
    tiff.extend([2, 0]);
    tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
    tiff.extend([0, 0, 0, 0]);
    // GPS IFD: GPSLatitudeRef = "N".
    tiff.extend([1, 0]);
    tiff.extend([0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
    tiff.extend([0, 0, 0, 0]);
    let segment = |payload: &[u8]| {
        let len = u16::try_from(payload.len() + 2).unwrap().to_be_bytes();
        [&[0xff, 0xe1, len[0], len[1]][..], payload].concat()
    };
    let exif = segment(&[&b"Exif\0\0"[..], &tiff].concat());
    let xmp = segment(
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description exif:GPSLatitude=\"48,51.0N\"/></x:xmpmeta>",
    );
    [&jpeg[..2], &exif, &xmp, &jpeg[2..]].concat()
}

/// The width and height of an image file of the output.
fn size_of(path: &Path) -> (u32, u32) {
    let img = image::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (img.width(), img.height())
}

/// The files of `dir` whose names start with `stem-`, sorted.
fn variants(dir: &Path, stem: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("{stem}-")))
        .collect();
    names.sort();
    names
}

/// The "Encoded n of m photos" line of a build.
fn encoded(run: &crate::harness::Run) -> String {
    run.stdout()
        .lines()
        .find(|l| l.starts_with("Encoded "))
        .unwrap_or("no photos line")
        .to_owned()
}

/// The basic fixture with an article showing a 2000×1000 JPEG lead photo,
/// a transparent 300×300 PNG and a 1000×600 JPEG in its body.
fn site_with_photos() -> Site {
    let site = Site::fixture("basic");
    fs::write(site.path("articles/lead.jpg"), jpeg(2000, 1000)).unwrap();
    fs::write(site.path("articles/logo.png"), png_with_alpha(300, 300)).unwrap();
    fs::write(site.path("articles/knee.jpg"), jpeg(1000, 600)).unwrap();
    FrontMatter::new("Photos")
        .tables("[photo]\nsrc = \"lead.jpg\"\nalt = \"A runner\"")
        .write(
            &site,
            "articles/photos.md",
            "Text.\n\n![A logo](logo.png)\n\nMore.\n\n![A knee, bent](knee.jpg \"The knee\")\n",
        );
    site
}

#[test]
fn photos_get_a_variant_per_width_and_format_never_wider_than_they_are() {
    let site = site_with_photos();
    site.build(&[]);
    let dir = site.path("public/articles/photos");
    let lead = variants(&dir, "lead");
    let widths = [1200, 1600, 480, 800];
    let expected: Vec<String> = ["jpg", "webp"]
        .iter()
        .flat_map(|ext| widths.iter().map(move |w| (w, ext)))
        .map(|(w, ext)| {
            let hash = &lead[0]["lead-".len().."lead-".len() + 8];
            format!("lead-{hash}-{w}.{ext}")
        })
        .collect();
    let mut expected = expected;
    expected.sort();
    assert_eq!(lead, expected);
    for name in &lead {
        let w: u32 = name
            .rsplit('-')
            .next()
            .unwrap()
            .split('.')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(size_of(&dir.join(name)), (w, w / 2), "{name}");
        let bytes = fs::read(dir.join(name)).unwrap();
        let format = image::guess_format(&bytes).unwrap();
        let want = if name.ends_with(".webp") {
            ImageFormat::WebP
        } else {
            ImageFormat::Jpeg
        };
        assert_eq!(format, want, "{name}");
    }
    // The original's URL keeps working: the largest JPEG, re-encoded.
    assert_eq!(size_of(&dir.join("lead.jpg")), (1600, 800));
    // Narrower than the widest width: the widths below it, then its own.
    let knee = variants(&dir, "knee");
    let knee_widths: Vec<&str> = knee.iter().map(|n| n.rsplit('-').next().unwrap()).collect();
    assert_eq!(
        knee_widths,
        [
            "1000.jpg",
            "1000.webp",
            "480.jpg",
            "480.webp",
            "800.jpg",
            "800.webp"
        ]
    );
    assert_eq!(size_of(&dir.join(&knee[0])), (1000, 600));
    // Transparency: a PNG fallback, with the alpha kept.
    let logo = variants(&dir, "logo");
    assert_eq!(logo.len(), 2, "{logo:?}");
    assert!(
        logo[0].ends_with("-300.png") && logo[1].ends_with("-300.webp"),
        "{logo:?}"
    );
    let png = image::open(dir.join(&logo[0])).unwrap();
    assert!(png.color().has_alpha());
    assert_eq!(png.to_rgba8().get_pixel(0, 0)[3], 0);
}

#[test]
fn pages_show_photos_in_a_picture_with_srcset_sizes_and_their_size() {
    let site = site_with_photos();
    site.build(&[]);
    let page = site.page("articles/photos/index.html");
    let doc = scraper::Html::parse_document(&page);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let pictures: Vec<_> = doc.select(&sel("picture")).collect();
    assert_eq!(pictures.len(), 3, "lead photo and two body images");
    // The lead photo: WebP first, every width; never lazy, fetched first.
    let lead = pictures[0];
    let source = lead.select(&sel("source")).next().expect("a <source>");
    assert_eq!(source.attr("type"), Some("image/webp"));
    let srcset = source.attr("srcset").unwrap();
    assert_eq!(srcset.matches("w, ").count(), 3, "{srcset}");
    assert!(
        srcset.contains(".webp 480w") && srcset.ends_with(".webp 1600w"),
        "{srcset}"
    );
    assert!(source.attr("sizes").is_some());
    let img = lead.select(&sel("img")).next().unwrap();
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("2000"), Some("1000"))
    );
    assert_eq!(img.attr("alt"), Some("A runner"));
    assert_eq!(img.attr("fetchpriority"), Some("high"));
    assert_eq!(img.attr("loading"), None);
    assert!(img.attr("src").unwrap().ends_with("-1600.jpg"));
    assert!(img.attr("srcset").unwrap().contains(".jpg 800w"));
    assert!(img.attr("sizes").is_some());
    // Body images: lazy, async, their own size, alt and title kept.
    for (picture, alt, size, fallback) in [
        (pictures[1], "A logo", ("300", "300"), "png"),
        (pictures[2], "A knee, bent", ("1000", "600"), "jpg"),
    ] {
        let img = picture.select(&sel("img")).next().unwrap();
        assert_eq!(img.attr("alt"), Some(alt));
        assert_eq!(
            (img.attr("width"), img.attr("height")),
            (Some(size.0), Some(size.1))
        );
        assert_eq!(img.attr("loading"), Some("lazy"));
        assert_eq!(img.attr("decoding"), Some("async"));
        assert!(
            img.attr("src").unwrap().ends_with(fallback),
            "{:?}",
            img.attr("src")
        );
        assert!(img.attr("sizes").is_some() && img.attr("srcset").is_some());
    }
    let knee = pictures[2].select(&sel("img")).next().unwrap();
    assert_eq!(knee.attr("title"), Some("The knee"));
    assert!(!page.contains("salve-image"), "no mark is left in the page");
    // Cards in lists: the same data, lazy.
    let home = site.page("index.html");
    let doc = scraper::Html::parse_document(&home);
    let card = doc
        .select(&sel("picture img.card-photo"))
        .next()
        .expect("a card with the photo");
    assert_eq!(card.attr("loading"), Some("lazy"));
    assert_eq!(
        (card.attr("width"), card.attr("height")),
        (Some("2000"), Some("1000"))
    );
}

#[test]
fn exif_orientation_is_applied_and_no_metadata_is_published() {
    let site = Site::fixture("basic");
    // Stored 200×100, red left and blue right; shown turned clockwise.
    fs::write(site.path("articles/shot.jpg"), with_exif(&jpeg(200, 100))).unwrap();
    let source = fs::read(site.path("articles/shot.jpg")).unwrap();
    assert!(contains(&source, b"Exif\0\0") && contains(&source, b"http://ns.adobe.com/xap"));
    FrontMatter::new("Phone")
        .tables("[photo]\nsrc = \"shot.jpg\"\nalt = \"A shot\"")
        .write(&site, "articles/phone.md", "Text.\n");
    site.build(&[]);
    let dir = site.path("public/articles/phone");
    let mut files = variants(&dir, "shot");
    assert_eq!(
        files.len(),
        2,
        "one width (100, its own) in two formats: {files:?}"
    );
    files.push("shot.jpg".to_owned());
    for name in &files {
        assert_eq!(size_of(&dir.join(name)), (100, 200), "{name}");
        let bytes = fs::read(dir.join(name)).unwrap();
        for marker in [
            &b"Exif\0\0"[..],
            b"http://ns.adobe.com/xap",
            b"ICC_PROFILE",
            b"eXIf",
            b"iCCP",
            b"iTXt",
            b"EXIF",
            b"XMP ",
            b"GPS",
        ] {
            assert!(
                !contains(&bytes, marker),
                "{name} has {:?}",
                String::from_utf8_lossy(marker)
            );
        }
        // Turned clockwise: the red left half is now the top.
        let img = image::open(dir.join(name)).unwrap().to_rgb8();
        let (top, bottom) = (img.get_pixel(50, 20), img.get_pixel(50, 180));
        assert!(top[0] > 150 && top[2] < 100, "{name}: top {top:?}");
        assert!(
            bottom[2] > 150 && bottom[0] < 100,
            "{name}: bottom {bottom:?}"
        );
    }
    let page = site.page("articles/phone/index.html");
    assert!(
        page.contains("width=\"100\" height=\"200\""),
        "the size as shown"
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_second_build_encodes_nothing_and_an_edited_photo_alone_is_encoded() {
    let site = site_with_photos();
    let first = site.build(&[]);
    // The three photos, and the two SVGs drawn for link previews (the
    // fixture's share image and an article's photo).
    assert_eq!(
        encoded(&first),
        "Encoded 5 of 5 photos; the others are unchanged since the last build"
    );
    let dir = site.path("public/articles/photos");
    let before = variants(&dir, "knee");
    let again = site.build(&[]);
    assert_eq!(
        encoded(&again),
        "Encoded 0 of 5 photos; the others are unchanged since the last build"
    );
    assert_eq!(variants(&dir, "knee"), before, "kept, not made again");
    assert!(dir.join(&before[0]).is_file());
    fs::write(site.path("articles/knee.jpg"), jpeg(900, 600)).unwrap();
    let edited = site.build(&[]);
    assert_eq!(
        encoded(&edited),
        "Encoded 1 of 5 photos; the others are unchanged since the last build"
    );
    let after = variants(&dir, "knee");
    assert_eq!(after.len(), 6);
    assert!(
        after.iter().all(|n| !before.contains(n)),
        "new names: {after:?}"
    );
    assert_eq!(size_of(&dir.join("knee.jpg")), (900, 600));
    // New settings make every photo again (an SVG's drawing has none).
    site.edit("site.toml", |t| format!("{t}\n[images]\nquality = 70\n"));
    let settings = site.build(&[]);
    assert_eq!(
        encoded(&settings),
        "Encoded 3 of 5 photos; the others are unchanged since the last build"
    );
}

#[test]
fn images_settings_choose_widths_and_formats() {
    let site = site_with_photos();
    site.edit("site.toml", |t| {
        format!("{t}\n[images]\nwidths = [640]\nformats = []\nquality = 50\n")
    });
    site.build(&[]);
    let dir = site.path("public/articles/photos");
    let lead = variants(&dir, "lead");
    assert_eq!(lead.len(), 1, "{lead:?}");
    assert!(lead[0].ends_with("-640.jpg"));
    let page = site.page("articles/photos/index.html");
    assert!(!page.contains("image/webp"));
}

#[test]
#[cfg(not(feature = "avif"))]
fn avif_is_refused_by_a_salve_built_without_it() {
    let site = Site::fixture("basic");
    site.edit("site.toml", |t| {
        format!("{t}\n[images]\nformats = [\"webp\", \"avif\"]\n")
    });
    let run = site.salve(&["build"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr()
            .contains("this salve was built without an AVIF encoder"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("--features avif"), "{}", run.stderr());
    site.edit("site.toml", |t| {
        t.replace("formats = [\"webp\", \"avif\"]", "quality = 0")
    });
    let run = site.salve(&["build"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("[images] quality is 0"),
        "{}",
        run.stderr()
    );
}

#[test]
fn svg_and_gif_are_copied_as_they_are_and_author_photos_are_processed() {
    let site = Site::fixture("basic");
    // The smallest GIF: 1×1, one colour.
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
    fs::write(site.path("articles/anim.gif"), gif).unwrap();
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
    fs::write(site.path("articles/draw.svg"), svg).unwrap();
    FrontMatter::new("Still").write(
        &site,
        "articles/still.md",
        "![A GIF](anim.gif)\n\n![A drawing](draw.svg)\n",
    );
    fs::create_dir_all(site.path("static/images")).unwrap();
    fs::write(site.path("static/images/ana.jpg"), jpeg(600, 600)).unwrap();
    site.replace("site.toml", "images/ana.svg", "images/ana.jpg");
    site.build(&[]);
    assert_eq!(
        fs::read(site.path("public/articles/still/anim.gif")).unwrap(),
        gif
    );
    assert_eq!(
        fs::read(site.path("public/articles/still/draw.svg")).unwrap(),
        svg
    );
    let page = site.page("articles/still/index.html");
    for img in [
        "<p><img src=\"/articles/still/anim.gif\" alt=\"A GIF\" /></p>",
        "<p><img src=\"/articles/still/draw.svg\" alt=\"A drawing\" /></p>",
    ] {
        assert!(page.contains(img), "{img} not in {page}");
    }
    let author = site.page("authors/ana/index.html");
    assert!(
        author.contains("<picture><source type=\"image/webp\""),
        "{author}"
    );
    assert_eq!(variants(&site.path("public/images"), "ana").len(), 4);
}

#[test]
fn check_decodes_every_photo_and_reports_a_damaged_one() {
    let site = Site::fixture("basic");
    let whole = jpeg(64, 64);
    fs::write(site.path("articles/cut.jpg"), &whole[..whole.len() / 2]).unwrap();
    FrontMatter::new("Cut")
        .tables("[photo]\nsrc = \"cut.jpg\"\nalt = \"A cut photo\"")
        .write(&site, "articles/cut.md", "Text.\n");
    let run = site.salve(&["check"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains(
            "error[bad-image]: articles/cut.jpg cannot be used: it is damaged or cut short"
        ),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("--> articles/cut.md:"),
        "{}",
        run.stderr()
    );
    assert!(!site.path("public").exists(), "check writes nothing");
}

#[test]
#[cfg(feature = "avif")]
fn a_salve_built_with_avif_writes_it_first() {
    let site = site_with_photos();
    site.edit("site.toml", |t| {
        format!("{t}\n[images]\nwidths = [480]\nformats = [\"webp\", \"avif\"]\n")
    });
    site.build(&[]);
    let dir = site.path("public/articles/photos");
    let lead = variants(&dir, "lead");
    assert_eq!(lead.len(), 3, "{lead:?}");
    let avif = lead
        .iter()
        .find(|n| n.ends_with("-480.avif"))
        .expect("an AVIF");
    let bytes = fs::read(dir.join(avif)).unwrap();
    assert_eq!(&bytes[4..12], b"ftypavif");
    let page = site.page("articles/photos/index.html");
    let avif_at = page
        .find("<source type=\"image/avif\"")
        .expect("an AVIF source");
    let webp_at = page
        .find("<source type=\"image/webp\"")
        .expect("a WebP source");
    assert!(avif_at < webp_at, "AVIF is offered first");
}

#[test]
fn a_display_p3_photo_is_turned_into_srgb_before_its_profile_is_dropped() {
    use image::ImageEncoder;
    let site = Site::fixture("basic");
    // A flat P3 red: the same numbers in sRGB are a duller red.
    let img = RgbImage::from_pixel(64, 64, Rgb([200, 60, 60]));
    let mut bytes = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 95);
    let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
    encoder.set_icc_profile(p3).unwrap();
    encoder
        .write_image(img.as_raw(), 64, 64, image::ExtendedColorType::Rgb8)
        .unwrap();
    assert!(contains(&bytes, b"ICC_PROFILE"));
    fs::write(site.path("articles/p3.jpg"), &bytes).unwrap();
    FrontMatter::new("P3")
        .tables("[photo]\nsrc = \"p3.jpg\"\nalt = \"Red\"")
        .write(&site, "articles/p3.md", "Text.\n");
    site.build(&[]);
    let dir = site.path("public/articles/p3");
    for name in variants(&dir, "p3").iter().chain([&"p3.jpg".to_owned()]) {
        let bytes = fs::read(dir.join(name)).unwrap();
        assert!(
            !contains(&bytes, b"ICC_PROFILE") && !contains(&bytes, b"ICCP"),
            "{name}"
        );
        let px = *image::open(dir.join(name))
            .unwrap()
            .to_rgb8()
            .get_pixel(32, 32);
        assert!(
            px[0] > 210 && px[1] < 55,
            "{name}: {px:?} is the P3 numbers taken as sRGB"
        );
    }
}

#[test]
fn images_in_standalone_pages_and_overviews_are_pictures_too() {
    let site = Site::fixture("basic");
    fs::create_dir_all(site.path("pages")).unwrap();
    fs::write(site.path("pages/team.jpg"), jpeg(900, 300)).unwrap();
    fs::write(
        site.path("pages/about.md"),
        "+++\ntitle = \"About\"\n+++\nUs.\n\n![The team](team.jpg)\n",
    )
    .unwrap();
    fs::write(site.path("articles/causes/calf.jpg"), jpeg(500, 500)).unwrap();
    site.edit("articles/causes/strained-calf.md", |t| {
        format!("{t}\n![A calf](calf.jpg)\n")
    });
    site.build(&[]);
    for (page, size) in [
        ("about/index.html", "width=\"900\" height=\"300\""),
        (
            "causes/strained-calf/index.html",
            "width=\"500\" height=\"500\"",
        ),
    ] {
        let html = site.page(page);
        assert!(
            html.contains("<picture><source type=\"image/webp\""),
            "{page}: {html}"
        );
        assert!(html.contains(size), "{page}");
        assert!(!html.contains("salve-image"), "{page}");
    }
}

#[test]
fn a_raster_photo_is_shared_as_its_1200_wide_jpeg_with_its_size() {
    let site = site_with_photos();
    site.build(&["--no-search"]);
    let page = site.page("articles/photos/index.html");
    let meta = |property: &str| {
        let doc = scraper::Html::parse_document(&page);
        let sel = scraper::Selector::parse(&format!(
            "meta[property='{property}'], meta[name='{property}']"
        ))
        .unwrap();
        doc.select(&sel)
            .next()
            .and_then(|m| m.attr("content").map(str::to_owned))
            .unwrap_or_else(|| panic!("no {property}"))
    };
    // The 2000×1000 lead photo: its 1200-wide JPEG, 600 high.
    let image = meta("og:image");
    assert!(
        image.starts_with("https://") && image.ends_with("-1200.jpg"),
        "{image}"
    );
    assert_eq!(meta("twitter:image"), image);
    assert_eq!(
        (meta("og:image:width"), meta("og:image:height")),
        ("1200".to_owned(), "600".to_owned())
    );
    assert_eq!(meta("og:image:alt"), "A runner");
    let file = image.split_once(".org/").map_or(image.as_str(), |(_, p)| p);
    assert_eq!(size_of(&site.path("public").join(file)), (1200, 600));
}

#[test]
fn a_raster_only_linked_or_under_static_is_copied_without_its_metadata() {
    let site = Site::fixture("basic");
    let phone = with_exif(&jpeg(40, 20));
    fs::write(site.path("articles/phone.jpg"), &phone).unwrap();
    fs::write(site.path("static/images/banner.jpg"), &phone).unwrap();
    FrontMatter::new("Linked").write(
        &site,
        "articles/linked.md",
        "See [the photo at full size](phone.jpg).\n",
    );
    site.build(&["--no-search"]);
    let has = |bytes: &[u8], needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(&phone, b"GPSLatitude") && has(&phone, &[0x25, 0x88]));
    for copy in ["articles/linked/phone.jpg", "images/banner.jpg"] {
        let bytes = fs::read(site.path("public").join(copy)).unwrap();
        assert!(!has(&bytes, b"GPSLatitude"), "{copy}: XMP left");
        assert!(
            !has(&bytes, &[0x25, 0x88]),
            "{copy}: the GPS directory left"
        );
        // The pixels are the same bytes; the orientation stays, so the
        // photo still shows upright.
        let original = image::load_from_memory(&phone).unwrap().to_rgb8();
        let copied = image::load_from_memory(&bytes).unwrap().to_rgb8();
        assert_eq!(original, copied, "{copy}");
        let mut decoder =
            image::codecs::jpeg::JpegDecoder::new(std::io::Cursor::new(&bytes)).unwrap();
        use image::ImageDecoder;
        assert_eq!(
            decoder.orientation().unwrap(),
            image::metadata::Orientation::Rotate90,
            "{copy}"
        );
    }
    // A second build keeps them as they are.
    let before = fs::read(site.path("public/images/banner.jpg")).unwrap();
    site.build(&["--no-search"]);
    assert_eq!(
        fs::read(site.path("public/images/banner.jpg")).unwrap(),
        before
    );
}

#[test]
fn a_png_whose_alpha_channel_is_all_opaque_gets_a_jpeg_fallback() {
    let site = Site::fixture("basic");
    let opaque = RgbaImage::from_pixel(600, 300, Rgba([10, 120, 200, 255]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    opaque.write_to(&mut bytes, ImageFormat::Png).unwrap();
    fs::write(site.path("articles/chart.png"), bytes.into_inner()).unwrap();
    FrontMatter::new("Chart").write(&site, "articles/chart.md", "![A chart](chart.png)\n");
    site.build(&["--no-search"]);
    let dir = site.path("public/articles/chart");
    let first = variants(&dir, "chart");
    assert!(
        first.iter().any(|n| n.ends_with("-480.jpg"))
            && !first
                .iter()
                .any(|n| n.ends_with(".png") && n != "chart.png"),
        "{first:?}"
    );
    let page = site.page("articles/chart/index.html");
    assert!(page.contains("-480.jpg 480w"), "{page}");
    // Kept by the next build, under the same names.
    let again = site.build(&["--no-search"]);
    assert!(
        encoded(&again).starts_with("Encoded 0 of "),
        "{}",
        again.stdout()
    );
    assert_eq!(site.page("articles/chart/index.html"), page);
    assert_eq!(variants(&dir, "chart"), first);
}
