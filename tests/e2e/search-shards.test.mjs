// A site large enough that its search index is built in shards (one per
// core): the search page merges them, so a page from every shard is found.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO } from "./lib/site.mjs";
import { serve } from "./lib/server.mjs";
import { launch, monitoredPage, problems, searchStatus, resultCount } from "./lib/browser.mjs";

let tmp;
let site;
let browser;

function cargo(args) {
  const dev = (process.env.SALVE_E2E_PROFILE ?? "release") === "dev";
  const r = spawnSync("cargo", ["run", "--quiet", ...(dev ? [] : ["--release"]), ...args], {
    cwd: REPO,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (r.status !== 0) throw new Error(`cargo ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salve-shards-"));
  // 600 articles and their cause and treatment pages: well over one shard.
  cargo(["--example", "gencorpus", "--", "--articles", "600", "--out", path.join(tmp, "corpus"), "--seed", "1"]);
  cargo(["--bin", "salve", "--", "build", "--root", path.join(tmp, "corpus"), "--output", path.join(tmp, "out"), "--base-url", "http://127.0.0.1/"]);
  site = await serve(path.join(tmp, "out"));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The title of an article of the corpus, from its front matter. */
function titleOf(rel) {
  const text = fs.readFileSync(path.join(tmp, "corpus", "articles", rel), "utf8");
  return text.match(/^title = "(.*)"$/m)[1];
}

test("the index is sharded and a search finds pages of every shard", async () => {
  const shards = JSON.parse(fs.readFileSync(path.join(tmp, "out", "pagefind", "salve-shards.json"), "utf8"));
  assert.ok(shards.length >= 1, `expected extra shards on this ${os.cpus().length}-core machine, got ${JSON.stringify(shards)}`);
  const { page, context, log } = await monitoredPage(browser);
  // The first article is in the first shard; treatment pages sort last, in the last.
  const wanted = [
    { query: titleOf("topic-00/article-000000.md"), url: "/articles/topic-00/article-000000/" },
    { query: "Rest", url: "/treatments/rest/" },
  ];
  for (const { query, url } of wanted) {
    await page.goto(`${site.url}/search/?q=${encodeURIComponent(query)}`);
    const status = await searchStatus(page);
    assert.ok(resultCount(status) >= 1, `${query}: ${status}`);
    const hrefs = await page.locator("#search-results .search-result-title a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    assert.ok(hrefs.includes(url), `${query}: ${url} not among ${hrefs.join(", ")}`);
  }
  const found = problems(log);
  await context.close();
  assert.deepEqual(found, [], found.join("\n"));
});
