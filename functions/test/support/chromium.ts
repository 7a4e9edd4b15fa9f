import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Debian's headless Chromium, driven from its command line: enough to
 * load a page, let its scripts run and read the DOM or a screenshot,
 * without a driver library or a browser download. Where it is missing
 * the browser tests skip, saying so loudly (see skipLoudly).
 */

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

/** Longest a page gets to load and run its scripts, in ms. */
const PAGE_BUDGET_MS = 15_000;

export type BrowserLookup =
  | { found: true; executable: string }
  | { found: false; reason: string };

export function findChromium(): BrowserLookup {
  const wanted = process.env.CHROMIUM_PATH;
  const candidates = wanted ? [wanted] : CANDIDATES;
  for (const executable of candidates) {
    try {
      accessSync(executable, constants.X_OK);
      return { found: true, executable };
    } catch {
      // Not this one; try the next.
    }
  }
  return {
    found: false,
    reason:
      `no Chromium at ${candidates.join(", ")} ` +
      "(apt-get install chromium, or set CHROMIUM_PATH)",
  };
}

/** One line a CI log reader cannot miss, then the tests skip. */
export function skipLoudly(reason: string): void {
  process.stderr.write(`\nSKIPPED browser tests: ${reason}\n\n`);
}

async function chromium(
  executable: string,
  args: string[]
): Promise<string> {
  // A profile of its own, so parallel runs do not share a lock.
  const profile = await mkdtemp(path.join(tmpdir(), "cfo-chromium-"));
  try {
    const { stdout } = await run(
      executable,
      [
        "--headless",
        // Root in a container has no user namespace for the sandbox.
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--hide-scrollbars",
        `--user-data-dir=${profile}`,
        `--virtual-time-budget=${PAGE_BUDGET_MS}`,
        ...args,
      ],
      { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 }
    );
    return stdout;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** The page's DOM once its scripts have run, as HTML. */
export function dumpDom(executable: string, url: string): Promise<string> {
  return chromium(executable, ["--dump-dom", url]);
}

/** A PNG screenshot of the page at the given viewport size. */
export async function screenshot(
  executable: string,
  url: string,
  size: { width: number; height: number },
  file: string
): Promise<void> {
  await chromium(executable, [
    `--window-size=${size.width},${size.height}`,
    `--screenshot=${file}`,
    url,
  ]);
}
