/**
 * Accuracy metrics over a set of scored points (one forecast of one group
 * for one year). All three are scale-free, so that categories and groups
 * of very different sizes can be compared:
 * - WAPE = sum |F - A| / sum A, a fraction (0.12 = 12%); big groups weigh
 *   more, which matches what a dashboard total shows.
 * - sMAPE = mean of 200 |F - A| / (|F| + |A|), in percent, 0..200; every
 *   group weighs the same; 0/0 counts as 0 (a zero forecast of zero).
 * - MASE = mean of |F - A| / s, where s is the mean absolute year-to-year
 *   change of that group's training years (the in-sample one-step naive
 *   error). Below 1 beats the naive forecast's typical in-sample error.
 */

/** One forecast of one group for one year, with its naive scale. */
export interface ScoredPoint {
  /** Forecast count, >= 0. */
  forecast: number;
  /** Actual count, >= 0. */
  actual: number;
  /**
   * MASE scale of the group's training years (naiveScale), in counts; null
   * when it is undefined (one training year).
   */
  scale: number | null;
}

/**
 * Mean absolute year-to-year change of `series`, in counts: the error a
 * naive forecast makes one year ahead, in sample. Null for one year.
 * Zero for a constant series; MASE leaves such points out.
 */
export function naiveScale(series: number[]): number | null {
  if (series.length < 2) return null;
  let sum = 0;
  for (let t = 1; t < series.length; t++) {
    sum += Math.abs(series[t] - series[t - 1]);
  }
  return sum / (series.length - 1);
}

/**
 * WAPE of `points`, a fraction; null when the actuals sum to zero (or
 * there are no points), where it is undefined.
 */
export function wape(points: readonly ScoredPoint[]): number | null {
  let absoluteError = 0;
  let total = 0;
  for (const point of points) {
    absoluteError += Math.abs(point.forecast - point.actual);
    total += point.actual;
  }
  return total > 0 ? absoluteError / total : null;
}

/** sMAPE of `points`, in percent (0..200); null when there are none. */
export function smape(points: readonly ScoredPoint[]): number | null {
  if (points.length === 0) return null;
  let sum = 0;
  for (const { forecast, actual } of points) {
    const size = Math.abs(forecast) + Math.abs(actual);
    // Both zero: the forecast is exactly right, so no error.
    if (size > 0) sum += (200 * Math.abs(forecast - actual)) / size;
  }
  return sum / points.length;
}

/**
 * MASE of `points`: the mean of |F - A| / scale over the points whose
 * scale is positive. A group that never changed in its training years has
 * scale 0, and any error would be infinitely many "naive errors", so its
 * points are left out rather than let one flat group swamp the mean. Null
 * when no point has a positive scale.
 */
export function mase(points: readonly ScoredPoint[]): number | null {
  let sum = 0;
  let count = 0;
  for (const { forecast, actual, scale } of points) {
    if (scale === null || !(scale > 0)) continue;
    sum += Math.abs(forecast - actual) / scale;
    count++;
  }
  return count > 0 ? sum / count : null;
}
