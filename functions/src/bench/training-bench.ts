/**
 * Runs the training workers in child processes and puts their reports
 * together: first one timing worker, alone on the machine, then the
 * accuracy checks in two workers at once (they measure errors, not time,
 * and would otherwise take most of the bench's run). The children write
 * to our stderr, so their progress shows as it happens.
 */
import { fork } from "node:child_process";
import * as path from "node:path";
import type { Category } from "../domain/categories";
import { DEFAULT_CONFIG, SEED_RECIPE } from "../ml/config";
import type {
  TrainingPlan,
  TrainingReport,
  WorkerMessage,
  WorkerReport,
} from "./training-protocol";

const WORKER = path.join(__dirname, "training-worker.js");

/** Workers that run the accuracy checks side by side. */
const ACCURACY_WORKERS = 2;

export async function runTrainingBench(
  plan: Omit<TrainingPlan, "part">
): Promise<TrainingReport> {
  const timing = await runTrainingWorker({ ...plan, part: "timing" });
  const shares = splitCategories(plan.categories, ACCURACY_WORKERS);
  const accuracy = await Promise.all(
    shares.map((categories) =>
      runTrainingWorker({ ...plan, categories, part: "accuracy" })
    )
  );
  return mergeWorkerReports(timing, accuracy);
}

/** Deals the categories out in turn into at most `count` non-empty shares. */
export function splitCategories(
  categories: readonly Category[],
  count: number
): Category[][] {
  const shares: Category[][] = Array.from({ length: count }, () => []);
  categories.forEach((category, i) => shares[i % count].push(category));
  return shares.filter((share) => share.length > 0);
}

/**
 * One report from the timing worker's and the accuracy workers': every
 * category the timing worker timed, with the accuracy figures found for
 * it; the backend and warm-up of the timing worker; the highest RSS of
 * any worker. Throws when the workers ran on different backends, whose
 * figures would not compare.
 */
export function mergeWorkerReports(
  timing: WorkerReport,
  accuracy: readonly WorkerReport[]
): TrainingReport {
  const others = accuracy.filter((r) => r.backend !== timing.backend);
  if (others.length > 0) {
    throw new Error(
      `the workers ran on different backends: ${timing.backend} and ` +
        others.map((r) => r.backend).join(", ")
    );
  }
  const perCategory: TrainingReport["perCategory"] = {};
  for (const [name, timed] of Object.entries(timing.timing)) {
    const category = name as Category;
    if (timed === undefined) continue;
    const checked = accuracy
      .map((r) => r.accuracy[category])
      .find((figures) => figures !== undefined);
    perCategory[category] = {
      ...timed,
      ...(checked ?? {
        heldOutWape: { seeds: [], served: [], baseline: [] },
        heldOutNote: "no accuracy worker checked it",
        backtest: null,
        backtestNote: "no accuracy worker checked it",
      }),
    };
  }
  const all = [timing, ...accuracy];
  return {
    backend: timing.backend,
    servedConfig: DEFAULT_CONFIG.name,
    baselineConfig: SEED_RECIPE.name,
    warmupMs: timing.warmupMs,
    perCategory,
    peakRssSampledMb: Math.max(...all.map((r) => r.peakRssSampledMb)),
    maxRssMb: Math.max(...all.map((r) => r.maxRssMb)),
  };
}

export function runTrainingWorker(plan: TrainingPlan): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], {
      // Its stdout goes to our stderr: ours is for the report alone.
      stdio: ["ignore", 2, 2, "ipc"],
    });
    let report: WorkerReport | null = null;
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
