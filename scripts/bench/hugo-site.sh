#!/usr/bin/env bash
# Turns a salve corpus (as written by examples/gencorpus) into a Hugo project
# with minimal templates, so scripts/bench.sh can time Hugo on the same
# articles ("with minimal templates for each peer").
#
#   scripts/bench/hugo-site.sh CORPUS OUTDIR
#   hugo --quiet --source OUTDIR --destination OUT
#
# The Hugo site makes the same kinds of pages as salve:
#   - one page per article (a leaf bundle, so its photo is a page resource),
#     with title, date, author, causes and their treatments, tags, related
#     searches, photo and the Markdown body (.Content); a JPEG, PNG or WebP
#     photo is resized with `.Resize` as salve does (the [images] widths
#     below its own, WebP and a JPEG fallback at [images] quality, Lanczos)
#     into a <picture>, an SVG is published as it is;
#   - a home page listing the 10 newest articles;
#   - a page per cause and per treatment listing every article that names it,
#     and an A–Z list of causes (/causes/) and of treatments (/treatments/);
#   - a page per author (name and bio from site.toml) listing their articles;
#   - one RSS feed (home, 20 items, like salve's feed.xml), sitemap.xml,
#     robots.txt and a 404 page: Hugo's defaults.
# Hugo taxonomies need flat string lists, and `causes` is an array of tables,
# so every article is copied with three keys added to its front matter:
# authors = [author], cause_names = [causes.name...], treatment_names =
# [causes.treatments...], declared as taxonomies. Tags are not a taxonomy:
# salve makes no tag pages (it uses tags only to pick related articles).
# Overview pages (articles/causes/*.md, articles/treatments/*.md) become the
# cause/treatment term page's own text when the corpus has any (gencorpus
# writes none). Section pages (/articles/) are disabled: salve has none.
#
# Search: the pages salve indexes carry data-pagefind-body, so that Pagefind's
# CLI run over Hugo's output (the hugo+pagefind peer of scripts/bench.sh)
# indexes the same content: an article's title (as its title, weighted like
# salve's) and body, without the byline, causes list, tags and related
# searches (salve's article template leaves those out of its index too); a
# cause or treatment page's title and text, not its list of articles (which
# are indexed on their own pages). The home page, A–Z lists and author pages
# carry no mark and so are not indexed, as in salve.
#
# The copy is made here, once; only the `hugo` run is meant to be timed.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 CORPUS OUTDIR" >&2; exit 2; }
corpus=$1 out=$2
[ -f "$corpus/site.toml" ] && [ -d "$corpus/articles" ] || { echo "hugo-site: $corpus is not a salve corpus" >&2; exit 2; }
command -v python3 >/dev/null || { echo "hugo-site: needs python3 (3.11+, for tomllib)" >&2; exit 2; }

rm -rf "$out"
mkdir -p "$out/content" "$out/layouts/_default/_markup" "$out/static"
[ -d "$corpus/static" ] && cp -r "$corpus/static/." "$out/static/"

# Content: articles as leaf bundles with the flat taxonomy keys; author terms
# from site.toml; overview pages as term pages' content.
python3 - "$corpus" "$out" <<'PY'
import json, os, shutil, sys, tomllib

corpus, out = sys.argv[1], sys.argv[2]
site = tomllib.load(open(os.path.join(corpus, "site.toml"), "rb"))
arts = os.path.join(corpus, "articles")

def toml_str(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a TOML basic string

def split(text, path):
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        sys.exit(f"hugo-site: {path}: no +++ front matter")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    return "\n".join(lines[1:end]), "\n".join(lines[end + 1:])

def write(path, fm, body):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("+++\n" + fm.rstrip("\n") + "\n+++\n" + body)

def slug(name):  # what Hugo's urlize makes of a term, for overview folders
    keep = "".join(c if c.isalnum() or c in " -_" else "" for c in name.lower())
    return "-".join(keep.split())

n = 0
for dirpath, dirnames, filenames in os.walk(arts):
    dirnames.sort()
    rel = os.path.relpath(dirpath, arts)
    for name in sorted(filenames):
        src = os.path.join(dirpath, name)
        if not name.endswith(".md"):
            continue
        text = open(src, encoding="utf-8").read()
        fm, body = split(text, src)
        meta = tomllib.loads(fm)
        top = rel.split(os.sep)[0]
        if top in ("causes", "treatments"):
            # Overview page: the text of the matching term page.
            taxonomy = "cause_names" if top == "causes" else "treatment_names"
            title = meta.get("title") or meta.get("name") or name[:-3]
            dst = os.path.join(out, "content", taxonomy, slug(title), "_index.md")
            write(dst, f"title = {toml_str(title)}", body)
            continue
        causes = meta.get("causes", [])
        treatments = []
        for c in causes:
            for t in c.get("treatments", []):
                if t not in treatments:
                    treatments.append(t)
        extra = [
            "authors = " + json.dumps([meta["author"]] if "author" in meta else [], ensure_ascii=False),
            "cause_names = " + json.dumps([c["name"] for c in causes], ensure_ascii=False),
            "treatment_names = " + json.dumps(treatments, ensure_ascii=False),
        ]
        stem = name[:-3]
        bundle = os.path.join(out, "content", "articles", rel, stem)
        write(os.path.join(bundle, "index.md"), "\n".join(extra) + "\n" + fm, body)
        photo = meta.get("photo", {}).get("src")
        if photo and os.path.exists(os.path.join(dirpath, photo)):
            # The same bytes as salve reads: a hard link when the file
            # system allows (no second GB of photos), else a copy.
            src_photo = os.path.join(dirpath, photo)
            dst_photo = os.path.join(bundle, os.path.basename(photo))
            try:
                os.link(src_photo, dst_photo)
            except OSError:
                shutil.copyfile(src_photo, dst_photo)
        n += 1

for key, a in site.get("authors", {}).items():
    fm = "\n".join(f"{k} = {toml_str(str(a[v]))}" for k, v in
                   (("title", "name"), ("bio", "bio"), ("credentials", "credentials"), ("photo", "photo")) if v in a)
    write(os.path.join(out, "content", "authors", key, "_index.md"), fm, "")
# salve has no /authors/ index page: don't render Hugo's.
write(os.path.join(out, "content", "authors", "_index.md"), 'title = "Authors"\n[build]\nrender = "never"', "")
write(os.path.join(out, "content", "cause_names", "_index.md"), 'title = "Causes A–Z"', "")
write(os.path.join(out, "content", "treatment_names", "_index.md"), 'title = "Treatments A–Z"', "")

# salve's [images] settings (or its defaults), for the article template.
images = site.get("images", {})
with open(os.path.join(out, "hugo.toml"), "w", encoding="utf-8") as f:
    f.write(f"""baseURL = {toml_str(site.get("base_url", "https://example.org/"))}
title = {toml_str(site.get("title", "Site"))}
languageCode = "en"
buildFuture = true
enableRobotsTXT = true
disableKinds = ["section"]

[params]
description = {toml_str(site.get("description", ""))}
publisher = {toml_str(site.get("publisher", ""))}
imageWidths = {json.dumps(sorted(set(images.get("widths", [480, 800, 1200, 1600]))))}
imageQuality = {int(images.get("quality", 80))}

[taxonomies]
author = "authors"
cause = "cause_names"
treatment = "treatment_names"

[permalinks]
cause_names = "/causes/:slug/"
treatment_names = "/treatments/:slug/"

[outputs]
home = ["HTML", "RSS"]
page = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]

[services.rss]
limit = 20
""")
print(f"hugo-site: {n} articles, {len(site.get('authors', {}))} authors -> {out}", file=sys.stderr)
PY

# The A–Z lists live at /causes/ and /treatments/ like salve's: [permalinks]
# above places the term pages, the `url` key of each _index.md the lists.
sed -i '1a url = "/causes/"' "$out/content/cause_names/_index.md"
sed -i '1a url = "/treatments/"' "$out/content/treatment_names/_index.md"

L=$out/layouts
cat >"$L/_default/baseof.html" <<'EOF'
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}" title="{{ site.Title }}">{{ end }}
</head>
<body>
<header><a href="/">{{ site.Title }}</a>
<nav><a href="/causes/">Causes A–Z</a> <a href="/treatments/">Treatments A–Z</a></nav></header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>{{ site.Params.publisher }}</footer>
</body>
</html>
EOF

cat >"$L/_default/single.html" <<'EOF'
{{ define "main" }}
<article data-pagefind-body>
<h1 data-pagefind-meta="title" data-pagefind-weight="10">{{ .Title }}</h1>
<p class="meta" data-pagefind-ignore>
{{ range .GetTerms "authors" }}By <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
· <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ with .Params.photo }}{{ with $.Resources.GetMatch .src }}{{ partial "photo.html" (dict "img" . "alt" $.Params.photo.alt) }}{{ end }}
<small>{{ .credit }}</small>{{ end }}
<aside data-pagefind-ignore><h2>Causes</h2><ul>
{{ range .Params.causes }}<li><a href="{{ printf "/causes/%s/" (urlize .name) }}">{{ .name }}</a>
{{ with .treatments }}<ul>{{ range . }}<li><a href="{{ printf "/treatments/%s/" (urlize .) }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}</li>
{{ end }}</ul></aside>
{{ .Content }}
{{ with .Params.tags }}<p data-pagefind-ignore>Tags: {{ delimit . ", " }}</p>{{ end }}
{{ with .Params.related_searches }}<p data-pagefind-ignore>Related searches: {{ delimit . ", " }}</p>{{ end }}
</article>
{{ end }}
EOF

# The article photo as salve makes it: a raster photo resized (Lanczos) to
# every width of [images] below its own (and its own when it is no wider
# than the widest), as WebP and as a JPEG fallback (PNG for a PNG) at
# [images] quality, in a <picture> with srcset, sizes, width and height.
# An SVG is published as it is.
mkdir -p "$L/partials"
cat >"$L/partials/photo.html" <<'EOF'
{{- $img := .img -}}
{{- if in (slice "jpeg" "png" "webp") $img.MediaType.SubType -}}
{{- $ws := slice -}}
{{- range site.Params.imageWidths }}{{ if lt . $img.Width }}{{ $ws = $ws | append . }}{{ end }}{{ end -}}
{{- if le $img.Width (index (last 1 site.Params.imageWidths) 0) }}{{ $ws = $ws | append $img.Width }}{{ end -}}
{{- $q := site.Params.imageQuality -}}
{{- $fb := cond (eq $img.MediaType.SubType "png") "png" "jpg" -}}
{{- $webp := slice }}{{ $jpeg := slice }}{{ $src := "" -}}
{{- range $ws -}}
{{- $webp = $webp | append (printf "%s %dw" ($img.Resize (printf "%dx webp q%d Lanczos" . $q)).RelPermalink .) -}}
{{- $f := $img.Resize (printf "%dx %s q%d Lanczos" . $fb $q) -}}
{{- $jpeg = $jpeg | append (printf "%s %dw" $f.RelPermalink .) }}{{ $src = $f.RelPermalink -}}
{{- end -}}
<picture><source type="image/webp" srcset="{{ delimit $webp ", " }}" sizes="(min-width: 48rem) 48rem, 100vw">
<img src="{{ $src }}" srcset="{{ delimit $jpeg ", " }}" sizes="(min-width: 48rem) 48rem, 100vw" width="{{ $img.Width }}" height="{{ $img.Height }}" alt="{{ .alt }}" fetchpriority="high"></picture>
{{- else -}}
<img src="{{ $img.RelPermalink }}" alt="{{ .alt }}">
{{- end -}}
EOF

cat >"$L/index.html" <<'EOF'
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<p>{{ site.Params.description }}</p>
<h2>Newest articles</h2>
<ul>
{{ range first 10 (where site.RegularPages "Section" "articles").ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}
</ul>
{{ end }}
EOF

# A–Z list of causes or treatments (kind "taxonomy"), and a cause,
# treatment or author page (kind "term"): every article naming it, newest
# first. One template for both, written under both names, branching on
# .Kind: Hugo 0.146 and later render term pages with _default/taxonomy.html
# when it exists (the name meant a term page before 0.73), while 0.111 picks
# _default/term.html.
cat >"$L/_default/taxonomy.html" <<'EOF'
{{ define "main" }}
{{ if eq .Kind "taxonomy" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}
</ul>
{{ else }}
<div{{ if ne .Data.Plural "authors" }} data-pagefind-body{{ end }}>
<h1 data-pagefind-meta="title" data-pagefind-weight="10">{{ .Title }}</h1>
{{ with .Params.credentials }}<p>{{ . }}</p>{{ end }}
{{ with .Params.bio }}<p>{{ . }}</p>{{ end }}
{{ .Content }}
<ul data-pagefind-ignore>
{{ range .Pages.ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> — {{ .Description }}</li>
{{ end }}
</ul>
</div>
{{ end }}
{{ end }}
EOF
cp "$L/_default/taxonomy.html" "$L/_default/term.html"

cat >"$L/404.html" <<'EOF'
{{ define "main" }}<h1>Page not found</h1><p><a href="/">Home</a></p>{{ end }}
EOF

# Body links to other articles are written as ../topic-NN/article-NNNNNN.md;
# each article is a bundle one level deeper, so point them at ../../…/.
cat >"$L/_default/_markup/render-link.html" <<'EOF'
{{- $u := .Destination -}}
{{- if strings.HasSuffix $u ".md" }}{{ $u = printf "../%s/" (strings.TrimSuffix ".md" $u) }}{{ end -}}
<a href="{{ $u }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
EOF
# A render hook's trailing newline would end up in the paragraph.
truncate -s -1 "$L/_default/_markup/render-link.html"
