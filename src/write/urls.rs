//! The URLs of the pages an output holds, kept in its build cache: the next
//! build into the same output reads them to say which pages are gone.

use std::fs;
use std::io::Read;
use std::path::Path;

/// The list of pages the last build published into this output, one site
/// path (`/articles/knee/`) a line under a header line.
pub const URLS: &str = ".salve-cache/urls";
/// The first line of the list: its format.
const URLS_FORMAT: &str = "salve-urls 1";
/// A list this long is 200,000 pages and more: anything longer is not one
/// salve wrote.
const MAX_BYTES: u64 = 16 << 20;

/// The URLs the last build published into `output`, when the folder is
/// salve's and holds the list as salve wrote it; `None` otherwise (a first
/// build, a fresh or foreign folder, a list cut short). No link is
/// followed: the list is read only from a plain file in a plain folder.
pub fn published_urls(output: &Path) -> Option<Vec<String>> {
    let plain_dir = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
    let list = output.join(URLS);
    if !plain_dir(output)
        || !super::is_real_file(&output.join(super::MARKER))
        || !plain_dir(list.parent()?)
    {
        return None;
    }
    let file = crate::load::open_vouched(&list).ok()?;
    let mut text = String::new();
    file.take(MAX_BYTES).read_to_string(&mut text).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(URLS_FORMAT) {
        return None;
    }
    Some(
        lines
            .filter(|l| l.starts_with('/'))
            .map(str::to_owned)
            .collect(),
    )
}

/// The text of the list of `urls`.
pub(super) fn urls_text(urls: &[String]) -> String {
    let mut text = String::from(URLS_FORMAT);
    text.push('\n');
    for url in urls {
        text.push_str(url);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_read_only_from_a_folder_of_salves_and_never_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        fs::create_dir_all(output.join(".salve-cache")).unwrap();
        let list = urls_text(&["/".to_owned(), "/articles/a/".to_owned()]);
        fs::write(output.join(URLS), &list).unwrap();
        // Not salve's folder: no marker.
        assert_eq!(published_urls(&output), None);
        fs::write(output.join(super::super::MARKER), "").unwrap();
        assert_eq!(
            published_urls(&output).unwrap(),
            ["/", "/articles/a/"].map(String::from)
        );
        #[cfg(unix)]
        {
            let secret = dir.path().join("secret");
            fs::write(&secret, "salve-urls 1\n/secret\n").unwrap();
            fs::remove_file(output.join(URLS)).unwrap();
            std::os::unix::fs::symlink(&secret, output.join(URLS)).unwrap();
            assert_eq!(published_urls(&output), None);
        }
        // Another format is no list.
        fs::remove_file(output.join(URLS)).unwrap();
        fs::write(output.join(URLS), "salve-urls 0\n/a/\n").unwrap();
        assert_eq!(published_urls(&output), None);
    }
}
