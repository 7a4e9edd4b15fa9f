/**
 * A category's backtest as stored with its model and served by
 * model-info: plain JSON (see service/category-evaluation).
 */
import type { IntervalModel } from "../evaluation/empirical-intervals";
import type { RankedMethod } from "../evaluation/choose-method";

/** A backtest's figures as stored and served (plain JSON). */
export interface CategoryEvaluation {
  computed_at: string;
  criterion: string;
  origins: number[];
  max_horizon: number;
  /** The method `"model": "auto"` serves. */
  chosen: string;
  /** Every method that could be scored, best first. */
  ranking: RankedMethod[];
  /** methods x metrics, per horizon and overall (all horizons pooled). */
  table: {
    method: string;
    metric: string;
    by_horizon: (number | null)[];
    overall: number | null;
  }[];
  /**
   * Leave-one-origin-out coverage of the chosen method's intervals, per
   * level ("80", "95"): the share of actual counts inside; null when the
   * backtest had too few origins to tell.
   */
  coverage: Record<string, number | null>;
  /** Interval widths per method served (the chosen one and the LSTM). */
  interval_models: Record<string, IntervalModel>;
  /** Fits the backtest left out, e.g. too few years for the LSTM. */
  skipped: number;
}
