//! One address, fetched: `HEAD` first (no page is downloaded), `GET` when
//! the server will not answer `HEAD` properly, temporary redirects
//! followed, a permanent one reported, and one more try after a timeout or
//! a server error.

use super::Outcome;
use std::io;
use std::time::Duration;
use ureq::Agent;

/// Redirects followed before giving up: browsers allow about twenty; a
/// source behind more than five is as good as lost.
const MAX_HOPS: usize = 5;

/// The client every request of a check goes through: no redirect followed
/// on its own (a permanent one is a finding), statuses as answers rather
/// than errors, and `timeout` for each request from the name lookup to the
/// answer's headers. Proxies set in the environment are used.
pub fn agent(timeout: Duration) -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_per_call(Some(timeout))
        .user_agent(format!("salve/{} (link check)", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// What `url` leads to, tried a second time after a timeout or a server
/// error (5xx), which are often passing.
pub fn check(agent: &Agent, url: &str, timeout: Duration) -> Outcome {
    let first = follow(agent, url, timeout);
    let passing = matches!(
        first,
        Outcome::TimedOut { .. } | Outcome::Unavailable { status: 500..=599 }
    );
    if passing {
        follow(agent, url, timeout)
    } else {
        first
    }
}

/// What `url` leads to: its answer, after temporary redirects.
fn follow(agent: &Agent, url: &str, timeout: Duration) -> Outcome {
    let mut at = url.to_owned();
    for hop in 0..=MAX_HOPS {
        let (status, location) = match ask(agent, &at) {
            Ok(answer) => answer,
            Err(err) => return failure(&err, timeout),
        };
        let to = location.map(|l| resolve(&at, &l));
        match (status, to) {
            (200..=299, _) => return Outcome::Fine,
            // The writer's own address moved for good; a page it sends
            // readers to for now that then moves is not theirs to fix.
            (301 | 308, Some(to)) if hop == 0 => return Outcome::Moved { status, to },
            (301 | 302 | 303 | 307 | 308, Some(to)) => at = to,
            (404 | 410, _) => return Outcome::Gone { status },
            (429 | 500..=599, _) => return Outcome::Unavailable { status },
            (300..=399, None) => {
                return Outcome::Failed {
                    why: format!("it answered {status} without saying where to"),
                };
            }
            _ => return Outcome::Declined { status },
        }
    }
    Outcome::Failed {
        why: format!("it redirects more than {MAX_HOPS} times"),
    }
}

/// The status and `Location` of the answer to `HEAD url`, or to `GET url`
/// when the server refuses `HEAD` (405, 501) or answers it with another
/// 4xx: some servers do for `HEAD` alone, and a link is called dead only
/// when `GET` says so too. The page itself is never read.
fn ask(agent: &Agent, url: &str) -> Result<(u16, Option<String>), ureq::Error> {
    let answer = |r: ureq::http::Response<ureq::Body>| {
        let location = r
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        (r.status().as_u16(), location)
    };
    let (status, location) = answer(agent.head(url).call()?);
    let refused = status == 501 || ((400..500).contains(&status) && status != 429);
    if refused {
        return Ok(answer(agent.get(url).call()?));
    }
    Ok((status, location))
}

/// The outcome of a request that got no answer.
fn failure(err: &ureq::Error, timeout: Duration) -> Outcome {
    match err {
        ureq::Error::Timeout(_) => Outcome::TimedOut {
            seconds: timeout.as_secs(),
        },
        ureq::Error::HostNotFound => Outcome::NoHost,
        ureq::Error::Io(e) => match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Outcome::TimedOut {
                seconds: timeout.as_secs(),
            },
            io::ErrorKind::ConnectionRefused => Outcome::Refused,
            // The system's name lookup failing says so only in its words.
            _ if e.to_string().contains("lookup address") => Outcome::NoHost,
            _ => Outcome::Failed { why: e.to_string() },
        },
        other => Outcome::Failed {
            why: other.to_string(),
        },
    }
}

/// `location`, from an answer to `base`, as an absolute address.
fn resolve(base: &str, location: &str) -> String {
    let location = location.trim();
    if crate::url::scheme(location).is_some() {
        return location.to_owned();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if location.starts_with("//") {
        return format!("{scheme}:{location}");
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    if location.starts_with('/') {
        return format!("{scheme}://{authority}{location}");
    }
    let path = path.split(['?', '#']).next().unwrap_or_default();
    if location.starts_with('?') {
        return format!("{scheme}://{authority}{path}{location}");
    }
    let folder = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{scheme}://{authority}{folder}{location}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_is_read_against_the_address_that_answered() {
        let base = "https://e.org/a/b?q=1";
        assert_eq!(resolve(base, "https://f.org/x"), "https://f.org/x");
        assert_eq!(resolve(base, "//f.org/x"), "https://f.org/x");
        assert_eq!(resolve(base, "/x"), "https://e.org/x");
        assert_eq!(resolve(base, "c"), "https://e.org/a/c");
        assert_eq!(resolve(base, "?p=2"), "https://e.org/a/b?p=2");
        assert_eq!(resolve("http://e.org", "c"), "http://e.org/c");
    }

    #[test]
    fn failures_without_an_answer_are_told_apart() {
        let timeout = Duration::from_secs(3);
        let io = |kind| ureq::Error::Io(io::Error::from(kind));
        assert_eq!(
            failure(&io(io::ErrorKind::ConnectionRefused), timeout),
            Outcome::Refused
        );
        assert_eq!(
            failure(&io(io::ErrorKind::TimedOut), timeout),
            Outcome::TimedOut { seconds: 3 }
        );
        assert_eq!(
            failure(&ureq::Error::HostNotFound, timeout),
            Outcome::NoHost
        );
        let lookup =
            io::Error::other("failed to lookup address information: Name or service not known");
        assert_eq!(failure(&ureq::Error::Io(lookup), timeout), Outcome::NoHost);
    }
}
