/**
 * What the bench and its training worker say to each other over the IPC
 * channel: one plan in, progress lines on stderr, one result out.
 */
import type { Category } from "../domain/categories";
import type { History } from "../domain/history";
import type { BacktestFigures } from "./backtest-check";

export interface TrainingPlan {
  histories: Partial<Record<Category, History>>;
  categories: Category[];
  /** Timed trainings per category and configuration. */
  runs: number;
  /** Years hidden from the held-out trainings, e.g. 5. */
  heldOutYears: number;
  /** Seeds each held-out WAPE is averaged over. */
  heldOutSeeds: number;
  /** Seeds of the rolling-origin backtest; 0 skips it. */
  backtestSeeds: number;
  /** How often RSS is sampled during trainings, in ms. */
  rssIntervalMs: number;
}

/** Wall times and epochs of one configuration's runs on one category. */
export interface ConfigRuns {
  ms: number[];
  epochs: number[];
}

export interface CategoryTraining {
  served: ConfigRuns;
  baseline: ConfigRuns;
  /**
   * WAPE of the held-out forecast, 0.., one per seed in `seeds`; empty
   * when it could not run.
   */
  heldOutWape: { seeds: number[]; served: number[]; baseline: number[] };
  heldOutNote: string | null;
  /** Null when skipped or when it could not run (see backtestNote). */
  backtest: BacktestFigures | null;
  backtestNote: string | null;
}

export interface TrainingReport {
  backend: string;
  servedConfig: string;
  baselineConfig: string;
  /** The untimed first training, which pays for backend start-up. */
  warmupMs: number;
  perCategory: Partial<Record<Category, CategoryTraining>>;
  /** Highest sampled RSS while a training ran, in MB. */
  peakRssSampledMb: number;
  /** The kernel's peak RSS of the worker (getrusage), in MB. */
  maxRssMb: number;
}

export type WorkerMessage =
  | { kind: "result"; report: TrainingReport }
  | { kind: "error"; message: string };
