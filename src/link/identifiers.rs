//! The form of a reference's DOI and PubMed id, checked without fetching
//! anything: each becomes a link on the page (`doi.org/<doi>`, PubMed's page
//! of the id), which a malformed one breaks.

use super::linker::Linker;
use crate::content::ArticleMeta;
use crate::diagnostic::Diagnostic;
use crate::parse::Parsed;

/// What is wrong with an identifier: the message and the hint.
type Problem = (String, String);

impl Linker<'_, '_> {
    /// Reports each reference of `a` whose `doi` or `pmid` is not of the
    /// form of one.
    pub(super) fn check_identifiers(&mut self, a: &Parsed<ArticleMeta>) {
        for r in &a.meta.references {
            let found = [
                (
                    "bad-doi",
                    r.doi.as_ref().map(|d| (d, doi_problem(d.get_ref()))),
                ),
                (
                    "bad-pmid",
                    r.pmid.as_ref().map(|p| (p, pmid_problem(p.get_ref()))),
                ),
            ];
            for (code, problem) in found {
                if let Some((value, Some((message, hint)))) = problem {
                    self.out.push(
                        a.at(Diagnostic::error(code, &a.source, message), value.span())
                            .hint(hint),
                    );
                }
            }
        }
    }
}

/// Ways writers put a DOI as a link or with a label, lower-cased.
const DOI_PREFIXES: &[&str] = &[
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "doi.org/",
    "doi:",
    "doi ",
];

/// What is wrong with `doi`, or `None` for one of the form `10.<digits>/…`:
/// `10.`, a registrant code of four to nine digits (sub-codes after dots
/// allowed), `/`, and a suffix without spaces.
pub fn doi_problem(doi: &str) -> Option<Problem> {
    if is_doi(doi) {
        return None;
    }
    let lower = doi.to_ascii_lowercase();
    let bare = DOI_PREFIXES
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| doi[p.len()..].trim()))
        .filter(|rest| is_doi(rest));
    Some(match bare {
        Some(bare) => (
            format!("the doi `{}` has more than the DOI itself", shown(doi)),
            format!("write the DOI alone, doi = \"{bare}\": the page links it to doi.org"),
        ),
        None => (
            format!("the doi `{}` is not a DOI", shown(doi)),
            "a DOI is `10.`, the publisher's number, `/` and the item's name, e.g. doi = \"10.1000/xyz123\"; remove the line if the source has none".to_owned(),
        ),
    })
}

fn is_doi(doi: &str) -> bool {
    let Some(rest) = doi.strip_prefix("10.") else {
        return false;
    };
    let Some((registrant, suffix)) = rest.split_once('/') else {
        return false;
    };
    let mut codes = registrant.split('.');
    let first = codes.next().unwrap_or_default();
    (4..=9).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && codes.all(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
        && !suffix.is_empty()
        && !suffix.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// What is wrong with `pmid`, or `None` for one of the form of a PubMed id:
/// one to nine digits, not starting with 0.
pub fn pmid_problem(pmid: &str) -> Option<Problem> {
    if is_pmid(pmid) {
        return None;
    }
    let trimmed = pmid.trim();
    let lower = trimmed.to_ascii_lowercase();
    let number = lower
        .strip_prefix("pmid")
        .map(|r| r.trim_start_matches([':', ' ']))
        .or_else(|| {
            ["pubmed.ncbi.nlm.nih.gov/", "ncbi.nlm.nih.gov/pubmed/"]
                .iter()
                .find_map(|site| lower.find(site).map(|i| &lower[i + site.len()..]))
                .map(|r| r.trim_end_matches('/'))
        })
        .filter(|n| is_pmid(n));
    let hint = if let Some(number) = number {
        format!("write the number alone, pmid = \"{number}\": the page links it to PubMed")
    } else if lower.starts_with("pmc") {
        "that is a PubMed Central id (PMC…), not a PubMed id: give the PMID, or the PMC page as the reference's url".to_owned()
    } else if is_doi(trimmed) {
        format!("that is a DOI: write doi = \"{trimmed}\" instead")
    } else {
        "a PubMed id is a number, e.g. pmid = \"12345678\"; remove the line if the source has none"
            .to_owned()
    };
    Some((
        format!("the pmid `{}` is not a PubMed id", shown(pmid)),
        hint,
    ))
}

fn is_pmid(pmid: &str) -> bool {
    (1..=9).contains(&pmid.len())
        && !pmid.starts_with('0')
        && pmid.bytes().all(|b| b.is_ascii_digit())
}

/// A value as quoted in a message: controls shown as escapes, a long one
/// cut short.
fn shown(value: &str) -> String {
    const MAX: usize = 80;
    let printable = crate::printable::printable(value);
    match printable.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &printable[..cut]),
        None => printable.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_of_every_registrant_form_pass() {
        for doi in [
            "10.1000/xyz123",
            "10.1136/bmj.m3026",
            "10.1002/(SICI)1097-4636(199807)41:1<37::AID-JBM5>3.0.CO;2-F",
            "10.1000.10/123",
            "10.123456789/a",
        ] {
            assert_eq!(doi_problem(doi), None, "{doi}");
        }
    }

    #[test]
    fn a_doi_as_a_link_or_with_a_label_is_answered_with_the_doi_alone() {
        for written in [
            "https://doi.org/10.1136/bmj.m3026",
            "http://dx.doi.org/10.1136/bmj.m3026",
            "DOI: 10.1136/bmj.m3026",
            "doi:10.1136/bmj.m3026",
        ] {
            let (message, hint) = doi_problem(written).expect(written);
            assert!(
                message.contains("more than the DOI"),
                "{written}: {message}"
            );
            assert!(
                hint.contains("doi = \"10.1136/bmj.m3026\""),
                "{written}: {hint}"
            );
        }
    }

    #[test]
    fn malformed_dois_are_problems() {
        for doi in [
            "",
            "10.1000",
            "10.1000/",
            "10.12/abc",
            "11.1000/abc",
            "10.1000/a b",
            "10.1000x/abc",
            "10..1000/abc",
            " 10.1000/abc",
            "10.1000/abc\n",
        ] {
            let (message, _) = doi_problem(doi).expect(doi);
            assert!(message.contains("is not a DOI"), "{doi:?}: {message}");
        }
    }

    #[test]
    fn pubmed_ids_are_numbers() {
        for pmid in ["1", "12345678", "123456789"] {
            assert_eq!(pmid_problem(pmid), None, "{pmid}");
        }
        for pmid in ["", "0", "01234", "1234567890", "12 345", "12a"] {
            assert!(pmid_problem(pmid).is_some(), "{pmid:?}");
        }
    }

    #[test]
    fn a_pmid_with_a_label_a_link_a_pmc_id_or_a_doi_gets_the_fix() {
        let hint = |p: &str| pmid_problem(p).expect(p).1;
        assert!(hint("PMID: 32887691").contains("pmid = \"32887691\""));
        assert!(hint("https://pubmed.ncbi.nlm.nih.gov/32887691/").contains("pmid = \"32887691\""));
        assert!(hint("PMC7473370").contains("PubMed Central"));
        assert!(hint("10.1136/bmj.m3026").contains("doi = \"10.1136/bmj.m3026\""));
    }
}
