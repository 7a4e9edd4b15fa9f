/**
 * What a training learns besides the network: how every candidate method
 * would have done on this category (a rolling-origin backtest), which one
 * to serve, and how wide its errors were at each horizon (the prediction
 * intervals). Stored with the version, shown by model-info.
 */
import type { CategoryEvaluation } from "../domain/category-evaluation";
import type { History } from "../domain/history";
import { LSTM_METHOD } from "../domain/served-methods";
import {
  backtest,
  baselineMethods,
  buildIntervalModel,
  chooseMethod,
  intervalCoverage,
  lstmMethod,
  type Incumbent,
  type IntervalModel,
  type Method,
} from "../evaluation";
import type { ForecastConfig } from "../ml/config";

export type { CategoryEvaluation };

export { LSTM_METHOD };
/**
 * Origins of the backtest: the last this many years with a year after
 * (fewer when the history is shorter). Fifteen rather than six: with six
 * the winner changed from origin to origin and did worse than naive on
 * the years after; the longer record chose more steadily.
 */
export const BACKTEST_ORIGINS = 15;
/** Years forecast from each origin. */
export const BACKTEST_HORIZON = 5;
/**
 * Origins whose errors size the prediction intervals: the most recent
 * six of the fifteen. With all fifteen, the volatile 1990s widened the
 * bands so much that the 80 % intervals covered 86-98 % of later years.
 */
export const INTERVAL_ORIGINS = 6;
/** The default a method must clearly beat to be served. */
export const INCUMBENT: Incumbent = { method: "naive", margin: 0.05 };
export const CHOICE_CRITERION =
  "lowest mean MASE over horizons 1..5, pooled over the last 15 origins " +
  "(ties: lower WAPE, then the simpler method); naive unless that " +
  "method's MASE is at least 5 % below naive's";

/** The candidates: every baseline and the LSTM with `config`. */
export function candidateMethods(config: ForecastConfig): Method[] {
  return [...baselineMethods(), lstmMethod(config, LSTM_METHOD)];
}

/**
 * Backtests every candidate on `history` and picks the one to serve.
 * Returns null when the history is too short for any backtest (the LSTM
 * is then served, without intervals).
 */
export async function evaluateCategory(
  history: History,
  config: ForecastConfig,
  now: Date
): Promise<CategoryEvaluation | null> {
  const methods = candidateMethods(config);
  let result;
  try {
    result = await backtest(history, methods, {
      origins: { count: BACKTEST_ORIGINS },
      maxHorizon: BACKTEST_HORIZON,
    });
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
  let choice;
  try {
    choice = chooseMethod(result, { incumbent: INCUMBENT });
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
  const intervalModels: Record<string, IntervalModel> = {};
  for (const method of new Set([choice.method, LSTM_METHOD])) {
    const model = intervalModelOrNull(result, method);
    if (model) intervalModels[method] = model;
  }
  return {
    computed_at: now.toISOString(),
    criterion: CHOICE_CRITERION,
    origins: result.origins,
    max_horizon: result.maxHorizon,
    chosen: choice.method,
    ranking: choice.ranking,
    table: result.table.map((row) => ({
      method: row.method,
      metric: row.metric,
      by_horizon: row.byHorizon,
      overall: row.overall,
    })),
    coverage: coverageOf(result, choice.method),
    interval_models: intervalModels,
    skipped: result.skipped.length,
  };
}

/** The candidate named `name`, for fitting on the whole history. */
export function methodNamed(
  name: string,
  config: ForecastConfig
): Method | undefined {
  return candidateMethods(config).find((method) => method.name === name);
}

function intervalModelOrNull(
  result: Awaited<ReturnType<typeof backtest>>,
  method: string
): IntervalModel | null {
  try {
    return buildIntervalModel(result, method, {
      recentOrigins: INTERVAL_ORIGINS,
    });
  } catch (error) {
    // No scored errors for this method (every fit skipped).
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function coverageOf(
  result: Awaited<ReturnType<typeof backtest>>,
  method: string
): Record<string, number | null> {
  try {
    const report = intervalCoverage(result, method);
    const coverage: Record<string, number | null> = {};
    for (const [level, count] of Object.entries(report.overall)) {
      coverage[level] = count.coverage;
    }
    return coverage;
  } catch (error) {
    if (error instanceof RangeError) return { "80": null, "95": null };
    throw error;
  }
}
