/**
 * Test counts from the file `jest --json --outputFile=<file>` writes, and
 * the one summary line the CI reads: `N passed, N failed, N skipped`.
 */
"use strict";

const fs = require("node:fs");

/**
 * @typedef {object} Counts
 * @property {number} passed
 * @property {number} failed  Failed tests, plus test files that could not
 *   run at all (a compile error fails the file before any test).
 * @property {number} skipped  Skipped and todo tests.
 */

/** @returns {Counts} */
function zeroCounts() {
  return { passed: 0, failed: 0, skipped: 0 };
}

/**
 * @param {string} file  A jest --json output file.
 * @returns {Counts | null} Null when the file is missing or not jest JSON
 *   (jest crashed before writing it).
 */
function readJestCounts(file) {
  let report;
  try {
    report = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
  if (typeof report.numPassedTests !== "number") return null;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numRuntimeErrorTestSuites || 0),
    skipped: (report.numPendingTests || 0) + (report.numTodoTests || 0),
  };
}

/**
 * @param {Counts} a
 * @param {Counts} b
 * @returns {Counts}
 */
function addCounts(a, b) {
  return {
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
  };
}

/**
 * @param {Counts} counts
 * @returns {string} e.g. "118 passed, 0 failed, 3 skipped"
 */
function formatCounts({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

module.exports = { zeroCounts, readJestCounts, addCounts, formatCounts };
