//! What one article costs: memory grows with its size, never with links ×
//! line length or with the square of its headings, footnotes or links.
//!
//! Each build runs the real binary while this test watches its peak resident
//! memory (Linux's VmHWM) and kills it the moment it passes the budget, so a
//! regression fails fast instead of taking the machine's memory. Nothing here
//! asserts a duration.

#![cfg(target_os = "linux")]

use crate::harness::{FrontMatter, Site};
use std::fs;
use std::process::Stdio;
use std::time::Duration;

/// The most memory a whole build (search index included) of the fixture
/// site with one adversarial 2 MiB article may take, in MiB. It peaked at
/// 180–200 MiB, most of it the Markdown parser's syntax tree and the search
/// index of a 16 MB page; before positions replaced copied lines it passed
/// this within the first stage. Since its thousands of images of a PNG became
/// a `<picture>` with a `srcset` per format, the page is larger and the
/// build peaks at 255–285 MiB.
const ARTICLE_BUDGET_MIB: u64 = 320;

/// The same for one line of 30,000 images (no search index). It peaked at
/// 45–65 MiB (the fixture alone: 27 MiB); each image's copy of the 330 KB
/// line took about 10 GB before.
const LINE_BUDGET_MIB: u64 = 100;
/// The same line of 30,000 images of a photo: each is now a `<picture>`
/// with its variants, about 330 bytes where a bare `<img>` took 45, so the
/// page is 10 MB and rendering it holds a few copies (103 MiB measured).
const PICTURE_LINE_BUDGET_MIB: u64 = 150;
/// Twelve 2500×2500 photos on two threads: the fixture (28 MiB) and at most
/// two photos being decoded and resized (about 30–45 MiB each; 115 MiB
/// measured). All twelve decoded at once would take over 250 MiB.
const PHOTOS_BUDGET_MIB: u64 = 160;

/// The biggest article salve reads (`load::MAX_MARKDOWN_BYTES`).
const MAX_ARTICLE: usize = 2 * 1024 * 1024;

/// A build that stayed within its budget.
struct Bounded {
    code: i32,
    stderr: String,
    peak_mib: u64,
}

/// The peak resident memory of process `pid` so far, in KiB.
fn peak_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `salve build --timings <args>` in `site`, failing the test (and
/// killing the build) as soon as its peak memory passes `budget_mib`.
fn build_within(site: &Site, budget_mib: u64, args: &[&str]) -> Bounded {
    build_within_env(site, budget_mib, args, &[])
}

/// [`build_within`], with environment variables set for the build.
fn build_within_env(site: &Site, budget_mib: u64, args: &[&str], env: &[(&str, &str)]) -> Bounded {
    // Output goes to files: a pipe nobody reads while the build runs could
    // fill and stall it.
    let logs = site.root.parent().unwrap();
    let (out_path, err_path) = (logs.join("stdout.txt"), logs.join("stderr.txt"));
    let mut child = site
        .command(&["build", "--timings"])
        .args(args)
        .envs(env.iter().copied())
        .stdout(Stdio::from(fs::File::create(&out_path).unwrap()))
        .stderr(Stdio::from(fs::File::create(&err_path).unwrap()))
        .spawn()
        .expect("run salve");
    let mut watched = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        watched = watched.max(peak_kib(child.id()).unwrap_or(0) / 1024);
        if watched > budget_mib {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the build passed {budget_mib} MiB ({watched} MiB) and was stopped");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stderr = fs::read_to_string(&err_path).unwrap();
    // The last stage's peak is the whole build's; polling may miss a spike.
    let reported = stderr
        .lines()
        .find(|l| l.starts_with("timings: "))
        .and_then(|l| l.rsplit("(peak ").next())
        .and_then(|p| p.split(' ').next())
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or_else(|| panic!("no timings in:\n{}", head(&stderr)));
    let peak_mib = watched.max(reported);
    assert!(
        peak_mib <= budget_mib,
        "the build peaked at {peak_mib} MiB, over {budget_mib} MiB"
    );
    Bounded {
        code: status.code().unwrap_or(-1),
        stderr,
        peak_mib,
    }
}

/// The first lines of a long output, for a failure message.
fn head(text: &str) -> String {
    text.lines().take(40).collect::<Vec<_>>().join("\n")
}

/// No staging folder is left beside the output, whatever the outcome.
fn assert_no_staging(site: &Site) {
    assert!(
        !site.path(".public.salve-new").exists(),
        "the staging folder was left behind"
    );
}

/// An article just under 2 MiB of every kind of item whose cost could grow
/// faster than the text: images and links on one long line, heading names
/// repeated thousands of times and links to their anchors, footnotes,
/// reference links, nested lists on long lines, references and causes in
/// the front matter.
fn adversarial(site: &Site) -> usize {
    fs::write(site.path("articles/x.png"), tiny_png()).unwrap();
    let mut front = String::new();
    for i in 0..1_000 {
        front.push_str(&format!(
            "[[references]]\ntitle = \"Study {i}\"\nurl = \"https://example.org/{i}\"\n"
        ));
    }
    for i in 0..200 {
        front.push_str(&format!(
            "[[causes]]\nname = \"Cause {i}\"\ntreatments = [\"Rest\"]\n"
        ));
    }
    let mut body = String::new();
    // Images and links on one line of 300 KB.
    body.push_str(&"![a](x.png) [b](knee.md#who-gets-it) ".repeat(8_000));
    body.push_str("\n\n");
    // 30,000 headings of the same name: ids same, same-2, … same-30000.
    body.push_str(&"## Same\n\n".repeat(30_000));
    // 10,000 links to the last of them, on one line.
    body.push_str(&"[s](#same-30000) ".repeat(10_000));
    body.push_str("\n\n");
    // 15,000 footnotes, each referenced from one line and defined.
    for i in 0..15_000 {
        body.push_str(&format!("[^n{i}] "));
    }
    body.push_str("\n\n");
    for i in 0..15_000 {
        body.push_str(&format!("[^n{i}]: Note.\n"));
    }
    body.push('\n');
    // 5,000 reference links and their definitions.
    for i in 0..5_000 {
        body.push_str(&format!("[r][r{i}] "));
    }
    body.push_str("\n\n");
    for i in 0..5_000 {
        body.push_str(&format!("[r{i}]: x.png\n"));
    }
    body.push('\n');
    // Lists nested 20 deep, each item a long line of links and images.
    let item = "[k](knee.md) ![i](x.png) ".repeat(200);
    for _ in 0..6 {
        for depth in 0..20 {
            body.push_str(&format!("{}- {item}\n", "  ".repeat(depth)));
        }
        body.push('\n');
    }
    // Prose up to just under the limit.
    let head = front.len() + body.len() + 200;
    let filler = "Plain words fill the rest. ";
    body.push_str(&filler.repeat((MAX_ARTICLE - 4_096).saturating_sub(head) / filler.len()));
    body.push('\n');
    FrontMatter::new("big")
        .tables(&front)
        .write(site, "articles/big.md", &body);
    fs::metadata(site.path("articles/big.md")).unwrap().len() as usize
}

#[test]
fn a_two_mib_adversarial_article_builds_within_the_memory_budget() {
    let site = Site::fixture("basic");
    let size = adversarial(&site);
    assert!(
        (MAX_ARTICLE - 8_192..=MAX_ARTICLE).contains(&size),
        "{size} bytes"
    );
    let run = build_within(&site, ARTICLE_BUDGET_MIB, &[]);
    assert_eq!(run.code, 0, "{}", head(&run.stderr));
    assert_no_staging(&site);
    let page = site.page("articles/big/index.html");
    assert!(page.contains("id=\"same-30000\""));
    assert!(page.contains("id=\"fn-n14999\""));
    eprintln!("2 MiB article: peak {} MiB", run.peak_mib);
}

/// `count` images on one line, each `unit`.
fn one_line_of_images(site: &Site, unit: &str, count: usize) {
    FrontMatter::new("images").write(
        site,
        "articles/images.md",
        &format!("{}\n", unit.repeat(count)),
    );
}

#[test]
fn thirty_thousand_images_on_one_line_build() {
    let site = Site::fixture("basic");
    fs::write(site.path("articles/x.png"), tiny_png()).unwrap();
    one_line_of_images(&site, "![a](x.png)", 30_000);
    let run = build_within(&site, PICTURE_LINE_BUDGET_MIB, &["--no-search"]);
    assert_eq!(run.code, 0, "{}", head(&run.stderr));
    assert_no_staging(&site);
    assert!(site.path("public/articles/images/x.png").is_file());
    eprintln!("30,000 images: peak {} MiB", run.peak_mib);
}

#[test]
fn thirty_thousand_missing_images_on_one_line_fail_cleanly() {
    // Every image is missing and has no alt text: two problems per image.
    let site = Site::fixture("basic");
    one_line_of_images(&site, "![](gone.png)", 30_000);
    let run = build_within(&site, LINE_BUDGET_MIB, &["--no-search"]);
    assert_eq!(run.code, 1, "{}", head(&run.stderr));
    assert_no_staging(&site);
    assert!(!site.path("public").exists());
    // Each kind is listed a few times, then counted in one closing problem
    // placed at the first image not listed.
    for (code, severity) in [("missing-file", "error"), ("missing-alt", "warning")] {
        let header = format!("{severity}[{code}]: ");
        let listed = run.stderr.matches(&header).count() - 1;
        let more: usize = run
            .stderr
            .split(&header)
            .find_map(|rest| {
                rest.split(" more problems like this in this file")
                    .next()?
                    .parse()
                    .ok()
            })
            .unwrap_or_else(|| panic!("no count of {code}:\n{}", head(&run.stderr)));
        assert!((1..=100).contains(&listed), "{listed} {code} listed");
        assert_eq!(listed + more, 30_000, "{code}");
        let first = 1 + 13 * listed;
        assert!(
            run.stderr.contains(&format!(
                "{more} more problems like this in this file are not listed; the first of them is here\n --> articles/images.md:6:{first}\n"
            )),
            "{}",
            head(&run.stderr)
        );
    }
    assert!(
        run.stderr.len() < 64 << 10,
        "{} bytes of messages",
        run.stderr.len()
    );
    eprintln!("30,000 missing images: peak {} MiB", run.peak_mib);
}

#[test]
fn thousands_of_authors_with_missing_photos_are_listed_up_to_a_hundred() {
    // site.toml has no size limit; each problem in it is listed with its
    // line, so they are capped like a body's.
    let site = Site::fixture("basic");
    site.edit("site.toml", |mut config| {
        for i in 0..2_000 {
            config.push_str(&format!(
                "\n[authors.a{i}]\nname = \"Author {i}\"\nphoto = \"gone-{i}.jpg\"\n"
            ));
        }
        config
    });
    let run = build_within(&site, LINE_BUDGET_MIB, &["--no-search"]);
    assert_eq!(run.code, 1, "{}", head(&run.stderr));
    assert_eq!(run.stderr.matches("error[missing-photo]: ").count(), 101);
    assert!(
        run.stderr.contains(
            "error[missing-photo]: 1900 more problems like this in this file are not listed; the first of them is here\n --> site.toml:"
        ),
        "{}",
        head(&run.stderr)
    );
    assert_no_staging(&site);
}

#[test]
fn an_unknown_author_is_told_twenty_keys_not_every_author() {
    // The hint is repeated for every article naming an unknown author; with
    // every key in it, articles × authors bytes.
    let site = Site::fixture("basic");
    site.edit("site.toml", |mut config| {
        for i in 0..2_000 {
            config.push_str(&format!("\n[authors.k{i:04}]\nname = \"Author {i}\"\n"));
        }
        config
    });
    FrontMatter::new("stray")
        .author("zzzz")
        .write(&site, "articles/stray.md", "Text.\n");
    let run = build_within(&site, LINE_BUDGET_MIB, &["--no-search"]);
    assert_eq!(run.code, 1, "{}", head(&run.stderr));
    let hint = run
        .stderr
        .lines()
        .find(|l| l.contains("add [authors.zzzz]"))
        .unwrap_or_else(|| panic!("{}", head(&run.stderr)));
    assert_eq!(
        hint,
        "  = help: add [authors.zzzz] with a name to site.toml, or use one of: ana, dr-bo, \
         k0000, k0001, k0002, k0003, k0004, k0005, k0006, k0007, k0008, k0009, k0010, k0011, \
         k0012, k0013, k0014, k0015, k0016, k0017 (and 1982 more in site.toml)"
    );
}

#[test]
fn an_oversized_site_toml_or_template_is_refused_not_read() {
    let site = Site::fixture("basic");
    let padding = format!("# {}\n", "x".repeat(3 * 1024 * 1024));
    site.edit("site.toml", |settings| settings + &padding);
    fs::create_dir_all(site.path("templates")).unwrap();
    fs::write(site.path("templates/article.html"), &padding).unwrap();
    let run = site.salve(&["build"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let stderr = run.stderr();
    for expected in [
        "error[file-too-large]: the file is 3 MiB; site.toml files may be at most 1 MiB\n --> site.toml\n",
        "error[file-too-large]: the file is 3 MiB; templates may be at most 1 MiB\n --> templates/article.html\n",
    ] {
        assert!(stderr.contains(expected), "{stderr}");
    }
}

/// Twelve 2500×2500 photos (19 MB each decoded) on two threads: at most
/// one decoded photo per thread is held at a time, so the build stays far
/// below what holding them all would take.
#[test]
fn photos_are_decoded_one_per_thread_at_a_time() {
    let site = Site::fixture("basic");
    let img = image::RgbImage::from_fn(2500, 2500, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut jpeg = std::io::Cursor::new(Vec::new());
    img.write_to(&mut jpeg, image::ImageFormat::Jpeg).unwrap();
    drop(img);
    let mut body = String::new();
    for i in 0..12 {
        fs::write(site.path(&format!("articles/p{i}.jpg")), jpeg.get_ref()).unwrap();
        body.push_str(&format!("![Photo {i}](p{i}.jpg)\n\n"));
    }
    FrontMatter::new("Photos").write(&site, "articles/photos.md", &body);
    // One small width: the decoded originals are what is measured.
    site.edit("site.toml", |t| format!("{t}\n[images]\nwidths = [320]\n"));
    let run = build_within_env(
        &site,
        PHOTOS_BUDGET_MIB,
        &["--no-search"],
        &[("RAYON_NUM_THREADS", "2")],
    );
    assert_eq!(run.code, 0, "{}", head(&run.stderr));
    assert_eq!(
        fs::read_dir(site.path("public/articles/photos"))
            .unwrap()
            .count(),
        12 * 3 + 1,
        "each photo: one width in 2 formats and its own URL; and the page"
    );
    eprintln!(
        "12 photos of 2500×2500 on 2 threads: peak {} MiB",
        run.peak_mib
    );
}

/// A 4×4 PNG: images are decoded and resized, so they must be real.
fn tiny_png() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(4, 4)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}
