/**
 * The project id and emulator addresses, read from `.firebaserc` and
 * `firebase.json` so that the scripts and firebase-tools cannot disagree.
 */
"use strict";

const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");

const REPO_ROOT = path.resolve(__dirname, "..");
const FUNCTIONS_DIR = path.join(REPO_ROOT, "functions");

/**
 * @param {string} name  File name at the repository root.
 * @returns {any}
 */
function readRootJson(name) {
  const file = path.join(REPO_ROOT, name);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error.message}`);
  }
}

/**
 * The default project of `.firebaserc` (a `demo-` id, so nothing here can
 * reach a real project).
 *
 * @returns {string}
 */
function projectId() {
  const id = readRootJson(".firebaserc").projects?.default;
  if (typeof id !== "string" || id === "") {
    throw new Error(".firebaserc has no projects.default");
  }
  return id;
}

/**
 * Host and port of one emulator as configured in `firebase.json`.
 *
 * @param {string} name  `firestore`, `functions`, `tasks`, `auth`, ...
 * @returns {{ host: string, port: number }}
 */
function emulatorAddress(name) {
  const entry = readRootJson("firebase.json").emulators?.[name];
  if (!entry || typeof entry.port !== "number") {
    throw new Error(`firebase.json has no emulators.${name}.port`);
  }
  return { host: entry.host || "127.0.0.1", port: entry.port };
}

/**
 * The emulators among `names` whose configured port is already taken,
 * e.g. by an `npm start` still running, as `"functions (127.0.0.1:5001)"`.
 *
 * @param {string[]} names
 * @returns {Promise<string[]>}
 */
async function busyEmulatorPorts(names) {
  const busy = [];
  for (const name of names) {
    const { host, port } = emulatorAddress(name);
    if (!(await isPortFree(host, port))) busy.push(`${name} (${host}:${port})`);
  }
  return busy;
}

/**
 * @param {string} host
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function isPortFree(host, port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

module.exports = {
  REPO_ROOT,
  FUNCTIONS_DIR,
  projectId,
  emulatorAddress,
  busyEmulatorPorts,
};
