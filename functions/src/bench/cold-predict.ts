/**
 * predict_cold_ms: from spawning a fresh Node process (cold-child.ts) to
 * the answer of its first `POST /api/predict/<category>`, taken on the
 * bench's clock. Also split into the process's start-up (spawn until it
 * listens) and the first request (which loads the backend and model).
 */
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { Category } from "../domain/categories";
import type { ColdChildMessage } from "./cold-protocol";
import { modelVersionOf, postJson } from "./http-post";
import type { LocalStoreDirs } from "./model-store";

const CHILD = path.join(__dirname, "cold-child.js");
/** A cold start that takes longer than this is a failure, not a figure. */
const COLD_TIMEOUT_MS = 60_000;

export interface ColdStart {
  totalMs: number;
  /** Spawn until the child listens. */
  startupMs: number;
  /** The first request, sent once the child listens, until its answer. */
  firstRequestMs: number;
}

function waitForListening(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the cold child did not listen in time")),
      COLD_TIMEOUT_MS
    );
    child.once("message", (message: ColdChildMessage) => {
      clearTimeout(timer);
      if (message.kind === "listening") resolve(message.port);
      else reject(new Error(`the cold child failed: ${message.message}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the cold child exited early (${code})`));
    });
  });
}

export async function measureColdStart(
  dirs: LocalStoreDirs,
  category: Category
): Promise<ColdStart> {
  const spawnedAt = performance.now();
  const child = fork(CHILD, [dirs.blobs, dirs.registry], {
    stdio: ["ignore", 2, 2, "ipc"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    const port = await waitForListening(child);
    const listeningAt = performance.now();
    const answer = await postJson(
      `http://127.0.0.1:${port}/api/predict/${category}`,
      { years_ahead: 5 }
    );
    const answeredAt = performance.now();
    modelVersionOf(answer);
    return {
      totalMs: answeredAt - spawnedAt,
      startupMs: listeningAt - spawnedAt,
      firstRequestMs: answeredAt - listeningAt,
    };
  } finally {
    if (child.connected) child.send("exit");
    // A child that does not heed "exit" (it hung) is stopped by force.
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(force);
  }
}
