/**
 * The training worker: a child process that trains one model at a time
 * and reports either wall times ("timing") or the accuracy checks of
 * both networks ("accuracy"), with RSS. Trainings are never run two at
 * a time in one process; the timing worker also runs alone on the
 * machine, which keeps the bench's own HTTP servers, timers and other
 * workers out of its figures.
 */
import { performance } from "node:perf_hooks";
import type { Category } from "../domain/categories";
import type { History } from "../domain/history";
import { initBackend } from "../ml/backend";
import { DEFAULT_CONFIG, SEED_RECIPE, type ForecastConfig } from "../ml/config";
import { trainForecaster } from "../ml/train";
import { checkAccuracy } from "./accuracy-checks";
import { logLine } from "./log";
import { RssSampler } from "./rss-sampler";
import type {
  CategoryTiming,
  ConfigRuns,
  TrainingPlan,
  WorkerMessage,
  WorkerReport,
} from "./training-protocol";

const MB = 1024 * 1024;
/** Epochs of the untimed warm-up training. */
const WARMUP_EPOCHS = 3;

interface TimedTraining {
  ms: number;
  epochs: number;
}

async function timedTraining(
  history: History,
  config: ForecastConfig,
  rss: RssSampler
): Promise<TimedTraining> {
  rss.start();
  const startedAt = performance.now();
  try {
    const trained = await trainForecaster(history, config);
    const ms = performance.now() - startedAt;
    trained.model.dispose();
    return { ms, epochs: trained.metrics.epochsTrained };
  } finally {
    rss.stop();
  }
}

function record(runs: ConfigRuns, timed: TimedTraining): void {
  runs.ms.push(timed.ms);
  runs.epochs.push(timed.epochs);
}

/** Which role a training plays, its configuration, where its runs go. */
type Step = [string, ForecastConfig, ConfigRuns];

async function timeCategory(
  category: Category,
  history: History,
  plan: TrainingPlan,
  rss: RssSampler
): Promise<CategoryTiming> {
  const served: ConfigRuns = { ms: [], epochs: [] };
  const baseline: ConfigRuns = { ms: [], epochs: [] };
  for (let run = 0; run < plan.runs; run++) {
    // Alternate which configuration goes first, so a machine that slows
    // down or speeds up during the bench weighs on both alike.
    const servedStep: Step = ["served", DEFAULT_CONFIG, served];
    const baselineStep: Step = ["baseline", SEED_RECIPE, baseline];
    const order =
      run % 2 === 0 ? [servedStep, baselineStep] : [baselineStep, servedStep];
    for (const [role, config, runs] of order) {
      const timed = await timedTraining(history, config, rss);
      record(runs, timed);
      logLine(
        `train ${category} ${role} (${config.name}) ` +
          `run ${run + 1}/${plan.runs}: ` +
          `${Math.round(timed.ms)} ms, ${timed.epochs} epochs`
      );
    }
  }

  return { served, baseline };
}

async function runPlan(plan: TrainingPlan): Promise<WorkerReport> {
  const backend = await initBackend((line) => logLine(line));
  const rss = new RssSampler(plan.rssIntervalMs);
  const report: WorkerReport = {
    backend,
    warmupMs: 0,
    timing: {},
    accuracy: {},
    peakRssSampledMb: 0,
    maxRssMb: 0,
  };
  if (plan.part === "timing") {
    report.warmupMs = await warmUp(plan, rss);
  }
  for (const category of plan.categories) {
    const history = plan.histories[category];
    if (history === undefined) throw new Error(`no ${category} history`);
    if (plan.part === "timing") {
      report.timing[category] = await timeCategory(
        category,
        history,
        plan,
        rss
      );
    } else {
      report.accuracy[category] = await checkAccuracy(
        category,
        history,
        plan,
        rss
      );
    }
  }
  report.peakRssSampledMb = rss.peak / MB;
  // ru_maxrss is in kilobytes on Linux.
  report.maxRssMb = process.resourceUsage().maxRSS / 1024;
  return report;
}

/**
 * The first training of a process also starts the backend and grows the
 * wasm heap; a short one runs first and is left out of the figures.
 */
async function warmUp(plan: TrainingPlan, rss: RssSampler): Promise<number> {
  const first = plan.categories[0];
  const firstHistory = plan.histories[first];
  if (firstHistory === undefined) throw new Error(`no ${first} history`);
  const warmupConfig = { ...DEFAULT_CONFIG, maxEpochs: WARMUP_EPOCHS };
  const warmup = await timedTraining(firstHistory, warmupConfig, rss);
  logLine(
    `warm-up training (${first}, ${WARMUP_EPOCHS} epochs, untimed): ` +
      `${Math.round(warmup.ms)} ms`
  );
  return warmup.ms;
}

function reply(message: WorkerMessage): void {
  process.send?.(message, () => process.disconnect());
}

process.once("message", (plan: TrainingPlan) => {
  runPlan(plan).then(
    (report) => reply({ kind: "result", report }),
    (error: unknown) =>
      reply({
        kind: "error",
        message:
          error instanceof Error
            ? (error.stack ?? error.message)
            : String(error),
      })
  );
});
