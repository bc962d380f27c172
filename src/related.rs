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
    scored(topics).0
}

/// [`related`], and how many topics scoring looked up: the measure of its
/// work, which the tests bound.
fn scored(topics: &[Vec<Topic>]) -> (Vec<Vec<usize>>, usize) {
    let index = Index::new(topics);
    // Candidates come from the newest articles of each topic; each is then
    // scored exactly by counting the topics it shares with the article (over
    // the shorter of the two lists), so a rare shared topic is
    // never outweighed by a common one the window cut short. Articles are
    // scored in parallel, each thread with its own scratch.
    use rayon::prelude::*;
    let scratch = || Scratch {
        seen: vec![false; topics.len()],
        mine: vec![false; index.postings.len()],
        candidates: Vec::new(),
    };
    let results: Vec<(Vec<usize>, usize)> = index
        .per_article
        .par_iter()
        .enumerate()
        .map_init(scratch, |s, (i, _)| {
            let looked = s.score(&index, i);
            (s.pick(i, topics.len()), looked)
        })
        .collect();
    let looked = results.iter().map(|r| r.1).sum();
    (results.into_iter().map(|r| r.0).collect(), looked)
}

/// The articles' topics as small integers, both ways round.
struct Index {
    /// Each article's topics, sorted, without repeats.
    per_article: Vec<Vec<usize>>,
    /// Each topic's articles, newest first.
    postings: Vec<Vec<usize>>,
}

impl Index {
    fn new(topics: &[Vec<Topic>]) -> Self {
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
        Self {
            per_article,
            postings,
        }
    }
}

/// One thread's working space, reused from article to article.
struct Scratch {
    /// Articles already among the candidates.
    seen: Vec<bool>,
    /// The topics of the article being scored.
    mine: Vec<bool>,
    /// (shared topics, article) of each candidate.
    candidates: Vec<(u32, usize)>,
}

impl Scratch {
    /// Fills `candidates` with the articles sharing a topic with article
    /// `i`, each with how many it shares; returns how many topics it looked
    /// up. Leaves `seen` and `mine` clear for the next article.
    fn score(&mut self, index: &Index, i: usize) -> usize {
        let ts = &index.per_article[i];
        let mut looked = 0;
        for &t in ts {
            self.mine[t] = true;
        }
        for &t in ts {
            for &j in index.postings[t].iter().take(POSTINGS_SCANNED) {
                if j != i && !self.seen[j] {
                    self.seen[j] = true;
                    // Counted over the shorter of the two lists: one
                    // article with thousands of topics, among the newest
                    // of a topic most articles share, would otherwise be
                    // read whole by each of them.
                    let theirs = &index.per_article[j];
                    let shared = if theirs.len() <= ts.len() {
                        looked += theirs.len();
                        theirs.iter().filter(|&&u| self.mine[u]).count()
                    } else {
                        looked += ts.len();
                        ts.iter()
                            .filter(|u| theirs.binary_search(u).is_ok())
                            .count()
                    };
                    self.candidates.push((shared as u32, j));
                }
            }
        }
        for &t in ts {
            self.mine[t] = false;
        }
        for &(_, j) in &self.candidates {
            self.seen[j] = false;
        }
        looked
    }

    /// The related articles of article `i` out of `count`: the best
    /// candidates, then the newest others up to [`MIN_RELATED`]. Leaves
    /// `candidates` empty.
    fn pick(&mut self, i: usize, count: usize) -> Vec<usize> {
        // Most shared topics first; articles are newest first, so a lower
        // index wins a tie. Only the best few need sorting.
        let order = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if self.candidates.len() > MAX_RELATED {
            self.candidates.select_nth_unstable_by(MAX_RELATED, order);
            self.candidates.truncate(MAX_RELATED + 1);
        }
        self.candidates.sort_unstable_by(order);
        let mut picked: Vec<usize> = self
            .candidates
            .iter()
            .take(MAX_RELATED)
            .map(|c| c.1)
            .collect();
        self.candidates.clear();
        let mut newest = 0;
        while picked.len() < MIN_RELATED && newest < count {
            if newest != i && !picked.contains(&newest) {
                picked.push(newest);
            }
            newest += 1;
        }
        picked
    }
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
    fn matches_comparing_every_pair_when_no_topic_overflows_the_window() {
        // 400 articles with 2–12 topics of 300: no topic has more than
        // POSTINGS_SCANNED articles, so the index must find exactly what
        // scoring every pair finds.
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let topics: Vec<Vec<Topic>> = (0..400)
            .map(|_| {
                (0..2 + next(11))
                    .map(|_| cause(&next(300).to_string()))
                    .collect()
            })
            .collect();
        let sets: Vec<std::collections::HashSet<&Topic>> =
            topics.iter().map(|ts| ts.iter().collect()).collect();
        let fast = related(&topics);
        for (i, mine) in sets.iter().enumerate() {
            let mut scored: Vec<(usize, usize)> = (0..sets.len())
                .filter(|&j| j != i)
                .map(|j| (sets[j].intersection(mine).count(), j))
                .filter(|&(n, _)| n > 0)
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut slow: Vec<usize> = scored.iter().take(MAX_RELATED).map(|s| s.1).collect();
            let mut newest = 0;
            while slow.len() < MIN_RELATED {
                if newest != i && !slow.contains(&newest) {
                    slow.push(newest);
                }
                newest += 1;
            }
            assert_eq!(fast[i], slow, "article {i}");
        }
    }

    #[test]
    fn an_article_with_many_topics_costs_its_size_not_its_size_times_the_site() {
        // The newest article has 20,000 tags, one of them shared with 2,000
        // others. Each of those finds it among the newest sharing the tag;
        // counting their one shared topic must not read its 20,001.
        let mut big: Vec<Topic> = (0..20_000).map(|i| Topic::Tag(i.to_string())).collect();
        big.push(Topic::Tag("shared".into()));
        let mut topics = vec![big];
        topics.extend((0..2_000).map(|_| vec![Topic::Tag("shared".into())]));
        let memberships: usize = topics.iter().map(Vec::len).sum();
        let (lists, looked) = scored(&topics);
        assert_eq!(lists[1][0], 0);
        assert_eq!(lists[0].len(), MAX_RELATED);
        // Each article reads at most the window's candidates per topic, one
        // topic each here; reading the big one whole took 40 million.
        assert!(
            looked <= POSTINGS_SCANNED * memberships,
            "looked up {looked} topics for {memberships}"
        );
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
