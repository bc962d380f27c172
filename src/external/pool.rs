//! Fetching many addresses on a few threads: at most
//! [`Settings::parallel`] requests at once in all and
//! [`Settings::per_host`] to one host. Plain threads: each request blocks
//! on the network, and a few threads wait as cheaply as tasks would.

use super::{Outcome, Settings};
use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, PoisonError};

/// What the threads share: the addresses not yet taken (with their index)
/// and the requests under way by host.
struct Queue<'u> {
    waiting: VecDeque<(usize, &'u str)>,
    busy: HashMap<String, usize>,
}

/// Runs `fetch` on each of `urls`, and returns the outcomes in the order
/// of `urls`.
pub fn run<F>(urls: &[&str], settings: &Settings, fetch: F) -> Vec<Outcome>
where
    F: Fn(&str) -> Outcome + Sync,
{
    let queue = Mutex::new(Queue {
        waiting: urls.iter().copied().enumerate().collect(),
        busy: HashMap::new(),
    });
    let turn = Condvar::new();
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; urls.len()]);
    let per_host = settings.per_host.max(1);
    let threads = settings.parallel.clamp(1, urls.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while let Some((i, url)) = take(&queue, &turn, per_host) {
                    let outcome = fetch(url);
                    results.lock().unwrap_or_else(PoisonError::into_inner)[i] = Some(outcome);
                    let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some(n) = q.busy.get_mut(&host(url)) {
                        *n -= 1;
                    }
                    drop(q);
                    turn.notify_all();
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .into_iter()
        .map(|o| {
            o.unwrap_or(Outcome::Failed {
                why: "it was not fetched".to_owned(),
            })
        })
        .collect()
}

/// The next address whose host has a request to spare, marked as under
/// way; waits while every waiting address's host is busy; `None` when none
/// is left.
fn take<'u>(queue: &Mutex<Queue<'u>>, turn: &Condvar, per_host: usize) -> Option<(usize, &'u str)> {
    let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        if q.waiting.is_empty() {
            return None;
        }
        let free = q
            .waiting
            .iter()
            .position(|(_, url)| q.busy.get(&host(url)).copied().unwrap_or(0) < per_host);
        if let Some((i, url)) = free.and_then(|at| q.waiting.remove(at)) {
            *q.busy.entry(host(url)).or_insert(0) += 1;
            return Some((i, url));
        }
        q = turn.wait(q).unwrap_or_else(PoisonError::into_inner);
    }
}

/// The host (and port) of `url`, lower-cased, without any user name:
/// what the per-host limit counts by.
pub fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    authority.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn hosts_are_counted_by_name_and_port() {
        assert_eq!(
            host("https://User@Example.org:8080/a?b#c"),
            "example.org:8080"
        );
        assert_eq!(host("http://e.org"), "e.org");
        assert_eq!(host("https://e.org?x"), "e.org");
    }

    #[test]
    fn requests_stay_within_the_limits_and_every_address_gets_its_outcome() {
        let urls: Vec<String> = (0..60)
            .map(|i| format!("https://host{}.org/{i}", i % 4))
            .collect();
        let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
        let in_flight = Mutex::new(HashMap::<String, usize>::new());
        let most_per_host = AtomicUsize::new(0);
        let most_in_all = AtomicUsize::new(0);
        let settings = Settings {
            parallel: 5,
            per_host: 2,
            ..Settings::new(std::time::Duration::from_secs(1), 0)
        };
        let outcomes = run(&urls, &settings, |url| {
            {
                let mut f = in_flight.lock().unwrap();
                *f.entry(host(url)).or_insert(0) += 1;
                most_per_host.fetch_max(f[&host(url)], Ordering::SeqCst);
                most_in_all.fetch_max(f.values().sum(), Ordering::SeqCst);
            }
            // Long enough for the other threads to pile up, if they could.
            std::thread::sleep(std::time::Duration::from_millis(2));
            *in_flight.lock().unwrap().get_mut(&host(url)).unwrap() -= 1;
            Outcome::Gone {
                status: url.rsplit('/').next().unwrap().parse().unwrap(),
            }
        });
        assert!(most_per_host.load(Ordering::SeqCst) <= 2);
        // Four hosts of two each would be eight: never more than the five.
        assert!(most_in_all.load(Ordering::SeqCst) <= 5);
        let statuses: Vec<u16> = outcomes
            .iter()
            .map(|o| match o {
                Outcome::Gone { status } => *status,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(statuses, (0..60).collect::<Vec<u16>>());
    }
}
