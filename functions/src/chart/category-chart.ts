import { CATEGORY_SPECS } from "../domain/categories";
import type { History } from "../domain/history";
import type { CategoryForecast } from "../service/forecast-service";
import { chartSpec } from "./chart-spec";
import { chartTable } from "./chart-table";
import { renderSvg } from "./render-chart";

/**
 * The SVG chart of a category: its history as read now and the forecast
 * the API serves for the same request, one panel per group.
 */
export function categoryChartSvg(
  history: History,
  forecast: CategoryForecast
): Promise<string> {
  const spec = CATEGORY_SPECS[forecast.category];
  const forecastGroups = Object.keys(forecast.predictions[0]?.predictions ?? {});
  // History's groups first (the dashboard's order), then any group
  // only the forecast knows, so every group gets its panel.
  const groups = [...new Set([...history.groups, ...forecastGroups])];
  const rows = chartTable(
    history,
    forecast.last_history_year,
    forecast.predictions
  );
  return renderSvg(
    chartSpec(rows, {
      label: spec.label,
      groups,
      yearsAhead: forecast.predictions.length,
      method: forecast.method,
      reconciled: forecast.reconciled,
      modelVersion: forecast.model_version,
    })
  );
}
