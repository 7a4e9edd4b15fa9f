import type { Category } from "../../src/domain/categories";
import type { History } from "../../src/domain/history";
import type { CategoryForecast } from "../../src/service/forecast-service";
import type { ServedYear } from "../../src/service/served-forecast";

/**
 * A served forecast made up from a history's last year, growing 2 % a
 * year inside intervals that widen with the horizon: for tests of what
 * draws or sends a forecast, without training a model.
 */
export function syntheticForecast(
  category: Category,
  history: History,
  yearsAhead: number,
  { intervals = true, version = "20261203T213358123Z-4f9c2a" } = {}
): CategoryForecast {
  const lastYear = history.years[history.years.length - 1];
  const last = history.values[history.values.length - 1];
  const byGroup = (scale: (value: number) => number) =>
    Object.fromEntries(
      history.groups.map((group, j) => [group, Math.round(scale(last[j]))])
    );
  const predictions = Array.from({ length: yearsAhead }, (_, i): ServedYear => {
    const h = i + 1;
    const growth = 1 + 0.02 * h;
    const year: ServedYear = {
      year: lastYear + h,
      predictions: byGroup((v) => v * growth),
    };
    if (intervals) {
      const band = (width: number) => ({
        lower: byGroup((v) => Math.max(0, v * (growth - width * Math.sqrt(h)))),
        upper: byGroup((v) => v * (growth + width * Math.sqrt(h))),
      });
      year.intervals = { "80": band(0.06), "95": band(0.1) };
    }
    return year;
  });
  return {
    category,
    predictions,
    model_version: version,
    last_history_year: lastYear,
    method: "theta",
    reconciled: true,
  };
}
