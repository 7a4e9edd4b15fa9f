/**
 * Asks the running emulators whether they are ready: the Firestore
 * emulator answers on its port, and the functions emulator has loaded the
 * HTTPS function `api` and that function answers its health route.
 */
"use strict";

/** How long one probe request may take before it counts as "no answer". */
const PROBE_TIMEOUT_MS = 5000;

/**
 * GET a URL; resolves to the status and body text, or null when nothing
 * answers (connection refused, timeout).
 *
 * @param {string} url
 * @returns {Promise<{ status: number, text: string } | null>}
 */
async function probe(url) {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return { status: response.status, text: await response.text() };
  } catch {
    return null;
  }
}

/**
 * The URL of the `api` function on the functions emulator, without the
 * `/api` route prefix: `http://127.0.0.1:5001/<project>/<region>/api`.
 * The region is whatever the function declared, read from the emulator's
 * `/backends` listing; null until the function is loaded.
 *
 * @param {{ host: string, port: number }} functions  Emulator address.
 * @param {string} project
 * @param {string} [functionName]
 * @returns {Promise<string | null>}
 */
async function findFunctionUrl(functions, project, functionName = "api") {
  const origin = `http://${functions.host}:${functions.port}`;
  const answer = await probe(`${origin}/backends`);
  if (!answer || answer.status !== 200) return null;
  let listing;
  try {
    listing = JSON.parse(answer.text);
  } catch {
    return null;
  }
  for (const backend of listing.backends || []) {
    for (const trigger of backend.functionTriggers || []) {
      if (trigger.name === functionName && trigger.httpsTrigger) {
        return `${origin}/${project}/${trigger.region}/${functionName}`;
      }
    }
  }
  return null;
}

/**
 * Calls `check` every `intervalMs` until it returns a value other than
 * null/false, `timeoutMs` passes (throws, naming `what`), or `stillAlive`
 * returns false (throws: the process we wait for is gone).
 *
 * @template T
 * @param {string} what  e.g. "the Firestore emulator at 127.0.0.1:8080".
 * @param {() => Promise<T | null | false>} check
 * @param {{ timeoutMs: number, intervalMs?: number,
 *   stillAlive?: () => boolean }} options
 * @returns {Promise<T>}
 */
async function waitUntil(what, check, options) {
  const { timeoutMs, intervalMs = 500, stillAlive = () => true } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== null && result !== false) return result;
    if (!stillAlive()) {
      throw new Error(`the emulators exited while waiting for ${what}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what} did not answer within ${Math.round(timeoutMs / 1000)} s`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

module.exports = { probe, findFunctionUrl, waitUntil };
