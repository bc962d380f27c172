//! "You might also like": for each article, the articles it has most in
//! common with.
//!
//! Scoring goes through an inverted index (topic → articles) so the work grows
//! with the number of shared topics, not with the square of the number of
//! articles: a site of 100,000 articles must not compare every pair.

use std::collections::HashMap;

/// At most this many related articles are listed.
pub const MAX_RELATED: usize = 5;
/// At least this many are listed when the site has enough articles: when too
/// few share a topic, the newest others fill the list.
pub const MIN_RELATED: usize = 3;

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
    let mut index: HashMap<&Topic, Vec<usize>> = HashMap::new();
    for (i, ts) in topics.iter().enumerate() {
        for t in ts {
            let list = index.entry(t).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut scores: HashMap<usize, usize> = HashMap::new();
    topics
        .iter()
        .enumerate()
        .map(|(i, ts)| {
            scores.clear();
            let mut seen: Vec<&Topic> = Vec::with_capacity(ts.len());
            for t in ts {
                if seen.contains(&t) {
                    continue;
                }
                seen.push(t);
                for &j in &index[t] {
                    if j != i {
                        *scores.entry(j).or_default() += 1;
                    }
                }
            }
            let mut ranked: Vec<(usize, usize)> = scores.iter().map(|(&j, &s)| (j, s)).collect();
            // Articles are newest first, so a lower index wins a tie.
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut picked: Vec<usize> = ranked
                .into_iter()
                .take(MAX_RELATED)
                .map(|(j, _)| j)
                .collect();
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
}
