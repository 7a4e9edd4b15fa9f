/**
 * What the bench and its training worker say to each other over the IPC
 * channel: one plan in, progress lines on stderr, one result out.
 */
import type { Category } from "../domain/categories";
import type { History } from "../domain/history";

export interface TrainingPlan {
  histories: Partial<Record<Category, History>>;
  categories: Category[];
  /** Timed trainings per category and configuration. */
  runs: number;
  /** Years hidden from the held-out trainings, e.g. 5. */
  heldOutYears: number;
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
  /** WAPE of the held-out forecast, 0..; null when it could not run. */
  heldOutWape: { served: number | null; baseline: number | null };
  heldOutNote: string | null;
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
