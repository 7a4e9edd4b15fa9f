/**
 * Turns a stored forecast into the body the API serves: the method asked
 * for, the years asked for, scaled to the yearly total when there is one
 * (coherent totals), rounded to whole people, with prediction intervals.
 * Pure, and free of TensorFlow.js: it runs on every predict.
 */
import type { YearForecast } from "../domain/history";
import type { TotalForecast } from "../domain/total-forecast";
import type { IntervalBands } from "../evaluation/empirical-intervals";
import {
  reconcileToTotal,
  scaleIntervals,
  scaleToTotal,
} from "../evaluation/reconcile";
import type { StoredForecast } from "../storage/forecast-json";

/** Bounds of one year's interval at one level, per group. */
export interface YearInterval {
  lower: Record<string, number>;
  upper: Record<string, number>;
}

/** One served year: the old fields, plus intervals where known. */
export interface ServedYear extends YearForecast {
  /** Per level ("80", "95"); absent for a method without a backtest. */
  intervals?: Record<string, YearInterval>;
}

export interface ServedForecast {
  method: string;
  predictions: ServedYear[];
  /** Whether the counts were scaled to the yearly total forecast. */
  reconciled: boolean;
}

/**
 * @param method a key of stored.methods.
 * @param yearsAhead 1..stored rows.
 * @param total the total forecast, or null to serve unscaled.
 */
export function serveForecast(
  stored: StoredForecast,
  method: string,
  yearsAhead: number,
  total: TotalForecast | null
): ServedForecast {
  const chosen = stored.methods[method];
  if (!chosen) throw new RangeError(`no stored forecast of "${method}"`);
  const values = chosen.values.slice(0, yearsAhead);
  const bands = chosen.intervals ? sliceBands(chosen.intervals, yearsAhead) : null;
  const totals = totalsFor(total, stored.lastHistoryYear, values.length);

  let counts: number[][];
  let intervals: IntervalBands | null = bands;
  if (totals) {
    counts = reconcileToTotal(values, totals);
    if (bands) intervals = scaleIntervals(bands, scaleToTotal(values, totals));
  } else {
    counts = values.map((row) => row.map((v) => Math.round(v)));
  }

  const { groups, lastHistoryYear } = stored;
  const byGroup = (row: number[]) =>
    Object.fromEntries(groups.map((g, j) => [g, Math.max(0, Math.round(row[j]))]));
  const predictions = counts.map((row, h): ServedYear => {
    const year: ServedYear = {
      year: lastHistoryYear + 1 + h,
      predictions: byGroup(row),
    };
    if (intervals) {
      year.intervals = Object.fromEntries(
        Object.entries(intervals).map(([level, band]) => [
          level,
          { lower: byGroup(band.lower[h]), upper: byGroup(band.upper[h]) },
        ])
      );
    }
    return year;
  });
  return { method, predictions, reconciled: totals !== null };
}

/**
 * The totals for the `count` years after `lastYear`, or null when the
 * total forecast does not start right after that year (a category whose
 * history ends at another year than the total's source is served
 * unscaled rather than scaled to the wrong years).
 */
export function totalsFor(
  total: TotalForecast | null,
  lastYear: number,
  count: number
): number[] | null {
  if (!total || total.last_history_year !== lastYear) return null;
  if (total.totals.length < count) return null;
  return total.totals.slice(0, count);
}

function sliceBands(bands: IntervalBands, count: number): IntervalBands {
  return Object.fromEntries(
    Object.entries(bands).map(([level, { lower, upper }]) => [
      level,
      { lower: lower.slice(0, count), upper: upper.slice(0, count) },
    ])
  );
}
