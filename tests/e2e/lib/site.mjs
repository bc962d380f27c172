// The built bundled site: where it is, how it is built, and a server for it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./server.mjs";

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const REPO = path.resolve(E2E_DIR, "../..");
/** target/e2e: the built site and the screenshots. */
export const OUT_DIR = path.join(REPO, "target", "e2e");
export const SITE_DIR = path.join(OUT_DIR, "site");

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the bundled site into target/e2e/site, once per run.
 *
 * `bash tests/e2e/run.sh` builds before `node --test` and sets
 * SALVE_E2E_PREBUILT=1, so the test files only use the folder. Run without it
 * (`node --test tests/e2e/`), every test file builds, one at a time: test
 * files may run in parallel, and two builds must not swap the folder at once.
 */
export function ensureBuilt() {
  if (process.env.SALVE_E2E_PREBUILT === "1") {
    if (!fs.existsSync(path.join(SITE_DIR, "index.html"))) {
      throw new Error(`SALVE_E2E_PREBUILT=1 but ${SITE_DIR} has no index.html`);
    }
    return;
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const lock = path.join(OUT_DIR, ".build-lock");
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      // A lock left by a killed run is stale after 10 minutes.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {}
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      sleep(200);
    }
  }
  try {
    build();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * `cargo run --release -- build --output target/e2e/site`, from the repository
 * root; SALVE_E2E_PROFILE=dev leaves out --release.
 */
export function build() {
  const release = (process.env.SALVE_E2E_PROFILE ?? "release") === "dev" ? [] : ["--release"];
  const args = ["run", ...release, "--quiet", "--", "build", "--output", path.relative(REPO, SITE_DIR)];
  const r = spawnSync("cargo", args, { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`cargo ${args.join(" ")} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return `${r.stdout}${r.stderr}`.trim();
}

/** Builds (see ensureBuilt) and serves the site; close() stops the server. */
export async function startSite() {
  ensureBuilt();
  return serve(SITE_DIR);
}

/** Every file under `dir` (relative paths, "/"-separated) whose name passes `keep`. */
export function walk(dir, keep = () => true, prefix = "") {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, keep, rel));
    else if (entry.isFile() && keep(rel)) out.push(rel);
  }
  return out.sort();
}
