#!/usr/bin/env node
// `node scripts/load-test.js [--url <api base>] [--requests 2000]
// [--concurrency 20] [--category sex]`: the bounded load test
// (functions/src/bench/load-test.ts) against the api function on the
// emulators, 127.0.0.1 only. Runs from the functions' build, rebuilding
// first when a source is newer; exits non-zero on any error.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const functionsDir = path.join(__dirname, "..", "functions");
const entry = path.join(functionsDir, "lib", "bench", "load-main.js");

function newestSourceTime(dir) {
  let newest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    newest = Math.max(
      newest,
      item.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs
    );
  }
  return newest;
}

const builtAt = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
if (newestSourceTime(path.join(functionsDir, "src")) > builtAt) {
  process.stderr.write("load: sources changed; building the functions\n");
  const tsc = path.join(functionsDir, "node_modules", ".bin", "tsc");
  const build = spawnSync(tsc, ["-p", "tsconfig.build.json"], {
    cwd: functionsDir,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (build.status !== 0) {
    process.stderr.write("load: the functions build failed (see above)\n");
    process.exit(build.status ?? 1);
  }
  const now = new Date();
  fs.utimesSync(entry, now, now);
}

const run = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(run.status ?? 1);
