/**
 * Summaries of repeated timings: the median and spread of a few runs, or
 * percentiles of many requests. Pure functions, so the bench's arithmetic
 * is tested apart from its clocks.
 */

/** The median and range of a handful of runs (trainings, cold starts). */
export interface RunSummary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Percentiles of many samples (warm requests). */
export interface PercentileSummary {
  p50: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
  count: number;
}

function sortedCopy(samples: readonly number[]): number[] {
  if (samples.length === 0) {
    throw new RangeError("cannot summarise an empty list of samples");
  }
  for (const value of samples) {
    if (!Number.isFinite(value)) {
      throw new RangeError(`sample ${value} is not a finite number`);
    }
  }
  return [...samples].sort((a, b) => a - b);
}

/** Middle value; the mean of the two middle ones for an even count. */
export function median(samples: readonly number[]): number {
  const sorted = sortedCopy(samples);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Nearest-rank percentile: the smallest sample with at least `p` percent
 * of the samples at or below it. It is always a measured value, never an
 * interpolation between two, so a p99 of 1,000 requests is the 990th.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) {
    throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  }
  const sorted = sortedCopy(samples);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1];
}

/** Rounds to `digits` decimals, for tables and JSON that read well. */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function summarizeRuns(
  samples: readonly number[],
  digits = 1
): RunSummary {
  const sorted = sortedCopy(samples);
  return {
    median: roundTo(median(sorted), digits),
    min: roundTo(sorted[0], digits),
    max: roundTo(sorted[sorted.length - 1], digits),
    runs: sorted.length,
  };
}

export function summarizePercentiles(
  samples: readonly number[],
  digits = 3
): PercentileSummary {
  const sorted = sortedCopy(samples);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    p50: roundTo(percentile(sorted, 50), digits),
    p99: roundTo(percentile(sorted, 99), digits),
    min: roundTo(sorted[0], digits),
    max: roundTo(sorted[sorted.length - 1], digits),
    mean: roundTo(total / sorted.length, digits),
    count: sorted.length,
  };
}
