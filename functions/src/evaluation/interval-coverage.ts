/**
 * How often the empirical intervals hold the actual, measured honestly:
 * leave one origin out. Intervals built from all of a backtest's errors
 * and checked on those same errors cover about their nominal level by
 * construction; here each origin's actuals are checked against intervals
 * built from the other origins' errors only.
 *
 * Caveat: origins overlap in the years they forecast (2008 + 2 and
 * 2009 + 1 are both 2010), so the other origins do share some target
 * years with the one left out. It is out-of-sample per error, not a
 * strictly time-ordered test.
 */
import type { BacktestResult } from "./backtest";
import {
  applyIntervals,
  intervalModelFromErrors,
  type IntervalOptions,
} from "./empirical-intervals";

/** Actuals inside their interval, out of how many. */
export interface CoverageCount {
  covered: number;
  total: number;
  /** covered / total, a fraction; null when total is 0. */
  coverage: number | null;
}

export interface CoverageReport {
  method: string;
  /** Levels in percent, e.g. [80, 95]. */
  levels: number[];
  /** Per level ("80"), every origin, horizon and group pooled. */
  overall: Record<string, CoverageCount>;
  /** byHorizon[h - 1]: per level, horizon h only (empty if unscored). */
  byHorizon: { horizon: number; levels: Record<string, CoverageCount> }[];
}

/**
 * Leave-one-origin-out coverage of `method`'s intervals in `result`.
 * Needs at least two origins with errors. A bound equal to the actual
 * counts as inside.
 */
export function intervalCoverage(
  result: BacktestResult,
  method: string,
  options: IntervalOptions = {}
): CoverageReport {
  if (!result.methods.includes(method)) {
    throw new RangeError(`"${method}" was not backtested`);
  }
  const own = result.errors.filter((error) => error.method === method);
  const origins = [...new Set(own.map((error) => error.origin))];
  if (origins.length < 2) {
    throw new RangeError(
      `leave-one-origin-out needs two origins with errors, ` +
        `${method} has ${origins.length}`
    );
  }
  const { maxHorizon } = result;
  let levels: number[] = [];
  const overall: Record<string, CoverageCount> = {};
  const byHorizon: CoverageReport["byHorizon"] = Array.from(
    { length: maxHorizon },
    (_, i) => ({ horizon: i + 1, levels: {} })
  );

  for (const origin of origins) {
    const rest = own.filter((error) => error.origin !== origin);
    const model = intervalModelFromErrors(rest, maxHorizon, options);
    levels = model.levels;
    const rows = Array.from({ length: maxHorizon }, (_, i) =>
      own.filter((e) => e.origin === origin && e.horizon === i + 1)
    );
    const bands = applyIntervals(
      rows.map((row) => row.map((error) => error.forecast)),
      model
    );
    for (const level of levels) {
      const key = String(level);
      const { lower, upper } = bands[key];
      rows.forEach((row, i) =>
        row.forEach(({ actual }, k) => {
          const inside = actual >= lower[i][k] && actual <= upper[i][k];
          count(overall, key, inside);
          count(byHorizon[i].levels, key, inside);
        })
      );
    }
  }
  return { method, levels, overall, byHorizon };
}

function count(
  tally: Record<string, CoverageCount>,
  key: string,
  inside: boolean
): void {
  const entry = (tally[key] ??= { covered: 0, total: 0, coverage: null });
  entry.total++;
  if (inside) entry.covered++;
  entry.coverage = entry.covered / entry.total;
}
