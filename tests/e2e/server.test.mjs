// The suite's static server (lib/server.mjs): types, folders, misses, and
// nothing served from outside its folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { serve } from "./lib/server.mjs";

let dir;
let outside;
let site;

before(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salve-serve-"));
  dir = path.join(tmp, "site");
  outside = path.join(tmp, "secret.txt");
  fs.writeFileSync(outside, "secret");
  fs.mkdirSync(path.join(dir, "a", "b"), { recursive: true });
  fs.mkdirSync(path.join(dir, "pagefind"), { recursive: true });
  fs.writeFileSync(path.join(dir, "index.html"), "<p>home");
  fs.writeFileSync(path.join(dir, "404.html"), "<p>not found page");
  fs.writeFileSync(path.join(dir, "a", "b", "index.html"), "<p>b");
  fs.writeFileSync(path.join(dir, "a", "x y.txt"), "space");
  for (const ext of ["css", "js", "mjs", "json", "svg", "png", "jpg", "wasm", "pagefind", "pf_meta", "pf_index", "pf_fragment", "pf_filter", "xml", "txt"]) {
    fs.writeFileSync(path.join(dir, "pagefind", `f.${ext}`), ext);
  }
  fs.symlinkSync(outside, path.join(dir, "link.txt"));
  site = await serve(dir);
});

after(async () => {
  await site?.close();
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

/** A raw GET, so paths such as /../ reach the server unnormalised. */
function get(rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: site.port, path: rawPath, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode, type: res.headers["content-type"], location: res.headers.location, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("listens on 127.0.0.1", () => {
  assert.match(site.url, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test("index.html for folders; a folder without its slash is redirected", async () => {
  assert.deepEqual(await get("/").then((r) => [r.status, r.body]), [200, "<p>home"]);
  assert.deepEqual(await get("/a/b/").then((r) => [r.status, r.body, r.type]), [200, "<p>b", "text/html; charset=utf-8"]);
  const r = await get("/a/b?q=1");
  assert.equal(r.status, 301);
  assert.equal(r.location, "/a/b/?q=1");
});

test("Content-Type by extension", async () => {
  const want = {
    css: "text/css", js: "text/javascript", mjs: "text/javascript", json: "application/json",
    svg: "image/svg+xml", png: "image/png", jpg: "image/jpeg", wasm: "application/wasm",
    pagefind: "application/octet-stream", pf_meta: "application/octet-stream", pf_index: "application/octet-stream",
    pf_fragment: "application/octet-stream", pf_filter: "application/octet-stream",
    xml: "application/xml", txt: "text/plain",
  };
  for (const [ext, type] of Object.entries(want)) {
    const r = await get(`/pagefind/f.${ext}`);
    assert.equal(r.status, 200, ext);
    assert.equal(r.type.split(";")[0], type, ext);
  }
  assert.equal((await get("/a/x%20y.txt")).body, "space");
});

test("a miss answers 404 with the site's 404.html", async () => {
  for (const p of ["/nope", "/a/nope/", "/a/", "/%E0%A4%A"]) {
    const r = await get(p);
    assert.equal(r.status, 404, p);
    assert.equal(r.body, "<p>not found page", p);
  }
});

test("nothing outside the folder", async () => {
  for (const p of ["/../secret.txt", "/..%2Fsecret.txt", "/%2e%2e/secret.txt", "/a/../../secret.txt", "/link.txt", "/a%00.txt"]) {
    const r = await get(p);
    assert.equal(r.status, 404, p);
    assert.ok(!r.body.includes("secret"), p);
  }
});
