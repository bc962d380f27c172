// A small static file server for the built site: 127.0.0.1 only, a free
// port, index.html for folders, the site's 404.html (status 404) for misses,
// and nothing outside the folder it serves.
import http from "node:http";
import fs from "node:fs/promises";
import path from "node:path";

export const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".pagefind": "application/octet-stream",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_filter": "application/octet-stream",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** Is `child` the folder `root` itself or inside it? Both absolute and resolved. */
function inside(root, child) {
  const rel = path.relative(root, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** The file to send for a URL path, or null for a miss (or a path that leaves the folder). */
async function resolve(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: "miss" };
  }
  if (decoded.includes("\0")) return { kind: "miss" };
  const candidate = path.resolve(root, "." + path.posix.normalize("/" + decoded));
  if (!inside(root, candidate)) return { kind: "miss" };
  let real;
  try {
    real = await fs.realpath(candidate);
  } catch {
    return { kind: "miss" };
  }
  if (!inside(root, real)) return { kind: "miss" }; // a symlink out of the folder
  const stat = await fs.stat(real);
  if (stat.isDirectory()) {
    if (!urlPath.endsWith("/")) return { kind: "redirect", location: urlPath + "/" };
    const index = path.join(real, "index.html");
    try {
      const s = await fs.stat(index);
      if (s.isFile()) return { kind: "file", file: index };
    } catch {}
    return { kind: "miss" };
  }
  if (stat.isFile()) return { kind: "file", file: real };
  return { kind: "miss" };
}

/**
 * Serves `dir` on 127.0.0.1 at a free port.
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>, requests: string[]}>}
 */
export async function serve(dir) {
  const root = await fs.realpath(path.resolve(dir));
  const server = http.createServer(async (req, res) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD" });
        res.end();
        return;
      }
      const { pathname, search } = new URL(req.url, "http://127.0.0.1");
      const found = await resolve(root, pathname);
      if (found.kind === "redirect") {
        res.writeHead(301, { Location: found.location + search });
        res.end();
        return;
      }
      let status = 200;
      let file = found.file;
      if (found.kind === "miss") {
        status = 404;
        file = path.join(root, "404.html");
      }
      let body;
      try {
        body = await fs.readFile(file);
      } catch {
        body = Buffer.from("Not found\n");
        file = "404.txt";
      }
      res.writeHead(status, {
        "Content-Type": contentType(file),
        "Content-Length": body.length,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(String(err));
    }
  });
  // Keep-alive sockets would hold close() open; end them with the server.
  const sockets = new Set();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

// `node lib/server.mjs DIR`: serve a folder by hand for a look.
if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "target/e2e/site";
  const s = await serve(dir);
  console.log(`Serving ${dir} at ${s.url}/ (Ctrl-C to stop)`);
}
