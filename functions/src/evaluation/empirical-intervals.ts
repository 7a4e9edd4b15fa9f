/**
 * Prediction intervals from how wrong a method actually was in the
 * rolling-origin backtest, not from its model residuals: in-sample
 * residuals understate the error of forecasts made years ahead, and the
 * baselines have no error model at all.
 *
 * For each forecast F of an actual A the error is the log ratio
 * e = ln((F + 1) / (A + 1)): relative, so groups of any size pool
 * together, and shifted by one because counts can be 0. Per horizon h the
 * quantiles q_lo, q_hi of the pooled e (over origins and groups) bound the
 * central `level` % of errors. Then e in [q_lo, q_hi] is the same as
 * A + 1 in [(F + 1) exp(-q_hi), (F + 1) exp(-q_lo)]: a method that
 * over-forecasts (e > 0) gets an interval below its forecast.
 */
import type { BacktestResult, ForecastError } from "./backtest";
import { quantile } from "./quantile";

/** Interval levels in percent unless told otherwise. */
export const DEFAULT_LEVELS: readonly number[] = [80, 95];

/**
 * Fewest pooled errors a horizon needs for its own quantiles; with fewer,
 * the 2.5 % and 97.5 % quantiles would be the extreme values, or
 * interpolations between them. A category of 2 groups backtested from 6
 * origins has 12 errors per horizon.
 */
export const DEFAULT_MIN_SAMPLES = 8;

/** The log-ratio quantiles of one horizon. Plain JSON. */
export interface HorizonQuantiles {
  /** Years after the last observed year, 1..H. */
  horizon: number;
  /** Errors pooled at this horizon (its own, even when borrowed). */
  samples: number;
  /**
   * The shorter horizon whose quantiles these are, when this one had
   * fewer than the minimum samples; null when they are its own.
   */
  borrowedFrom: number | null;
  /** Per level, e.g. "80": [q_lo, q_hi] of ln((F + 1) / (A + 1)). */
  q: Record<string, [number, number]>;
}

/** Everything needed to put intervals on a forecast. Plain JSON. */
export interface IntervalModel {
  /** Central coverage levels in percent, e.g. [80, 95]. */
  levels: number[];
  /** byHorizon[h - 1] for horizons 1..H. */
  byHorizon: HorizonQuantiles[];
}

/** Lower and upper bounds per level, rows[h - 1][group] like a forecast. */
export type IntervalBands = Record<
  string,
  { lower: number[][]; upper: number[][] }
>;

export interface IntervalOptions {
  /** Central levels in percent, each in (0, 100); default [80, 95]. */
  levels?: readonly number[];
  /** Fewest errors for a horizon's own quantiles; default 8. */
  minSamples?: number;
  /**
   * buildIntervalModel only: use the errors of the last this many
   * origins of the backtest; default all. Errors from long ago describe
   * another era's volatility.
   */
  recentOrigins?: number;
}

/** ln((F + 1) / (A + 1)) of one backtest forecast. */
export function logRatioError(forecast: number, actual: number): number {
  return Math.log((forecast + 1) / (actual + 1));
}

/**
 * The interval model of `method` from the errors of a backtest.
 * See intervalModelFromErrors.
 */
export function buildIntervalModel(
  result: BacktestResult,
  method: string,
  options: IntervalOptions = {}
): IntervalModel {
  if (!result.methods.includes(method)) {
    throw new RangeError(`"${method}" was not backtested`);
  }
  const recent = options.recentOrigins;
  if (recent !== undefined && !(Number.isInteger(recent) && recent >= 1)) {
    throw new RangeError(
      `recentOrigins must be a whole number >= 1, got ${recent}`
    );
  }
  const origins = new Set(result.origins.slice(-(recent ?? Infinity)));
  const own = result.errors.filter(
    (error) => error.method === method && origins.has(error.origin)
  );
  return intervalModelFromErrors(own, result.maxHorizon, options);
}

/**
 * The interval model of horizons 1..maxHorizon from `errors`, which must
 * all be one method's. Per level the quantiles are the central ones,
 * alpha / 2 and 1 - alpha / 2 with alpha = 1 - level / 100 (quantile.ts,
 * type 7).
 *
 * Two rules keep the widths sensible where data are thin:
 * - a horizon with fewer than `minSamples` errors borrows the quantiles
 *   of the horizon before it (horizon 1 uses whatever it has, and throws
 *   when it has none);
 * - each horizon's [q_lo, q_hi] is widened to contain the previous
 *   horizon's, so widths never shrink as forecasts reach further ahead;
 *   a narrower far horizon is sampling noise, not knowledge.
 */
export function intervalModelFromErrors(
  errors: readonly ForecastError[],
  maxHorizon: number,
  options: IntervalOptions = {}
): IntervalModel {
  const levels = [...(options.levels ?? DEFAULT_LEVELS)];
  const minSamples = options.minSamples ?? DEFAULT_MIN_SAMPLES;
  checkLevels(levels);
  if (!Number.isInteger(maxHorizon) || maxHorizon < 1) {
    throw new RangeError(
      `maxHorizon must be a whole number >= 1, got ${maxHorizon}`
    );
  }
  const pooled: number[][] = Array.from({ length: maxHorizon }, () => []);
  for (const { horizon, forecast, actual } of errors) {
    if (horizon >= 1 && horizon <= maxHorizon) {
      pooled[horizon - 1].push(logRatioError(forecast, actual));
    }
  }

  const byHorizon: HorizonQuantiles[] = [];
  pooled.forEach((samples, i) => {
    const horizon = i + 1;
    const previous = byHorizon[i - 1];
    if (previous !== undefined && samples.length < minSamples) {
      byHorizon.push({
        horizon,
        samples: samples.length,
        borrowedFrom: previous.borrowedFrom ?? previous.horizon,
        q: copyQuantiles(previous.q),
      });
      return;
    }
    if (samples.length === 0) {
      throw new RangeError("no backtest errors at horizon 1 to build on");
    }
    const q: Record<string, [number, number]> = {};
    for (const level of levels) {
      const alpha = 1 - level / 100;
      let lo = quantile(samples, alpha / 2);
      let hi = quantile(samples, 1 - alpha / 2);
      if (previous !== undefined) {
        const [lastLo, lastHi] = previous.q[String(level)];
        lo = Math.min(lo, lastLo);
        hi = Math.max(hi, lastHi);
      }
      q[String(level)] = [lo, hi];
    }
    byHorizon.push({
      horizon,
      samples: samples.length,
      borrowedFrom: null,
      q,
    });
  });
  return { levels, byHorizon };
}

/**
 * Interval bounds for `forecast` (rows[h - 1][group], counts >= 0) at each
 * level of `model`: lower = max(0, (F + 1) exp(-q_hi) - 1) and
 * upper = (F + 1) exp(-q_lo) - 1. Rows past the model's last horizon use
 * that horizon's quantiles, which understates their uncertainty; build
 * the model with as long a backtest horizon as the data allow.
 */
export function applyIntervals(
  forecast: readonly (readonly number[])[],
  model: IntervalModel
): IntervalBands {
  if (model.byHorizon.length === 0) {
    throw new RangeError("the interval model has no horizons");
  }
  const bands: IntervalBands = {};
  for (const level of model.levels) {
    const key = String(level);
    const lower: number[][] = [];
    const upper: number[][] = [];
    forecast.forEach((row, i) => {
      const last = model.byHorizon.length - 1;
      const [lo, hi] = model.byHorizon[Math.min(i, last)].q[key];
      lower.push(row.map((f) => Math.max(0, (f + 1) * Math.exp(-hi) - 1)));
      // The upper bound is >= 0 too when q_lo <= 0, as it is in practice;
      // clip anyway so a model of a method that always over-forecasts
      // cannot give a negative upper bound.
      upper.push(row.map((f) => Math.max(0, (f + 1) * Math.exp(-lo) - 1)));
    });
    bands[key] = { lower, upper };
  }
  return bands;
}

function checkLevels(levels: readonly number[]): void {
  if (levels.length === 0) throw new RangeError("no interval levels");
  for (const level of levels) {
    if (!(level > 0 && level < 100)) {
      throw new RangeError(
        `interval level must be a percentage in (0, 100), got ${level}`
      );
    }
  }
}

function copyQuantiles(
  q: Record<string, [number, number]>
): Record<string, [number, number]> {
  const copy: Record<string, [number, number]> = {};
  for (const [key, [lo, hi]] of Object.entries(q)) copy[key] = [lo, hi];
  return copy;
}
