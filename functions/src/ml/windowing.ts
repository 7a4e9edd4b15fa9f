/**
 * Cuts a yearly table into supervised windows: L consecutive years in,
 * the following year out. The window length grows with the history, as in
 * the seed service.
 */
import { BadHistoryError } from "../domain/errors";
import type { ForecastConfig } from "./config";

/**
 * The least number of windows a training needs. One window is a single
 * example: the network could only learn to output that one year. Two is
 * the least that holds any year-to-year change to learn from.
 */
export const MIN_WINDOWS = 2;

/** Upper bound for the search in minimumYears; far beyond any real table. */
const LONGEST_HISTORY_SEARCHED = 1000;

/**
 * Window length L in years for a history of `numYears` years:
 * max(minWindow, floor(shortFraction * n)) when n < shortHistoryYears,
 * else min(maxWindow, floor(longFraction * n)). With the seed rule:
 * n = 10 → 6, 19 → 11, 20 → 10, 35 → 15.
 */
export function windowLength(
  numYears: number,
  rule: ForecastConfig["window"]
): number {
  if (!Number.isInteger(numYears) || numYears < 1) {
    throw new RangeError(
      `numYears must be a whole number >= 1, got ${numYears}`
    );
  }
  const length =
    numYears < rule.shortHistoryYears
      ? Math.max(rule.minWindow, Math.floor(rule.shortFraction * numYears))
      : Math.min(rule.maxWindow, Math.floor(rule.longFraction * numYears));
  if (length < 1) {
    throw new RangeError(
      `Window rule gives a window of ${length} years for ${numYears} years`
    );
  }
  return length;
}

/** Number of windows a history of `numYears` years yields (may be <= 0). */
export function windowCount(
  numYears: number,
  rule: ForecastConfig["window"]
): number {
  return numYears - windowLength(numYears, rule);
}

/**
 * The fewest years that give MIN_WINDOWS windows under `rule` (5 with the
 * seed rule), or null when no history length up to 1000 years does.
 */
export function minimumYears(rule: ForecastConfig["window"]): number | null {
  for (let n = 1; n <= LONGEST_HISTORY_SEARCHED; n++) {
    if (windowCount(n, rule) >= MIN_WINDOWS) return n;
  }
  return null;
}

/**
 * Window length for `numRows` network rows, or BadHistoryError when that
 * leaves fewer than MIN_WINDOWS windows. `span` names the years in the
 * message, e.g. "1981-1984". `yearsWithoutRow` counts the history's years
 * that gave no row (1 when the rows are year-to-year differences), so that
 * the message counts years as the user sees them.
 */
export function trainableWindowLength(
  numRows: number,
  rule: ForecastConfig["window"],
  span: string,
  yearsWithoutRow = 0
): number {
  const length = numRows >= 1 ? windowLength(numRows, rule) : 1;
  const windows = numRows - length;
  if (windows >= MIN_WINDOWS) return length;
  const needed = minimumYears(rule);
  const need =
    needed === null
      ? "the window rule never leaves enough years for that"
      : `at least ${needed + yearsWithoutRow} years are needed`;
  throw new BadHistoryError(
    `History has ${numRows + yearsWithoutRow} years (${span}): with a ` +
      `window of ${length} years that leaves ${Math.max(0, windows)} ` +
      `training windows, fewer than ${MIN_WINDOWS}; ${need}`
  );
}

/** Model inputs and targets cut from a table, as plain arrays. */
export interface Windows {
  /** inputs[i]: rows i .. i+L-1, shape [numWindows][L][groups]. */
  inputs: number[][][];
  /** targets[i]: row i+L, shape [numWindows][groups]. */
  targets: number[][];
}

/** Cuts `rows` (one per year) into rows.length - L windows. */
export function makeWindows(rows: number[][], length: number): Windows {
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError(`Window length must be >= 1, got ${length}`);
  }
  const inputs: number[][][] = [];
  const targets: number[][] = [];
  for (let i = 0; i + length < rows.length; i++) {
    inputs.push(rows.slice(i, i + length));
    targets.push(rows[i + length]);
  }
  return { inputs, targets };
}
