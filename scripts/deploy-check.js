#!/usr/bin/env node
/**
 * `npm run deploy-check`: the part of `firebase deploy` that can run
 * offline, for a machine with no Google credentials (`firebase deploy
 * --dry-run` needs a login even to validate).
 *
 * 1. Runs the functions' predeploy commands from firebase.json (lint and
 *    build), as a deploy would.
 * 2. Asks the firebase-functions SDK for the deploy manifest of the built
 *    code: the same discovery firebase-tools runs before it deploys
 *    (FUNCTIONS_MANIFEST_OUTPUT_PATH), and checks that every function is
 *    there with its trigger, region, memory and timeout.
 * 3. Checks the files firebase.json deploys (rules, indexes) exist, and
 *    that the GitHub workflow is valid YAML that runs the README's test
 *    command.
 *
 * Prints one line per check and exits non-zero when any fails.
 */
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const FUNCTIONS_DIR = path.join(ROOT, "functions");
const WORKFLOW = path.join(ROOT, ".github", "workflows", "ci.yml");

/** What each function must be: its trigger kind in the manifest. */
const EXPECTED_ENDPOINTS = {
  api: "httpsTrigger",
  onHistoryWritten: "eventTrigger",
  retrainCategory: "taskQueueTrigger",
  nightlyRefresh: "scheduleTrigger",
};

let failures = 0;

/** @param {boolean} ok @param {string} what */
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

/** @param {string} command */
function runShell(command) {
  const result = spawnSync(command, {
    cwd: ROOT,
    shell: true,
    stdio: ["ignore", process.stderr, process.stderr],
    env: { ...process.env, RESOURCE_DIR: FUNCTIONS_DIR },
  });
  return result.status === 0;
}

function readConfig() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "firebase.json"), "utf8"));
}

function predeploy(config) {
  const functions = [].concat(config.functions)[0];
  for (const command of functions.predeploy ?? []) {
    check(runShell(command), `predeploy: ${command}`);
  }
}

/** The manifest firebase-tools would deploy, or null. */
function manifest() {
  const out = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "cfo-manifest-")),
    "functions.json"
  );
  const bin = path.join(
    FUNCTIONS_DIR,
    "node_modules",
    "firebase-functions",
    "lib",
    "bin",
    "firebase-functions.js"
  );
  const result = spawnSync(process.execPath, [bin, "."], {
    cwd: FUNCTIONS_DIR,
    stdio: ["ignore", process.stderr, process.stderr],
    env: { ...process.env, FUNCTIONS_MANIFEST_OUTPUT_PATH: out },
    timeout: 120_000,
  });
  if (result.status !== 0 || !fs.existsSync(out)) return null;
  return JSON.parse(fs.readFileSync(out, "utf8"));
}

/** A number, or a param expression the deploy resolves. */
function isSet(value) {
  return (
    (typeof value === "number" && value > 0) ||
    (typeof value === "string" && value.includes("params."))
  );
}

function checkManifest(found) {
  check(found !== null, "the SDK produced a deploy manifest");
  if (!found) return;
  const endpoints = found.endpoints ?? {};
  for (const [name, trigger] of Object.entries(EXPECTED_ENDPOINTS)) {
    const endpoint = endpoints[name];
    check(Boolean(endpoint?.[trigger]), `${name}: ${trigger}`);
    if (!endpoint) continue;
    check(
      String(endpoint.region).includes("params.SERVICE_REGION"),
      `${name}: region from the SERVICE_REGION param`
    );
    check(isSet(endpoint.availableMemoryMb), `${name}: memory set`);
    check(
      isSet(endpoint.timeoutSeconds) || trigger === "eventTrigger",
      `${name}: timeout set`
    );
    check(isSet(endpoint.maxInstances), `${name}: maxInstances set`);
  }
  const extra = Object.keys(endpoints).filter(
    (name) => !(name in EXPECTED_ENDPOINTS)
  );
  check(extra.length === 0, `no unexpected functions (${extra.join(", ")})`);
  const apis = (found.requiredAPIs ?? []).map((a) => a.api);
  console.log(`     required APIs: ${apis.join(", ") || "none listed"}`);
  const params = (found.params ?? []).map((p) => p.name);
  console.log(`     params: ${params.join(", ")}`);
}

function checkDeployedFiles(config) {
  const files = [
    config.firestore?.rules,
    config.firestore?.indexes,
    config.storage?.rules,
  ].filter(Boolean);
  for (const file of files) {
    check(fs.existsSync(path.join(ROOT, file)), `${file} exists`);
  }
}

function checkWorkflow() {
  let yaml;
  try {
    // eslint's YAML reader, already installed with the functions' tools.
    yaml = require(require.resolve("js-yaml", { paths: [FUNCTIONS_DIR] }));
  } catch {
    check(false, "js-yaml is installed to read the workflow");
    return;
  }
  let workflow = null;
  try {
    workflow = yaml.load(fs.readFileSync(WORKFLOW, "utf8"));
  } catch (error) {
    check(false, `${path.relative(ROOT, WORKFLOW)} is valid YAML: ${error}`);
    return;
  }
  check(true, `${path.relative(ROOT, WORKFLOW)} is valid YAML`);
  const runs = Object.values(workflow.jobs ?? {}).flatMap((job) =>
    (job.steps ?? []).map((step) => step.run ?? "")
  );
  check(
    runs.some((run) => /^npm test\s*$/m.test(run)),
    "the workflow runs the README's test command (npm test)"
  );
  check(
    runs.some((run) => /firebase deploy/.test(run)),
    "the workflow deploys with firebase deploy"
  );
}

const config = readConfig();
predeploy(config);
checkManifest(manifest());
checkDeployedFiles(config);
checkWorkflow();
console.log(failures === 0 ? "deploy check passed" : `${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
