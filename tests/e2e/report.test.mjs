// `salve report`'s dashboard of the bundled site, at a phone width and a
// desktop width: axe (WCAG 2.2 AA), console and network, the sort and
// filter script at work, a full-page screenshot in
// target/e2e/report-<width>.png, and the Nu validator on the page.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { OUT_DIR, REPO } from "./lib/site.mjs";
import { serve } from "./lib/server.mjs";
import { launch, monitoredPage, problems } from "./lib/browser.mjs";
import { axeViolations, settle } from "./lib/checks.mjs";
import { vnu } from "./lib/vnu.mjs";

const REPORT_DIR = path.join(OUT_DIR, "report");
const WIDTHS = [375, 1280];

/**
 * `cargo run -- report --output target/e2e/report` from the repository root
 * (the bundled site), release unless SALVE_E2E_PROFILE=dev, as the site's
 * build is made.
 */
function writeReport() {
  const release = (process.env.SALVE_E2E_PROFILE ?? "release") === "dev" ? [] : ["--release"];
  const args = ["run", ...release, "--quiet", "--", "report", "--output", path.relative(REPO, REPORT_DIR)];
  const r = spawnSync("cargo", args, { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`cargo ${args.join(" ")} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

let site;
let browser;

before(async () => {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  writeReport();
  site = await serve(REPORT_DIR);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

it("the dashboard is valid HTML (Nu validator, errors only)", async () => {
  const errors = (await vnu([path.join(REPORT_DIR, "index.html")]))
    .filter((m) => m.type === "error" || m.type === "non-document-error")
    .map((m) => `${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"}: ${m.message}`);
  assert.deepEqual(errors, [], `report/index.html:\n  ${errors.join("\n  ")}`);
});

for (const width of WIDTHS) {
  describe(`the dashboard at ${width}px`, () => {
    let page, context, log;

    before(async () => {
      ({ page, context, log } = await monitoredPage(browser, { width }));
      const response = await page.goto(site.url + "/");
      assert.equal(response.status(), 200);
      await page.waitForLoadState("load");
      // The script shows the filters once it has wired them.
      await page.locator("#filters").waitFor({ state: "visible" });
    });

    after(async () => {
      await context?.close();
    });

    it("screenshot", async () => {
      const file = path.join(OUT_DIR, `report-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(fs.statSync(file).size > 0);
    });

    it("no axe violations (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa)", async () => {
      const found = await axeViolations(page);
      assert.deepEqual(found, [], `axe on the report at ${width}px:\n  ${found.join("\n  ")}`);
    });

    it("a status filter hides the other rows; a column header sorts", async () => {
      const rows = page.locator("#article-table tbody tr");
      const all = await rows.count();
      assert.ok(all >= 5, `only ${all} articles`);
      await page.selectOption("#filter-status", "fine");
      const shown = page.locator("#article-table tbody tr:not([hidden])");
      const fine = await shown.count();
      assert.ok(fine < all);
      for (const status of await shown.evaluateAll((trs) => trs.map((tr) => tr.dataset.status))) {
        assert.equal(status, "fine");
      }
      assert.equal((await page.locator("#shown").textContent()).trim(), `Showing ${fine} of ${all} articles`);
      await page.selectOption("#filter-status", "");
      const words = page.locator("#article-table thead th", { hasText: "Words" });
      await words.locator("button").click();
      assert.equal(await words.getAttribute("aria-sort"), "ascending");
      const counts = await page.locator("#article-table tbody tr td:nth-of-type(7)").allTextContents();
      const numbers = counts.map((t) => Number(t.trim()));
      assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b));
      await settle(page);
    });

    it("no console errors or failed requests", () => {
      assert.deepEqual(problems(log), []);
    });
  });
}
