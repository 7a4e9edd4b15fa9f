/**
 * Picks the method to serve from a backtest, by one stated criterion so
 * the choice can be explained and repeated: the lowest MASE pooled over
 * every origin, group and horizon 1..H (the `overall` MASE of the score
 * table). MASE is chosen over WAPE because it weighs every group alike
 * and says directly whether a method beats the naive forecast (< 1 is
 * better than naive's typical in-sample one-year error).
 */
import type { BacktestResult } from "./backtest";
import type { MetricName } from "./score-table";

/**
 * Two MASE (or WAPE) values closer than this, relative to the larger, are
 * a tie. Without it two methods that forecast the same numbers by
 * different arithmetic (SES with alpha near 1 and naive) would be ordered
 * by rounding noise instead of by the stated tie-breaks.
 */
export const TIE_TOLERANCE = 1e-9;

/** One method's pooled scores, as the ranking lists them. */
export interface RankedMethod {
  method: string;
  /** Mean MASE over horizons 1..H pooled; < 1 beats naive in sample. */
  mase: number;
  /** WAPE, a fraction (0.12 = 12 %); null when undefined. */
  wape: number | null;
  /** sMAPE in percent, 0..200; null when undefined. */
  smape: number | null;
}

/** The method to serve, and how every eligible method ranked. */
export interface MethodChoice {
  /**
   * Name of the chosen method: ranking[0].method, or the incumbent when
   * ranking[0] did not beat it by the margin.
   */
  method: string;
  /** Its pooled scores. */
  score: RankedMethod;
  /** Eligible methods, best first. */
  ranking: RankedMethod[];
  /** Methods with no MASE (every fit skipped, or no positive scale). */
  ineligible: string[];
}

/**
 * A default that another method must clearly beat to be chosen. On short
 * yearly series the naive forecast is hard to beat out of sample: a
 * method that scored a little better over the backtest's origins mostly
 * did not keep doing so over the years after them (see the README's
 * forecast quality section), so a small lead is treated as noise.
 */
export interface Incumbent {
  /** The default method, e.g. "naive"; it must be in the backtest. */
  method: string;
  /**
   * Fraction by which another method's MASE must be lower, e.g. 0.05:
   * chosen only if its MASE < (1 - margin) x the incumbent's.
   */
  margin: number;
}

export interface ChooseMethodOptions {
  /**
   * Last tie-break: methods earlier in this list win. Default the order
   * the backtest was given (baselines come simplest first, so a tie goes
   * to the simpler method). Methods not listed come after, by name.
   */
  order?: readonly string[];
  /** Served unless the best method beats it by the margin. */
  incumbent?: Incumbent;
}

/**
 * Ranks the methods of `result` by pooled MASE, then WAPE (a missing WAPE
 * loses), then `options.order`; returns the first. Throws RangeError when
 * no method has a MASE.
 */
export function chooseMethod(
  result: BacktestResult,
  options: ChooseMethodOptions = {}
): MethodChoice {
  const order = options.order ?? result.methods;
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i >= 0 ? i : order.length;
  };
  const ranking: RankedMethod[] = [];
  const ineligible: string[] = [];
  for (const method of result.methods) {
    const mase = overall(result, method, "mase");
    if (mase === null) {
      ineligible.push(method);
      continue;
    }
    ranking.push({
      method,
      mase,
      wape: overall(result, method, "wape"),
      smape: overall(result, method, "smape"),
    });
  }
  if (ranking.length === 0) {
    throw new RangeError(
      `no method has a MASE to rank: ${result.methods.join(", ")}`
    );
  }
  ranking.sort(
    (a, b) =>
      compareScores(a.mase, b.mase) ||
      compareScores(a.wape, b.wape) ||
      rank(a.method) - rank(b.method) ||
      a.method.localeCompare(b.method)
  );
  const best = ranking[0];
  const kept = keptIncumbent(ranking, options.incumbent);
  const served = kept ?? best;
  return { method: served.method, score: served, ranking, ineligible };
}

/** The incumbent's row when the best method does not beat it clearly. */
function keptIncumbent(
  ranking: readonly RankedMethod[],
  incumbent: Incumbent | undefined
): RankedMethod | null {
  if (!incumbent) return null;
  const { method, margin } = incumbent;
  if (!(margin >= 0 && margin < 1)) {
    throw new RangeError(`incumbent margin must be in [0, 1), got ${margin}`);
  }
  const row = ranking.find((r) => r.method === method);
  if (!row) return null;
  return ranking[0].mase < (1 - margin) * row.mase ? null : row;
}

/** The overall value of one method's row for `metric`, or null. */
function overall(
  result: BacktestResult,
  method: string,
  metric: MetricName
): number | null {
  const row = result.table.find(
    (r) => r.method === method && r.metric === metric
  );
  return row?.overall ?? null;
}

/** Ascending, with near-equal values tied and null last. */
function compareScores(a: number | null, b: number | null): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? 1 : -1;
  }
  const size = Math.max(Math.abs(a), Math.abs(b));
  if (Math.abs(a - b) <= TIE_TOLERANCE * size) return 0;
  return a - b;
}
