//! The files hosts and crawlers read: `sitemap.xml`, `feed.xml` (Atom) and
//! `robots.txt`: pure, from the graph to bytes. Which pages they list is
//! their kinds' business (see `kinds`).
//!
//! All URLs here are absolute, from the base URL, so they stay right when the
//! site lives under a sub-path.

use crate::date::Date;
use crate::kinds::{FeedEntry, Kind, Pages, last_change};
use crate::languages::Alternate;
use crate::link::Site;
use crate::output::OutputFile;
use std::fmt::Write as _;
use std::sync::Arc;

/// The most URLs one sitemap file may list (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;
/// How many articles the feed carries.
pub const FEED_ENTRIES: usize = 20;

/// Every crawler file of the site with pages of `kinds`, in each of its
/// languages (`sites`, the site's own first): one sitemap of every
/// language's pages, a feed per language, `robots.txt`.
pub fn files(sites: &[Site], kinds: &[Kind]) -> Vec<OutputFile> {
    let Some(site) = sites.first() else {
        return Vec::new();
    };
    let entries: Vec<Entry> = sites.iter().flat_map(|s| entries(s, kinds)).collect();
    let mut files = sitemaps(&entries, &site.base.full, SITEMAP_LIMIT);
    files.extend(sites.iter().map(|s| feed(s, kinds)));
    files.push(OutputFile {
        path: "robots.txt".to_owned(),
        bytes: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            site.base.full
        )
        .into_bytes(),
    });
    files
}

/// A page in the sitemap: its absolute URL, its last change, and its
/// versions in every language when it has translations.
pub type Entry = (String, Option<Date>, Option<Arc<[Alternate]>>);

/// The sitemap entry of each page of a kind in the sitemap, in the kinds'
/// order.
fn entries(site: &Site, kinds: &[Kind]) -> Vec<Entry> {
    let base = site.home_url();
    let newest = last_change(site);
    let mut out = Vec::new();
    for kind in kinds.iter().filter(|k| k.in_sitemap) {
        // Every page of a list is listed, each with its item's last change.
        out.extend(kind.pages(site).map(|at| {
            let changed = match kind.pages {
                Pages::One(_) => newest,
                Pages::Each { changed, .. } => changed(site, at.item),
            };
            let path = kind.path(site, at);
            let alternates = site.alternates.get(&path).cloned();
            (format!("{base}{path}"), changed, alternates)
        }));
    }
    out
}

/// `sitemap.xml`, or above `limit` URLs a sitemap index of numbered parts.
pub fn sitemaps(entries: &[Entry], base: &str, limit: usize) -> Vec<OutputFile> {
    let urlset = |chunk: &[Entry]| {
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
        );
        if chunk.iter().any(|e| e.2.is_some()) {
            x.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
        }
        x.push_str(">\n");
        for (url, lastmod, alternates) in chunk {
            let _ = write!(x, "  <url><loc>{}</loc>", escape(url));
            if let Some(d) = lastmod {
                let _ = write!(x, "<lastmod>{}</lastmod>", d.iso());
            }
            // Every version names every version, itself included, and the
            // site's own language stands for readers of any other.
            for (i, a) in alternates.iter().flat_map(|a| a.iter()).enumerate() {
                if i == 0 {
                    let _ = write!(
                        x,
                        "\n    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                        escape(&a.permalink)
                    );
                }
                let _ = write!(
                    x,
                    "\n    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(&a.language),
                    escape(&a.permalink)
                );
            }
            if alternates.is_some() {
                x.push_str("\n  ");
            }
            x.push_str("</url>\n");
        }
        x.push_str("</urlset>\n");
        x
    };
    if entries.len() <= limit {
        return vec![OutputFile {
            path: "sitemap.xml".into(),
            bytes: urlset(entries).into_bytes(),
        }];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(limit).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape(&format!("{base}{name}"))
        );
        files.push(OutputFile {
            path: name,
            bytes: urlset(chunk).into_bytes(),
        });
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    files
}

/// The newest [`FEED_ENTRIES`] pages of the kinds in the feed, newest
/// first. Each kind lists its pages newest first, so only the first
/// [`FEED_ENTRIES`] of each can make it.
fn feed_entries<'s>(site: &'s Site, kinds: &[Kind]) -> Vec<FeedEntry<'s>> {
    let mut entries: Vec<FeedEntry<'s>> = kinds
        .iter()
        .filter_map(|k| k.feed.map(|entry| (k, entry)))
        .flat_map(|(k, entry)| (0..k.count(site).min(FEED_ENTRIES)).map(move |i| entry(site, i)))
        .collect();
    // Stable: pages of one date keep their kind's order.
    entries.sort_by_key(|e| std::cmp::Reverse(e.published));
    entries.truncate(FEED_ENTRIES);
    entries
}

/// `feed.xml`: the newest pages, in full, as Atom.
fn feed(site: &Site, kinds: &[Kind]) -> OutputFile {
    let home = site.home_url();
    let base = &home;
    let c = &site.config;
    let stamp = |d: Date| format!("{}T00:00:00Z", d.iso());
    let entries = feed_entries(site, kinds);
    let updated = last_change(site).unwrap_or(site.today);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(c.language.get_ref())
    );
    let _ = writeln!(x, "  <title>{}</title>", escape(&c.title));
    if !c.description.is_empty() {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", escape(&c.description));
    }
    let _ = writeln!(
        x,
        "  <link href=\"{}feed.xml\" rel=\"self\" type=\"application/atom+xml\"/>",
        escape(base)
    );
    let _ = writeln!(
        x,
        "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
        escape(base)
    );
    let _ = writeln!(x, "  <id>{}</id>", escape(base));
    let _ = writeln!(x, "  <updated>{}</updated>", stamp(updated));
    for e in &entries {
        let url = format!("{base}{}", e.path);
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", escape(e.title));
        let _ = writeln!(
            x,
            "    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
            escape(&url)
        );
        let _ = writeln!(x, "    <id>{}</id>", escape(&url));
        let _ = writeln!(x, "    <published>{}</published>", stamp(e.published));
        let _ = writeln!(x, "    <updated>{}</updated>", stamp(e.updated));
        let _ = writeln!(
            x,
            "    <author><name>{}</name><uri>{}</uri></author>",
            escape(e.author),
            escape(&format!("{base}{}", e.author_path))
        );
        if let Some(d) = e.summary {
            let _ = writeln!(x, "    <summary>{}</summary>", escape(d));
        }
        // Links in the body are root-relative; xml:base makes them absolute.
        let _ = writeln!(
            x,
            "    <content type=\"html\" xml:base=\"{}\">{}</content>",
            escape(&site.base.full),
            escape(e.html)
        );
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    OutputFile {
        path: format!("{}feed.xml", site.prefix),
        bytes: x.into_bytes(),
    }
}

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newlines are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_sites_get_a_sitemap_index() {
        let entries: Vec<Entry> = (0..5)
            .map(|i| (format!("https://e.org/h/{i}/"), Date::new(2025, 1, 1), None))
            .collect();
        let files = sitemaps(&entries, "https://e.org/h/", 2);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let index = String::from_utf8(files[3].bytes.clone()).unwrap();
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://e.org/h/sitemap-3.xml</loc>"));
        let last = String::from_utf8(files[2].bytes.clone()).unwrap();
        assert!(last.contains("<loc>https://e.org/h/4/</loc><lastmod>2025-01-01</lastmod>"));
        assert_eq!(sitemaps(&entries, "https://e.org/h/", 5).len(), 1);
    }

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("A & <b> \"q\" 'a'\u{1}"),
            "A &amp; &lt;b&gt; &quot;q&quot; &apos;a&apos;"
        );
    }
}
