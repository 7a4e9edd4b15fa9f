/**
 * Automatic retraining end to end on the emulators: history written to
 * the Firestore emulator (by the CLI importer, or by the Admin SDK) fires
 * `onHistoryWritten` on the functions emulator, which queues a task on the
 * Tasks emulator, and `retrainCategory` trains and switches the serving
 * model, which the `api` function then serves over real HTTP. Nothing is
 * mocked.
 *
 * What is proved: a 30-year import trains once; writing the same values
 * again trains nothing; a non-numeric value is reported on the category's
 * status while the old model keeps serving; two categories edited
 * together are trained once each. The delays from a write to its effect
 * are logged, because nothing else on the emulators measures them.
 *
 * `npm test` at the repo root runs this file inside
 * `firebase emulators:exec --only firestore,functions,tasks`, with the
 * short retraining windows of functions/.env.demo-cfo-forecast; run any
 * other way, the suite is skipped with a message saying so.
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import * as path from "node:path";
import { promisify } from "node:util";
import { deleteApp, initializeApp, type App } from "firebase-admin/app";
import {
  getFirestore,
  type DocumentData,
  type Firestore,
} from "firebase-admin/firestore";
import { CATEGORY_SPECS, type Category } from "../../src/domain/categories";
import {
  CFO_FILE_NAMES,
  folderWith,
  yearRowsCsv,
} from "../support/csv-fixtures";

const firestoreHost = process.env.FIRESTORE_EMULATOR_HOST;
const hub = process.env.FIREBASE_EMULATOR_HUB;
const project = process.env.GCLOUD_PROJECT;
const onEmulators = Boolean(firestoreHost && hub && project);

if (!onEmulators) {
  console.warn(
    "SKIPPED retraining emulator tests: FIRESTORE_EMULATOR_HOST, " +
      "FIREBASE_EMULATOR_HUB or GCLOUD_PROJECT is unset; run `npm test` " +
      "at the repo root, which starts the emulators"
  );
}
const describeOnEmulators = onEmulators ? describe : describe.skip;

const CLI = path.resolve(__dirname, "..", "..", "..", "scripts", "cli.js");
const runFile = promisify(execFile);

const FIRST_YEAR = 1986;
const LAST_YEAR = 2015;
const NUM_YEARS = LAST_YEAR - FIRST_YEAR + 1;

/** The importer knows civil status tables by `CivilStatus` in the name. */
const CIVIL_STATUS_FILE = "Emigrant-1988-2015-CivilStatus.csv";

/**
 * How long nothing may change in the model registry before we trust that
 * no task is still running: the emulator's window (4 s) and quiet period
 * (2 s) plus one training of a small category.
 */
const QUIET_MS = 10_000;
/** After the first new version, how long a second one gets to show up. */
const SETTLE_MS = 10_000;
/** Longest wait for a task to have trained (or checked) a category. */
const TASK_TIMEOUT_MS = 60_000;
/** The api function trusts its copy of the serving pointer for 10 s. */
const API_TIMEOUT_MS = 20_000;
const POLL_MS = 200;

const CATEGORIES_UNDER_TEST = ["sex", "civil_status", "destination"] as const;
const SEX_GROUPS = CATEGORY_SPECS.sex.groups as string[];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function secondsSince(startMs: number, endMs = Date.now()): number {
  return Math.round((endMs - startMs) / 100) / 10;
}

/**
 * Polls `probe` until it returns something other than undefined. On
 * timeout the error says what was awaited and what `lastSeen` reports.
 */
async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  lastSeen: () => string = () => "nothing"
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}; ` +
          `last seen: ${lastSeen()}`
      );
    }
    await sleep(POLL_MS);
  }
}

interface JsonResponse {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  method: "GET" | "POST",
  url: string,
  body?: unknown
): Promise<JsonResponse> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return {
      status: response.status,
      body: JSON.parse(text) as Record<string, unknown>,
    };
  } catch {
    throw new Error(
      `${method} ${url}: status ${response.status}, body is not JSON: ` +
        text.slice(0, 300)
    );
  }
}

/** Base URL of the `api` function, as the emulator hub and listing say. */
async function apiBaseUrl(): Promise<string> {
  const running = (await call("GET", `http://${hub}/emulators`)).body;
  const functions = running.functions as
    | { host: string; port: number }
    | undefined;
  if (!functions) {
    throw new Error(
      `no functions emulator behind hub ${hub}; running: ` +
        Object.keys(running).join(", ")
    );
  }
  const origin = `http://${functions.host}:${functions.port}`;
  const listing = (await call("GET", `${origin}/backends`)).body as {
    backends?: { functionTriggers?: { name: string; region: string }[] }[];
  };
  const triggers = (listing.backends ?? []).flatMap(
    (backend) => backend.functionTriggers ?? []
  );
  const names = triggers.map((trigger) => trigger.name);
  for (const needed of ["api", "onHistoryWritten", "retrainCategory"]) {
    if (!names.includes(needed)) {
      throw new Error(
        `function ${needed} is not loaded on the functions emulator ` +
          `(loaded: ${names.join(", ") || "none"})`
      );
    }
  }
  const api = triggers.find((trigger) => trigger.name === "api");
  return `${origin}/${project}/${api?.region}/api`;
}

/** `node scripts/cli.js import <folder>`, as an operator runs it. */
async function cliImport(folder: string): Promise<void> {
  try {
    await runFile(process.execPath, [CLI, "import", folder], {
      env: process.env,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    const detail = stderr || (error instanceof Error ? error.message : "");
    throw new Error(`cli import ${folder} failed: ${detail}`, {
      cause: error,
    });
  }
}

describeOnEmulators("automatic retraining on the emulators", () => {
  let app: App;
  let db: Firestore;
  let base: string;
  const folders: string[] = [];

  async function versionIds(category: Category): Promise<string[]> {
    const listed = await db
      .collection(`mlModels/${category}/versions`)
      .listDocuments();
    return listed.map((doc) => doc.id).sort();
  }

  async function servingVersion(category: Category): Promise<string | null> {
    const pointer = await db.doc(`mlModels/${category}`).get();
    const version = pointer.get("version") as unknown;
    return typeof version === "string" ? version : null;
  }

  async function statusOf(category: Category): Promise<DocumentData> {
    return (await db.doc(`mlStatus/${category}`).get()).data() ?? {};
  }

  /** Newest write to the model registry and statuses, in epoch ms. */
  async function lastRegistryWrite(): Promise<number> {
    const [pointers, statuses, versions] = await Promise.all([
      db.collection("mlModels").get(),
      db.collection("mlStatus").get(),
      db.collectionGroup("versions").get(),
    ]);
    const times = [pointers, statuses, versions].flatMap((query) =>
      query.docs.map((doc) => doc.updateTime.toMillis())
    );
    return Math.max(0, ...times);
  }

  /**
   * Waits until no task has written anything for QUIET_MS, so that tasks
   * queued by other files (or by our own clean-up) are done.
   */
  async function registryQuiet(): Promise<void> {
    let last = 0;
    await waitFor(
      `no registry write for ${QUIET_MS / 1000} s`,
      async () => {
        last = await lastRegistryWrite();
        return Date.now() - last >= QUIET_MS ? true : undefined;
      },
      90_000,
      () => `last write ${secondsSince(last)} s ago`
    );
  }

  /** Versions of `category` beyond `before`, once at least one exists. */
  async function newVersions(
    category: Category,
    before: string[]
  ): Promise<string[]> {
    let seen: string[] = [];
    return waitFor(
      `a new version of ${category} in mlModels/${category}/versions`,
      async () => {
        seen = (await versionIds(category)).filter((v) => !before.includes(v));
        return seen.length > 0 ? seen : undefined;
      },
      TASK_TIMEOUT_MS,
      () => `${seen.length} new`
    );
  }

  /** History checked (trained or skipped) after `sinceMs`. */
  async function historyChecked(
    category: Category,
    sinceMs: number
  ): Promise<DocumentData> {
    let checkedAt = "never";
    return waitFor(
      `mlStatus/${category}.history_checked_at after ` +
        new Date(sinceMs).toISOString(),
      async () => {
        const status = await statusOf(category);
        checkedAt = String(status.history_checked_at ?? "never");
        return Date.parse(checkedAt) > sinceMs ? status : undefined;
      },
      TASK_TIMEOUT_MS,
      () => checkedAt
    );
  }

  /** Model-info of `category` once the api function serves `version`. */
  async function apiServes(
    category: Category,
    version: string
  ): Promise<Record<string, unknown>> {
    let seen = "nothing";
    return waitFor(
      `GET /api/model-info/${category} to report version ${version}`,
      async () => {
        const info = await call("GET", `${base}/model-info/${category}`);
        seen = `${info.status} ${String(info.body.serving_version)}`;
        return info.status === 200 && info.body.serving_version === version
          ? info.body
          : undefined;
      },
      API_TIMEOUT_MS,
      () => seen
    );
  }

  async function csvFolder(files: Record<string, string>): Promise<string> {
    const folder = await folderWith(files);
    folders.push(folder);
    return folder;
  }

  beforeAll(async () => {
    base = await apiBaseUrl();
    app = initializeApp(
      { projectId: project },
      `retraining-emulator-test-${Date.now()}`
    );
    db = getFirestore(app);
    // Start from no history and no registry state for the categories
    // under test: earlier files train, and one leaves sex pinned by a
    // rollback, which would stop every automatic retraining of it.
    // Deleting the history fires the trigger too; those tasks, and any
    // left by earlier files, must be done before the registry goes.
    for (const category of CATEGORIES_UNDER_TEST) {
      const dataset = CATEGORY_SPECS[category].dataset;
      await db.recursiveDelete(db.doc(`emigrantData/${dataset}`));
    }
    const waitStarted = Date.now();
    await registryQuiet();
    console.log("registry quiet before the retraining tests", {
      waitedSeconds: secondsSince(waitStarted),
    });
    for (const category of CATEGORIES_UNDER_TEST) {
      await db.recursiveDelete(db.doc(`mlModels/${category}`));
      await db.doc(`mlStatus/${category}`).delete();
    }
  }, 120_000);

  afterAll(async () => {
    for (const folder of folders) {
      await rm(folder, { recursive: true, force: true });
    }
    if (app) await deleteApp(app);
  });

  const sexCsv = yearRowsCsv(SEX_GROUPS, FIRST_YEAR, LAST_YEAR);
  let sexVersion = "";

  it("trains a 30-year import once and serves it", async () => {
    const before = await versionIds("sex");
    const folder = await csvFolder({ [CFO_FILE_NAMES.sex]: sexCsv });

    const importStarted = Date.now();
    await cliImport(folder);
    const importEnded = Date.now();

    const [version] = await newVersions("sex", before);
    const recordedAt = Date.now();
    await waitFor(
      `mlModels/sex to point at ${version}`,
      async () =>
        (await servingVersion("sex")) === version ? true : undefined,
      TASK_TIMEOUT_MS
    );
    const pointerAt = Date.now();
    const info = await apiServes("sex", version);
    const apiAt = Date.now();

    // A second training would come from a second task of the same burst.
    await sleep(Math.max(0, recordedAt + SETTLE_MS - Date.now()));
    const trained = (await versionIds("sex")).filter(
      (v) => !before.includes(v)
    );
    console.log("retraining after a 30-year import of sex", {
      trainings: trained.length,
      importSeconds: secondsSince(importStarted, importEnded),
      secondsFromImportEndToVersionRecorded: secondsSince(
        importEnded,
        recordedAt
      ),
      secondsFromImportEndToPointerSwitched: secondsSince(
        importEnded,
        pointerAt
      ),
      secondsFromImportEndToApiServing: secondsSince(importEnded, apiAt),
    });
    expect(trained).toEqual([version]);

    expect(info).toMatchObject({
      category: "sex",
      version,
      training_years: `${FIRST_YEAR} - ${LAST_YEAR}`,
      num_years: NUM_YEARS,
      last_error: null,
      history_status: "present",
    });
    const predicted = await call("POST", `${base}/api/predict/sex`, {
      years_ahead: 3,
    });
    expect(predicted.status).toBe(200);
    expect(predicted.body.model_version).toBe(version);
    const years = predicted.body.predictions as { year: number }[];
    expect(years.map((y) => y.year)).toEqual([
      LAST_YEAR + 1,
      LAST_YEAR + 2,
      LAST_YEAR + 3,
    ]);
    sexVersion = version;
  });

  it("does not retrain when the same values are written again", async () => {
    expect(sexVersion).not.toBe("");
    const before = await versionIds("sex");
    const folder = await csvFolder({ [CFO_FILE_NAMES.sex]: sexCsv });

    const importStarted = Date.now();
    await cliImport(folder);
    const importEnded = Date.now();
    const status = await historyChecked("sex", importStarted);
    console.log("history check after re-importing the same sex values", {
      secondsFromImportEndToCheck: secondsSince(importEnded),
    });
    // A burst that crossed a window boundary has a second task: give it
    // the time it needs to run before counting.
    await sleep(Math.max(0, importEnded + SETTLE_MS - Date.now()));

    expect(status.last_error ?? null).toBeNull();
    expect(await versionIds("sex")).toEqual(before);
    expect(await servingVersion("sex")).toBe(sexVersion);
  });

  it("reports a non-numeric value and keeps serving the old model",
    async () => {
      expect(sexVersion).not.toBe("");
      const before = await versionIds("sex");
      const document = `emigrantData/sex/years/${LAST_YEAR}`;
      const good = (await db.doc(document).get()).get("MALE") as number;
      expect(typeof good).toBe("number");

      const brokenAt = Date.now();
      await db.doc(document).update({ MALE: "n/a" });
      let seen: DocumentData | null = null;
      const lastError = await waitFor(
        `mlStatus/sex.last_error naming ${document}`,
        async () => {
          seen = ((await statusOf("sex")).last_error ?? null) as
            | DocumentData
            | null;
          return seen?.document === document &&
            Date.parse(String(seen.at)) >= brokenAt
            ? seen
            : undefined;
        },
        TASK_TIMEOUT_MS,
        () => JSON.stringify(seen)
      );
      console.log("bad history reported", {
        secondsFromWriteToLastError: secondsSince(brokenAt),
      });
      expect(String(lastError.message)).toMatch(/MALE/);

      const info = await call("GET", `${base}/api/model-info/sex`);
      expect(info.status).toBe(200);
      expect(info.body.serving_version).toBe(sexVersion);
      expect(info.body.last_error).toMatchObject({ document });
      const predicted = await call("POST", `${base}/api/predict/sex`, {
        years_ahead: 2,
      });
      expect(predicted.status).toBe(200);
      expect(predicted.body.model_version).toBe(sexVersion);
      expect(await versionIds("sex")).toEqual(before);

      // Put the value back. The history is the one the serving model
      // learned again, so the next check clears the error.
      const restoredAt = Date.now();
      await db.doc(document).update({ MALE: good });
      const status = await historyChecked("sex", restoredAt);
      expect(status.last_error ?? null).toBeNull();
      expect(await servingVersion("sex")).toBe(sexVersion);
    });

  it("retrains two categories edited together once each", async () => {
    const categories = ["civil_status", "destination"] as const;
    const before = {
      civil_status: await versionIds("civil_status"),
      destination: await versionIds("destination"),
    };
    const folder = await csvFolder({
      [CIVIL_STATUS_FILE]: yearRowsCsv(
        CATEGORY_SPECS.civil_status.groups as string[],
        1988,
        LAST_YEAR
      ),
      [CFO_FILE_NAMES.destination]: yearRowsCsv(
        CATEGORY_SPECS.destination.groups as string[],
        1988,
        LAST_YEAR
      ),
    });

    await cliImport(folder);
    const importEnded = Date.now();
    const seconds: Record<string, number> = {};
    for (const category of categories) {
      await newVersions(category, before[category]);
      seconds[category] = secondsSince(importEnded);
    }
    await sleep(SETTLE_MS);

    const trainings: Record<string, number> = {};
    const serving: Record<string, boolean> = {};
    for (const category of categories) {
      const trained = (await versionIds(category)).filter(
        (v) => !before[category].includes(v)
      );
      trainings[category] = trained.length;
      serving[category] = trained.includes(
        (await servingVersion(category)) ?? ""
      );
    }
    console.log("retraining after importing two categories at once", {
      trainings,
      secondsFromImportEndToVersionRecorded: seconds,
    });
    expect(trainings).toEqual({ civil_status: 1, destination: 1 });
    expect(serving).toEqual({ civil_status: true, destination: true });
  });
});
