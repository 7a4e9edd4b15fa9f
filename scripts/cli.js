#!/usr/bin/env node
// Runs the CLI (functions/src/cli) from its build, rebuilding first when a
// source file is newer than the build, so `npm run cli -- ...` always runs
// the code in the tree. Build output goes to stderr: stdout is reserved for
// the command's own output (e.g. `forecast --json`).
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const functionsDir = path.join(__dirname, "..", "functions");
const entry = path.join(functionsDir, "lib", "cli", "main.js");

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

const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
if (newestSourceTime(path.join(functionsDir, "src")) > built) {
  const tsc = path.join(functionsDir, "node_modules", ".bin", "tsc");
  const result = spawnSync(tsc, ["-p", "tsconfig.build.json"], {
    cwd: functionsDir,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (result.status !== 0) {
    process.stderr.write("cli: the functions build failed (see above)\n");
    process.exit(result.status ?? 1);
  }
  // tsc leaves unchanged outputs alone; mark the build as fresh.
  const now = new Date();
  fs.utimesSync(entry, now, now);
}

const run = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(run.status ?? 1);
