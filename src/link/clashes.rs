//! Files under `static/` that land where salve writes a file of its own:
//! the writer would see one of the two go missing, with no word why.
//!
//! One check, run twice with different claims: with the pages and copied
//! files the link stage makes, before it stops on its errors; and with the
//! later pages of lists (`…/page/2/index.html`), which only the linked site
//! knows.

use super::Site;
use super::linker::Linker;
use crate::diagnostic::Diagnostic;
use crate::load::Files;
use std::collections::BTreeMap;
use std::path::Path;

impl Linker<'_, '_> {
    /// Reports files under `static/` that would be copied over a page or
    /// over a file copied from `articles/`.
    pub(super) fn static_clashes<'p>(&mut self, pages: impl Iterator<Item = &'p str>) {
        let claimed: BTreeMap<String, String> = pages
            .map(|p| (format!("{p}index.html"), format!("the page /{p}")))
            .chain(
                self.copies
                    .iter()
                    .map(|c| (c.to.clone(), c.from.display().to_string())),
            )
            .collect();
        clashes(self.inputs.static_files, &claimed, self.out);
    }
}

/// Reports files under `static/` copied over the later pages of a list:
/// the first pages were checked with the other pages.
pub(super) fn later_page_clashes(site: &Site, static_files: &Files, out: &mut Vec<Diagnostic>) {
    // Only a kind with a list has pages after its first.
    let claimed: BTreeMap<String, String> = crate::kinds::every_page(site)
        .filter(|(_, at)| at.page > 0)
        .map(|(kind, at)| {
            let list = kind.item_path_of(site, at.item);
            let owner = format!("page {} of the list /{list}", at.page + 1);
            (kind.output(site, at), owner)
        })
        .collect();
    clashes(static_files, &claimed, out);
}

/// Reports each file under `static/` that `claimed` (a file salve writes,
/// from the output folder, → what writes it, in words) says is taken.
fn clashes(static_files: &Files, claimed: &BTreeMap<String, String>, out: &mut Vec<Diagnostic>) {
    for file in static_files.names() {
        let to = file.to_string_lossy().replace('\\', "/");
        if let Some(owner) = claimed.get(&to) {
            out.push(
                Diagnostic::error(
                    "duplicate-url",
                    Path::new(crate::load::STATIC).join(file),
                    format!("this file and {owner} would both be written to /{to}"),
                )
                .hint("rename or move the file under static/; salve writes that path itself"),
            );
        }
    }
}
