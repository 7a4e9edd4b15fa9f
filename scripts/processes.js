/**
 * Small helpers to run the tools the scripts drive: npm, node scripts and
 * firebase-tools, each as a child process whose output goes to ours.
 */
"use strict";

const childProcess = require("node:child_process");
const os = require("node:os");
const path = require("node:path");

const { REPO_ROOT } = require("./project-config");

/** firebase-tools from the root devDependencies, run with this node. */
const FIREBASE_BIN = path.join(
  REPO_ROOT,
  "node_modules",
  "firebase-tools",
  "lib",
  "bin",
  "firebase.js"
);

/** npm is a .cmd shim on Windows; elsewhere a plain executable. */
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/**
 * Starts a command with inherited stdio.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").SpawnOptions} [options]
 * @returns {{ child: import("node:child_process").ChildProcess,
 *   exited: Promise<number> }} `exited` resolves to the exit code; 128 + n
 *   when killed by signal n, as a shell reports it.
 */
function startTool(command, args, options = {}) {
  const child = childProcess.spawn(command, args, {
    cwd: REPO_ROOT,
    stdio: "inherit",
    ...options,
  });
  const exited = new Promise((resolve, reject) => {
    child.once("error", (error) =>
      reject(new Error(`cannot run ${command}: ${error.message}`))
    );
    child.once("exit", (code, signal) => resolve(exitStatus(code, signal)));
  });
  return { child, exited };
}

/**
 * Runs a command to completion with inherited stdio.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").SpawnOptions} [options]
 * @returns {Promise<number>} The exit status, as for `startTool`.
 */
function run(command, args, options = {}) {
  return startTool(command, args, options).exited;
}

/**
 * @param {number | null} code
 * @param {NodeJS.Signals | null} signal
 * @returns {number}
 */
function exitStatus(code, signal) {
  if (code !== null) return code;
  const number = signal ? os.constants.signals[signal] : 0;
  return 128 + (number || 0);
}

/**
 * Milliseconds since `startedAt` as seconds with one decimal: "12.3 s".
 *
 * @param {number} startedAt  A `Date.now()` value.
 */
function elapsed(startedAt) {
  return `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
}

module.exports = {
  FIREBASE_BIN,
  NPM,
  startTool,
  run,
  exitStatus,
  elapsed,
};
