/**
 * Coherent totals. The seven tables count the same emigrants, so for any
 * year every category's groups add up to the same total (92,998 in 2015
 * in all seven, within a few in the origin table). Forecast separately,
 * they would not: a dashboard could show 95,000 emigrants by sex and
 * 80,000 by age for one future year. So the yearly total is forecast
 * once, from one table, and every category's forecast is scaled to it
 * when served.
 */
import type { Category } from "../domain/categories";
import type { History } from "../domain/history";
import { historyHash } from "../domain/history-hash";
import { MAX_YEARS_AHEAD } from "../domain/forecast-horizon";
import { chooseTotalForecaster, totalSeries } from "../evaluation";
import type { TotalForecast } from "../domain/total-forecast";
import {
  BACKTEST_HORIZON,
  BACKTEST_ORIGINS,
  INCUMBENT,
} from "./category-evaluation";

/**
 * The table whose yearly sums are the total: sex has the longest clean
 * history (1981 onwards) and every emigrant in exactly one of two groups.
 */
export const TOTAL_SOURCE: Category = "sex";

export const RECONCILIATION_METHOD =
  `each year's groups scaled proportionally to the yearly total forecast ` +
  `from the ${TOTAL_SOURCE} table, then rounded by largest remainder so ` +
  "they sum to it exactly";

/**
 * Forecasts the total of `history` (the source table) with the baseline
 * that backtests best on it, by the groups' criterion (naive unless
 * another baseline clearly beats it). Null when the history is too short.
 */
export async function forecastTotal(
  history: History,
  now: Date
): Promise<TotalForecast | null> {
  if (history.years.length < 3) return null;
  const total = totalSeries(history);
  let chosen;
  try {
    chosen = await chooseTotalForecaster(
      total,
      undefined,
      { origins: { count: BACKTEST_ORIGINS }, maxHorizon: BACKTEST_HORIZON },
      { incumbent: INCUMBENT }
    );
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
  return {
    source: TOTAL_SOURCE,
    method: chosen.name,
    history_hash: historyHash(history),
    last_history_year: history.years[history.years.length - 1],
    totals: chosen.forecaster(total.series, MAX_YEARS_AHEAD),
    computed_at: now.toISOString(),
  };
}
