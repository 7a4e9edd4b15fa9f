import type { TopLevelSpec } from "vega-lite";
import type { ChartRow } from "./chart-table";

/** What the chart says besides its rows. */
export interface ChartLabels {
  /** The category's human label, e.g. "Age group". */
  label: string;
  /** Groups in the dashboard's order: one panel each. */
  groups: string[];
  yearsAhead: number;
  method: string;
  reconciled: boolean;
  modelVersion: string;
}

/** Legend entries, and the colour of each. */
const SERIES = {
  History: "#1d4e89",
  Forecast: "#c2410c",
  "80 % interval": "#f59f6b",
  "95 % interval": "#fde0c8",
} as const;

/** Panel size in pixels; three panels a row fit a laptop screen. */
const PANEL = { width: 240, height: 130 };

/**
 * A Vega-Lite chart of a category: one small panel per group, each
 * with its own y scale (groups differ by orders of magnitude), the
 * history as a solid line, the forecast as a dashed line in another
 * colour over its 95 % and 80 % bands, and one legend for all panels.
 */
export function chartSpec(rows: ChartRow[], labels: ChartLabels): TopLevelSpec {
  const hasBands = rows.some((row) => row.lo80 !== undefined);
  const x = {
    field: "year",
    type: "quantitative" as const,
    title: "Year",
    axis: { format: "d", tickMinStep: 1, labelOverlap: true },
    scale: { zero: false, nice: false },
  };
  const band = (level: "80" | "95", opacity: number) => ({
    transform: [{ filter: `datum.series === 'Forecast'` }],
    mark: { type: "area" as const, opacity, interpolate: "linear" as const },
    encoding: {
      x,
      y: { field: `lo${level}`, type: "quantitative" as const },
      y2: { field: `hi${level}` },
      color: { datum: `${level} % interval` },
    },
  });

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: {
      text:
        `Registered emigrants by ${labels.label.toLowerCase()}: history ` +
        `and ${labels.yearsAhead}-year forecast`,
      // Two lines: Vega sizes the chart by an estimate of text width,
      // and one long line would widen it past the panels.
      subtitle: [
        `Forecast (dashed) by ${labels.method}` +
          `${labels.reconciled ? ", scaled to the yearly total" : ""}` +
          `${hasBands ? ", with 80 % and 95 % intervals" : ""}`,
        `Model version ${labels.modelVersion}`,
      ],
      anchor: "start",
    },
    data: { values: rows },
    columns: Math.min(3, labels.groups.length),
    facet: {
      field: "group",
      type: "nominal",
      sort: labels.groups,
      title: null,
      // No limit: a long region name may reach into the gap beside its
      // panel, which reads better than a name cut short.
      header: { labelFontSize: 11, labelLimit: 0 },
    },
    spec: {
      width: PANEL.width,
      height: PANEL.height,
      layer: [
        ...(hasBands ? [band("95", 0.9), band("80", 0.9)] : []),
        {
          mark: { type: "line", strokeWidth: 2 },
          encoding: {
            x,
            y: {
              field: "value",
              type: "quantitative",
              title: "Emigrants",
              axis: { format: ",d" },
            },
            color: {
              field: "series",
              type: "nominal",
              title: null,
              scale: {
                domain: Object.keys(SERIES),
                range: Object.values(SERIES),
              },
            },
            strokeDash: {
              field: "series",
              type: "nominal",
              legend: null,
              scale: {
                domain: ["History", "Forecast"],
                range: [
                  [1, 0],
                  [6, 4],
                ],
              },
            },
          },
        },
      ],
    },
    resolve: { scale: { y: "independent" } },
    config: {
      legend: { orient: "top", symbolType: "stroke", symbolStrokeWidth: 6 },
      view: { stroke: "#ddd" },
      font: "sans-serif",
    },
  };
}
