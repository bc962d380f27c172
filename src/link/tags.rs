//! Tags: the articles' free-form topics, gathered by slug into pages.

use super::{Article, Tag};
use crate::diagnostic::Diagnostic;
use crate::slug::slugify;
use std::collections::BTreeMap;

/// The tags of `articles`, A–Z by name, each article told its tags' pages.
/// Spellings with one slug are one tag, named as writers spell it most; a
/// tag with no letter or digit has no page and gets a warning.
pub(super) fn tags(articles: &mut [Article], out: &mut Vec<Diagnostic>) -> Vec<Tag> {
    let mut spellings: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        for tag in &a.tags {
            let slug = slugify(tag);
            if slug.is_empty() {
                out.push(
                    Diagnostic::warning(
                        "empty-tag",
                        &a.source,
                        format!("the tag `{tag}` has no letter or digit, so it has no page"),
                    )
                    .hint("write the tag in words, or remove it from `tags`"),
                );
                continue;
            }
            *spellings
                .entry(slug.clone())
                .or_default()
                .entry(tag)
                .or_default() += 1;
            let list = members.entry(slug).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut tags: Vec<Tag> = members
        .into_iter()
        .map(|(slug, articles)| {
            let name = spellings
                .get(&slug)
                .and_then(|counts| {
                    // The most used; on a tie the first in byte order.
                    let top = counts.values().max()?;
                    counts.iter().find(|(_, n)| *n == top).map(|(s, _)| *s)
                })
                .unwrap_or(&slug)
                .to_owned();
            Tag {
                path: crate::kinds::TAG.item_path(&slug),
                slug,
                name,
                articles,
            }
        })
        .collect();
    tags.sort_by(|a, b| (a.name.to_lowercase(), &a.slug).cmp(&(b.name.to_lowercase(), &b.slug)));
    let index: BTreeMap<&str, usize> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i))
        .collect();
    for a in articles.iter_mut() {
        let mut pages: Vec<usize> = Vec::new();
        for tag in &a.tags {
            if let Some(&t) = index.get(slugify(tag).as_str()) {
                if !pages.contains(&t) {
                    pages.push(t);
                }
            }
        }
        a.tag_pages = pages;
    }
    tags
}
