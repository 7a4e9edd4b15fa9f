import type { Category } from "./categories";

/** The forecast of the yearly total every category is scaled to. */
export interface TotalForecast {
  source: Category;
  /** The baseline the total's own backtest chose. */
  method: string;
  /** Hash of the source history it was forecast from. */
  history_hash: string;
  last_history_year: number;
  /** totals[h - 1]: the total h years after last_history_year. */
  totals: number[];
  computed_at: string;
}
