/**
 * One `tune` run, apart from where its history comes from and where the
 * winner goes (tune-command.ts wires those): time one fit, plan within
 * the budget, backtest the kept configurations, rank them, save the
 * winner, report.
 */
import type { Category } from "../domain/categories";
import { BadHistoryError } from "../domain/errors";
import { historyHash } from "../domain/history-hash";
import type { HistorySource } from "../data/history-source";
import type { TunedConfig } from "../domain/tuned-config";
import { chooseOrigins } from "../evaluation/origins";
import { timeOneFit, tuneConfigs } from "../evaluation/tune-configs";
import { planTuning } from "../evaluation/tuning-budget";
import { tuningGrid } from "../evaluation/tuning-grid";
import { initBackend } from "../ml/backend";
import type { ForecastConfig } from "../ml/config";
import {
  BACKTEST_HORIZON,
  BACKTEST_ORIGINS,
} from "../service/category-evaluation";
import type { ModelRegistry } from "../storage/model-registry";
import {
  estimateLines,
  progressLine,
  reportJson,
  reportText,
  type TuneReport,
} from "./tune-report";

/** Where the winner goes: a registry, or nowhere and why. */
export type TuneDestination =
  | { registry: ModelRegistry; where: string }
  | { registry: null; reason: string };

export interface TuneSessionOptions {
  category: Category;
  history: HistorySource;
  /** How the history's origin is recorded: "firestore", "csv:<folder>". */
  historySource: string;
  destination: TuneDestination;
  budgetSeconds: number;
  json: boolean;
  /**
   * Candidates in priority order; the first is timed for the estimate
   * and should have the service default's settings. Default tuningGrid().
   */
  grid?: ForecastConfig[];
  /** Backtest origins and horizon; default the service's. */
  originCount?: number;
  maxHorizon?: number;
  /** Clock in ms; default Date.now. */
  clock?: () => number;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

/**
 * Runs the tune and prints its report; returns the exit code: 0 done,
 * 1 refused (the budget affords too little) or no configuration scored.
 * Bad or missing history throws BadHistoryError.
 */
export async function runTune(options: TuneSessionOptions): Promise<number> {
  const clock = options.clock ?? Date.now;
  const out = options.out ?? ((text) => process.stdout.write(text));
  const err = options.err ?? ((text) => process.stderr.write(text));
  const { category } = options;
  const originCount = options.originCount ?? BACKTEST_ORIGINS;
  const maxHorizon = options.maxHorizon ?? BACKTEST_HORIZON;
  const grid = options.grid ?? tuningGrid();
  const startedMs = clock();
  const deadlineMs = startedMs + options.budgetSeconds * 1000;

  const history = await options.history.read(category);
  if (history.years.length === 0) {
    throw new BadHistoryError(
      `no ${category} history in ${options.historySource}`
    );
  }
  const origins = chooseOrigins(history, { count: originCount });
  if (origins.length === 0) {
    throw new BadHistoryError(
      `${category} has a single year of history: nothing to backtest`
    );
  }

  // Loaded first, so that its start-up is not counted as part of a fit.
  await initBackend((line) => err(`${line}\n`));
  err(`tune ${category}: timing one fit of ${grid[0].name}...\n`);
  const secondsPerFit = await timeOneFit(
    history,
    grid[0],
    origins[origins.length - 1],
    clock
  );
  const cost = { fitsPerCandidate: origins.length, secondsPerFit };
  const budgetLeft = (deadlineMs - clock()) / 1000;
  const plan = planTuning(grid, { ...cost, budgetSeconds: budgetLeft });
  for (const line of estimateLines(category, plan, cost, budgetLeft)) {
    err(`${line}\n`);
  }
  if (plan.refusal !== null) {
    err(`tune ${category}: refused: ${plan.refusal}\n`);
    return 1;
  }

  let result;
  try {
    result = await tuneConfigs(history, plan.kept, {
      origins: { count: originCount },
      maxHorizon,
      deadlineMs,
      now: clock,
      onProgress: (progress) => err(`${progressLine(category, progress)}\n`),
    });
  } catch (error) {
    // No configuration could be scored (too few years for every window).
    if (!(error instanceof RangeError)) throw error;
    err(`tune ${category}: ${error.message}\n`);
    return 1;
  }

  const winner = result.ranking[0];
  const criterion =
    `lowest mean MASE over horizons 1..${maxHorizon}, pooled over the ` +
    `last ${originCount} origins (ties: lower WAPE, then grid order)`;
  const tuned: TunedConfig = {
    category,
    config: winner.config,
    tuned_at: new Date(clock()).toISOString(),
    criterion,
    score: {
      mase: winner.mase,
      wape: winner.wape,
      smape: winner.smape,
    },
    origins: result.origins,
    max_horizon: result.maxHorizon,
    training_years:
      `${history.years[0]} - ${history.years[history.years.length - 1]}`,
    history_hash: historyHash(history),
    history_source: options.historySource,
    ranking: result.ranking.map((entry) => ({
      name: entry.config.name,
      mase: entry.mase,
      wape: entry.wape,
      smape: entry.smape,
    })),
    not_scored: [...plan.trimmed, ...result.notRun].map((c) => c.name),
  };

  const { destination } = options;
  if (destination.registry !== null) {
    await destination.registry.setTunedConfig(tuned);
  }
  const report: TuneReport = {
    category,
    tuned,
    defaultCandidate: grid[0].name,
    ranking: result.ranking,
    ineligible: result.ineligible,
    plan,
    secondsPerFit,
    budgetSeconds: options.budgetSeconds,
    notRun: result.notRun.map((config) => config.name),
    elapsedSeconds: (clock() - startedMs) / 1000,
    savedTo: destination.registry !== null ? destination.where : null,
    notSavedBecause:
      destination.registry === null ? destination.reason : null,
  };
  out(
    options.json
      ? `${JSON.stringify(reportJson(report))}\n`
      : reportText(report)
  );
  return 0;
}
