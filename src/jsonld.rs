//! schema.org JSON-LD for every page, built from the graph as JSON values
//! (never by pasting strings), so titles with quotes or `</script>` cannot
//! break out of the data.
//!
//! Each page's main node has the schema.org type of its kind (see `kinds`:
//! articles are `MedicalWebPage`s, causes `MedicalCondition`s, …), and every
//! page has a `BreadcrumbList` from Home through its kind's parent.

use crate::kinds::{At, Kind};
use crate::link::{Article, Author, Page, Section};
use crate::views::{LinkView, Views};
use serde_json::{Map, Value, json};

/// One crumb: a name and an absolute URL.
pub type Crumb = (String, String);

impl Views<'_> {
    /// The trail from the home page to page `at` of a kind, named `name`,
    /// as (name, page path): through its kind's parent, the sections its
    /// path is in, the item, and for a later page of a list, that page.
    pub fn trail(&self, kind: &Kind, at: At, name: &str) -> Vec<(String, String)> {
        let mut trail = vec![(self.site.strings.get("nav.home").to_owned(), String::new())];
        if let Some(parent) = kind.parent.filter(|p| p.fixed().is_some()) {
            let (title, _) = self.fixed_words(parent);
            trail.push((title.to_owned(), parent.fixed_path().to_owned()));
        }
        let path = kind.item_path_of(self.site, at.item);
        trail.extend(
            self.sections_above(path)
                .map(|s| (s.title.clone(), s.path.clone())),
        );
        if !path.is_empty() {
            trail.push((name.to_owned(), path.to_owned()));
        }
        if at.page > 0 {
            let page = self.site.strings.get("pager.page");
            trail.push((format!("{page} {}", at.page + 1), kind.path(self.site, at)));
        }
        trail
    }

    /// The sections whose folders hold the page at `path`, outermost first.
    fn sections_above<'p>(&'p self, path: &'p str) -> impl Iterator<Item = &'p Section> + 'p {
        let sections = &self.site.sections;
        path.match_indices('/')
            .map(|(end, _)| &path[..=end])
            .filter(move |above| above.len() < path.len())
            .filter_map(move |above| {
                let i = sections
                    .binary_search_by(|s| s.path.as_str().cmp(above))
                    .ok()?;
                Some(&sections[i])
            })
    }

    /// The crumbs of [`Views::trail`], with absolute URLs.
    pub fn crumbs(&self, kind: &Kind, at: At, name: &str) -> Vec<Crumb> {
        self.trail(kind, at, name)
            .into_iter()
            .map(|(name, path)| (name, self.permalink(&path)))
            .collect()
    }

    /// The trail as links inside the site, for a visible breadcrumb.
    pub fn breadcrumbs(&self, kind: &Kind, at: At, name: &str) -> Vec<LinkView> {
        self.trail(kind, at, name)
            .into_iter()
            .map(|(name, path)| LinkView {
                name,
                url: self.url(&path),
            })
            .collect()
    }

    fn person(&self, a: &Author) -> Value {
        Value::Object(self.person_node(crate::kinds::AUTHOR.schema_type, a))
    }

    fn person_node(&self, schema_type: &str, a: &Author) -> Map<String, Value> {
        let mut p = object(schema_type);
        p.insert("name".into(), json!(a.name));
        p.insert("url".into(), json!(self.permalink(&a.path)));
        put(&mut p, "jobTitle", a.credentials.as_deref());
        p
    }

    fn publisher(&self) -> Value {
        let c = &self.site.config;
        json!({
            "@type": "Organization",
            "name": c.publisher.as_deref().unwrap_or(&c.title),
            "url": self.permalink(""),
        })
    }

    /// `MedicalWebPage` for an article.
    pub fn article_jsonld(&self, kind: &Kind, at: At, a: &Article) -> String {
        let s = self.site;
        let url = self.permalink(&a.path);
        let mut page = object(kind.schema_type);
        page.insert("@id".into(), json!(url));
        page.insert("url".into(), json!(url));
        page.insert("headline".into(), json!(a.title));
        page.insert("name".into(), json!(a.title));
        put(&mut page, "description", a.description.as_deref());
        page.insert("datePublished".into(), json!(a.date.iso()));
        page.insert(
            "dateModified".into(),
            json!(a.updated.unwrap_or(a.date).iso()),
        );
        put(
            &mut page,
            "lastReviewed",
            a.reviewed.map(|d| d.iso()).as_deref(),
        );
        if let Some(r) = a.reviewer {
            page.insert("reviewedBy".into(), self.person(&s.authors[r]));
        }
        page.insert("author".into(), self.person(&s.authors[a.author]));
        page.insert("publisher".into(), self.publisher());
        if let Some(photo) = &a.photo {
            let mut image = object("ImageObject");
            image.insert("url".into(), json!(self.file_permalink(&photo.path)));
            if !photo.alt.is_empty() {
                image.insert("caption".into(), json!(photo.alt));
            }
            put(&mut image, "creditText", photo.credit.as_deref());
            page.insert("image".into(), Value::Object(image));
        }
        let about: Vec<Value> = a
            .causes
            .iter()
            .map(|c| {
                let cause = &s.causes[c.cause];
                json!({"@type": crate::kinds::CAUSE.schema_type, "name": cause.name, "url": self.permalink(&cause.path)})
            })
            .collect();
        if !about.is_empty() {
            page.insert("about".into(), Value::Array(about));
        }
        let citations: Vec<Value> = a
            .references
            .iter()
            .map(|r| {
                let mut work = object("CreativeWork");
                work.insert("name".into(), json!(r.title));
                put(
                    &mut work,
                    "url",
                    r.url.as_ref().map(|u| u.get_ref().as_str()),
                );
                if let Some(p) = &r.publisher {
                    work.insert(
                        "publisher".into(),
                        json!({"@type": "Organization", "name": p}),
                    );
                }
                Value::Object(work)
            })
            .collect();
        if !citations.is_empty() {
            page.insert("citation".into(), Value::Array(citations));
        }
        page.insert("inLanguage".into(), json!(s.config.language));
        page.insert(
            "breadcrumb".into(),
            breadcrumb(&self.crumbs(kind, at, &a.title)),
        );
        document(vec![Value::Object(page)])
    }

    /// `MedicalCondition` for a cause page.
    pub fn cause_jsonld(&self, kind: &Kind, at: At, description: &str) -> String {
        let c = &self.site.causes[at.item];
        let mut condition = object(kind.schema_type);
        condition.insert("name".into(), json!(c.name));
        condition.insert("url".into(), json!(self.permalink(&c.path)));
        put(
            &mut condition,
            "description",
            Some(description).filter(|d| !d.is_empty()),
        );
        let therapies: Vec<Value> = c
            .treatments
            .iter()
            .map(|&t| {
                let t = &self.site.treatments[t];
                json!({"@type": crate::kinds::TREATMENT.schema_type, "name": t.name, "url": self.permalink(&t.path)})
            })
            .collect();
        if !therapies.is_empty() {
            condition.insert("possibleTreatment".into(), Value::Array(therapies));
        }
        let crumbs = self.crumbs(kind, at, &c.name);
        document(vec![Value::Object(condition), breadcrumb(&crumbs)])
    }

    /// `MedicalTherapy` for a treatment page.
    pub fn treatment_jsonld(&self, kind: &Kind, at: At, description: &str) -> String {
        let t = &self.site.treatments[at.item];
        let mut therapy = object(kind.schema_type);
        therapy.insert("name".into(), json!(t.name));
        therapy.insert("url".into(), json!(self.permalink(&t.path)));
        put(
            &mut therapy,
            "description",
            Some(description).filter(|d| !d.is_empty()),
        );
        let crumbs = self.crumbs(kind, at, &t.name);
        document(vec![Value::Object(therapy), breadcrumb(&crumbs)])
    }

    /// `Person` for an author page.
    pub fn author_jsonld(&self, kind: &Kind, at: At, a: &Author) -> String {
        let mut person = self.person_node(kind.schema_type, a);
        if !a.bio.is_empty() {
            person.insert("description".into(), json!(a.bio));
        }
        put(
            &mut person,
            "image",
            a.photo.as_ref().map(|p| self.file_permalink(p)).as_deref(),
        );
        put(&mut person, "sameAs", a.url.as_deref());
        let crumbs = self.crumbs(kind, at, &a.name);
        document(vec![Value::Object(person), breadcrumb(&crumbs)])
    }

    /// `WebSite` for the home page.
    pub fn home_jsonld(&self, kind: &Kind) -> String {
        let c = &self.site.config;
        let mut site = object(kind.schema_type);
        site.insert("name".into(), json!(c.title));
        site.insert("url".into(), json!(self.permalink("")));
        put(
            &mut site,
            "description",
            Some(c.description.as_str()).filter(|d| !d.is_empty()),
        );
        site.insert("inLanguage".into(), json!(c.language));
        site.insert("publisher".into(), self.publisher());
        document(vec![
            Value::Object(site),
            breadcrumb(&self.crumbs(kind, At::item(0), "")),
        ])
    }

    /// A standalone page: `WebPage`, or the more exact type its front
    /// matter's `kind` names.
    pub fn standalone_jsonld(&self, kind: &Kind, at: At, p: &Page) -> String {
        let schema_type = p.page_type.map_or(kind.schema_type, |t| t.schema_type());
        let mut page = object(schema_type);
        page.insert("name".into(), json!(p.title));
        page.insert("url".into(), json!(self.permalink(&p.path)));
        put(&mut page, "description", p.description.as_deref());
        put(
            &mut page,
            "dateModified",
            p.updated.map(|d| d.iso()).as_deref(),
        );
        page.insert("inLanguage".into(), json!(self.site.config.language));
        page.insert("publisher".into(), self.publisher());
        let crumbs = self.crumbs(kind, at, &p.title);
        document(vec![Value::Object(page), breadcrumb(&crumbs)])
    }

    /// The reviewers page: a `WebPage` whose main entity is the list of
    /// reviewers, each a `Person`.
    pub fn reviewers_jsonld(&self, kind: &Kind) -> String {
        let (name, _) = self.fixed_words(kind);
        let path = kind.fixed_path();
        let people: Vec<Value> = self
            .site
            .authors
            .iter()
            .filter(|a| !a.reviewed.is_empty())
            .enumerate()
            .map(|(i, a)| json!({"@type": "ListItem", "position": i + 1, "item": self.person(a)}))
            .collect();
        let mut page = object(kind.schema_type);
        page.insert("name".into(), json!(name));
        page.insert("url".into(), json!(self.permalink(path)));
        page.insert("inLanguage".into(), json!(self.site.config.language));
        page.insert(
            "mainEntity".into(),
            json!({"@type": "ItemList", "itemListElement": people}),
        );
        document(vec![
            Value::Object(page),
            breadcrumb(&self.crumbs(kind, At::item(0), name)),
        ])
    }

    /// The node of a kind of one page (an index, a tool): its type, name
    /// and URL.
    pub fn page_jsonld(&self, kind: &Kind, at: At) -> String {
        let (name, description) = self.fixed_words(kind);
        self.list_jsonld(kind, at, name, description)
    }

    /// The node of page `at` of a kind, named `name`: its type (a list's is
    /// `CollectionPage`), name, description and URL.
    pub fn list_jsonld(&self, kind: &Kind, at: At, name: &str, description: &str) -> String {
        let mut page = object(kind.schema_type);
        page.insert("name".into(), json!(name));
        page.insert(
            "url".into(),
            json!(self.permalink(&kind.path(self.site, at))),
        );
        put(
            &mut page,
            "description",
            Some(description).filter(|d| !d.is_empty()),
        );
        page.insert("inLanguage".into(), json!(self.site.config.language));
        document(vec![
            Value::Object(page),
            breadcrumb(&self.crumbs(kind, at, name)),
        ])
    }
}

fn object(kind: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("@type".into(), json!(kind));
    m
}

fn put(m: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        m.insert(key.into(), json!(v));
    }
}

fn breadcrumb(crumbs: &[Crumb]) -> Value {
    let items: Vec<Value> = crumbs
        .iter()
        .enumerate()
        .map(|(i, (name, url))| json!({"@type": "ListItem", "position": i + 1, "name": name, "item": url}))
        .collect();
    json!({"@type": "BreadcrumbList", "itemListElement": items})
}

/// The script body: one document with every node of the page. `<` is escaped
/// so no string can close the `<script>` element.
fn document(nodes: Vec<Value>) -> String {
    let doc = json!({"@context": "https://schema.org", "@graph": nodes});
    doc.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_closing_tags_cannot_escape() {
        let d = document(vec![json!({"name": "</script><script>alert(1)</script>"})]);
        assert!(!d.contains("</script"));
        let back: Value = serde_json::from_str(&d).unwrap();
        assert_eq!(
            back["@graph"][0]["name"],
            "</script><script>alert(1)</script>"
        );
    }
}
