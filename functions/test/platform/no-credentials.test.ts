/**
 * No credential lands in the repository: the functions run on
 * Application Default Credentials (the runtime service account when
 * deployed, `gcloud auth application-default login` for the CLI), so no
 * key file is ever needed here. Scans the working tree as a commit would
 * take it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..", "..");
/** Folders that are installed, built or generated, never committed. */
const SKIPPED = new Set([
  "node_modules",
  ".git",
  ".emulators",
  ".models",
  "lib",
  ".firebase",
  "coverage",
]);
const PATTERNS: [string, RegExp][] = [
  ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["a service account key file", /"type"\s*:\s*"service_account"/],
  ["a Google API key", /AIza[0-9A-Za-z_-]{35}/],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) return files(full);
    return stat.size < 2_000_000 ? [full] : [];
  });
}

test("no file of the repository holds a key or a service account", () => {
  const found: string[] = [];
  for (const file of files(ROOT)) {
    if (file === __filename) continue;
    const text = readFileSync(file, "latin1");
    for (const [what, pattern] of PATTERNS) {
      if (pattern.test(text)) found.push(`${path.relative(ROOT, file)}: ${what}`);
    }
  }
  expect(found).toEqual([]);
});
