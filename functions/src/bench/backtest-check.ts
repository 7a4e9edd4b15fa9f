/**
 * The second accuracy check of the bench: the rolling-origin backtest of
 * the served network and of the seed recipe, side by side with naive.
 * The held-out check scores one cut (the last years); this one scores
 * several origins, each fitted without look-ahead, so a configuration
 * that is fast but forecasts worse shows up in either.
 */
import type { History } from "../domain/history";
import {
  backtest,
  baselineMethods,
  chooseMethod,
  type Method,
} from "../evaluation";
import { lstmMethod } from "../evaluation/lstm-method";
import type { ForecastConfig } from "../ml/config";

/**
 * Six origins, as the backtest issue's default, each forecast 4 years
 * ahead: on the CFO tables, origins 2006-2011, the years its done-when
 * names.
 */
export const BENCH_BACKTEST = { originCount: 6, horizon: 4 } as const;

/** Pooled MASE (mean over horizons 1..H) of both configurations. */
export interface BacktestFigures {
  origins: number[];
  horizon: number;
  seeds: number[];
  /** One per seed, in `seeds` order. */
  served: number[];
  baseline: number[];
  /** Naive's MASE on the same points, for scale: it has no seed. */
  naive: number;
}

/**
 * The last `count` years from which all `horizon` years ahead are in the
 * history, oldest first: for 1981-2015, 6 and 4 give 2006-2011. Fewer
 * when the history is too short; none when it has no such year.
 */
export function fullHorizonOrigins(
  years: readonly number[],
  count: number,
  horizon: number
): number[] {
  const last = years.length - 1 - horizon;
  if (last < 1) return [];
  return years.slice(Math.max(1, last - count + 1), last + 1);
}

/**
 * Backtests `served` and `baseline` once per seed, and naive once.
 * Throws RangeError when the history leaves no origin.
 */
export async function backtestBoth(
  history: History,
  configs: { served: ForecastConfig; baseline: ForecastConfig },
  seeds: readonly number[],
  options: { originCount: number; horizon: number }
): Promise<BacktestFigures> {
  const origins = fullHorizonOrigins(
    history.years,
    options.originCount,
    options.horizon
  );
  if (origins.length === 0) {
    throw new RangeError(
      `no origin with ${options.horizon} years after it in ` +
        `${history.years.length} years`
    );
  }
  const maseOf = async (method: Method): Promise<number> => {
    const result = await backtest(history, [method], {
      origins: { years: origins },
      maxHorizon: options.horizon,
    });
    return chooseMethod(result).ranking[0].mase;
  };
  const naive = baselineMethods().find((method) => method.name === "naive");
  if (naive === undefined) throw new Error("no naive baseline");
  const figures: BacktestFigures = {
    origins,
    horizon: options.horizon,
    seeds: [...seeds],
    served: [],
    baseline: [],
    naive: await maseOf(naive),
  };
  for (const seed of seeds) {
    figures.served.push(
      await maseOf(lstmMethod({ ...configs.served, seed }, "served"))
    );
    figures.baseline.push(
      await maseOf(lstmMethod({ ...configs.baseline, seed }, "baseline"))
    );
  }
  return figures;
}
