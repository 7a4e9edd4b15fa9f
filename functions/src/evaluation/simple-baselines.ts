/**
 * The three benchmarks any forecast must beat to be worth serving: the
 * last value, the last value plus the average yearly change, and the mean
 * of the last few years. Each takes one group's yearly counts, oldest
 * first, and returns forecasts for horizons 1..horizon.
 */
import { checkSeriesArgs, clipAtZero, flat, mean } from "./series-checks";

/** Years averaged by recentMean unless told otherwise. */
export const DEFAULT_RECENT_YEARS = 3;

/**
 * Naive: every future year repeats the last observed year. On yearly
 * counts with no seasonality this is the random-walk benchmark that MASE
 * is scaled by.
 *
 * @param series yearly counts, oldest first, e.g. [9588, 10214, ...].
 * @param horizon years ahead, >= 1, typically 1..5.
 */
export function naive(series: number[], horizon: number): number[] {
  checkSeriesArgs(series, horizon);
  return clipAtZero(flat(series[series.length - 1], horizon));
}

/**
 * Drift: the last value plus h times the average yearly change, i.e. the
 * line through the first and the last year, extended. A one-year series
 * has no change to average and forecasts that year. [10, 12, 15] → slope
 * (15 - 10) / 2 = 2.5 → 17.5, 20, 22.5.
 *
 * @param series yearly counts, oldest first.
 * @param horizon years ahead, >= 1.
 */
export function drift(series: number[], horizon: number): number[] {
  checkSeriesArgs(series, horizon);
  const n = series.length;
  const last = series[n - 1];
  const slope = n > 1 ? (last - series[0]) / (n - 1) : 0;
  return clipAtZero(
    Array.from({ length: horizon }, (_, i) => last + (i + 1) * slope)
  );
}

/**
 * The mean of the last `years` years, flat over the horizon. Steadier than
 * naive when a single year is an outlier. A series shorter than `years`
 * is averaged whole.
 *
 * @param series yearly counts, oldest first.
 * @param horizon years ahead, >= 1.
 * @param years how many recent years to average, >= 1; default 3.
 */
export function recentMean(
  series: number[],
  horizon: number,
  years: number = DEFAULT_RECENT_YEARS
): number[] {
  checkSeriesArgs(series, horizon);
  if (!Number.isInteger(years) || years < 1) {
    throw new RangeError(`years must be a whole number >= 1, got ${years}`);
  }
  return clipAtZero(flat(mean(series.slice(-years)), horizon));
}
