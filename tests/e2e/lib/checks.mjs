// Checks shared by the page tests: axe, keyboard focus, readiness.
import AxeBuilder from "@axe-core/playwright";
import { searchStatus } from "./browser.mjs";

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe violations for the WCAG tags, one line per rule and element. */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const lines = [];
  for (const v of results.violations) {
    for (const node of v.nodes) {
      lines.push(`${v.id} (${v.impact}) at ${node.target.join(" ")}: ${v.help}\n    ${(node.failureSummary ?? "").replace(/\n/g, "\n    ")}`);
    }
  }
  return lines;
}

/**
 * Waits until a page has done what it does on load: images and fonts loaded,
 * an article's calculator card filled with its form (or left with its link),
 * calculators wired up by their script, a `?q=` search answered.
 */
export async function ready(page) {
  await page.waitForLoadState("load");
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll("[data-cg-card]")].every((c) => ["loaded", "failed"].includes(c.dataset.cgState)) &&
      [...document.querySelectorAll("form.calorie-goal")].every((f) => f.dataset.cgWired === "true"),
  );
  const hasQuery = await page.evaluate(
    () => Boolean(document.getElementById("search-status")) && new URLSearchParams(location.search).has("q"),
  );
  if (hasQuery) await searchStatus(page);
  // Lazy images below the fold: load them now, so the screenshot shows them
  // and the request checks cover them.
  await page.evaluate(async () => {
    for (const img of document.querySelectorAll('img[loading="lazy"]')) img.loading = "eager";
    // decode() waits for the image to load; a broken one is reported by the request checks.
    await Promise.all([...document.images].map((img) => img.decode().catch(() => {})));
    await document.fonts.ready;
  });
}

/**
 * What has keyboard focus now, and whether it shows a focus indicator: a
 * computed outline (style not none, width > 0) or a box-shadow. A control
 * drawn by its label (a radio hidden under a segmented switch) counts when
 * its label shows the ring.
 */
export async function focusState(page) {
  await settle(page);
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const describe = (n) => {
      let s = n.tagName.toLowerCase();
      if (n.id) s += `#${n.id}`;
      for (const c of n.classList) s += `.${c}`;
      const text = (n.getAttribute("aria-label") || n.textContent || n.value || "").trim().replace(/\s+/g, " ");
      if (n.getAttribute("href")) s += `[href="${n.getAttribute("href")}"]`;
      return text ? `${s} “${text.slice(0, 40)}”` : s;
    };
    const ring = (n) => {
      const cs = getComputedStyle(n);
      const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
      const shadow = cs.boxShadow !== "" && cs.boxShadow !== "none";
      return outline || shadow;
    };
    const shown = (n) => {
      const cs = getComputedStyle(n);
      const r = n.getBoundingClientRect();
      return cs.visibility !== "hidden" && parseFloat(cs.opacity) > 0 && r.width > 1 && r.height > 1;
    };
    let target = el;
    if (!shown(el) && el.labels && el.labels.length) target = el.labels[0];
    return {
      element: describe(el),
      via: target === el ? "" : `its label ${describe(target)}`,
      visible: shown(target),
      ring: ring(target),
    };
  });
}

/**
 * Waits until every running CSS transition or animation has finished: a
 * style read right after focus moves can still see the old value (a heading
 * anchor fades in over 0.15 s).
 */
export async function settle(page) {
  await page.evaluate(async () => {
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {})));
    await new Promise((ok) => requestAnimationFrame(() => ok()));
  });
}
