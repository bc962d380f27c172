//! The files hosts and crawlers read: `sitemap.xml`, `feed.xml` (Atom) and
//! `robots.txt`. Part of the render stage: pure, from the graph to bytes.
//!
//! All URLs here are absolute, from the base URL, so they stay right when the
//! site lives under a sub-path.

use crate::date::Date;
use crate::graph::Site;
use crate::render::OutputFile;
use std::fmt::Write as _;

/// The most URLs one sitemap file may list (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;
/// How many articles the feed carries.
pub const FEED_ENTRIES: usize = 20;

/// Every crawler file of the site.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let mut files = sitemaps(&entries(site), &site.base.full, SITEMAP_LIMIT);
    files.push(feed(site));
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

/// Each page's absolute URL and last change, in a stable order.
fn entries(site: &Site) -> Vec<(String, Option<Date>)> {
    let base = &site.base.full;
    let changed = |i: usize| {
        let a = &site.articles[i];
        a.updated.unwrap_or(a.date)
    };
    let newest = |ids: &mut dyn Iterator<Item = usize>| ids.map(changed).max();
    let all = newest(&mut (0..site.articles.len()));
    let mut out = vec![
        (base.clone(), all),
        (format!("{base}causes/"), all),
        (format!("{base}treatments/"), all),
        (format!("{base}tools/calorie-goal/"), all),
        (format!("{base}search/"), all),
    ];
    out.extend(
        (0..site.articles.len())
            .map(|i| (format!("{base}{}", site.articles[i].path), Some(changed(i)))),
    );
    out.extend(site.causes.iter().map(|c| {
        (
            format!("{base}{}", c.path),
            newest(&mut c.mentions.iter().map(|m| m.article)),
        )
    }));
    out.extend(site.treatments.iter().map(|t| {
        (
            format!("{base}{}", t.path),
            newest(&mut t.articles.iter().copied()),
        )
    }));
    out.extend(site.authors.iter().map(|a| {
        (
            format!("{base}{}", a.path),
            newest(&mut a.articles.iter().chain(&a.reviewed).copied()),
        )
    }));
    out
}

/// `sitemap.xml`, or above `limit` URLs a sitemap index of numbered parts.
pub fn sitemaps(entries: &[(String, Option<Date>)], base: &str, limit: usize) -> Vec<OutputFile> {
    let urlset = |chunk: &[(String, Option<Date>)]| {
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (url, lastmod) in chunk {
            let _ = write!(x, "  <url><loc>{}</loc>", escape(url));
            if let Some(d) = lastmod {
                let _ = write!(x, "<lastmod>{}</lastmod>", d.iso());
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

/// `feed.xml`: the newest articles, in full, as Atom.
fn feed(site: &Site) -> OutputFile {
    let base = &site.base.full;
    let c = &site.config;
    let stamp = |d: Date| format!("{}T00:00:00Z", d.iso());
    let updated = site
        .articles
        .iter()
        .map(|a| a.updated.unwrap_or(a.date))
        .max()
        .unwrap_or(site.today);
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
    for a in site.articles.iter().take(FEED_ENTRIES) {
        let url = format!("{base}{}", a.path);
        let author = &site.authors[a.author];
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", escape(&a.title));
        let _ = writeln!(
            x,
            "    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
            escape(&url)
        );
        let _ = writeln!(x, "    <id>{}</id>", escape(&url));
        let _ = writeln!(x, "    <published>{}</published>", stamp(a.date));
        let _ = writeln!(
            x,
            "    <updated>{}</updated>",
            stamp(a.updated.unwrap_or(a.date))
        );
        let _ = writeln!(
            x,
            "    <author><name>{}</name><uri>{}</uri></author>",
            escape(&author.name),
            escape(&format!("{base}{}", author.path))
        );
        if let Some(d) = &a.description {
            let _ = writeln!(x, "    <summary>{}</summary>", escape(d));
        }
        // Links in the body are root-relative; xml:base makes them absolute.
        let _ = writeln!(
            x,
            "    <content type=\"html\" xml:base=\"{}\">{}</content>",
            escape(base),
            escape(&a.body.html)
        );
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    OutputFile {
        path: "feed.xml".into(),
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
        let entries: Vec<(String, Option<Date>)> = (0..5)
            .map(|i| (format!("https://e.org/h/{i}/"), Date::new(2025, 1, 1)))
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
