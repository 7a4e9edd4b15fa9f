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
  /** Name of the chosen method, ranking[0].method. */
  method: string;
  /** Its pooled scores. */
  score: RankedMethod;
  /** Eligible methods, best first. */
  ranking: RankedMethod[];
  /** Methods with no MASE (every fit skipped, or no positive scale). */
  ineligible: string[];
}

export interface ChooseMethodOptions {
  /**
   * Last tie-break: methods earlier in this list win. Default the order
   * the backtest was given (baselines come simplest first, so a tie goes
   * to the simpler method). Methods not listed come after, by name.
   */
  order?: readonly string[];
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
  return { method: ranking[0].method, score: ranking[0], ranking, ineligible };
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
