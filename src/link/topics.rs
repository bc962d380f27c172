//! Causes and treatments as articles name them, gathered by slug, then
//! sorted A–Z with every index rewritten, and "you might also like".

use super::{Article, Cause, Mention, Treatment};
use crate::content::Urgency;
use crate::related::{Topic, related};
use crate::slug::slugify;
use std::collections::{BTreeMap, HashMap};

/// Causes and treatments gathered while reading articles, by slug.
#[derive(Default)]
pub(super) struct Topics {
    /// How often each spelling of a cause or treatment name is used, by slug.
    spellings: HashMap<String, BTreeMap<String, usize>>,
    causes: Vec<Cause>,
    cause_index: HashMap<String, usize>,
    treatments: Vec<Treatment>,
    treatment_index: HashMap<String, usize>,
}

impl Topics {
    fn count_spelling(&mut self, kind: &str, slug: &str, name: &str) {
        let counts = self.spellings.entry(format!("{kind}/{slug}")).or_default();
        *counts.entry(name.to_owned()).or_default() += 1;
    }

    /// The spelling writers use most; on a tie the first in byte order, which
    /// prefers "Rest" over "rest".
    fn best_spelling(&self, kind: &str, slug: &str) -> Option<String> {
        let counts = self.spellings.get(&format!("{kind}/{slug}"))?;
        let top = counts.values().max()?;
        counts
            .iter()
            .find(|(_, n)| *n == top)
            .map(|(name, _)| name.clone())
    }

    pub(super) fn cause(&mut self, slug: &str, name: &str) -> usize {
        self.count_spelling("cause", slug, name);
        *self.cause_index.entry(slug.to_owned()).or_insert_with(|| {
            self.causes.push(Cause {
                slug: slug.to_owned(),
                name: name.to_owned(),
                path: crate::kinds::CAUSE.item_path(slug),
                urgency: Urgency::Routine,
                treatments: Vec::new(),
                mentions: Vec::new(),
                overview: None,
            });
            self.causes.len() - 1
        })
    }

    pub(super) fn treatment(&mut self, slug: &str, name: &str, article: usize) -> usize {
        self.count_spelling("treatment", slug, name);
        let i = *self
            .treatment_index
            .entry(slug.to_owned())
            .or_insert_with(|| {
                self.treatments.push(Treatment {
                    slug: slug.to_owned(),
                    name: name.to_owned(),
                    path: crate::kinds::TREATMENT.item_path(slug),
                    causes: Vec::new(),
                    articles: Vec::new(),
                    overview: None,
                });
                self.treatments.len() - 1
            });
        let t = &mut self.treatments[i];
        if t.articles.last() != Some(&article) {
            t.articles.push(article);
        }
        i
    }

    /// Pairs are kept as they come and made unique once, when the topics
    /// are sorted: a search per pair made a cause with thousands of
    /// treatments cost their square.
    pub(super) fn link(&mut self, cause: usize, treatments: &[usize]) {
        for &t in treatments {
            self.causes[cause].treatments.push(t);
            self.treatments[t].causes.push(cause);
        }
    }

    /// Records each cause's mentions and highest urgency.
    pub(super) fn finish(mut self, articles: &[Article]) -> (Vec<Cause>, Vec<Treatment>) {
        for i in 0..self.causes.len() {
            if let Some(name) = self.best_spelling("cause", &self.causes[i].slug) {
                self.causes[i].name = name;
            }
        }
        for i in 0..self.treatments.len() {
            if let Some(name) = self.best_spelling("treatment", &self.treatments[i].slug) {
                self.treatments[i].name = name;
            }
        }
        for (i, a) in articles.iter().enumerate() {
            for c in &a.causes {
                let cause = &mut self.causes[c.cause];
                cause.urgency = cause.urgency.max(c.urgency);
                cause.mentions.push(Mention {
                    article: i,
                    section: c.section,
                });
            }
        }
        (self.causes, self.treatments)
    }
}

/// Sorts causes and treatments A–Z and rewrites every index to match, then
/// fills in "you might also like".
pub(super) fn sort_and_cross_link(
    mut causes: Vec<Cause>,
    mut treatments: Vec<Treatment>,
    mut articles: Vec<Article>,
) -> (Vec<Cause>, Vec<Treatment>, Vec<Article>) {
    let order = |names: Vec<&str>| {
        let mut idx: Vec<usize> = (0..names.len()).collect();
        idx.sort_by_key(|&i| (names[i].to_lowercase(), i));
        let mut new_of_old = vec![0; names.len()];
        for (new, &old) in idx.iter().enumerate() {
            new_of_old[old] = new;
        }
        (idx, new_of_old)
    };
    let (c_order, c_new) = order(causes.iter().map(|c| c.name.as_str()).collect());
    let (t_order, t_new) = order(treatments.iter().map(|t| t.name.as_str()).collect());
    let mut slots: Vec<Option<Cause>> = causes.drain(..).map(Some).collect();
    causes = c_order.iter().filter_map(|&i| slots[i].take()).collect();
    let mut slots: Vec<Option<Treatment>> = treatments.drain(..).map(Some).collect();
    treatments = t_order.iter().filter_map(|&i| slots[i].take()).collect();
    for c in &mut causes {
        c.treatments = c.treatments.iter().map(|&t| t_new[t]).collect();
        c.treatments.sort_unstable();
        c.treatments.dedup();
    }
    for t in &mut treatments {
        t.causes = t.causes.iter().map(|&c| c_new[c]).collect();
        t.causes.sort_unstable();
        t.causes.dedup();
    }
    for a in &mut articles {
        for c in &mut a.causes {
            c.cause = c_new[c.cause];
            c.treatments = c.treatments.iter().map(|&t| t_new[t]).collect();
        }
    }
    let topics: Vec<Vec<Topic>> = articles
        .iter()
        .map(|a| {
            let mut ts: Vec<Topic> = Vec::new();
            for c in &a.causes {
                ts.push(Topic::Cause(causes[c.cause].slug.clone()));
                ts.extend(
                    c.treatments
                        .iter()
                        .map(|&t| Topic::Treatment(treatments[t].slug.clone())),
                );
            }
            ts.extend(a.tags.iter().map(|t| Topic::Tag(slugify(t))));
            ts
        })
        .collect();
    for (a, r) in articles.iter_mut().zip(related(&topics)) {
        a.related = r;
    }
    (causes, treatments, articles)
}
