// Every page of the built bundled site is valid HTML: the W3C Nu validator
// (npm vnu-jar, run with the machine's java), errors only.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuilt, SITE_DIR, walk } from "./lib/site.mjs";
import { vnu } from "./lib/vnu.mjs";

let pages;
let messages;
let known; // a page with a known error, to prove the validator is really checking

before(async () => {
  ensureBuilt();
  pages = walk(SITE_DIR, (rel) => rel.endsWith(".html")).map((rel) => path.join(SITE_DIR, rel));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salve-vnu-"));
  known = path.join(tmp, "known-bad.html");
  fs.writeFileSync(known, '<!doctype html><html lang="en"><title>x</title><p><div>block in p</p></div>\n');
  try {
    messages = await vnu([...pages, known]); // one JVM start for all of them
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

const fileOf = (m) => (m.url ? decodeURIComponent(new URL(m.url).pathname) : "(unknown file)");

test("the validator runs and catches a known error", () => {
  assert.ok(pages.length >= 50, `only ${pages.length} .html files in ${SITE_DIR}`);
  const mine = messages.filter((m) => fileOf(m) === known);
  assert.ok(mine.some((m) => m.type === "error"), `vnu found no error in a known-bad page: ${JSON.stringify(mine)}`);
});

test("every page of the built site is valid HTML (Nu validator, errors only)", () => {
  const errors = messages
    .filter((m) => fileOf(m) !== known && (m.type === "error" || m.type === "non-document-error"))
    .map((m) => `${path.relative(SITE_DIR, fileOf(m))}:${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"}: ${m.message}${m.extract ? `\n      ${m.extract.replace(/\n/g, " ")}` : ""}`);
  console.log(`# ${pages.length} pages validated`);
  assert.deepEqual(errors, [], `${errors.length} HTML error(s):\n  ${errors.join("\n  ")}`);
});
