/**
 * The LSTM configuration `npm run cli -- tune` chose for a category, as
 * stored in the model registry (plain JSON, snake_case like the model
 * metadata): the next training of the category uses `config` instead of
 * the service default, and the rest says what chose it.
 */
import type { ForecastConfig } from "../ml/config";
import type { Category } from "./categories";

export interface TunedConfig {
  category: Category;
  /** What the next training uses; its name is unique to its settings. */
  config: ForecastConfig;
  /** ISO time the tune finished. */
  tuned_at: string;
  /** How the winner was picked, in words. */
  criterion: string;
  /** The winner's pooled backtest scores. */
  score: { mase: number; wape: number | null; smape: number | null };
  /** Backtest origin years and the horizon scored from each. */
  origins: number[];
  max_horizon: number;
  /** The history it was tuned on: "1981 - 2015", its hash, its source. */
  training_years: string;
  history_hash: string;
  /** "firestore" or "csv:<folder>". */
  history_source: string;
  /** Every scored configuration, best first. */
  ranking: {
    name: string;
    mase: number;
    wape: number | null;
    smape: number | null;
  }[];
  /** Configurations of the grid left out by the time budget. */
  not_scored: string[];
}
