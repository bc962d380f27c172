// One page of every kind, at a phone width and a desktop width: axe (WCAG 2.2
// AA), console and network, keyboard (skip link, visible focus) and a
// full-page screenshot in target/e2e/<kind>-<width>.png.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { startSite, OUT_DIR } from "./lib/site.mjs";
import { launch, monitoredPage, problems } from "./lib/browser.mjs";
import { axeViolations, ready, focusState, settle } from "./lib/checks.mjs";

export const PAGES = [
  { kind: "home", path: "/" },
  { kind: "article", path: "/articles/legs/leg-aches-after-exercise/" },
  { kind: "causes", path: "/causes/" },
  { kind: "cause", path: "/causes/dehydration/" },
  { kind: "treatments", path: "/treatments/" },
  { kind: "treatment", path: "/treatments/rest/" },
  { kind: "author", path: "/authors/dr-ana-ruiz/" },
  { kind: "articles", path: "/articles/" },
  { kind: "articles-page-2", path: "/articles/page/2/" },
  { kind: "section", path: "/articles/legs/" },
  { kind: "tags", path: "/tags/" },
  { kind: "tag", path: "/tags/running/" },
  { kind: "search", path: "/search/" },
  { kind: "search-query", path: "/search/?q=shin" },
  { kind: "calculator", path: "/tools/calorie-goal/" },
  { kind: "reviewers", path: "/reviewers/" },
  { kind: "page", path: "/about/" },
  { kind: "page-policy", path: "/editorial-policy/" },
  { kind: "404", path: "/no-such-page/", status: 404 },
  // The same kinds in Spanish, the bundled site's second language.
  { kind: "es-home", path: "/es/" },
  { kind: "es-article", path: "/es/articles/legs/shin-splints/" },
  { kind: "es-causes", path: "/es/causes/" },
  { kind: "es-cause", path: "/es/causes/uso-excesivo/" },
  { kind: "es-treatment", path: "/es/treatments/reposo/" },
  { kind: "es-section", path: "/es/articles/legs/" },
  { kind: "es-search-query", path: "/es/search/?q=calambres" },
  { kind: "es-calculator", path: "/es/tools/calorie-goal/" },
  { kind: "es-page", path: "/es/about/" },
];
const WIDTHS = [375, 1280];
/** How many Tab stops from the top of the page are checked for a visible focus ring. */
const TAB_STOPS = Number(process.env.SALVE_E2E_TAB_STOPS || 25);

let site;
let browser;

before(async () => {
  site = await startSite();
  browser = await launch();
  fs.mkdirSync(OUT_DIR, { recursive: true });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

for (const { kind, path: urlPath, status = 200 } of PAGES) {
  for (const width of WIDTHS) {
    describe(`${kind} ${urlPath} at ${width}px`, () => {
      let page, context, log, url;

      before(async () => {
        ({ page, context, log } = await monitoredPage(browser, { width }));
        url = site.url + urlPath;
        const response = await page.goto(url);
        assert.equal(response.status(), status, `${url} answered ${response.status()}`);
        await ready(page);
      });

      after(async () => {
        await context?.close();
      });

      it("screenshot", async () => {
        const file = path.join(OUT_DIR, `${kind}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(fs.statSync(file).size > 0);
      });

      it("no axe violations (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa)", async () => {
        const found = await axeViolations(page);
        assert.deepEqual(found, [], `axe on ${urlPath} at ${width}px:\n  ${found.join("\n  ")}`);
      });

      it(`focus is visible on the first ${TAB_STOPS} Tab stops`, async () => {
        const seen = [];
        const bad = [];
        for (let i = 0; i < TAB_STOPS; i++) {
          await page.keyboard.press("Tab");
          const f = await focusState(page);
          if (!f) break; // back to the page itself: fewer stops than TAB_STOPS
          if (i > 0 && f.element === seen[0]) break; // wrapped around
          seen.push(f.element);
          if (!f.visible || !f.ring) {
            bad.push(`stop ${i + 1}: ${f.element}${f.via ? ` (via ${f.via})` : ""}: ${!f.visible ? "not visible" : "no outline or box-shadow"}`);
          }
        }
        assert.ok(seen.length > 0, "Tab focused nothing");
        assert.deepEqual(bad, [], `focus not visible on ${urlPath} at ${width}px:\n  ${bad.join("\n  ")}`);
      });

      it("Tab first focuses the skip link; Enter moves focus to <main id=main>", async () => {
        // Start again from the top of a fresh page.
        await page.goto(url);
        await ready(page);
        await page.keyboard.press("Tab");
        await settle(page);
        const first = await page.evaluate(() => {
          const el = document.activeElement;
          const r = el.getBoundingClientRect();
          return {
            skip: el.matches("a.skip-link[href='#main']"),
            html: el.outerHTML.slice(0, 120),
            onScreen: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && r.width > 1,
          };
        });
        assert.ok(first.skip, `first Tab focused ${first.html}`);
        assert.ok(first.onScreen, "the focused skip link is not on screen");
        await page.keyboard.press("Enter");
        await page.waitForFunction(() => document.activeElement?.id === "main");
        const where = await page.evaluate(() => ({
          tag: document.activeElement.tagName,
          hash: location.hash,
          mains: document.querySelectorAll("main#main").length,
        }));
        assert.deepEqual(where, { tag: "MAIN", hash: "#main", mains: 1 });
        // The next Tab goes on from the main content, not back to the header.
        await page.keyboard.press("Tab");
        const inMain = await page.evaluate(() => document.getElementById("main").contains(document.activeElement));
        assert.ok(inMain, "Tab after the skip link left <main>");
      });

      it("no console errors, failed requests, HTTP errors or other hosts", async () => {
        const found = problems(log, { expected404: status === 404 ? url : undefined });
        assert.deepEqual(found, [], `${urlPath} at ${width}px:\n  ${found.join("\n  ")}`);
      });
    });
  }
}
