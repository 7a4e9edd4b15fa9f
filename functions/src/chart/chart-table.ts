import type { History } from "../domain/history";
import type { ServedYear } from "../service/served-forecast";

/** What a line of the chart shows. */
export type Series = "History" | "Forecast";

/**
 * One point of one group's line, in the long form a Vega-Lite chart
 * reads: the value and, for forecast years, the interval bounds.
 */
export interface ChartRow {
  group: string;
  year: number;
  series: Series;
  value: number;
  lo80?: number;
  hi80?: number;
  lo95?: number;
  hi95?: number;
}

/**
 * The rows of a category's chart: every year of history, then every
 * forecast year, per group. The forecast line starts at the last year
 * of history it was made from, with a band of zero width there, so
 * that it joins the history line instead of floating beside it.
 *
 * @param history the category's history as read now; it may already
 *   hold years the serving model has not seen yet (an edit being
 *   retrained), which are drawn as history.
 * @param lastHistoryYear the last year the forecast was made from.
 */
export function chartTable(
  history: History,
  lastHistoryYear: number,
  forecast: ServedYear[]
): ChartRow[] {
  const rows: ChartRow[] = [];
  history.years.forEach((year, i) => {
    history.groups.forEach((group, j) => {
      rows.push({ group, year, series: "History", value: history.values[i][j] });
    });
  });

  const joinIndex = history.years.indexOf(lastHistoryYear);
  if (joinIndex >= 0) {
    history.groups.forEach((group, j) => {
      const value = history.values[joinIndex][j];
      rows.push({
        group,
        year: lastHistoryYear,
        series: "Forecast",
        value,
        ...(forecast[0]?.intervals ? flatBand(value) : {}),
      });
    });
  }

  for (const served of forecast) {
    for (const [group, value] of Object.entries(served.predictions)) {
      const band = served.intervals;
      rows.push({
        group,
        year: served.year,
        series: "Forecast",
        value,
        ...(band?.["80"] && band["95"]
          ? {
              lo80: band["80"].lower[group],
              hi80: band["80"].upper[group],
              lo95: band["95"].lower[group],
              hi95: band["95"].upper[group],
            }
          : {}),
      });
    }
  }
  return rows;
}

function flatBand(value: number) {
  return { lo80: value, hi80: value, lo95: value, hi95: value };
}
