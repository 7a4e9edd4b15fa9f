/**
 * Runs an entry point of the functions' build (functions/lib), rebuilding
 * first when any source under functions/src is newer than that entry, so
 * the root scripts (cli, bench, load test) always run the code in the
 * tree. Build output goes to stderr: stdout belongs to the command (e.g.
 * `forecast --json`, `bench --json`).
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const FUNCTIONS_DIR = path.join(__dirname, "..", "functions");

/** @param {string} dir @returns {number} */
function newestSourceTime(dir) {
  let newest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    const time = item.isDirectory()
      ? newestSourceTime(full)
      : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/**
 * Builds if needed, then runs `functions/lib/<relativeEntry>` with this
 * process's arguments and exits with its status.
 *
 * @param {string} relativeEntry e.g. "cli/main.js".
 * @param {string} label prefix of this launcher's own messages.
 */
function runBuilt(relativeEntry, label) {
  const entry = path.join(FUNCTIONS_DIR, "lib", relativeEntry);
  const builtAt = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
  if (newestSourceTime(path.join(FUNCTIONS_DIR, "src")) > builtAt) {
    process.stderr.write(`${label}: sources changed; building the functions\n`);
    const tsc = path.join(FUNCTIONS_DIR, "node_modules", ".bin", "tsc");
    const build = spawnSync(tsc, ["-p", "tsconfig.build.json"], {
      cwd: FUNCTIONS_DIR,
      stdio: ["ignore", process.stderr, process.stderr],
    });
    if (build.status !== 0) {
      process.stderr.write(`${label}: the functions build failed (see above)\n`);
      process.exit(build.status ?? 1);
    }
    // tsc leaves an unchanged output's time alone; mark the build fresh.
    const now = new Date();
    fs.utimesSync(entry, now, now);
  }
  const run = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exit(run.status ?? 1);
}

module.exports = { runBuilt };
