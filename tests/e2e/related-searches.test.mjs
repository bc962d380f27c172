// Issue 4, "Done when": every related search on every bundled article returns
// at least one result. The links are read from the built article pages and
// opened in the browser, which queries the real pagefind index.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { startSite, SITE_DIR, walk } from "./lib/site.mjs";
import { launch, monitoredPage, problems, searchStatus, resultCount } from "./lib/browser.mjs";

let site;
let browser;
/** [{article: "/articles/…/", phrase, href}] */
const links = [];

before(async () => {
  site = await startSite();
  browser = await launch();
  // Article pages only: not section lists, nor an alias's redirect page.
  const articles = walk(SITE_DIR, (rel) => /^articles\/.+\/index\.html$/.test(rel)).filter((rel) =>
    fs.readFileSync(path.join(SITE_DIR, rel), "utf8").includes('"@type":"MedicalWebPage"'),
  );
  assert.ok(articles.length > 0, `no articles/**/index.html in ${SITE_DIR}`);
  const { page, context } = await monitoredPage(browser);
  for (const rel of articles) {
    const article = "/" + rel.replace(/index\.html$/, "");
    await page.goto(site.url + article);
    for (const a of await page.locator(".related-searches a").all()) {
      links.push({ article, phrase: (await a.textContent()).trim(), href: await a.getAttribute("href") });
    }
  }
  await context.close();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

describe("related searches", () => {
  it("every bundled article has related searches, each a /search/?q= link", () => {
    assert.ok(links.length > 0, "no .related-searches links found");
    for (const { article, phrase, href } of links) {
      const url = new URL(href, site.url);
      assert.equal(url.pathname, "/search/", `${article}: ${href}`);
      assert.equal(url.searchParams.get("q"), phrase, `${article}: the link text is the query`);
    }
  });

  it("every related search returns at least one result", async () => {
    const { page, context, log } = await monitoredPage(browser);
    const empty = [];
    const seen = new Map();
    for (const { article, phrase, href } of links) {
      if (!seen.has(href)) {
        await page.goto(new URL(href, site.url).href);
        const status = await searchStatus(page);
        const shown = await page.locator("#search-results > li").count();
        seen.set(href, { status, n: resultCount(status), shown });
      }
      const { status, n, shown } = seen.get(href);
      if (!(n >= 1 && shown >= 1)) empty.push(`${article}: “${phrase}” → ${status}`);
    }
    const found = problems(log);
    await context.close();
    console.log(`# ${links.length} related-search links, ${seen.size} distinct phrases`);
    assert.deepEqual(empty, [], `related searches without results:\n  ${empty.join("\n  ")}`);
    assert.deepEqual(found, [], found.join("\n"));
  });
});
