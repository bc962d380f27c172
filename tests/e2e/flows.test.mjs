// What a reader does: search and open a result, follow a related search,
// use the calorie calculator (on its page and in an article's card, with
// and without JavaScript), go from an article to a cause and back.
import { describe, it, before, after, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startSite, OUT_DIR } from "./lib/site.mjs";
import { launch, monitoredPage, problems, searchStatus, resultCount } from "./lib/browser.mjs";
import { ready } from "./lib/checks.mjs";

const ARTICLE = "/articles/legs/leg-aches-after-exercise/";

let site;
let browser;
let page, context, log;

before(async () => {
  site = await startSite();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

describe("flows", () => {
  beforeEach(async () => {
    ({ page, context, log } = await monitoredPage(browser, { width: 1280 }));
  });

  afterEach(async () => {
    const found = problems(log);
    await context.close();
    assert.deepEqual(found, [], found.join("\n"));
  });

  it("search: type a query, follow the first result to its article", async () => {
    await page.goto(`${site.url}/search/`);
    await ready(page);
    const query = "shin splints";
    await page.getByLabel("Search articles, causes and treatments").pressSequentially(query);
    // Typing runs a search per pause; wait for the one for the whole query.
    await page.waitForFunction(
      (q) => document.getElementById("search-status").textContent.includes(`“${q}”`),
      query,
    );
    const status = await searchStatus(page);
    assert.ok(resultCount(status) >= 1, `status: ${status}`);
    assert.equal(new URL(page.url()).searchParams.get("q"), query, "the address keeps the query");
    const first = page.locator("#search-results > li").first().locator(".search-result-title a");
    const title = (await first.textContent()).trim();
    assert.equal(title, "Shin splints: why your shins hurt and how to heal them");
    await Promise.all([page.waitForURL(/\/articles\/legs\/shin-splints\/$/), first.click()]);
    assert.equal((await page.locator("h1").textContent()).trim(), title);
  });

  it("search: Enter in the box runs the query (no page reload)", async () => {
    await page.goto(`${site.url}/search/`);
    await ready(page);
    const input = page.locator("#search-input");
    // Set the value without an input event, so only Enter starts the search.
    await input.evaluate((el) => { el.value = "calf"; });
    await input.press("Enter");
    const status = await searchStatus(page);
    assert.ok(resultCount(status) >= 1, `status: ${status}`);
    assert.equal(new URL(page.url()).pathname, "/search/", "the form did not navigate away");
  });

  it("search in Spanish: the Spanish search page finds Spanish pages only", async () => {
    await page.goto(`${site.url}/es/search/`);
    await ready(page);
    const input = page.locator("#search-input");
    await input.evaluate((el) => { el.value = "calambres"; });
    await input.press("Enter");
    await searchStatus(page);
    const hrefs = await page
      .locator("#search-results > li .search-result-title a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    assert.ok(hrefs.length >= 1, "no Spanish results for “calambres”");
    for (const href of hrefs) assert.match(href, /^\/es\//, `${href} is not a Spanish page`);
    // Each language has its own index: the English page does not find Spanish words.
    await page.goto(`${site.url}/search/?q=calambres`);
    await searchStatus(page);
    assert.equal(await page.locator("#search-results > li").count(), 0);
  });

  it("related searches: a link from an article shows results", async () => {
    await page.goto(site.url + ARTICLE);
    await ready(page);
    const link = page.locator(".related-searches a").first();
    const phrase = (await link.textContent()).trim();
    await Promise.all([page.waitForURL(/\/search\/\?q=/), link.click()]);
    const status = await searchStatus(page);
    assert.ok(resultCount(status) >= 1, `“${phrase}”: ${status}`);
    assert.equal(await page.locator("#search-input").inputValue(), phrase);
    assert.ok((await page.locator("#search-results > li").count()) >= 1);
    await page.screenshot({ path: path.join(OUT_DIR, "flow-related-search.png") });
  });

  it("calculator: woman, 30, 165 cm, 70 kg, sedentary, maintain → 1,704 kcal", async () => {
    await page.goto(`${site.url}/tools/calorie-goal/`);
    await ready(page);
    const form = page.locator("form.calorie-goal");
    await form.getByLabel("Goal").selectOption("0");
    await form.getByLabel("Female").check();
    await form.getByLabel("cm", { exact: true }).check();
    await form.getByLabel("Centimetres").fill("165");
    await form.getByLabel("kg", { exact: true }).check();
    await form.getByLabel("Kilograms").fill("70");
    await form.getByLabel("Age").fill("30");
    await form.getByLabel("Sedentary").check();
    await form.getByRole("button", { name: "Calculate" }).click();
    const target = form.locator(".calc-result-target");
    await target.waitFor();
    assert.equal((await target.textContent()).trim(), "1,704 kcal a day");
    const result = await form.locator("[data-cg-result]").textContent();
    assert.match(result, /maintain your weight/);
    assert.match(result, /Mifflin–St Jeor/);
    assert.equal(await form.locator('[aria-invalid="true"]').count(), 0, "no field is marked invalid");
    await page.locator(".calculator").screenshot({ path: path.join(OUT_DIR, "flow-calculator-result.png") });
  });

  it("calculator in Spanish: the same sums, in Spanish words and number format", async () => {
    await page.goto(`${site.url}/es/tools/calorie-goal/`);
    await ready(page);
    const form = page.locator("form.calorie-goal");
    await form.getByLabel("Objetivo").selectOption("0");
    await form.getByLabel("Mujer").check();
    await form.getByLabel("cm", { exact: true }).check();
    await form.getByLabel("Centímetros").fill("165");
    await form.getByLabel("kg", { exact: true }).check();
    await form.getByLabel("Kilogramos").fill("70");
    await form.getByLabel(/^Edad/).fill("30");
    await form.getByLabel(/^Sedentario/).check();
    await form.getByRole("button", { name: "Calcular" }).click();
    const target = form.locator(".calc-result-target");
    await target.waitFor();
    // 1704 in Spanish: no thousands separator below 10 000.
    assert.equal((await target.textContent()).trim(), "1704 kcal al día");
    assert.equal(await form.locator('[aria-invalid="true"]').count(), 0, "no field is marked invalid");
  });

  it("calculator: a missing field is reported, not calculated", async () => {
    await page.goto(`${site.url}/tools/calorie-goal/`);
    await ready(page);
    const form = page.locator("form.calorie-goal");
    await form.getByRole("button", { name: "Calculate" }).click();
    await page.waitForFunction(() => document.getElementById("cg-status").textContent !== "");
    assert.match(await page.locator("#cg-status").textContent(), /There are \d+ problems/);
    assert.equal(await form.locator(".calc-result-target").count(), 0);
    // Focus goes to the first field at fault.
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-invalid")), "true");
  });

  it("calculator in an article: the card loads the one shared form and calculates", async () => {
    // The article's own HTML has a card, not the form.
    const html = await (await fetch(site.url + ARTICLE)).text();
    assert.match(html, /data-cg-card/);
    assert.doesNotMatch(html, /<form class="calorie-goal"/);
    const fetched = [];
    page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(site.url + ARTICLE);
    await ready(page);
    const card = page.locator(".calc-card");
    assert.equal(await card.getAttribute("data-cg-state"), "loaded");
    assert.equal(fetched.filter((p) => p === "/tools/calorie-goal/form.html").length, 1);
    // The heading stays the card's; the form comes with its warning, and the
    // link to the calculator page stays under it.
    assert.equal(await card.locator("h2").count(), 1);
    assert.match(await card.locator(".calc-intro").textContent(), /For adults aged 18 and over/);
    assert.equal(await card.locator("[data-cg-placeholder]").count(), 0);
    assert.equal(await card.locator('a[href="/tools/calorie-goal/"]').count(), 1);
    const form = card.locator("form.calorie-goal");
    await form.getByLabel("Female").check();
    await form.getByLabel("cm", { exact: true }).check();
    await form.getByLabel("Centimetres").fill("165");
    await form.getByLabel("kg", { exact: true }).check();
    await form.getByLabel("Kilograms").fill("70");
    await form.getByLabel("Age").fill("30");
    await form.getByLabel("Sedentary").check();
    await form.getByRole("button", { name: "Calculate" }).click();
    const target = form.locator(".calc-result-target");
    await target.waitFor();
    assert.equal((await target.textContent()).trim(), "1,704 kcal a day");
    await card.screenshot({ path: path.join(OUT_DIR, "flow-calculator-card.png") });
  });

  it("calculator in an article without JavaScript: the card's link opens the calculator page", async () => {
    const noScript = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await plain.goto(site.url + ARTICLE);
      const card = plain.locator(".calc-card");
      assert.equal(await card.locator("form").count(), 0);
      assert.match(await card.locator("[data-cg-placeholder]").textContent(), /calories a day/);
      const link = card.getByRole("link", { name: "Open the calorie calculator on its own page" });
      await Promise.all([plain.waitForURL(/\/tools\/calorie-goal\/$/), link.click()]);
      assert.equal((await plain.locator("h1").textContent()).trim(), "Calorie-goal calculator");
    } finally {
      await noScript.close();
    }
  });

  it("causes: article → “More on …” → cause page → “Read the section” → the section", async () => {
    await page.goto(site.url + ARTICLE);
    await ready(page);
    const more = page.locator(".glance a", { hasText: "More on dehydration" });
    await Promise.all([page.waitForURL(/\/causes\/dehydration\/$/), more.click()]);
    assert.equal((await page.locator("h1").textContent()).trim(), "Dehydration");

    const back = page.locator(`.mention a[href^="${ARTICLE}#"]`);
    assert.equal(await back.count(), 1, "one link back to the section of this article");
    const href = await back.getAttribute("href");
    await Promise.all([page.waitForURL((u) => u.pathname === ARTICLE && u.hash !== ""), back.click()]);
    const url = new URL(page.url());
    assert.equal(url.hash, new URL(href, site.url).hash);
    assert.equal(url.hash, "#dehydration");
    const id = decodeURIComponent(url.hash.slice(1));
    const section = await page.evaluate((id) => {
      const el = document.getElementById(id);
      return el && { tag: el.tagName, text: el.textContent.replace(/#$/, "").trim(), target: el.matches(":target") };
    }, id);
    assert.ok(section, `no element with id="${id}" on ${ARTICLE}`);
    assert.equal(section.tag, "H2");
    assert.match(section.text, /^Dehydration/);
    assert.ok(section.target, "the heading is the :target");
    // The page scrolls to the section (smoothly, so wait for it).
    await page.waitForFunction((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }, id);
  });
});
