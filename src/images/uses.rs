//! Where each image is shown: the first place (file, line, column) that
//! shows it, where its error goes, and whether a page shares it.

use crate::diagnostic::Position;
use crate::link::Site;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Where an image is used: a file, the place and the line.
#[derive(Debug, Clone)]
pub(super) struct Use {
    pub(super) file: PathBuf,
    pub(super) pos: Position,
    pub(super) line: Arc<str>,
    /// Whether a page shows it when shared (`og:image`): an article's
    /// photo or the site's default.
    pub(super) shared: bool,
}

/// Every photo the site shows, by its path in the output, with the first
/// place that shows it (by file, line and column): where its error goes.
pub(super) fn uses(site: &Site) -> BTreeMap<String, Use> {
    let mut uses: BTreeMap<String, Use> = BTreeMap::new();
    let mut add = |to: &str, file: &std::path::Path, pos: Position, line: &Arc<str>, shared| {
        let earlier =
            |u: &Use| (u.file.as_path(), u.pos.line, u.pos.column) <= (file, pos.line, pos.column);
        match uses.get_mut(to) {
            Some(u) if earlier(u) => u.shared |= shared,
            found => {
                let shared = shared || found.is_some_and(|u| u.shared);
                uses.insert(
                    to.to_owned(),
                    Use {
                        file: file.to_path_buf(),
                        pos,
                        line: line.clone(),
                        shared,
                    },
                );
            }
        }
    };
    type Add<'a> = dyn FnMut(&str, &std::path::Path, Position, &Arc<str>, bool) + 'a;
    fn body(add: &mut Add<'_>, file: &std::path::Path, b: &crate::markdown::Body) {
        for i in &b.images {
            add(&i.to, file, i.pos, &i.line, false);
        }
    }
    for a in &site.articles {
        body(&mut add, &a.source, &a.body);
    }
    for p in &site.pages {
        body(&mut add, &p.source, &p.body);
    }
    let overviews = site
        .causes
        .iter()
        .filter_map(|c| c.overview.as_ref())
        .chain(site.treatments.iter().filter_map(|t| t.overview.as_ref()))
        .chain(site.sections.iter().filter_map(|s| s.index.as_ref()));
    for o in overviews {
        body(&mut add, &o.source, &o.body);
    }
    for a in &site.articles {
        if let Some(p) = &a.photo {
            add(&p.path, &a.source, p.place.0, &p.place.1, true);
        }
    }
    let config = std::path::Path::new(crate::config::CONFIG_FILE);
    for a in &site.authors {
        if let (Some(p), Some((pos, line))) = (&a.photo, &a.photo_place) {
            add(p, config, *pos, line, false);
        }
    }
    if let Some(d) = &site.share_image {
        add(&d.path, config, d.place.0, &d.place.1, true);
    }
    uses
}
