//! The results of `salve check --external`, kept in the build cache of the
//! output beside the pages' keys: a build keeps the file, and the check
//! reads and writes it only in a folder that is salve's.

use super::place::{check_output, is_real_file, link_error};
use super::{MARKER, MARKER_TEXT, WriteError, io_err};
use std::fs;
use std::io::Read;
use std::path::Path;

/// The file, in the output folder.
pub const EXTERNAL: &str = ".salve-cache/external";
/// A file this long is far more addresses than any site has: anything
/// longer is not one salve wrote.
const MAX_BYTES: u64 = 64 << 20;

/// The text of the results kept in `output`, when the folder is salve's and
/// holds them in a plain file in a plain folder; `None` otherwise. No link
/// is followed.
pub fn read_external(output: &Path) -> Option<String> {
    let plain_dir = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
    let file = output.join(EXTERNAL);
    if !plain_dir(output) || !is_real_file(&output.join(MARKER)) || !plain_dir(file.parent()?) {
        return None;
    }
    let mut text = String::new();
    crate::load::open_vouched(&file)
        .ok()?
        .take(MAX_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

/// Keeps `text` as the results in `output`, the output folder of the site
/// at `root`. The folder must be one a build may write (see
/// [`check_output`]); one that does not exist yet is made, with salve's
/// marker, so the build that follows takes it as its own.
pub fn keep_external(root: &Path, output: &Path, text: &str) -> Result<(), WriteError> {
    let root = std::path::absolute(root).map_err(io_err(root))?;
    let output = std::path::absolute(output).map_err(io_err(output))?;
    check_output(&root, &output)?;
    fs::create_dir_all(&output).map_err(io_err(&output))?;
    let marker = output.join(MARKER);
    if !is_real_file(&marker) {
        // `check_output` let it through: an empty folder.
        fs::write(&marker, MARKER_TEXT).map_err(io_err(&marker))?;
    }
    let file = output.join(EXTERNAL);
    let Some(folder) = file.parent() else {
        return Ok(());
    };
    match fs::symlink_metadata(folder) {
        Ok(m) if m.is_symlink() => return Err(link_error(folder.to_path_buf())),
        Ok(m) if !m.is_dir() => fs::remove_file(folder).map_err(io_err(folder))?,
        _ => {}
    }
    fs::create_dir_all(folder).map_err(io_err(folder))?;
    // Written aside and renamed over, so a check stopped halfway leaves the
    // old results, not half of new ones.
    let new = folder.join(".external.new");
    fs::write(&new, text).map_err(io_err(&new))?;
    fs::rename(&new, &file).map_err(io_err(&file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_kept_only_in_a_folder_a_build_may_write() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        // No output yet: it is made, marked as salve's.
        let output = root.join("public");
        keep_external(&root, &output, "one").unwrap();
        assert!(is_real_file(&output.join(MARKER)));
        assert_eq!(read_external(&output).as_deref(), Some("one"));
        keep_external(&root, &output, "two").unwrap();
        assert_eq!(read_external(&output).as_deref(), Some("two"));
        // A folder of the user's is neither written nor read.
        let theirs = root.join("theirs");
        fs::create_dir_all(theirs.join(".salve-cache")).unwrap();
        fs::write(theirs.join("notes.txt"), "mine").unwrap();
        assert!(matches!(
            keep_external(&root, &theirs, "x"),
            Err(WriteError::NotOurs(_))
        ));
        fs::write(theirs.join(EXTERNAL), "planted").unwrap();
        assert_eq!(read_external(&theirs), None);
        assert_eq!(
            fs::read_to_string(theirs.join(EXTERNAL)).unwrap(),
            "planted"
        );
        #[cfg(unix)]
        {
            // Nor through a link.
            fs::remove_file(output.join(EXTERNAL)).unwrap();
            std::os::unix::fs::symlink(theirs.join(EXTERNAL), output.join(EXTERNAL)).unwrap();
            assert_eq!(read_external(&output), None);
            assert!(matches!(
                keep_external(&root, &output, "x"),
                Err(WriteError::Link { .. })
            ));
            assert_eq!(
                fs::read_to_string(theirs.join(EXTERNAL)).unwrap(),
                "planted"
            );
        }
    }
}
