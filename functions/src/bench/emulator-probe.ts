/**
 * Runs inside `firebase emulators:exec` (FIRESTORE_EMULATOR_HOST set, the
 * functions and tasks emulators up, no other data) and measures automatic
 * retraining end to end:
 *
 * - retrain_burst: imports one category's table with the CLI, as an
 *   operator would, waits until no new version has been recorded for a
 *   while, and counts the versions under mlModels/<category>/versions;
 * - retrain_edit_ms: changes one count of the last year's document with
 *   the Admin SDK and times until `POST /api/predict/<category>` on the
 *   api function answers a new model_version, polling every 250 ms.
 *
 * argv: <result file> <category> <project> <functions host:port>
 * <data folder or "synthetic"> <edit runs>.
 */
import { spawn } from "node:child_process";
import { FieldPath } from "firebase-admin/firestore";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import {
  CATEGORY_SPECS,
  isCategory,
  type Category,
} from "../domain/categories";
import { firestore } from "../platform/firebase-services";
import { FirestoreModelRegistry } from "../storage/firestore-model-registry";
import type { EmulatorProbeResult } from "./emulator-protocol";
import { modelVersionOf, postJson } from "./http-post";
import { logLine } from "./log";

const CLI = path.resolve(__dirname, "..", "..", "..", "scripts", "cli.js");
const POLL_MS = 250;
/** No new version for this long means the burst is over. */
const SETTLE_MS = 30_000;
const BURST_TIMEOUT_MS = 600_000;
const EDIT_TIMEOUT_MS = 300_000;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns non-null, or throws after `timeoutMs`. */
async function waitFor<T>(
  what: string,
  timeoutMs: number,
  intervalMs: number,
  check: () => Promise<T | null>
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value !== null) return value;
    if (performance.now() > deadline) {
      throw new Error(`${what}: nothing after ${timeoutMs / 1000} s`);
    }
    await sleep(intervalMs);
  }
}

/** The api function's base URL, from the functions emulator's listing. */
async function apiBaseUrl(functionsHost: string, project: string) {
  const origin = `http://${functionsHost}`;
  return waitFor("the api function on the emulator", 180_000, 500, async () => {
    const response = await fetch(`${origin}/backends`);
    const listing = (await response.json()) as {
      backends?: Array<{
        functionTriggers?: Array<{
          name?: string;
          region?: string;
          httpsTrigger?: unknown;
        }>;
      }>;
    };
    for (const backend of listing.backends ?? []) {
      for (const trigger of backend.functionTriggers ?? []) {
        if (trigger.name === "api" && trigger.httpsTrigger !== undefined) {
          const base = `${origin}/${project}/${trigger.region}/api`;
          const health = await fetch(`${base}/health`);
          return health.ok ? base : null;
        }
      }
    }
    return null;
  });
}

function runCli(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ["ignore", 2, 2],
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`cli ${args.join(" ")} exited ${code}`))
    );
  });
}

async function measureBurst(
  category: Category,
  registry: FirestoreModelRegistry,
  data: string
) {
  const source = data === "synthetic" ? ["--synthetic"] : [data];
  const importStart = performance.now();
  await runCli(["import", ...source, "--category", category]);
  const importEnd = performance.now();
  const importMs = importEnd - importStart;
  logLine(`emulators: imported ${category} in ${Math.round(importMs)} ms`);

  const count = async () => (await registry.listVersions(category)).length;
  await waitFor("the first retrained version", BURST_TIMEOUT_MS, 1000,
    async () => ((await count()) > 0 ? true : null));
  const firstVersionMs = performance.now() - importEnd;
  logLine(
    `emulators: first version after ${Math.round(firstVersionMs)} ms; ` +
      `waiting ${SETTLE_MS / 1000} s without a new one`
  );

  let last = await count();
  let lastChange = performance.now();
  while (performance.now() - lastChange < SETTLE_MS) {
    if (performance.now() - importEnd > BURST_TIMEOUT_MS) {
      throw new Error("versions kept appearing; the burst never settled");
    }
    await sleep(1000);
    const now = await count();
    if (now !== last) {
      last = now;
      lastChange = performance.now();
    }
  }
  return { importMs, firstVersionMs, burst: last };
}

/** Adds one to the first group of the last year: a real change. */
async function editLastYear(category: Category): Promise<void> {
  const years = firestore().collection(
    `emigrantData/${CATEGORY_SPECS[category].dataset}/years`
  );
  const snapshot = await years.get();
  const lastDoc = snapshot.docs
    .sort((a, b) => a.id.localeCompare(b.id))
    .at(-1);
  if (lastDoc === undefined) throw new Error(`no ${category} year documents`);
  const group = CATEGORY_SPECS[category].groups.find(
    (g) => typeof lastDoc.get(g) === "number"
  );
  if (group === undefined) throw new Error(`${lastDoc.ref.path} has no counts`);
  // A FieldPath, so that a group name is never read as a nested path.
  await lastDoc.ref.update(
    new FieldPath(group),
    (lastDoc.get(group) as number) + 1
  );
}

async function measureEdits(
  category: Category,
  base: string,
  runs: number
): Promise<number[]> {
  const url = `${base}/predict/${category}`;
  const version = async () =>
    modelVersionOf(await postJson(url, { years_ahead: 5 }));
  let current = await waitFor("a served forecast", 60_000, 1000, version);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const editedAt = performance.now();
    await editLastYear(category);
    const previous = current;
    current = await waitFor("a new model_version", EDIT_TIMEOUT_MS, POLL_MS,
      async () => {
        const now = await version();
        return now !== previous ? now : null;
      });
    times.push(performance.now() - editedAt);
    logLine(
      `emulators: edit ${run + 1}/${runs} served ${current} after ` +
        `${Math.round(times[run])} ms`
    );
  }
  return times;
}

async function main(): Promise<EmulatorProbeResult> {
  const [, categoryArg, project, functionsHost, data, runsArg] =
    process.argv.slice(2);
  if (!isCategory(categoryArg)) throw new Error(`bad category ${categoryArg}`);
  process.env.GCLOUD_PROJECT ??= project;
  const base = await apiBaseUrl(functionsHost, project);
  logLine(`emulators: api function at ${base}`);

  const registry = new FirestoreModelRegistry(firestore());
  const burst = await measureBurst(categoryArg, registry, data);
  const editMs = await measureEdits(categoryArg, base, Number(runsArg));
  const years = await firestore()
    .collection(`emigrantData/${CATEGORY_SPECS[categoryArg].dataset}/years`)
    .count()
    .get();
  return {
    ok: true,
    category: categoryArg,
    importedYears: years.data().count,
    importMs: burst.importMs,
    firstVersionMs: burst.firstVersionMs,
    burst: burst.burst,
    settleMs: SETTLE_MS,
    editMs,
  };
}

main().then(
  (result) => {
    writeFileSync(process.argv[2], JSON.stringify(result));
    process.exit(0);
  },
  (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    const failed: EmulatorProbeResult = { ok: false, reason };
    writeFileSync(process.argv[2], JSON.stringify(failed));
    logLine(`emulators: FAILED: ${reason}`);
    process.exit(1);
  }
);
