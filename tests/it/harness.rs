//! Fixture sites in temp folders, and running the real binary on them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The one "today" of every test: 2026-11-28T00:00:00Z in Unix seconds.
/// Every run of the binary gets it as `SOURCE_DATE_EPOCH`, so scheduled and
/// overdue articles give the same result every day.
pub const TODAY_EPOCH: i64 = 1_795_824_000;

/// [`TODAY_EPOCH`] as a date, for library calls and expected text.
pub fn today() -> salve::date::Date {
    salve::date::Date::from_unix(TODAY_EPOCH).expect("a real date")
}

/// The repository root: the bundled example site.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site copied into a fresh temp folder, deleted when dropped.
pub struct Site {
    _dir: tempfile::TempDir,
    /// The site folder.
    pub root: PathBuf,
}

impl Site {
    /// Copies `tests/fixtures/<name>` into a temp folder.
    pub fn fixture(name: &str) -> Self {
        Self::from_dirs(&[repo().join("tests/fixtures").join(name)])
    }

    /// Copies the bundled site (site.toml, articles, templates, static).
    pub fn bundled() -> Self {
        let site = Self::from_dirs(&[]);
        for part in ["site.toml", "articles", "pages", "templates", "static"] {
            copy_tree(&repo().join(part), &site.root.join(part));
        }
        site
    }

    /// Copies each folder in turn over the previous ones.
    pub fn from_dirs(dirs: &[PathBuf]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        fs::create_dir(&root).unwrap();
        for d in dirs {
            copy_tree(d, &root);
        }
        Self { _dir: dir, root }
    }

    /// Runs `salve <args>` in the site folder.
    pub fn salve(&self, args: &[&str]) -> Run {
        Run(self.command(args).output().expect("run salve"))
    }

    /// `salve <args>` in the site folder, not started yet: the one way the
    /// tests run the binary, so every run sees the same settings. A test
    /// adds what is its own (pipes, variables) and spawns it.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_salve"));
        command.args(args);
        self.prepare(command)
    }

    /// `sh -c <script>` in the site folder, with the binary as `$0`, for a
    /// limit only a shell sets (`ulimit`, a trap) before `exec "$0" ...`.
    pub fn shell(&self, script: &str) -> Command {
        let mut command = Command::new("sh");
        command.args(["-c", script, env!("CARGO_BIN_EXE_salve")]);
        self.prepare(command)
    }

    /// What every run gets: the site folder, no colour (messages are
    /// compared as text) and the fixed "today".
    fn prepare(&self, mut command: Command) -> Command {
        command
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", TODAY_EPOCH.to_string());
        command
    }

    /// `salve build` with extra arguments; panics unless it succeeds.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.salve(&all);
        assert_eq!(run.code(), 0, "build failed:\n{}", run.stderr());
        run
    }

    /// Writes `count` articles `articles/many-<i>.md` by author `ana` (of the
    /// `basic` fixture), each titled `<title> <i>` with `body`.
    pub fn add_articles(&self, count: usize, title: &str, body: &str) {
        for i in 0..count {
            FrontMatter::new(&format!("{title} {i}")).write(
                self,
                &format!("articles/many-{i}.md"),
                body,
            );
        }
    }

    /// Rewrites a file under the site folder with `change` of its text.
    pub fn edit(&self, rel: &str, change: impl FnOnce(String) -> String) {
        let path = self.path(rel);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        fs::write(&path, change(text)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    }

    /// Replaces the first `from` in a file with `to`; fails the test when
    /// the file has no `from`, so an edit that changes nothing is noticed.
    pub fn replace(&self, rel: &str, from: &str, to: &str) {
        self.edit(rel, |text| {
            assert!(text.contains(from), "{rel} has no {from:?}");
            text.replacen(from, to, 1)
        });
    }

    /// A file under the site folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Reads a file of the output.
    pub fn page(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join("public").join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }
}

/// An article's front matter, as a writer would type it: `title`, then
/// `date = 2025-01-01` and `author = "ana"` (an author of the `basic` fixture
/// and of `tests/invalid/_base`), each on its own line in that order, then the
/// fields added, then the tables.
pub struct FrontMatter {
    fields: Vec<(String, String)>,
    tables: String,
}

impl FrontMatter {
    pub fn new(title: &str) -> Self {
        Self {
            fields: Vec::new(),
            tables: String::new(),
        }
        .string("title", title)
        .field("date", "2025-01-01")
        .author("ana")
    }

    /// The writer's `[authors]` key.
    pub fn author(self, key: &str) -> Self {
        self.string("author", key)
    }

    /// First publication, e.g. `2025-06-01`.
    pub fn date(self, date: &str) -> Self {
        self.field("date", date)
    }

    /// A field holding `text` as a TOML string.
    pub fn string(self, key: &str, text: &str) -> Self {
        self.field(key, &toml_string(text))
    }

    /// A field holding `value`, written as TOML (`["a", "b"]`, `true`);
    /// it replaces a field of that name, in its place.
    pub fn field(mut self, key: &str, value: &str) -> Self {
        match self.fields.iter_mut().find(|(k, _)| k == key) {
            Some(field) => field.1 = value.to_owned(),
            None => self.fields.push((key.to_owned(), value.to_owned())),
        }
        self
    }

    /// Tables after the fields, written as TOML (`[photo]`, `[[causes]]`).
    pub fn tables(mut self, toml: &str) -> Self {
        self.tables.push_str(toml);
        if !self.tables.is_empty() && !self.tables.ends_with('\n') {
            self.tables.push('\n');
        }
        self
    }

    /// The whole file: the front matter between `+++` lines, then `body`.
    pub fn with_body(&self, body: &str) -> String {
        let mut text = String::from("+++\n");
        for (key, value) in &self.fields {
            text.push_str(&format!("{key} = {value}\n"));
        }
        text.push_str(&self.tables);
        text.push_str("+++\n");
        text.push_str(body);
        text
    }

    /// Writes the article to `rel` under the site folder.
    pub fn write(&self, site: &Site, rel: &str, body: &str) {
        let path = site.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, self.with_body(body)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    }
}

/// `text` as a TOML basic string: quoted, with quotes, backslashes and
/// control characters escaped.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The fixture cases under `tests/<folder>/`: every folder but `_base`, by
/// name, each as a site laid over `_base` with `expected` (the file holding
/// its expectation) removed from the copy.
pub fn cases(folder: &str, expected: &str, at_least: usize) -> Vec<(String, PathBuf, Site)> {
    let dir = repo().join("tests").join(folder);
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.ends_with("_base"))
        .collect();
    cases.sort();
    assert!(cases.len() >= at_least, "only {} cases", cases.len());
    cases
        .into_iter()
        .map(|case| {
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            let site = Site::from_dirs(&[dir.join("_base"), case.clone()]);
            let _ = fs::remove_file(site.path(expected));
            (name, case, site)
        })
        .collect()
}

/// The outcome of one run of the binary.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
}

/// Sends signal `name` (`INT`, `TERM`) to process `pid`, a child the test
/// started and has not waited for yet (so the id is still its).
pub fn signal(pid: u32, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success(), "kill -{name} {pid}");
}

/// Copies a file or a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, to).unwrap();
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        // The build cache records files' times, which differ build to build;
        // it is salve's bookkeeping, not part of the site.
        .filter(|e| !e.path().starts_with(dir.join(".salve-cache")))
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The files that differ between two snapshots: changed, added or removed.
pub fn changed_files(
    before: &std::collections::BTreeMap<PathBuf, Vec<u8>>,
    after: &std::collections::BTreeMap<PathBuf, Vec<u8>>,
) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .cloned()
        .collect();
    changed.dedup();
    changed
}

#[test]
fn today_is_the_28th_of_november_2026() {
    assert_eq!(today().iso(), "2026-11-28");
}

#[test]
fn front_matter_is_written_as_a_writer_would() {
    let title = "A \"quoted\" \\ title\t";
    let text = FrontMatter::new(title)
        .author("bo")
        .string("description", "Short.")
        .tables("[[causes]]\nname = \"Cramp\"")
        .with_body("Text.\n");
    let toml: toml::Table = text.split("+++\n").nth(1).unwrap().parse().unwrap();
    assert_eq!(toml["title"].as_str(), Some(title));
    assert_eq!(
        text,
        "+++\ntitle = \"A \\\"quoted\\\" \\\\ title\\u0009\"\ndate = 2025-01-01\nauthor = \"bo\"\n\
         description = \"Short.\"\n[[causes]]\nname = \"Cramp\"\n+++\nText.\n"
    );
}
