/**
 * `npm test` at the root, the one test command of the README and the CI:
 *
 * 1. the functions' jest suite (unit, API and function tests), without
 *    the emulator tests;
 * 2. the emulator suite (functions/test/emulator/*.emulator.test.ts) under
 *    `firebase emulators:exec --only firestore,functions,tasks,auth`, or
 *    one loud `SKIPPED emulator tests: <reason>` line where Java or the
 *    Firestore emulator is missing.
 *
 * Ends with one line `N passed, N failed, N skipped` over both runs, and
 * exits non-zero when anything failed.
 */
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const { resolveEmulatorEnv } = require("./emulator-env");
const {
  addCounts,
  formatCounts,
  readJestCounts,
  zeroCounts,
} = require("./jest-counts");
const { FIREBASE_BIN, NPM, elapsed, run } = require("./processes");
const {
  FUNCTIONS_DIR,
  busyEmulatorPorts,
  projectId,
} = require("./project-config");

// The Auth emulator ships inside firebase-tools (no download): the
// emulator tests mint real ID tokens with it for the admin routes.
const EMULATORS = ["firestore", "functions", "tasks", "auth"];
const JEST_BIN = path.join(FUNCTIONS_DIR, "node_modules", "jest", "bin", "jest.js");
const EMULATOR_JEST_CONFIG = path.join(FUNCTIONS_DIR, "jest.emulator.config.js");

/** @param {string} message */
function say(message) {
  console.log(`[test] ${message}`);
}

/** @param {string} text */
function shellQuote(text) {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/**
 * Turns one run's jest report and exit status into counts. A run that
 * failed without a failing test (jest crashed, the emulators did not
 * start) counts as one failure, so the summary line agrees with the exit
 * status.
 *
 * @param {string} label
 * @param {string} reportFile
 * @param {number} status
 */
function countsOf(label, reportFile, status) {
  const counts = readJestCounts(reportFile);
  if (!counts) {
    say(`${label}: FAILED before jest wrote a report (exit status ${status})`);
    return { ...zeroCounts(), failed: 1 };
  }
  say(`${label}: ${formatCounts(counts)}`);
  if (status !== 0 && counts.failed === 0) {
    say(`${label}: jest exited with status ${status} (see above)`);
    return { ...counts, failed: 1 };
  }
  return counts;
}

/**
 * @param {string} workDir
 * @returns {Promise<import("./jest-counts").Counts>}
 */
async function runFunctionsSuite(workDir) {
  const report = path.join(workDir, "functions-tests.json");
  say("unit, API and functions tests: npm test --prefix functions");
  const startedAt = Date.now();
  const status = await run(NPM, [
    "test",
    "--prefix",
    FUNCTIONS_DIR,
    "--",
    // The emulator tests need running emulators: they run in step 2.
    "--testPathIgnorePatterns=/node_modules/",
    "--testPathIgnorePatterns=/test/emulator/",
    "--json",
    `--outputFile=${report}`,
  ]);
  say(`unit, API and functions tests took ${elapsed(startedAt)}`);
  return countsOf("unit, API and functions tests", report, status);
}

/**
 * @param {string} workDir
 * @returns {Promise<import("./jest-counts").Counts>}
 */
async function runEmulatorSuite(workDir) {
  const tools = resolveEmulatorEnv();
  if (!tools.ok) {
    console.log(
      `SKIPPED emulator tests: ${tools.reason} ` +
        `(install with: sudo ${tools.install})`
    );
    return zeroCounts();
  }

  const busy = await busyEmulatorPorts(EMULATORS);
  if (busy.length > 0) {
    say(
      `emulator tests: FAILED: ports already in use: ${busy.join(", ")}; ` +
        "stop `npm start` or other emulators first"
    );
    return { ...zeroCounts(), failed: 1 };
  }

  say("building the functions for the functions emulator");
  if ((await run(NPM, ["run", "build", "--prefix", FUNCTIONS_DIR])) !== 0) {
    say("emulator tests: FAILED: the functions build failed");
    return { ...zeroCounts(), failed: 1 };
  }

  // A fresh model directory per run: the functions emulator (which sees
  // our environment) and the tests share it, and old models stay out.
  const modelDir = fs.mkdtempSync(path.join(workDir, "models-"));
  const report = path.join(workDir, "emulator-tests.json");
  // From functions/, so that ts-jest finds the functions' TypeScript 5 and
  // not the TypeScript 7 that firebase-tools brings to the root.
  const jest = `cd ${shellQuote(FUNCTIONS_DIR)} && ` + [
    process.execPath,
    JEST_BIN,
    "--config",
    EMULATOR_JEST_CONFIG,
    "--runInBand",
    "--json",
    `--outputFile=${report}`,
  ]
    .map(shellQuote)
    .join(" ");

  say(`emulator tests: firebase emulators:exec --only ${EMULATORS}`);
  const startedAt = Date.now();
  const status = await run(
    process.execPath,
    [
      FIREBASE_BIN,
      "emulators:exec",
      "--only",
      EMULATORS.join(","),
      "--project",
      projectId(),
      jest,
    ],
    { env: { ...process.env, ...tools.env, LOCAL_MODEL_DIR: modelDir } }
  );
  say(`emulator tests took ${elapsed(startedAt)}`);
  return countsOf("emulator tests", report, status);
}

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "cfo-test-"));
  try {
    const functionsCounts = await runFunctionsSuite(workDir);
    const emulatorCounts = await runEmulatorSuite(workDir);
    const total = addCounts(functionsCounts, emulatorCounts);
    console.log(formatCounts(total));
    return total.failed === 0 ? 0 : 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (status) => process.exit(status),
  (error) => {
    console.error(`[test] FAILED: ${error.stack}`);
    console.log(formatCounts({ ...zeroCounts(), failed: 1 }));
    process.exit(1);
  }
);
