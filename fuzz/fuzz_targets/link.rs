//! Arbitrary link targets: resolving never climbs out of the site and page
//! paths stay inside the output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Component, Path};

fuzz_target!(|data: &[u8]| {
    let Ok(link) = std::str::from_utf8(data) else { return };
    if let Some(target) = salve::paths::resolve(Path::new("articles/legs/a.md"), link) {
        assert!(target.components().all(|c| matches!(c, Component::Normal(_))), "{target:?}");
        let page = salve::paths::page_path(&target);
        assert!(salve::paths::is_contained(page.trim_end_matches('/')) || page.is_empty(), "{page}");
    }
    let slug = salve::slug::slugify(link);
    assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{slug}");
});
