// Search for salve sites: queries the pagefind index in the reader's
// browser and lists ranked results as the reader types. `?q=` in the address
// fills the box on load, so "related searches" links show results at once.
// Its words are the page's: the `[search_script]` strings table, as the
// data- attributes of `[data-search-strings]`, with numbers in the format of
// the page's language.

const form = document.querySelector("form.search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const MAX_RESULTS = 20;

const strings = { ...document.querySelector("[data-search-strings]")?.dataset };
let numbers;
try {
  numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
} catch {
  numbers = new Intl.NumberFormat();
}

// The string at `key` with its `{name}` holes filled from `values`, in one
// pass so a query with braces in it stays as typed. A key the page lacks
// shows as itself.
function text(key, values = {}) {
  const template = Object.hasOwn(strings, key) ? strings[key] : key;
  return template.replace(/\{(\w+)\}/g, (hole, name) => (Object.hasOwn(values, name) ? String(values[name]) : hole));
}

// The badge of each kind of page (the values of the pages' `kind` filter).
const KIND_KEYS = { Article: "kind_article", Cause: "kind_cause", Treatment: "kind_treatment", Page: "kind_page" };

// Copies pagefind's excerpt (text with <mark> around matches) into `target`
// keeping only text and <mark>: nothing else from the index reaches the page.
function appendExcerpt(target, html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      target.append(node.textContent);
    } else if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      target.append(mark);
    } else {
      target.append(node.textContent);
    }
  }
}

function resultItem(data) {
  const li = document.createElement("li");
  li.className = "search-result";
  const kind = data.filters?.kind?.[0] ?? "Page";
  const badge = document.createElement("span");
  badge.className = "search-kind";
  badge.textContent = Object.hasOwn(KIND_KEYS, kind) ? text(KIND_KEYS[kind]) : kind;
  const heading = document.createElement("h2");
  heading.className = "search-result-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta?.title ?? data.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  appendExcerpt(excerpt, data.excerpt ?? "");
  li.append(badge, heading, excerpt);
  // The section that matched best, when it is not the top of the page.
  const section = (data.sub_results ?? []).find((s) => s.url.includes("#"));
  if (section) {
    const p = document.createElement("p");
    p.className = "search-section";
    const a = document.createElement("a");
    a.href = section.url;
    a.textContent = text("go_to_section", { section: section.title });
    p.append(a);
    li.append(p);
  }
  return li;
}

function selectedKinds() {
  return [...form.querySelectorAll('input[name="kind"]:checked')].map((c) => c.value);
}

let pagefind;
async function load() {
  if (!pagefind) {
    pagefind = await import(form.dataset.pagefind);
    await pagefind.options({ excerptLength: 24 });
    // A large site's index is built in shards, one per core; the first is
    // the one imported above and the others are merged into it.
    const shards = await fetch(new URL("salve-shards.json", new URL(form.dataset.pagefind, location.href)))
      .then((r) => (r.ok ? r.json() : []))
      .catch(() => []);
    for (const shard of shards) await pagefind.mergeIndex(shard);
  }
  return pagefind;
}

let latest = 0;
async function run(query, { updateAddress = true } = {}) {
  const ticket = ++latest;
  const q = query.trim();
  if (updateAddress) {
    const url = new URL(window.location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  }
  if (!q) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  const kinds = selectedKinds();
  if (kinds.length === 0) {
    list.replaceChildren();
    status.textContent = text("no_kinds");
    return;
  }
  let search;
  try {
    const pf = await load();
    // Every kind ticked is no filter at all, so pages of a kind without a
    // box still show.
    const all = form.querySelectorAll('input[name="kind"]').length;
    search = await pf.search(q, kinds.length < all ? { filters: { kind: { any: kinds } } } : {});
  } catch (err) {
    status.textContent = text("failed");
    console.warn("search failed to load", err);
    return;
  }
  const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (ticket !== latest) return; // A newer query has started.
  list.replaceChildren(...results.map(resultItem));
  const n = search.results.length;
  const values = { query: q, count: numbers.format(n), shown: numbers.format(MAX_RESULTS) };
  status.textContent = text(
    n === 0 ? "no_results" : n === 1 ? "one_result" : n > MAX_RESULTS ? "results_shown" : "results",
    values,
  );
}

if (form && input && status && list) {
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 200);
  });
  form.addEventListener("change", (event) => {
    if (event.target.name === "kind") run(input.value);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(input.value);
  });
  const initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial, { updateAddress: false });
  }
}
