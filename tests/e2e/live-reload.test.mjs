// `salve serve` in a real browser: a save reloads the open page, a broken
// save shows its error over the last good page, and the next good save
// clears it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO, OUT_DIR } from "./lib/site.mjs";
import { launch, monitoredPage, problems } from "./lib/browser.mjs";

const ARTICLE = "articles/legs/shin-splints.md";
const PAGE = "/articles/legs/shin-splints/";

let tmp;
let server;
let url;
let browser;

/** The salve binary of the profile the suite runs with, built if missing. */
function salveBinary() {
  const dev = (process.env.SALVE_E2E_PROFILE ?? "release") === "dev";
  const bin = path.join(REPO, "target", dev ? "debug" : "release", "salve");
  if (!fs.existsSync(bin)) {
    const r = spawnSync("cargo", ["build", "--quiet", ...(dev ? [] : ["--release"])], { cwd: REPO, stdio: "inherit" });
    if (r.status !== 0) throw new Error("cargo build failed");
  }
  return bin;
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salve-live-"));
  for (const part of ["site.toml", "articles", "pages", "templates", "static"]) {
    fs.cpSync(path.join(REPO, part), path.join(tmp, part), { recursive: true });
  }
  server = spawn(salveBinary(), ["serve", "--port", "0", "--no-search"], {
    cwd: tmp,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  url = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/Serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve(m[1]);
    });
    server.on("exit", (code) => reject(new Error(`salve serve exited with ${code}: ${out}`)));
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill("SIGINT");
  fs.rmSync(tmp, { recursive: true, force: true });
});

function edit(from, to) {
  const file = path.join(tmp, ARTICLE);
  const text = fs.readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${ARTICLE} has no ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

test("saves reload the page; a broken save shows its error over the last good page", async () => {
  const { page, context, log } = await monitoredPage(browser, { width: 1280 });
  // The reload channel is open before the first save.
  const listening = page.waitForResponse((r) => r.url().endsWith("/__salve/events"));
  await page.goto(`${url}${PAGE}`);
  await listening;
  const heading = page.locator("h1");
  const original = (await heading.textContent()).trim();

  edit('title = "', 'title = "Live: ');
  await page.waitForFunction((t) => document.querySelector("h1").textContent.trim() === t, `Live: ${original}`, { timeout: 5000 });

  edit('title = "Live: ', 'title = "Live" broken "');
  const overlay = page.getByRole("alert").filter({ hasText: "did not build" });
  await overlay.waitFor({ timeout: 5000 });
  const text = await overlay.textContent();
  assert.match(text, /articles\/legs\/shin-splints\.md:2:16/, text);
  assert.match(text, /help: /, text);
  // Readable: light text on the overlay's dark ground, whatever the site's pre styles.
  const colours = await page.locator("#salve-build-error pre").evaluate((el) => {
    const s = getComputedStyle(el);
    return [s.color, s.backgroundColor];
  });
  assert.deepEqual(colours, ["rgb(245, 245, 247)", "rgba(0, 0, 0, 0)"]);
  assert.equal((await heading.textContent()).trim(), `Live: ${original}`, "the last good page stays");
  fs.mkdirSync(OUT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(OUT_DIR, "serve-build-error.png") });

  edit('title = "Live" broken "', 'title = "Fixed: ');
  await page.waitForFunction((t) => document.querySelector("h1").textContent.trim() === t, `Fixed: ${original}`, { timeout: 5000 });
  assert.equal(await page.locator("#salve-build-error").count(), 0, "the overlay is gone");

  // Reloads cut the event stream short; that is the only problem allowed.
  const found = problems(log).filter((p) => !p.includes("/__salve/events"));
  await context.close();
  assert.deepEqual(found, [], found.join("\n"));
});
