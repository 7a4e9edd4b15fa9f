/**
 * Rolling-origin backtest: for each origin year, fit every method on the
 * years up to and including it, forecast the next years, and score those
 * forecasts against what happened. Several origins give several honest
 * out-of-sample trials per group instead of one lucky or unlucky split.
 */
import { BadHistoryError } from "../domain/errors";
import type { History } from "../domain/history";
import { validateHistory } from "../ml/validate-history";
import type { Method } from "./method";
import { naiveScale } from "./metrics";
import {
  chooseOrigins,
  DEFAULT_ORIGIN_COUNT,
  type OriginChoice,
} from "./origins";
import { scoreTable, type ScoreRow } from "./score-table";

/** Years ahead forecast from each origin unless told otherwise. */
export const DEFAULT_MAX_HORIZON = 5;

/** One forecast of one group from one origin, against what happened. */
export interface ForecastError {
  method: string;
  /** Last training year. */
  origin: number;
  /** Years after the origin, 1..maxHorizon. */
  horizon: number;
  /** The forecast year, origin + horizon. */
  year: number;
  group: string;
  /** Forecast count, >= 0, unrounded for the baselines. */
  forecast: number;
  /** Actual count. */
  actual: number;
  /** forecast - actual, in counts: > 0 is an over-forecast. */
  error: number;
  /** (forecast - actual) / actual; null when actual is 0. */
  relativeError: number | null;
  /**
   * MASE scale of this group's training years (metrics.ts naiveScale), in
   * counts; null for a single training year.
   */
  scale: number | null;
}

/** A fit the backtest did not attempt, and why. */
export interface SkippedFit {
  method: string;
  origin: number;
  trainingYears: number;
  reason: string;
}

/** Where the backtest is, after each (origin, method) fit. */
export interface BacktestProgress {
  method: string;
  origin: number;
  /** Fits finished or skipped so far, this one included. */
  done: number;
  /** origins x methods. */
  total: number;
  skipped: boolean;
}

export interface BacktestOptions {
  /** Origin years; default the last 6 years with a year after them. */
  origins?: OriginChoice;
  /**
   * Years forecast from each origin, >= 1; default 5. Years past the end
   * of the history are not scored.
   */
  maxHorizon?: number;
  /** Called after each fit, e.g. to draw a progress bar. */
  onProgress?: (progress: BacktestProgress) => void;
}

export interface BacktestResult {
  /** Origin years, ascending. */
  origins: number[];
  maxHorizon: number;
  /** Method names, in the order given. */
  methods: string[];
  /** Per method x metric: per-horizon and overall scores. */
  table: ScoreRow[];
  /**
   * Every scored forecast, by origin, then method, then horizon, then
   * group: the raw material for empirical prediction intervals.
   */
  errors: ForecastError[];
  /** Fits left out because the training years were too few. */
  skipped: SkippedFit[];
}

/**
 * Backtests `methods` on one category's `history`, whose years must be
 * consecutive (a horizon counts years). Fits run one at a time in a fixed
 * order, so deterministic methods give identical results on every run.
 * Each fit is disposed before the next begins, also when it throws.
 */
export async function backtest(
  history: History,
  methods: readonly Method[],
  options: BacktestOptions = {}
): Promise<BacktestResult> {
  validateHistory(history);
  checkConsecutive(history.years);
  checkMethodNames(methods);
  const maxHorizon = options.maxHorizon ?? DEFAULT_MAX_HORIZON;
  if (!Number.isInteger(maxHorizon) || maxHorizon < 1) {
    throw new RangeError(
      `maxHorizon must be a whole number >= 1, got ${maxHorizon}`
    );
  }
  const origins = chooseOrigins(
    history,
    options.origins ?? { count: DEFAULT_ORIGIN_COUNT }
  );

  const errors: ForecastError[] = [];
  const skipped: SkippedFit[] = [];
  const total = origins.length * methods.length;
  let done = 0;
  for (const origin of origins) {
    const cut = history.years.indexOf(origin) + 1;
    const training = firstYears(history, cut);
    const horizon = Math.min(maxHorizon, history.years.length - cut);
    const scales = history.groups.map((_, j) =>
      naiveScale(training.values.map((row) => row[j]))
    );
    for (const method of methods) {
      const tooShort = cut < method.minimumYears;
      if (tooShort) {
        skipped.push({
          method: method.name,
          origin,
          trainingYears: cut,
          reason:
            `${method.name} needs at least ${method.minimumYears} years, ` +
            `the years up to ${origin} are ${cut}`,
        });
      } else {
        const rows = await fitAndForecast(method, training, horizon);
        rows.forEach((row, h) => {
          const i = cut + h;
          row.forEach((value, j) => {
            const actual = history.values[i][j];
            errors.push({
              method: method.name,
              origin,
              horizon: h + 1,
              year: history.years[i],
              group: history.groups[j],
              forecast: value,
              actual,
              error: value - actual,
              relativeError: actual > 0 ? (value - actual) / actual : null,
              scale: scales[j],
            });
          });
        });
      }
      done++;
      options.onProgress?.({
        method: method.name,
        origin,
        done,
        total,
        skipped: tooShort,
      });
    }
  }

  const names = methods.map((method) => method.name);
  return {
    origins,
    maxHorizon,
    methods: names,
    table: scoreTable(errors, names, maxHorizon),
    errors,
    skipped,
  };
}

/**
 * Fits, forecasts and disposes, checking that the forecast has the shape
 * and kind of numbers the scores assume.
 */
async function fitAndForecast(
  method: Method,
  training: History,
  horizon: number
): Promise<number[][]> {
  const fitted = await method.fit(training);
  try {
    const rows = fitted.forecast(horizon);
    const lastYear = training.years[training.years.length - 1];
    const groups = training.groups.length;
    const badShape =
      rows.length !== horizon || rows.some((row) => row.length !== groups);
    if (badShape) {
      throw new Error(
        `${method.name} fitted up to ${lastYear} returned a forecast that ` +
          `is not ${horizon} rows of ${groups} groups`
      );
    }
    rows.forEach((row, h) =>
      row.forEach((value, j) => {
        if (!Number.isFinite(value) || value < 0) {
          throw new Error(
            `${method.name} fitted up to ${lastYear} forecast ` +
              `${String(value)} for "${training.groups[j]}" ${h + 1} ` +
              "year(s) ahead; counts must be finite and >= 0"
          );
        }
      })
    );
    return rows;
  } finally {
    fitted.dispose();
  }
}

/** The first `count` years of `history`, copied. */
function firstYears(history: History, count: number): History {
  return {
    years: history.years.slice(0, count),
    groups: [...history.groups],
    values: history.values.slice(0, count).map((row) => [...row]),
  };
}

/** A horizon of h years means h rows only when no year is missing. */
function checkConsecutive(years: number[]): void {
  years.forEach((year, i) => {
    if (i > 0 && year !== years[i - 1] + 1) {
      throw new BadHistoryError(
        `the backtest needs consecutive years, but ${years[i - 1]} is ` +
          `followed by ${year}`,
        { year: String(year) }
      );
    }
  });
}

/** Scores are keyed by name, so two methods may not share one. */
function checkMethodNames(methods: readonly Method[]): void {
  if (methods.length === 0) throw new RangeError("no methods to backtest");
  const seen = new Set<string>();
  for (const { name } of methods) {
    if (seen.has(name)) {
      throw new RangeError(`two methods are named "${name}"`);
    }
    seen.add(name);
  }
}
