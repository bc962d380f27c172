// Headless chromium (Debian's), and pages that record what went wrong on them.
import fs from "node:fs";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  // playwright-core gives every launch a fresh, temporary user-data dir.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/**
 * A new page in its own context, `width` px wide, that records console
 * errors, page errors, failed requests, HTTP errors and requests to any host
 * but 127.0.0.1 (those are also blocked, so nothing leaves the machine).
 */
export async function monitoredPage(browser, { width = 1280, height = 800 } = {}) {
  // No reduced-motion emulation: salve.css turns every style change into a
  // 0.01 ms transition then, and chromium captures full-page screenshots
  // mid-transition (at the phone font size).
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const log = { console: [], pageErrors: [], failed: [], httpErrors: [], foreign: [] };
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "127.0.0.1") {
      log.foreign.push(url.href);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  page.on("console", (m) => {
    if (m.type() === "error") log.console.push({ text: m.text(), url: m.location()?.url ?? "" });
  });
  page.on("pageerror", (e) => log.pageErrors.push(String(e?.stack ?? e)));
  page.on("requestfailed", (r) => {
    const url = new URL(r.url());
    if (url.hostname !== "127.0.0.1") return; // counted in `foreign`
    log.failed.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) log.httpErrors.push({ status: r.status(), url: r.url() });
  });
  return { context, page, log };
}

/**
 * Problems recorded on a page, as lines. `expected404` is the one URL that
 * may answer 404 (the missing page itself), with chromium's console line for it.
 */
export function problems(log, { expected404 } = {}) {
  const out = [];
  const is404Doc = (url) => expected404 && url === expected404;
  for (const c of log.console) {
    if (is404Doc(c.url) && /status of 404/.test(c.text)) continue;
    out.push(`console error: ${c.text}${c.url ? ` (${c.url})` : ""}`);
  }
  for (const e of log.pageErrors) out.push(`page error: ${e}`);
  for (const f of log.failed) out.push(`failed request: ${f}`);
  for (const h of log.httpErrors) {
    if (h.status === 404 && is404Doc(h.url)) continue;
    out.push(`HTTP ${h.status}: ${h.url}`);
  }
  for (const u of log.foreign) out.push(`request to another host: ${u}`);
  return out;
}

/** Waits until the search page's status line has its final text, and returns it. */
export async function searchStatus(page, timeout = 20_000) {
  const status = page.locator("#search-status");
  await page.waitForFunction(
    () => {
      const el = document.getElementById("search-status");
      // run() writes the status once, after the results are in the list.
      return el && el.textContent.trim() !== "";
    },
    null,
    { timeout },
  );
  return (await status.textContent()).trim();
}

/** "3 results for “x”." → 3; "No results …" → 0; anything else → null. */
export function resultCount(statusText) {
  if (/^No results/.test(statusText)) return 0;
  const m = /^(\d+) results? for/.exec(statusText);
  return m ? Number(m[1]) : null;
}
