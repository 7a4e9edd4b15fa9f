/**
 * What the bench and its training worker say to each other over the IPC
 * channel: one plan in, progress lines on stderr, one result out.
 */
import type { Category } from "../domain/categories";
import type { History } from "../domain/history";
import type { BacktestFigures } from "./backtest-check";

/**
 * One worker's share of the bench: "timing" times every category's
 * trainings alone in its process; "accuracy" runs the accuracy checks of
 * its categories, which need no quiet machine and so run two at a time.
 */
export type WorkerPart = "timing" | "accuracy";

export interface TrainingPlan {
  part: WorkerPart;
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

/** The timed trainings of one category. */
export interface CategoryTiming {
  served: ConfigRuns;
  baseline: ConfigRuns;
}

/** The accuracy checks of one category (accuracy-checks.ts). */
export interface CategoryAccuracy {
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

/** Everything the bench reports of one category's training. */
export type CategoryTraining = CategoryTiming & CategoryAccuracy;

/** What one worker measured of its categories. */
export interface WorkerReport {
  backend: string;
  /** The untimed first training (timing only), which starts the backend. */
  warmupMs: number;
  timing: Partial<Record<Category, CategoryTiming>>;
  accuracy: Partial<Record<Category, CategoryAccuracy>>;
  /** Highest sampled RSS while a training ran, in MB. */
  peakRssSampledMb: number;
  /** The kernel's peak RSS of the worker (getrusage), in MB. */
  maxRssMb: number;
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
  | { kind: "result"; report: WorkerReport }
  | { kind: "error"; message: string };
