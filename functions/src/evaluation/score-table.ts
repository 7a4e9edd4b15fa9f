/**
 * Summarises a backtest's raw errors into the table people read: one row
 * per method and metric, with a value per horizon and one overall.
 */
import { mase, smape, wape, type ScoredPoint } from "./metrics";

/** The metrics of the table; see metrics.ts for their formulas. */
export type MetricName = "wape" | "smape" | "mase";
export const METRICS: readonly MetricName[] = ["wape", "smape", "mase"];

const METRIC_FUNCTIONS: Record<
  MetricName,
  (points: readonly ScoredPoint[]) => number | null
> = { wape, smape, mase };

/** A scored point that knows its method and horizon. */
export interface HorizonPoint extends ScoredPoint {
  method: string;
  /** Years after the origin, 1..maxHorizon. */
  horizon: number;
}

/** One method's score on one metric. */
export interface ScoreRow {
  method: string;
  metric: MetricName;
  /**
   * byHorizon[h - 1]: the metric over every origin and group forecast h
   * years ahead; null where no point was scored or it is undefined.
   */
  byHorizon: (number | null)[];
  /**
   * The metric over all of the method's points, every horizon pooled
   * (for sMAPE and MASE, the per-horizon values weighted by their counts).
   */
  overall: number | null;
  /** Points scored, all horizons. */
  points: number;
}

/**
 * Rows for each method in `methods` (in that order) and each metric, over
 * horizons 1..maxHorizon.
 */
export function scoreTable(
  points: readonly HorizonPoint[],
  methods: readonly string[],
  maxHorizon: number
): ScoreRow[] {
  const rows: ScoreRow[] = [];
  for (const method of methods) {
    const own = points.filter((point) => point.method === method);
    const perHorizon = Array.from({ length: maxHorizon }, (_, i) =>
      own.filter((point) => point.horizon === i + 1)
    );
    for (const metric of METRICS) {
      const score = METRIC_FUNCTIONS[metric];
      rows.push({
        method,
        metric,
        byHorizon: perHorizon.map((group) => score(group)),
        overall: score(own),
        points: own.length,
      });
    }
  }
  return rows;
}
