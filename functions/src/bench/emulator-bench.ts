/**
 * retrain_burst and retrain_edit_ms on the Firebase emulators: starts
 * `firebase emulators:exec --only firestore,functions,tasks` the way
 * scripts/test.js does (resolveEmulatorEnv's environment, a fresh
 * LOCAL_MODEL_DIR) with emulator-probe.js as the command, and reads the
 * probe's result file. Never touches emulators it did not start: when
 * their ports are taken it waits for them to free up, then gives up.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import * as net from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { Category } from "../domain/categories";
import type { EmulatorProbeResult } from "./emulator-protocol";
import { logLine } from "./log";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const PROBE = path.join(__dirname, "emulator-probe.js");
const FIREBASE_BIN = path.join(
  REPO_ROOT, "node_modules", "firebase-tools", "lib", "bin", "firebase.js"
);
const EMULATORS = ["firestore", "functions", "tasks"];
/** The emulator hub and logging ports firebase-tools also opens. */
const HUB_PORTS = [4400, 4500];
const PORT_RETRY_MS = 10_000;

/** The shapes of the two root scripts this file reuses. */
interface EmulatorEnvScript {
  resolveEmulatorEnv():
    | { ok: true; env: Record<string, string>; notes: string[] }
    | { ok: false; reason: string; install: string };
}
interface ProjectConfigScript {
  projectId(): string;
  emulatorAddress(name: string): { host: string; port: number };
}

// The root scripts are plain CommonJS outside this TypeScript program.
const loadScript = createRequire(__filename);
const scripts = {
  env: () =>
    loadScript(path.join(REPO_ROOT, "scripts", "emulator-env.js")) as
      EmulatorEnvScript,
  config: () =>
    loadScript(path.join(REPO_ROOT, "scripts", "project-config.js")) as
      ProjectConfigScript,
};

export type EmulatorOutcome =
  | { ok: true; result: Extract<EmulatorProbeResult, { ok: true }> }
  | {
      ok: false;
      reason: string;
      /** True when they ran and failed; false when they could not run. */
      failed: boolean;
    };

function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ host, port, exclusive: true }, () =>
      server.close(() => resolve(true))
    );
  });
}

async function busyPorts(config: ProjectConfigScript): Promise<string[]> {
  const wanted = [
    ...EMULATORS.map((name) => ({ name, ...config.emulatorAddress(name) })),
    ...HUB_PORTS.map((port) => ({ name: "hub", host: "127.0.0.1", port })),
  ];
  const busy: string[] = [];
  for (const { name, host, port } of wanted) {
    if (!(await isPortFree(host, port))) busy.push(`${name} ${host}:${port}`);
  }
  return busy;
}

/** Waits for the ports; the busy list when they stay taken. */
async function waitForFreePorts(
  config: ProjectConfigScript,
  waitSeconds: number
): Promise<string[]> {
  const deadline = performance.now() + waitSeconds * 1000;
  for (;;) {
    const busy = await busyPorts(config);
    if (busy.length === 0 || performance.now() > deadline) return busy;
    logLine(
      `emulator ports in use (${busy.join(", ")}), probably by another ` +
        `engineer's emulators; retrying in ${PORT_RETRY_MS / 1000} s`
    );
    await new Promise((resolve) => setTimeout(resolve, PORT_RETRY_MS));
  }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

export async function runEmulatorBench(options: {
  category: Category;
  /** Folder to import the table from, or null for the synthetic one. */
  dataFolder: string | null;
  editRuns: number;
  portWaitSeconds: number;
}): Promise<EmulatorOutcome> {
  const tools = scripts.env().resolveEmulatorEnv();
  if (!tools.ok) {
    return {
      ok: false,
      reason: `${tools.reason} (install with: sudo ${tools.install})`,
      failed: false,
    };
  }
  const config = scripts.config();
  const busy = await waitForFreePorts(config, options.portWaitSeconds);
  if (busy.length > 0) {
    return {
      ok: false,
      reason: `emulator ports stayed in use for ${options.portWaitSeconds} ` +
        `s: ${busy.join(", ")}`,
      failed: false,
    };
  }

  const work = mkdtempSync(path.join(tmpdir(), "cfo-bench-emulators-"));
  try {
    const resultFile = path.join(work, "result.json");
    const functions = config.emulatorAddress("functions");
    const project = config.projectId();
    const command = [
      process.execPath,
      PROBE,
      resultFile,
      options.category,
      project,
      `${functions.host}:${functions.port}`,
      options.dataFolder ?? "synthetic",
      String(options.editRuns),
    ]
      .map(shellQuote)
      .join(" ");
    logLine(`emulators: firebase emulators:exec --only ${EMULATORS.join(",")}`);
    const status = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          FIREBASE_BIN, "emulators:exec", "--only", EMULATORS.join(","),
          "--project", project, command,
        ],
        {
          cwd: REPO_ROOT,
          // firebase-tools logs on stdout; ours is for the report alone.
          stdio: ["ignore", 2, 2],
          env: {
            ...process.env,
            ...tools.env,
            LOCAL_MODEL_DIR: path.join(work, "models"),
          },
        }
      );
      child.once("error", reject);
      child.once("exit", (code) => resolve(code));
    });
    let result: EmulatorProbeResult;
    try {
      result = JSON.parse(
        readFileSync(resultFile, "utf8")
      ) as EmulatorProbeResult;
    } catch {
      return {
        ok: false,
        reason: `the emulators did not run the probe (exit ${status}); ` +
          "see their log above",
        failed: true,
      };
    }
    return result.ok
      ? { ok: true, result }
      : { ok: false, reason: result.reason, failed: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
