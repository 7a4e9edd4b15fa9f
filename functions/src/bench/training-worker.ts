/**
 * The training worker: a child process that trains one model at a time,
 * alone, and reports wall times, RSS and held-out errors. Training swaps
 * Math.random while it runs, so two trainings must never share a process
 * at once; running them here, one after another, also keeps the bench's
 * own HTTP servers and timers out of the figures.
 */
import { performance } from "node:perf_hooks";
import type { Category } from "../domain/categories";
import type { History } from "../domain/history";
import { initBackend } from "../ml/backend";
import { DEFAULT_CONFIG, SEED_RECIPE, type ForecastConfig } from "../ml/config";
import { forecast } from "../ml/forecast";
import { trainForecaster } from "../ml/train";
import {
  BENCH_BACKTEST,
  backtestBoth,
  type BacktestFigures,
} from "./backtest-check";
import { benchSeeds, mean, splitLastYears, wape } from "./heldout";
import { logLine } from "./log";
import type {
  CategoryTraining,
  ConfigRuns,
  TrainingPlan,
  TrainingReport,
  WorkerMessage,
} from "./training-protocol";

const MB = 1024 * 1024;
/** Epochs of the untimed warm-up training. */
const WARMUP_EPOCHS = 3;

/** Highest RSS seen by a sampler that runs only while a training does. */
class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs: number) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.sample();
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
}

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

async function heldOutWape(
  history: History,
  years: number,
  config: ForecastConfig,
  rss: RssSampler
): Promise<number> {
  const { training, heldOut } = splitLastYears(history, years);
  rss.start();
  try {
    const trained = await trainForecaster(training, config);
    try {
      const predicted = forecast(trained.model, trained.preprocessing, years);
      return wape(heldOut, predicted);
    } finally {
      trained.model.dispose();
    }
  } finally {
    rss.stop();
  }
}

async function backtestedWithRss(
  history: History,
  plan: TrainingPlan,
  rss: RssSampler
): Promise<BacktestFigures> {
  rss.start();
  try {
    return await backtestBoth(
      history,
      { served: DEFAULT_CONFIG, baseline: SEED_RECIPE },
      benchSeeds(DEFAULT_CONFIG.seed, plan.backtestSeeds),
      BENCH_BACKTEST
    );
  } finally {
    rss.stop();
  }
}

/** Which role a training plays, its configuration, where its runs go. */
type Step = [string, ForecastConfig, ConfigRuns];

async function benchCategory(
  category: Category,
  history: History,
  plan: TrainingPlan,
  rss: RssSampler
): Promise<CategoryTraining> {
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

  const result: CategoryTraining = {
    served,
    baseline,
    heldOutWape: { seeds: [], served: [], baseline: [] },
    heldOutNote: null,
    backtest: null,
    backtestNote: plan.backtestSeeds === 0 ? "--backtest-seeds 0" : null,
  };
  try {
    // The served and the seed configuration share their seed (42), so
    // one list serves both.
    const seeds = benchSeeds(DEFAULT_CONFIG.seed, plan.heldOutSeeds);
    const held: CategoryTraining["heldOutWape"] = {
      seeds,
      served: [],
      baseline: [],
    };
    for (const seed of seeds) {
      held.served.push(
        await heldOutWape(
          history, plan.heldOutYears, { ...DEFAULT_CONFIG, seed }, rss
        )
      );
      held.baseline.push(
        await heldOutWape(
          history, plan.heldOutYears, { ...SEED_RECIPE, seed }, rss
        )
      );
    }
    result.heldOutWape = held;
    logLine(
      `held-out ${category}: WAPE served ` +
        `${mean(held.served).toFixed(3)}, baseline ` +
        `${mean(held.baseline).toFixed(3)} (mean of seeds ${seeds.join(", ")})`
    );
  } catch (error) {
    result.heldOutNote = error instanceof Error ? error.message : String(error);
    logLine(`held-out ${category} skipped: ${result.heldOutNote}`);
  }
  if (plan.backtestSeeds > 0) {
    try {
      result.backtest = await backtestedWithRss(history, plan, rss);
      const b = result.backtest;
      logLine(
        `backtest ${category} (origins ${b.origins[0]}-` +
          `${b.origins[b.origins.length - 1]}, horizons 1-${b.horizon}): ` +
          `MASE served ${mean(b.served).toFixed(3)}, baseline ` +
          `${mean(b.baseline).toFixed(3)}, naive ${b.naive.toFixed(3)}`
      );
    } catch (error) {
      result.backtestNote =
        error instanceof Error ? error.message : String(error);
      logLine(`backtest ${category} skipped: ${result.backtestNote}`);
    }
  }
  return result;
}

async function runPlan(plan: TrainingPlan): Promise<TrainingReport> {
  const backend = await initBackend((line) => logLine(line));
  const rss = new RssSampler(plan.rssIntervalMs);

  // The first training of a process also starts the backend and grows
  // the wasm heap; a short one runs first and is left out of the figures.
  const first = plan.categories[0];
  const firstHistory = plan.histories[first];
  if (firstHistory === undefined) throw new Error(`no ${first} history`);
  const warmupConfig = { ...DEFAULT_CONFIG, maxEpochs: WARMUP_EPOCHS };
  const warmup = await timedTraining(firstHistory, warmupConfig, rss);
  logLine(
    `warm-up training (${first}, ${WARMUP_EPOCHS} epochs, untimed): ` +
      `${Math.round(warmup.ms)} ms`
  );

  const perCategory: TrainingReport["perCategory"] = {};
  for (const category of plan.categories) {
    const history = plan.histories[category];
    if (history === undefined) throw new Error(`no ${category} history`);
    perCategory[category] = await benchCategory(category, history, plan, rss);
  }
  return {
    backend,
    servedConfig: DEFAULT_CONFIG.name,
    baselineConfig: SEED_RECIPE.name,
    warmupMs: warmup.ms,
    perCategory,
    peakRssSampledMb: rss.peak / MB,
    // ru_maxrss is in kilobytes on Linux.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
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
