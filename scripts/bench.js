#!/usr/bin/env node
// `npm run bench`: runs the benchmark (functions/src/bench) from its build,
// rebuilding first when a source file is newer than the build, as
// scripts/cli.js does, so the figures are always those of the code in the
// tree. Build output goes to stderr: with --json, stdout carries the
// report alone.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const functionsDir = path.join(__dirname, "..", "functions");
const entry = path.join(functionsDir, "lib", "bench", "main.js");

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
  process.stderr.write("bench: sources changed; building the functions\n");
  const tsc = path.join(functionsDir, "node_modules", ".bin", "tsc");
  const build = spawnSync(tsc, ["-p", "tsconfig.build.json"], {
    cwd: functionsDir,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (build.status !== 0) {
    process.stderr.write("bench: the functions build failed (see above)\n");
    process.exit(build.status ?? 1);
  }
  // tsc leaves an unchanged output's time alone; mark the build fresh.
  const now = new Date();
  fs.utimesSync(entry, now, now);
}

const bench = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(bench.status ?? 1);
