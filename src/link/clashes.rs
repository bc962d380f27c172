//! Files under `static/` that land where salve writes a file of its own:
//! the writer would see one of the two go missing, with no word why.

use super::Site;
use super::linker::Linker;
use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::Path;

impl Linker<'_, '_> {
    /// Reports files under `static/` that would be copied over a page or
    /// over a file copied from `articles/`: the writer would see one of the
    /// two go missing, with no word why.
    pub(super) fn static_clashes<'p>(&mut self, pages: impl Iterator<Item = &'p str>) {
        let claimed: BTreeMap<String, String> = pages
            .map(|p| (format!("{p}index.html"), format!("the page /{p}")))
            .chain(
                self.copies
                    .iter()
                    .map(|c| (c.to.clone(), c.from.display().to_string())),
            )
            .collect();
        for file in self.inputs.static_files.names() {
            let to = file.to_string_lossy().replace('\\', "/");
            if let Some(owner) = claimed.get(&to) {
                self.out.push(
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
}

/// Reports files under `static/` copied over the later pages of a list
/// (`…/page/2/index.html`), which only the linked site knows: the first
/// pages were checked with the other pages.
pub(super) fn later_page_clashes(
    site: &Site,
    static_files: &crate::load::Files,
    out: &mut Vec<Diagnostic>,
) {
    for kind in crate::kinds::KINDS.iter().filter(|k| k.list.is_some()) {
        for at in kind.pages(site).filter(|at| at.page > 0) {
            let file = kind.output(site, at);
            if static_files.contains(Path::new(&file)) {
                out.push(
                    Diagnostic::error(
                        "duplicate-url",
                        Path::new(crate::load::STATIC).join(&file),
                        format!(
                            "this file and page {} of the list /{} would both be written to /{file}",
                            at.page + 1,
                            kind.item_path_of(site, at.item)
                        ),
                    )
                    .hint("rename or move the file under static/; salve writes that path itself"),
                );
            }
        }
    }
}
