/**
 * The held-out check: hide a category's last years, forecast them from
 * the rest, and score the forecast with WAPE. Pure; the training that
 * sits between the two halves lives in the training worker.
 */
import type { History, YearForecast } from "../domain/history";

/** A history cut in two: what training sees, and what it must forecast. */
export interface HeldOutSplit {
  training: History;
  heldOut: History;
}

/**
 * Keeps all but the last `years` rows for training. Throws when nothing
 * would be left on either side.
 */
export function splitLastYears(history: History, years: number): HeldOutSplit {
  const n = history.years.length;
  if (!Number.isInteger(years) || years < 1 || years >= n) {
    throw new RangeError(
      `cannot hold out ${years} of ${n} years: need 1 <= years < ${n}`
    );
  }
  const cut = n - years;
  const part = (from: number, to?: number): History => ({
    years: history.years.slice(from, to),
    groups: [...history.groups],
    values: history.values.slice(from, to).map((row) => [...row]),
  });
  return { training: part(0, cut), heldOut: part(cut) };
}

/**
 * The seeds of the bench's accuracy checks: the configuration's own seed
 * first, then 1, 2, ... (skipping it), `count` in all. One seed is a
 * lottery on twenty-odd windows: on the CFO tables the seed recipe's
 * held-out WAPE on age was 0.124 with seed 42 and 0.19 averaged over
 * five seeds, so the bench compares means.
 */
export function benchSeeds(configSeed: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`need at least one seed, got ${count}`);
  }
  const seeds = [configSeed];
  for (let next = 1; seeds.length < count; next++) {
    if (next !== configSeed) seeds.push(next);
  }
  return seeds;
}

/** The mean of a non-empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("the mean of nothing");
  return values.reduce((sum, x) => sum + x, 0) / values.length;
}

/**
 * Weighted absolute percentage error: the sum of |forecast - actual| over
 * every group and year, divided by the sum of the actual counts. Unlike a
 * mean of per-group percentages it is not blown up by tiny groups. A
 * forecast year or group missing from `forecasts` is an error, not a zero.
 */
export function wape(actual: History, forecasts: YearForecast[]): number {
  let absoluteError = 0;
  let total = 0;
  actual.years.forEach((year, i) => {
    const predicted = forecasts.find((f) => f.year === year);
    if (predicted === undefined) {
      throw new Error(`the forecast has no year ${year}`);
    }
    actual.groups.forEach((group, j) => {
      const value = predicted.predictions[group];
      if (value === undefined) {
        throw new Error(`the forecast for ${year} has no group "${group}"`);
      }
      absoluteError += Math.abs(value - actual.values[i][j]);
      total += actual.values[i][j];
    });
  });
  if (total === 0) throw new Error("the held-out years count nobody");
  return absoluteError / total;
}
