//! The built-in theme: the templates and static files every site gets unless
//! it has its own at the same path. The bundled site's `templates/` and
//! `static/` folders hold the same files, so they double as their source.

/// The built-in templates, compiled into the binary. The bundled site's
/// `templates/` folder holds the same files, so it doubles as their source.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("causes.html", include_str!("../templates/causes.html")),
    ("cause.html", include_str!("../templates/cause.html")),
    (
        "treatments.html",
        include_str!("../templates/treatments.html"),
    ),
    (
        "treatment.html",
        include_str!("../templates/treatment.html"),
    ),
    ("author.html", include_str!("../templates/author.html")),
    ("404.html", include_str!("../templates/404.html")),
    (
        "calorie-goal.html",
        include_str!("../templates/calorie-goal.html"),
    ),
    (
        "calorie-goal-form.html",
        include_str!("../templates/calorie-goal-form.html"),
    ),
    ("search.html", include_str!("../templates/search.html")),
    ("articles.html", include_str!("../templates/articles.html")),
    ("section.html", include_str!("../templates/section.html")),
    ("tags.html", include_str!("../templates/tags.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    (
        "partials/section-list.html",
        include_str!("../templates/partials/section-list.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../templates/partials/pagination.html"),
    ),
    (
        "partials/breadcrumbs.html",
        include_str!("../templates/partials/breadcrumbs.html"),
    ),
    ("page.html", include_str!("../templates/page.html")),
    (
        "reviewers.html",
        include_str!("../templates/reviewers.html"),
    ),
    (
        "partials/head-extra.html",
        include_str!("../templates/partials/head-extra.html"),
    ),
    (
        "partials/body-end.html",
        include_str!("../templates/partials/body-end.html"),
    ),
    ("redirect.html", include_str!("../templates/redirect.html")),
    (
        "partials/letters.html",
        include_str!("../templates/partials/letters.html"),
    ),
    (
        "partials/calculator.html",
        include_str!("../templates/partials/calculator.html"),
    ),
    (
        "partials/calculator-form.html",
        include_str!("../templates/partials/calculator-form.html"),
    ),
    (
        "partials/calculator-card.html",
        include_str!("../templates/partials/calculator-card.html"),
    ),
    (
        "partials/summary.html",
        include_str!("../templates/partials/summary.html"),
    ),
    (
        "partials/callout.html",
        include_str!("../templates/partials/callout.html"),
    ),
    (
        "partials/author-box.html",
        include_str!("../templates/partials/author-box.html"),
    ),
];

/// Files every site gets unless its `static/` has its own at the same path:
/// the stylesheet and icon the default templates link to.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("css/salve.css", include_bytes!("../static/css/salve.css")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    (
        "js/calorie-goal.js",
        include_bytes!("../static/js/calorie-goal.js"),
    ),
    ("js/search.js", include_bytes!("../static/js/search.js")),
];

/// The built-in static files no copied file replaces (the site's
/// `static/` may have its own `css/salve.css`).
pub fn static_files_not_in(copies: &[crate::link::FileCopy]) -> Vec<crate::output::OutputFile> {
    DEFAULT_STATIC
        .iter()
        .filter(|(path, _)| !copies.iter().any(|c| c.to == *path))
        .map(|(path, bytes)| crate::output::OutputFile {
            path: (*path).to_owned(),
            bytes: bytes.to_vec(),
        })
        .collect()
}
