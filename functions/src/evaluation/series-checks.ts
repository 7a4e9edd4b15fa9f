/**
 * Argument checks and small helpers shared by the one-series baselines, so
 * each baseline file holds only its own arithmetic.
 */

/**
 * Throws RangeError unless `series` holds at least one finite number and
 * `horizon` is a whole number >= 1. Baselines call it first, so that a bad
 * call fails naming the bad value instead of returning NaN forecasts.
 */
export function checkSeriesArgs(series: number[], horizon: number): void {
  if (series.length === 0) {
    throw new RangeError("cannot forecast an empty series");
  }
  const bad = series.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) {
    throw new RangeError(
      `series value ${bad} is ${String(series[bad])}, not a finite number`
    );
  }
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError(
      `horizon must be a whole number >= 1, got ${horizon}`
    );
  }
}

/** Throws RangeError unless a given smoothing weight is in [0, 1]. */
export function checkAlpha(alpha: number | undefined): void {
  if (alpha !== undefined && !(alpha >= 0 && alpha <= 1)) {
    throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  }
}

/**
 * Counts cannot be negative, so a forecast below zero is clipped to zero.
 * It is not rounded: the service rounds when it serves, and scoring the
 * unrounded numbers keeps the metrics smooth in the parameters.
 */
export function clipAtZero(forecasts: number[]): number[] {
  return forecasts.map((value) => Math.max(0, value));
}

/** The same value for horizons 1..horizon: a flat forecast. */
export function flat(value: number, horizon: number): number[] {
  return Array.from({ length: horizon }, () => value);
}

/** Arithmetic mean of a non-empty list. */
export function mean(values: number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
