//! Share images: every page has an `og:image` that social sites show — a
//! raster, with its size and alt text. An SVG photo is drawn as a PNG, a
//! page without a photo shares site.toml's `image`, and a site without one
//! is told so once.

use crate::harness::{FrontMatter, Site};
use std::fs;

/// `name`'s `content` in `html`, from `<meta property>` or `<meta name>`.
fn meta(html: &str, name: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    let sel =
        scraper::Selector::parse(&format!("meta[property='{name}'], meta[name='{name}']")).unwrap();
    doc.select(&sel)
        .next()
        .and_then(|m| m.attr("content").map(str::to_owned))
}

/// The file in the output an absolute URL of the fixture site names.
fn file_of(site: &Site, url: &str) -> std::path::PathBuf {
    let rel = url
        .strip_prefix("https://fixture.example.org/")
        .unwrap_or_else(|| panic!("{url} is not of the site"));
    site.path("public").join(rel)
}

/// A green SVG, 320×200, with or without a text label.
fn svg(label: bool) -> String {
    let text = if label {
        "<text x=\"10\" y=\"20\">knee</text>"
    } else {
        ""
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"200\"><rect width=\"320\" height=\"200\" fill=\"#0a6\"/>{text}</svg>"
    )
}

/// The "Encoded n of m photos" line of a build.
fn encoded(run: &crate::harness::Run) -> String {
    run.stdout()
        .lines()
        .find(|l| l.starts_with("Encoded "))
        .unwrap_or_default()
        .to_owned()
}

/// The basic fixture with site.toml's `image` set to a 1600×840 PNG, and
/// an article whose photo is an SVG.
fn site_with_share_images() -> Site {
    let site = Site::fixture("basic");
    let png = image::RgbImage::from_pixel(1600, 840, image::Rgb([30, 120, 90]));
    png.save(site.path("static/images/share.png")).unwrap();
    site.replace(
        "site.toml",
        "image = \"images/share.svg\"\n",
        "image = \"images/share.png\"\nimage_alt = \"Our leaf logo\"\n",
    );
    fs::write(site.path("articles/drawn.svg"), svg(false)).unwrap();
    FrontMatter::new("Drawn")
        .tables("[photo]\nsrc = \"drawn.svg\"\nalt = \"A green field\"")
        .write(&site, "articles/drawn.md", "Text.\n");
    site
}

#[test]
fn an_svg_photo_is_shared_as_a_png_drawn_from_it_once() {
    let site = site_with_share_images();
    let run = site.build(&["--no-search"]);
    let page = site.page("articles/drawn/index.html");
    let image = meta(&page, "og:image").expect("og:image");
    assert!(image.ends_with("-share.png"), "{image}");
    assert_eq!(
        meta(&page, "twitter:image").as_deref(),
        Some(image.as_str())
    );
    assert_eq!(
        meta(&page, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(
        meta(&page, "og:image:alt").as_deref(),
        Some("A green field")
    );
    // 320×200 drawn 600 wide: 375 high, green, a real PNG.
    assert_eq!(
        (
            meta(&page, "og:image:width"),
            meta(&page, "og:image:height")
        ),
        (Some("600".to_owned()), Some("375".to_owned()))
    );
    let bytes = fs::read(file_of(&site, &image)).unwrap();
    let drawn = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png).unwrap();
    assert_eq!((drawn.width(), drawn.height()), (600, 375));
    let px = drawn.to_rgb8().get_pixel(300, 187).0;
    assert!(px[1] > 120 && px[0] < 40, "green, not white: {px:?}");
    // The page still shows the SVG itself.
    assert!(
        page.contains("<img src=\"/articles/drawn/drawn.svg\""),
        "{page}"
    );
    assert!(
        encoded(&run).starts_with("Encoded 3 of "),
        "{}",
        run.stdout()
    );
    // Nothing to draw again; a changed SVG is drawn again, under a new name.
    let again = site.build(&["--no-search"]);
    assert!(
        encoded(&again).starts_with("Encoded 0 of "),
        "{}",
        again.stdout()
    );
    fs::write(
        site.path("articles/drawn.svg"),
        svg(false).replace("#0a6", "#a06"),
    )
    .unwrap();
    let edited = site.build(&["--no-search"]);
    assert!(
        encoded(&edited).starts_with("Encoded 1 of "),
        "{}",
        edited.stdout()
    );
    let page = site.page("articles/drawn/index.html");
    let redrawn = meta(&page, "og:image").unwrap();
    assert_ne!(redrawn, image);
    assert!(file_of(&site, &redrawn).is_file());
    assert!(!file_of(&site, &image).exists(), "the old drawing is gone");
}

#[test]
fn every_page_without_a_photo_shares_the_sites_image() {
    let site = site_with_share_images();
    let run = site.build(&["--no-search"]);
    assert!(!run.stderr().contains("no-share-image"), "{}", run.stderr());
    let mut shared = None;
    for page in [
        "index.html",
        "articles/knee/index.html",
        "causes/index.html",
        "treatments/index.html",
        "authors/ana/index.html",
        "search/index.html",
        "articles/index.html",
    ] {
        let html = site.page(page);
        let image = meta(&html, "og:image").unwrap_or_else(|| panic!("{page}: no og:image"));
        // The 1600-wide PNG without transparency: its 1200-wide JPEG.
        assert!(image.ends_with("-1200.jpg"), "{page}: {image}");
        assert_eq!(
            (
                meta(&html, "og:image:width"),
                meta(&html, "og:image:height")
            ),
            (Some("1200".to_owned()), Some("630".to_owned())),
            "{page}"
        );
        assert_eq!(
            meta(&html, "og:image:alt").as_deref(),
            Some("Our leaf logo")
        );
        assert_eq!(
            meta(&html, "twitter:image").as_deref(),
            Some(image.as_str())
        );
        assert_eq!(shared.get_or_insert(image.clone()), &image, "{page}");
    }
    let image = shared.unwrap();
    let (w, h) = image::image_dimensions(file_of(&site, &image)).unwrap();
    assert_eq!((w, h), (1200, 630));
    // Without `image_alt`, the alt text is the site's title.
    site.replace("site.toml", "image_alt = \"Our leaf logo\"\n", "");
    site.build(&["--no-search"]);
    let home = site.page("index.html");
    assert_eq!(
        meta(&home, "og:image:alt").as_deref(),
        Some("Fixture Health")
    );
}

#[test]
fn a_site_without_a_share_image_is_told_once_and_its_pages_have_none() {
    let site = Site::fixture("basic");
    site.replace("site.toml", "image = \"images/share.svg\"\n", "");
    let run = site.build(&["--no-search"]);
    let stderr = run.stderr();
    assert_eq!(
        stderr.matches("warning[no-share-image]").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains(
        "warning[no-share-image]: pages without a photo of their own (the home page, lists) show no picture when shared on social sites\n --> site.toml\n  = help: add `image = \"images/share.jpg\"` to site.toml: a file under static/, best 1200×630 pixels\n"
    ), "{stderr}");
    let home = site.page("index.html");
    assert_eq!(meta(&home, "og:image"), None);
    assert_eq!(meta(&home, "twitter:card").as_deref(), Some("summary"));
    // `check` says the same.
    let check = site.salve(&["check"]);
    assert_eq!(check.stderr().matches("warning[no-share-image]").count(), 1);
}

#[test]
fn an_svg_with_text_is_shared_with_a_warning_that_its_words_are_left_out() {
    let site = Site::fixture("basic");
    fs::write(site.path("articles/labelled.svg"), svg(true)).unwrap();
    FrontMatter::new("Labelled")
        .tables("[photo]\nsrc = \"labelled.svg\"\nalt = \"A knee\"")
        .write(&site, "articles/labelled.md", "Text.\n");
    let run = site.build(&["--no-search"]);
    assert!(run.stderr().contains(
        "warning[share-image-text]: articles/labelled.svg has text, which its share image (the picture social sites show) leaves out\n --> articles/labelled.md:6:7\n"
    ), "{}", run.stderr());
    let page = site.page("articles/labelled/index.html");
    assert!(meta(&page, "og:image").unwrap().ends_with("-share.png"));
}
