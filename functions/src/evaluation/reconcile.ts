/**
 * Coherent totals. The seven tables count the same emigrants, so each
 * year's groups of any category should add up to the same total; groups
 * forecast one by one do not. Scaling each year's groups to a separately
 * forecast total keeps their shares and makes every category agree.
 */
import type { IntervalBands } from "./empirical-intervals";

/** Groups scaled to their year's total, and by how much. */
export interface ScaledForecast {
  /** rows[h - 1][group], summing to totals[h - 1]; unrounded. */
  values: number[][];
  /**
   * Per year, total / (sum of the groups); null for a year whose groups
   * sum to 0, which is spread evenly instead.
   */
  factors: (number | null)[];
}

/**
 * Scales each year's groups proportionally so they sum to that year's
 * total; a year whose groups sum to 0 gives each group total / groups.
 *
 * @param forecast rows[h - 1][group], counts >= 0.
 * @param totals totals[h - 1], counts >= 0, one per row.
 */
export function scaleToTotal(
  forecast: readonly (readonly number[])[],
  totals: readonly number[]
): ScaledForecast {
  checkArgs(forecast, totals);
  const values: number[][] = [];
  const factors: (number | null)[] = [];
  forecast.forEach((row, h) => {
    const sum = row.reduce((a, b) => a + b, 0);
    if (sum > 0) {
      const factor = totals[h] / sum;
      factors.push(factor);
      values.push(row.map((value) => value * factor));
    } else {
      factors.push(null);
      values.push(row.map(() => totals[h] / row.length));
    }
  });
  return { values, factors };
}

/**
 * scaleToTotal, then whole counts by the largest-remainder method: each
 * group gets the floor of its share, and the units still missing from
 * round(total) go one each to the groups with the largest fractional
 * parts (ties to the earlier group). Each year's groups then sum to
 * exactly Math.round(total), and no group moves by a whole unit or more.
 */
export function reconcileToTotal(
  forecast: readonly (readonly number[])[],
  totals: readonly number[]
): number[][] {
  const { values } = scaleToTotal(forecast, totals);
  return values.map((row, h) => largestRemainder(row, Math.round(totals[h])));
}

/**
 * Applies the same per-year change as scaleToTotal to interval bounds:
 * multiplied by the year's factor, or, for a year spread evenly (factor
 * null), shifted up by that year's even share, as its forecast was.
 * Unrounded.
 *
 * @param bands bounds per level, rows[h - 1][group].
 * @param scaled what scaleToTotal returned for the point forecast.
 */
export function scaleIntervals(
  bands: IntervalBands,
  scaled: ScaledForecast
): IntervalBands {
  const move = (rows: number[][]) =>
    rows.map((row, h) => {
      const factor = scaled.factors[h];
      if (factor === undefined) {
        throw new RangeError(`interval row ${h + 1} has no scale factor`);
      }
      if (factor !== null) return row.map((value) => value * factor);
      const share = scaled.values[h][0] ?? 0;
      return row.map((value) => value + share);
    });
  const out: IntervalBands = {};
  for (const [level, { lower, upper }] of Object.entries(bands)) {
    out[level] = { lower: move(lower), upper: move(upper) };
  }
  return out;
}

/**
 * Whole numbers close to `shares` (>= 0) that sum to `target`, by the
 * largest-remainder (Hamilton) method.
 */
function largestRemainder(shares: number[], target: number): number[] {
  // Float noise turns a share of 3 into 2.9999999999999996; snap it first
  // so it floors to 3 instead of taking a remainder unit from elsewhere.
  const snapped = shares.map((share) => {
    const nearest = Math.round(share);
    return Math.abs(share - nearest) < 1e-9 ? nearest : share;
  });
  const whole = snapped.map(Math.floor);
  const missing = target - whole.reduce((a, b) => a + b, 0);
  // 0 <= missing <= shares.length: the floors lose less than one unit
  // per group, and the snapping moves the sum by far less than the half
  // unit that rounding the target can.
  snapped
    .map((share, j) => ({ j, remainder: share - whole[j] }))
    .sort((a, b) => b.remainder - a.remainder || a.j - b.j)
    .slice(0, missing)
    .forEach(({ j }) => whole[j]++);
  return whole;
}

function checkArgs(
  forecast: readonly (readonly number[])[],
  totals: readonly number[]
): void {
  if (forecast.length !== totals.length) {
    throw new RangeError(
      `${forecast.length} forecast years but ${totals.length} totals`
    );
  }
  totals.forEach((total, h) => {
    if (!Number.isFinite(total) || total < 0) {
      throw new RangeError(
        `total of year ${h + 1} is ${String(total)}, not a count >= 0`
      );
    }
  });
  forecast.forEach((row, h) => {
    if (row.length === 0) {
      throw new RangeError(`forecast year ${h + 1} has no groups`);
    }
    for (const value of row) {
      if (!Number.isFinite(value) || value < 0) {
        throw new RangeError(
          `forecast year ${h + 1} holds ${String(value)}, not a count >= 0`
        );
      }
    }
  });
}
