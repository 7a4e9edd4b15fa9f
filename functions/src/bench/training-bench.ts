/**
 * Runs the training worker in a child process and waits for its report.
 * The child writes to our stderr, so its progress shows as it happens.
 */
import { fork } from "node:child_process";
import * as path from "node:path";
import type {
  TrainingPlan,
  TrainingReport,
  WorkerMessage,
} from "./training-protocol";

const WORKER = path.join(__dirname, "training-worker.js");

export function runTrainingWorker(plan: TrainingPlan): Promise<TrainingReport> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], {
      // Its stdout goes to our stderr: ours is for the report alone.
      stdio: ["ignore", 2, 2, "ipc"],
    });
    let report: TrainingReport | null = null;
    let failure: string | null = null;
    child.on("message", (message: WorkerMessage) => {
      if (message.kind === "result") report = message.report;
      else failure = message.message;
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (report !== null) resolve(report);
      else {
        reject(
          new Error(
            `the training worker failed (exit ${code ?? signal}): ` +
              (failure ?? "no report")
          )
        );
      }
    });
    child.send(plan);
  });
}
