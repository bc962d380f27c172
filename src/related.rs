//! "You might also like": for each article, the articles it has most in
//! common with.
//!
//! Scoring goes through an inverted index (topic → articles, newest first).
//! For each of an article's topics only the newest [`POSTINGS_SCANNED`]
//! articles sharing it become candidates, so the work per article is bounded
//! and the whole step grows linearly with the site, never with the square of
//! its size (a treatment such as "Rest" can be shared by most of a
//! 100,000-article site). Candidates are scored exactly. On sites where no
//! topic has more articles than the window the result is exact.

use std::collections::HashMap;

/// At most this many related articles are listed.
pub const MAX_RELATED: usize = 5;
/// At least this many are listed when the site has enough articles: when too
/// few share a topic, the newest others fill the list.
pub const MIN_RELATED: usize = 3;
/// How many of the newest articles sharing a topic are looked at per topic.
pub const POSTINGS_SCANNED: usize = 64;

/// What an article is about, as keys that articles can share.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Topic {
    /// A cause slug.
    Cause(String),
    /// A treatment slug.
    Treatment(String),
    /// A tag, compared by slug.
    Tag(String),
}

/// For each article (given newest first, as its topics), the indices of its
/// related articles: most shared topics first, ties to the newer article,
/// never itself, no repeats.
pub fn related(topics: &[Vec<Topic>]) -> Vec<Vec<usize>> {
    // Topics become small integers, and each article's list is deduplicated.
    let mut ids: HashMap<&Topic, usize> = HashMap::new();
    let per_article: Vec<Vec<usize>> = topics
        .iter()
        .map(|ts| {
            let mut list: Vec<usize> = ts
                .iter()
                .map(|t| {
                    let next = ids.len();
                    *ids.entry(t).or_insert(next)
                })
                .collect();
            list.sort_unstable();
            list.dedup();
            list
        })
        .collect();
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    for (i, ts) in per_article.iter().enumerate() {
        for &t in ts {
            postings[t].push(i);
        }
    }
    // Candidates come from the newest articles of each topic; each is then
    // scored exactly by intersecting the two sorted topic lists, so a rare
    // shared topic is never outweighed by a common one the window cut short.
    // Articles are scored in parallel, each thread with its own scratch.
    use rayon::prelude::*;
    let scratch = || (vec![false; topics.len()], Vec::<(u32, usize)>::new());
    per_article
        .par_iter()
        .enumerate()
        .map_init(scratch, |(seen, candidates), (i, ts)| {
            for &t in ts {
                for &j in postings[t].iter().take(POSTINGS_SCANNED) {
                    if j != i && !seen[j] {
                        seen[j] = true;
                        candidates.push((shared(ts, &per_article[j]), j));
                    }
                }
            }
            // Articles are newest first, so a lower index wins a tie.
            candidates.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut picked: Vec<usize> = candidates.iter().take(MAX_RELATED).map(|c| c.1).collect();
            for &(_, j) in candidates.iter() {
                seen[j] = false;
            }
            candidates.clear();
            let mut newest = 0;
            while picked.len() < MIN_RELATED && newest < topics.len() {
                if newest != i && !picked.contains(&newest) {
                    picked.push(newest);
                }
                newest += 1;
            }
            picked
        })
        .collect()
}

/// How many items two sorted, deduplicated lists have in common.
fn shared(a: &[usize], b: &[usize]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cause(s: &str) -> Topic {
        Topic::Cause(s.into())
    }

    #[test]
    fn ranks_by_shared_topics_then_by_date_and_never_self() {
        let topics = vec![
            vec![cause("a")],                                     // 0, newest
            vec![cause("a"), cause("b"), Topic::Tag("x".into())], // 1
            vec![cause("a"), cause("b")],                         // 2
            vec![cause("c")],                                     // 3
            vec![cause("a"), cause("b"), Topic::Tag("x".into())], // 4
        ];
        let r = related(&topics);
        assert_eq!(r[1], vec![4, 2, 0]);
        assert_eq!(r[0], vec![1, 2, 4]);
        // Nothing in common: filled with the newest others.
        assert_eq!(r[3], vec![0, 1, 2]);
        for (i, list) in r.iter().enumerate() {
            assert!(!list.contains(&i));
            assert!((MIN_RELATED..=MAX_RELATED).contains(&list.len()));
        }
    }

    #[test]
    fn caps_at_five_and_copes_with_tiny_sites() {
        let topics = vec![vec![cause("a"), cause("a")]; 8];
        assert!(related(&topics).iter().all(|l| l.len() == MAX_RELATED));
        assert_eq!(related(&[vec![cause("a")]]), vec![Vec::<usize>::new()]);
        assert_eq!(related(&[vec![], vec![]]), vec![vec![1], vec![0]]);
    }

    #[test]
    fn a_topic_shared_by_everyone_scans_only_its_newest_articles() {
        // 1,000 articles all share "rest"; the last two also share a cause.
        let mut topics = vec![vec![Topic::Treatment("rest".into())]; 1000];
        topics[998].push(cause("rare"));
        topics[999].push(cause("rare"));
        let r = related(&topics);
        assert_eq!(r[999][0], 998, "the rare shared cause still wins");
        assert_eq!(&r[500][..3], &[0, 1, 2]);
    }
}
