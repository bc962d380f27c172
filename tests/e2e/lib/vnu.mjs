// The W3C Nu validator (npm vnu-jar, run with the machine's java), errors
// only, shared by the test files that validate pages.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const VNU_JAR = createRequire(import.meta.url)("vnu-jar");

/** Runs vnu on `files`; resolves to its messages ({url, lastLine, message, …}). */
export function vnu(files) {
  return new Promise((resolve, reject) => {
    const java = spawn("java", ["-jar", VNU_JAR, "--errors-only", "--format", "json", ...files], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    java.stdout.on("data", (d) => (out += d));
    java.stderr.on("data", (d) => (err += d));
    java.on("error", (e) => reject(new Error(`cannot run java (apt-get install default-jre-headless): ${e.message}`)));
    java.on("close", (code) => {
      // vnu writes its JSON report to stderr; exit status 1 means "errors found".
      const text = err.trim() || out.trim();
      try {
        resolve(JSON.parse(text).messages);
      } catch {
        reject(new Error(`vnu exited ${code} without a JSON report:\n${out}\n${err}`));
      }
    });
  });
}
