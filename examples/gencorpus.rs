//! Writes a deterministic benchmark site of N realistic-looking articles.
//!
//! ```sh
//! cargo run --release --example gencorpus -- --articles 10000 --out /tmp/corpus [--seed 1]
//! cargo run --release --example gencorpus -- --articles 1000 --out /tmp/photos --photos 3000x2000
//! ```
//!
//! Each article has 600–1,200 words, 2–6 causes from a vocabulary of 300,
//! 1–4 treatments per cause from 60, one of 40 authors, a small photo, related
//! searches, a table, lists and links to other articles. With `--photos WxH`
//! the photo is a JPEG of that size, as a camera would give (smooth light
//! and fine grain, a few hundred KB to a few MB) instead of a tiny SVG. The
//! same seed always gives the same bytes, so benchmark runs compare like
//! with like.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "muscle",
    "pain",
    "rest",
    "walk",
    "swelling",
    "doctor",
    "knee",
    "ankle",
    "calf",
    "shin",
    "back",
    "shoulder",
    "neck",
    "hip",
    "foot",
    "heel",
    "tendon",
    "joint",
    "bone",
    "stiff",
    "sore",
    "ache",
    "sharp",
    "dull",
    "morning",
    "evening",
    "exercise",
    "running",
    "stairs",
    "lifting",
    "sleep",
    "water",
    "heat",
    "ice",
    "stretch",
    "strength",
    "weeks",
    "days",
    "often",
    "usually",
    "sometimes",
    "gently",
    "slowly",
    "common",
    "mild",
    "severe",
    "sudden",
    "steady",
    "better",
    "worse",
    "helps",
    "treatment",
    "symptom",
    "sign",
    "risk",
    "age",
    "people",
    "training",
    "shoes",
    "surface",
    "load",
    "recovery",
    "plan",
    "care",
    "home",
    "test",
    "scan",
    "blood",
    "flow",
    "nerve",
    "skin",
    "warm",
    "red",
    "tender",
    "movement",
    "posture",
    "weight",
    "height",
    "activity",
    "habit",
    "body",
    "repair",
    "inflamed",
    "tight",
    "weak",
    "strong",
    "balance",
    "support",
    "brace",
    "pillow",
];

const PREFIXES: &[&str] = &[
    "Acute",
    "Chronic",
    "Recurrent",
    "Exertional",
    "Postural",
    "Overuse",
    "Traumatic",
    "Age-related",
    "Inflammatory",
    "Nerve-related",
    "Degenerative",
    "Sports-related",
    "Occupational",
    "Nocturnal",
    "Positional",
];
const PARTS: &[&str] = &[
    "knee",
    "ankle",
    "calf",
    "shin",
    "hip",
    "lower back",
    "upper back",
    "neck",
    "shoulder",
    "elbow",
    "wrist",
    "heel",
    "foot",
    "thigh",
    "hamstring",
    "groin",
    "arch",
    "toe",
    "rib",
    "jaw",
];
const KINDS: &[&str] = &[
    "pain",
    "strain",
    "tendinopathy",
    "stiffness",
    "swelling",
    "cramp",
    "bursitis",
    "sprain",
];
const THERAPIES: &[&str] = &[
    "Rest",
    "Ice",
    "Heat",
    "Elevation",
    "Compression",
    "Gentle stretching",
    "Strength training",
    "Physical therapy",
    "Massage",
    "Supportive shoes",
    "Over-the-counter pain relievers",
    "Fluids and electrolytes",
    "See a doctor",
    "Bracing",
    "Taping",
    "Activity changes",
    "Weight management",
    "Posture training",
    "Sleep changes",
    "Walking programme",
];
const THERAPY_STYLES: &[&str] = &["", " (short course)", " at home"];

struct Args {
    articles: usize,
    out: PathBuf,
    seed: u64,
    /// Width and height of JPEG photos; `None` for small SVGs.
    photos: Option<(u16, u16)>,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        articles: 1000,
        out: PathBuf::from("corpus"),
        seed: 1,
        photos: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--articles" => {
                a.articles = value()?.parse().map_err(|e| format!("--articles: {e}"))?
            }
            "--out" => a.out = PathBuf::from(value()?),
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--photos" => {
                let v = value()?;
                let size = v
                    .split_once('x')
                    .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
                    .filter(|&(w, h)| w > 0 && h > 0)
                    .ok_or(format!("--photos: {v} is not WIDTHxHEIGHT, e.g. 3000x2000"))?;
                a.photos = Some(size);
            }
            other => {
                return Err(format!(
                    "unknown argument {other}; use --articles N --out DIR [--seed S] [--photos WxH]"
                ));
            }
        }
    }
    Ok(a)
}

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gencorpus: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = generate(&a) {
        eprintln!("gencorpus: {e}");
        std::process::exit(1);
    }
}

fn causes() -> Vec<String> {
    let mut out = Vec::new();
    for (i, p) in PREFIXES.iter().enumerate() {
        for (j, part) in PARTS.iter().enumerate() {
            out.push(format!("{p} {part} {}", KINDS[(i + j) % KINDS.len()]));
        }
    }
    out
}

fn treatments() -> Vec<String> {
    THERAPY_STYLES
        .iter()
        .flat_map(|s| THERAPIES.iter().map(move |t| format!("{t}{s}")))
        .collect()
}

fn sentence(rng: &mut fastrand::Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = WORDS[rng.usize(..WORDS.len())];
        if i == 0 {
            let mut c = w.chars();
            let first = c
                .next()
                .map(|f| f.to_uppercase().collect::<String>())
                .unwrap_or_default();
            s.push_str(&first);
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut fastrand::Rng, words: &mut usize) -> String {
    let n = rng.usize(3..6);
    let mut p = Vec::with_capacity(n);
    for _ in 0..n {
        let len = rng.usize(8..16);
        *words += len;
        p.push(sentence(rng, len));
    }
    p.join(" ")
}

fn generate(a: &Args) -> Result<(), String> {
    if a.out.exists() {
        return Err(format!("{} exists; pass a new folder", a.out.display()));
    }
    let mut rng = fastrand::Rng::with_seed(a.seed);
    let causes = causes();
    let treatments = treatments();
    let write = |path: &Path, text: &str| -> Result<(), String> {
        fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).map_err(|e| e.to_string())?;
        fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut site = String::from(
        "title = \"Benchmark Health\"\nbase_url = \"https://bench.example.org/\"\ndescription = \"A generated site for benchmarks.\"\npublisher = \"Benchmark Media\"\nreading_grade_max = 99.0\n",
    );
    for i in 0..40 {
        let _ = write!(
            site,
            "\n[authors.author-{i}]\nname = \"Author {i}\"\nbio = \"Writes about everyday aches.\"\nphoto = \"images/author.svg\"\ncredentials = \"BSc\"\n"
        );
    }
    write(&a.out.join("site.toml"), &site)?;
    write(
        &a.out.join("static/images/author.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"><title>Author</title><circle cx=\"4\" cy=\"4\" r=\"4\"/></svg>\n",
    )?;
    let folders = 20;
    let path_of = |i: usize| format!("topic-{:02}/article-{i:06}.md", i % folders);
    let photo_ext = if a.photos.is_some() { "jpg" } else { "svg" };
    for i in 0..a.articles {
        let mut words = 0;
        let n_causes = rng.usize(2..=6);
        let mut picked: Vec<usize> = Vec::new();
        while picked.len() < n_causes {
            let c = rng.usize(..causes.len());
            if !picked.contains(&c) {
                picked.push(c);
            }
        }
        let title = format!(
            "{} and {}: article {i}",
            causes[picked[0]],
            causes[picked[1]].to_lowercase()
        );
        let mut fm = format!(
            "+++\ntitle = \"{title}\"\ndescription = \"{}\"\ndate = {}-{:02}-{:02}\nauthor = \"author-{}\"\nreviewed_by = \"author-{}\"\nreviewed = 2026-{:02}-{:02}\nrelated_searches = [\"{} relief\", \"{} exercise\"]\ntags = [\"tag-{}\", \"tag-{}\"]\n\n[photo]\nsrc = \"article-{i:06}.{photo_ext}\"\nalt = \"Illustration for article {i}\"\ncredit = \"Bench/Studio\"\n",
            sentence(&mut rng, 12),
            2020 + rng.usize(0..6),
            rng.usize(1..=12),
            rng.usize(1..=28),
            rng.usize(0..40),
            rng.usize(0..40),
            rng.usize(1..=10),
            rng.usize(1..=28),
            PARTS[picked[0] % PARTS.len()],
            PARTS[picked[1] % PARTS.len()],
            rng.usize(0..50),
            rng.usize(0..50),
        );
        for &c in &picked {
            let n_t = rng.usize(1..=4);
            let ts: Vec<String> = (0..n_t)
                .map(|_| format!("\"{}\"", treatments[rng.usize(..treatments.len())]))
                .collect();
            let urgency = ["routine", "routine", "routine", "see-doctor", "urgent"][rng.usize(..5)];
            let _ = write!(
                fm,
                "\n[[causes]]\nname = \"{}\"\ntreatments = [{}]\nurgency = \"{urgency}\"\n",
                causes[c],
                ts.join(", ")
            );
        }
        fm.push_str("+++\n");
        let mut body = String::new();
        let target = rng.usize(600..=1200);
        let _ = writeln!(body, "{}\n", paragraph(&mut rng, &mut words));
        let other = (i + 1 + rng.usize(..a.articles.max(2) - 1)) % a.articles.max(1);
        if other != i {
            let _ = writeln!(
                body,
                "See also [a related article](../{}).\n",
                path_of(other)
            );
        }
        for &c in &picked {
            let _ = writeln!(body, "## {}\n", causes[c]);
            let _ = writeln!(body, "{}\n", paragraph(&mut rng, &mut words));
            let _ = writeln!(
                body,
                "- {}\n- {}\n- {}\n",
                sentence(&mut rng, 6),
                sentence(&mut rng, 6),
                sentence(&mut rng, 6)
            );
            words += 18;
        }
        let _ = writeln!(
            body,
            "## Treatment\n\n| Step | What to do |\n|---|---|\n| 1 | {} |\n| 2 | {} |\n",
            sentence(&mut rng, 6),
            sentence(&mut rng, 6)
        );
        words += 12;
        while words < target {
            let _ = writeln!(body, "{}\n", paragraph(&mut rng, &mut words));
        }
        write(
            &a.out.join("articles").join(path_of(i)),
            &format!("{fm}{body}"),
        )?;
        // Drawn from the article stream either way, so the text of a corpus
        // with photos is the text of one without.
        let colour = rng.u32(..0x00ff_ffff);
        let photo = a.out.join("articles").join(format!(
            "topic-{:02}/article-{i:06}.{photo_ext}",
            i % folders
        ));
        match a.photos {
            Some((w, h)) => {
                let jpeg = photo_jpeg(colour, a.seed ^ i as u64, w, h)?;
                fs::write(&photo, jpeg).map_err(|e| format!("{}: {e}", photo.display()))?;
            }
            None => {
                let svg = format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 10\"><title>Article {i}</title><rect width=\"16\" height=\"10\" fill=\"#{colour:06x}\"/></svg>\n",
                );
                write(&photo, &svg)?;
            }
        }
    }
    println!("wrote {} articles to {}", a.articles, a.out.display());
    Ok(())
}

/// A photo-like JPEG: light falling across the frame from a corner, in the
/// article's colour, with grain, so an encoder has as much to do as with a
/// camera's picture (a flat colour would compress to nothing).
fn photo_jpeg(colour: u32, seed: u64, w: u16, h: u16) -> Result<Vec<u8>, String> {
    let mut grain = fastrand::Rng::with_seed(seed);
    let base = [
        (colour >> 16) as f32,
        (colour >> 8 & 0xff) as f32,
        (colour & 0xff) as f32,
    ];
    let (fw, fh) = (f32::from(w), f32::from(h));
    let mut rgb = Vec::with_capacity(usize::from(w) * usize::from(h) * 3);
    for y in 0..h {
        for x in 0..w {
            let light = 0.55 + 0.45 * (f32::from(x) / fw + f32::from(y) / fh) / 2.0;
            let ripple = ((f32::from(x) / 37.0).sin() * (f32::from(y) / 53.0).cos()) * 18.0;
            for channel in base {
                let noise = f32::from(grain.u8(..)) / 255.0 * 24.0 - 12.0;
                rgb.push((channel * light + ripple + noise).clamp(0.0, 255.0) as u8);
            }
        }
    }
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 88)
        .encode(&rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| format!("encoding a photo: {e}"))?;
    Ok(jpeg)
}
