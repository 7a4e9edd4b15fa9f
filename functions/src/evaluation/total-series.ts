/**
 * The yearly total of a category: what every category's groups should
 * sum to, since all seven tables count the same emigrants.
 */
import type { History } from "../domain/history";

/** One yearly series with its years, e.g. the total of all groups. */
export interface YearlySeries {
  /** Years, ascending, e.g. [1981, ..., 2015]. */
  years: number[];
  /** series[i]: the count of years[i]. */
  series: number[];
}

/** The sum over groups of each year of `history`, in counts. */
export function totalSeries(history: History): YearlySeries {
  return {
    years: [...history.years],
    series: history.values.map((row) => row.reduce((a, b) => a + b, 0)),
  };
}

/** `series` as a one-group History, so the backtest can score it. */
export function seriesHistory(total: YearlySeries, group = "total"): History {
  return {
    years: [...total.years],
    groups: [group],
    values: total.series.map((value) => [value]),
  };
}
