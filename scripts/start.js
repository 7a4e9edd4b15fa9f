/**
 * `npm start [-- --data <folder>]`: builds the functions, starts the
 * Firebase emulators (Firestore, Functions, Tasks, Auth), seeds the
 * emigrant history, waits until the history trigger's retraining tasks
 * have trained every category, prints `API ready: <BASE>` and serves
 * until Ctrl-C. Edits made in Firestore after that retrain as deployed.
 *
 * Without `--data` the history is a generated sample, not the CFO's
 * numbers; the log says so loudly. The Storage emulator cannot start
 * offline, so models go to a local directory (LOCAL_MODEL_DIR, default
 * functions/.models) that the CLI and the functions emulator share.
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { parseArgs } = require("node:util");

const { resolveEmulatorEnv } = require("./emulator-env");
const { findFunctionUrl, probe, waitUntil } = require("./emulator-probe");
const {
  FUNCTIONS_DIR,
  REPO_ROOT,
  busyEmulatorPorts,
  emulatorAddress,
  projectId,
} = require("./project-config");
const {
  FIREBASE_BIN,
  NPM,
  elapsed,
  run,
  startTool,
} = require("./processes");

const EMULATORS = ["firestore", "functions", "tasks", "auth"];
const CLI = path.join(REPO_ROOT, "scripts", "cli.js");
/** Java emulators and the first function load take ~10-20 s here. */
const READY_TIMEOUT_MS = 180_000;
/** After a Ctrl-C, how long firebase-tools gets to stop its children. */
const SHUTDOWN_GRACE_MS = 30_000;

const USAGE =
  "usage: npm start [-- --data <folder-or-csv>]\n" +
  "  --data  seed Firestore from CFO CSV files instead of a generated sample";

/** @param {string} message */
function say(message) {
  console.log(`[start] ${message}`);
}

/** An error whose message is the whole story: no stack trace needed. */
class StartError extends Error {}

/**
 * @param {string[]} argv
 * @returns {{ data: string | null }}
 */
function parseCommandLine(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        data: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new StartError(`${error.message}\n${USAGE}`);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (parsed.values.data === undefined) return { data: null };
  // npm runs scripts from the package root; INIT_CWD is where the user was.
  const base = process.env.INIT_CWD || process.cwd();
  const data = path.resolve(base, parsed.values.data);
  if (!fs.existsSync(data)) {
    throw new StartError(`--data ${parsed.values.data}: ${data} does not exist`);
  }
  return { data };
}

function warnSyntheticData() {
  const bar = "*".repeat(72);
  console.log(
    [
      bar,
      "* SYNTHETIC DATA: no --data folder was given, so Firestore is seeded",
      "* with a GENERATED SAMPLE history, not the CFO's published numbers.",
      "* Forecasts below are for demonstrating the service only. For the",
      "* real tables: npm start -- --data ../shared/data/cfo",
      bar,
    ].join("\n")
  );
}

async function main() {
  const startedAt = Date.now();
  const { data } = parseCommandLine(process.argv.slice(2));
  const project = projectId();

  const tools = resolveEmulatorEnv();
  if (!tools.ok) {
    throw new StartError(
      `cannot start the Firestore emulator: ${tools.reason}.\n` +
        `Install it with: sudo ${tools.install}`
    );
  }
  for (const note of tools.notes) say(note);

  const busy = await busyEmulatorPorts(EMULATORS);
  if (busy.length > 0) {
    throw new StartError(
      `ports already in use: ${busy.join(", ")}. Is another ` +
        "`npm start` or `firebase emulators` still running?"
    );
  }

  say("building the functions (npm run build in functions/)");
  const buildStartedAt = Date.now();
  if ((await run(NPM, ["run", "build", "--prefix", FUNCTIONS_DIR])) !== 0) {
    throw new StartError("the functions build failed (see tsc output above)");
  }
  const buildTime = elapsed(buildStartedAt);

  const modelDir = path.resolve(
    REPO_ROOT,
    process.env.LOCAL_MODEL_DIR || path.join("functions", ".models")
  );
  fs.mkdirSync(modelDir, { recursive: true });
  say(
    "the Storage emulator cannot start offline: models are stored in " +
      `the local directory ${modelDir} (LOCAL_MODEL_DIR)`
  );

  const firestore = emulatorAddress("firestore");
  const functions = emulatorAddress("functions");
  const auth = emulatorAddress("auth");
  const sharedEnv = { ...process.env, ...tools.env, LOCAL_MODEL_DIR: modelDir };

  say(`starting the emulators: ${EMULATORS.join(", ")} (project ${project})`);
  const emulatorsStartedAt = Date.now();
  const emulators = startTool(
    process.execPath,
    [
      FIREBASE_BIN,
      "emulators:start",
      "--only",
      EMULATORS.join(","),
      "--project",
      project,
    ],
    {
      env: sharedEnv,
      stdio: ["ignore", "inherit", "inherit"],
      // Its own process group: a Ctrl-C reaches only us, and we forward
      // exactly one SIGINT, so firebase-tools shuts down cleanly instead
      // of taking a second signal as "stop right now".
      detached: true,
    }
  );
  let emulatorsExit = null;
  emulators.exited.then(
    (status) => (emulatorsExit = status),
    () => (emulatorsExit = -1)
  );
  const stillAlive = () => emulatorsExit === null;

  /** @type {import("node:child_process").ChildProcess | null} */
  let currentStep = null;
  let stopping = false;
  let interrupted = false;
  const stop = (signal) => {
    if (currentStep && currentStep.exitCode === null) {
      currentStep.kill("SIGTERM");
    }
    if (!stillAlive()) return;
    say(
      stopping
        ? `${signal} again: forcing the emulators to stop`
        : `${signal}: stopping the emulators`
    );
    stopping = true;
    process.kill(emulators.child.pid, "SIGINT");
    // firebase-tools normally stops its Java children within seconds;
    // past the grace period, kill the whole group rather than hang.
    setTimeout(() => {
      if (!stillAlive()) return;
      say("the emulators did not stop in time; killing them");
      killGroup(emulators.child.pid);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      interrupted = true;
      stop(signal);
    });
  }
  // Whatever happens to us, do not leave Java emulators running.
  process.on("exit", () => {
    if (stillAlive()) killGroup(emulators.child.pid);
  });

  try {
    await waitUntil(
      `the Firestore emulator at ${firestore.host}:${firestore.port}`,
      async () =>
        (await probe(`http://${firestore.host}:${firestore.port}/`))
          ?.status === 200,
      { timeoutMs: READY_TIMEOUT_MS, stillAlive }
    );
    const base = await waitUntil(
      `the api function on the functions emulator (${functions.host}:` +
        `${functions.port}); check the build output and the function log`,
      async () => {
        const url = await findFunctionUrl(functions, project);
        if (!url) return null;
        // The dashboard's BASE is the function URL without the function
        // name: it requests `${BASE}/api/health`, which is the `api`
        // function's /health route.
        const dashboardBase = url.slice(0, url.lastIndexOf("/"));
        const health = await probe(`${dashboardBase}/api/health`);
        return health?.status === 200 ? dashboardBase : null;
      },
      { timeoutMs: READY_TIMEOUT_MS, stillAlive }
    );
    const emulatorsTime = elapsed(emulatorsStartedAt);

    const cliEnv = {
      ...sharedEnv,
      GCLOUD_PROJECT: project,
      FIRESTORE_EMULATOR_HOST: `${firestore.host}:${firestore.port}`,
      FIREBASE_AUTH_EMULATOR_HOST: `${auth.host}:${auth.port}`,
    };
    const runStep = async (what, args) => {
      const step = startTool(process.execPath, [CLI, ...args], {
        env: cliEnv,
      });
      currentStep = step.child;
      const status = await step.exited;
      currentStep = null;
      if (interrupted) throw new StartError("interrupted");
      if (status !== 0) {
        throw new StartError(`${what} failed (exit status ${status})`);
      }
    };

    const seedStartedAt = Date.now();
    if (data) {
      say(`seeding Firestore from ${data}`);
      await runStep("importing the CSV data", ["import", data]);
    } else {
      warnSyntheticData();
      await runStep("importing the synthetic sample", ["import", "--synthetic"]);
    }
    const seedTime = elapsed(seedStartedAt);

    // The import's writes fire the history trigger, whose tasks train
    // every category on the functions emulator: the path every later
    // edit takes. Wait for it to catch up rather than train a second time.
    say("waiting for the retraining tasks to train every category");
    const trainStartedAt = Date.now();
    await runStep("the automatic training", ["wait-fresh", "--timeout", "600"]);
    const trainTime = elapsed(trainStartedAt);

    say(
      `ready after ${elapsed(startedAt)}: build ${buildTime}, emulators ` +
        `${emulatorsTime}, seed ${seedTime}, training ${trainTime}` +
        (data ? "" : " (SYNTHETIC data)")
    );
    console.log(`API ready: ${base}`);
  } catch (error) {
    if (stillAlive()) stop("startup failure");
    await emulators.exited;
    if (interrupted) {
      say("interrupted before the API was ready; emulators stopped");
      return;
    }
    throw error;
  }

  // Serve until the emulators exit: after a Ctrl-C (stop() bounds the
  // shutdown) or on their own, which is a failure.
  const status = await emulators.exited;
  if (!stopping) {
    throw new StartError(`the emulators exited on their own (${status})`);
  }
  say("emulators stopped");
}

/** @param {number | undefined} pid  Leader of a detached process group. */
function killGroup(pid) {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    const message = error instanceof StartError ? error.message : error.stack;
    console.error(`[start] FAILED: ${message}`);
    process.exit(1);
  }
);
