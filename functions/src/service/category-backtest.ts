/**
 * The backtest a person reads (`npm run cli -- backtest`): every baseline,
 * the service's LSTM and its twin reading differences (and on request
 * more variants), the seed's LSTM recipe and the served pipeline itself,
 * with and without coherent totals, scored from the same origins.
 * The served pipeline is scored as a whole (see served-pipeline.ts), so
 * its figures include the cost of choosing a method, and its intervals'
 * coverage is measured on years none of its choices saw.
 */
import type { History } from "../domain/history";
import { LSTM_METHOD } from "../domain/served-methods";
import {
  backtest,
  baselineMethods,
  chooseMethod,
  lstmMethod,
  seedAverageMethod,
  type BacktestProgress,
  type Method,
  type OriginChoice,
  type RankedMethod,
} from "../evaluation";
import {
  SEED_RECIPE,
  withInputs,
  type ForecastConfig,
} from "../ml/config";
import { inputsOf } from "../ml/network-inputs";
import {
  servedPipelineMethod,
  type PipelineFit,
} from "./served-pipeline";

/** Name of the seed's LSTM recipe in the table. */
export const SEED_LSTM_METHOD = "seed-lstm";
/**
 * Name of the service's LSTM reading year-to-year differences in the
 * table, beside the configuration's own (when that reads counts).
 */
export const DIFFERENCES_LSTM_METHOD = "lstm:differences";
/** The service's LSTM reading log counts (with --lstm-variants). */
export const LOGS_LSTM_METHOD = "lstm:logs";
/** The mean of the service's LSTM over three seeds (--lstm-variants). */
export const SEED_MEAN_LSTM_METHOD = "lstm:seed-mean-3";
/** The served pipeline, reconciled to the total as served by default. */
export const SERVED_METHOD = "served";
/** The served pipeline with reconciliation switched off. */
export const SERVED_UNRECONCILED_METHOD = "served:no-total";

export interface CategoryBacktestOptions {
  origins: OriginChoice;
  maxHorizon: number;
  /** The service's LSTM configuration. */
  config: ForecastConfig;
  /** The total's table (sex); null leaves out the reconciled pipeline. */
  totalSource: History | null;
  /** Leave out the LSTMs as candidates of their own (faster). */
  skipLstmRows?: boolean;
  /**
   * Also score the LSTM variants nothing serves (logs, a mean over three
   * seeds), to show why; ignored with skipLstmRows.
   */
  lstmVariants?: boolean;
  onProgress?: (progress: BacktestProgress) => void;
}

/** Coverage of one interval level: actual counts inside the band. */
export interface LevelCoverage {
  covered: number;
  total: number;
  /** covered / total; null when nothing was scored. */
  coverage: number | null;
}

export interface CategoryBacktest {
  origins: number[];
  max_horizon: number;
  /** methods x metrics, per horizon and overall. */
  table: {
    method: string;
    metric: string;
    by_horizon: (number | null)[];
    overall: number | null;
  }[];
  /** Every method with a score, best pooled MASE first. */
  ranking: RankedMethod[];
  /** What the served pipeline chose at each origin. */
  served_choices: { origin: number; method: string; total: string | null }[];
  /** Coverage of the served pipeline's 80 % and 95 % intervals. */
  served_coverage: Record<string, LevelCoverage>;
  /**
   * Served pooled MASE with coherent totals minus without: < 0 means
   * reconciling helped; null when either was not scored.
   */
  reconciliation_mase_change: number | null;
}

export async function backtestCategory(
  history: History,
  options: CategoryBacktestOptions
): Promise<CategoryBacktest> {
  const { config, totalSource, maxHorizon } = options;
  // Both pipelines make the same choice at an origin: backtest it once.
  const evaluations = new Map();
  const served = servedPipelineMethod({
    config,
    totalSource,
    name: SERVED_METHOD,
    horizon: maxHorizon,
    evaluations,
  });
  const unreconciled = servedPipelineMethod({
    config,
    totalSource: null,
    name: SERVED_UNRECONCILED_METHOD,
    horizon: maxHorizon,
    evaluations,
  });
  const methods: Method[] = [...baselineMethods()];
  if (!options.skipLstmRows) {
    methods.push(lstmMethod(config, LSTM_METHOD));
    if (inputsOf(config) === "levels") {
      const differences = withInputs(config, "differences");
      methods.push(lstmMethod(differences, DIFFERENCES_LSTM_METHOD));
    }
    methods.push(lstmMethod(SEED_RECIPE, SEED_LSTM_METHOD));
    if (options.lstmVariants) methods.push(...variantMethods(config));
  }
  methods.push(unreconciled);
  if (totalSource) methods.push(served);

  const result = await backtest(history, methods, {
    origins: options.origins,
    maxHorizon,
    onProgress: options.onProgress,
  });
  const ranking = chooseMethod(result).ranking;
  const overallMase = (name: string) =>
    ranking.find((row) => row.method === name)?.mase ?? null;
  const withTotal = overallMase(SERVED_METHOD);
  const withoutTotal = overallMase(SERVED_UNRECONCILED_METHOD);
  const shown = totalSource ? served : unreconciled;
  return {
    origins: result.origins,
    max_horizon: result.maxHorizon,
    table: result.table.map((row) => ({
      method: row.method,
      metric: row.metric,
      by_horizon: row.byHorizon,
      overall: row.overall,
    })),
    ranking,
    served_choices: shown.fits.map((fit) => ({
      origin: fit.lastYear,
      method: fit.chosen,
      total: fit.totalMethod,
    })),
    served_coverage: coverageOf(history, shown.fits, maxHorizon),
    reconciliation_mase_change:
      withTotal !== null && withoutTotal !== null
        ? withTotal - withoutTotal
        : null,
  };
}

/**
 * The variants of `config` that --lstm-variants adds: log inputs, and the
 * mean over config.seed and the next two seeds.
 */
function variantMethods(config: ForecastConfig): Method[] {
  const seeds = [config.seed, config.seed + 1, config.seed + 2];
  return [
    lstmMethod(withInputs(config, "logs"), LOGS_LSTM_METHOD),
    seedAverageMethod(config, seeds, SEED_MEAN_LSTM_METHOD),
  ];
}

/** How often the actual counts fell inside each fit's bands. */
export function coverageOf(
  history: History,
  fits: readonly PipelineFit[],
  maxHorizon: number
): Record<string, LevelCoverage> {
  const counts: Record<string, { covered: number; total: number }> = {};
  for (const fit of fits) {
    if (!fit.intervals) continue;
    const cut = history.years.indexOf(fit.lastYear) + 1;
    for (const [level, band] of Object.entries(fit.intervals)) {
      const count = (counts[level] ??= { covered: 0, total: 0 });
      for (let h = 0; h < maxHorizon && cut + h < history.years.length; h++) {
        history.values[cut + h].forEach((actual, j) => {
          const lower = band.lower[h]?.[j];
          const upper = band.upper[h]?.[j];
          if (lower === undefined || upper === undefined) return;
          count.total++;
          if (lower <= actual && actual <= upper) count.covered++;
        });
      }
    }
  }
  return Object.fromEntries(
    Object.entries(counts).map(([level, { covered, total }]) => [
      level,
      { covered, total, coverage: total > 0 ? covered / total : null },
    ])
  );
}
