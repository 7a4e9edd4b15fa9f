import type { Category } from "../domain/categories";
import type { CategoryEvaluation } from "../domain/category-evaluation";
import type { TotalForecast } from "../domain/total-forecast";
import type { TunedConfig } from "../domain/tuned-config";
import type { ForecastConfig } from "../ml/config";
import type { LeaseResult } from "./training-lease";

/**
 * What the API's model-info route serves for the model of a category. The
 * field names are those of the old Flask API (snake_case) and must not be
 * renamed; new fields may be added.
 */
export interface ModelMetadata {
  category: Category;
  /** Immutable version id; artifacts live under models/<category>/<version>/. */
  version: string;
  /** ISO 8601 time the training finished. */
  last_trained: string;
  /** "1981 - 2015" */
  training_years: string;
  num_years: number;
  /** Number of training windows (train + validation). */
  num_samples: number;
  num_features: number;
  feature_names: string[];
  final_loss: number;
  final_mae: number;
  val_loss: number | null;
  val_mae: number | null;
  epochs_trained: number;
  config: ForecastConfig;
  /** TensorFlow.js backend the model was trained on: tensorflow, wasm, cpu. */
  backend: string;
  /** How long the training took, in milliseconds. */
  training_ms: number;
  /** Where the artifacts are: `gs://bucket/models/age/<version>/` or a dir. */
  artifact_uri: string;
  /**
   * SHA-256 of the history the model was trained on (years, groups and
   * counts); equal hashes mean retraining would learn from the same data.
   * Absent on models trained before retraining existed.
   */
  history_hash?: string;
  /**
   * ISO time the training read its history. Of two models, the one that
   * read later saw the newer history: the pointer never moves back to an
   * older read (see ModelRegistry.switchServing).
   */
  history_read_at?: string;
  /**
   * The backtest behind the choice of the served method, with interval
   * widths; null when the history was too short for one. Absent on
   * models trained before backtests existed.
   */
  evaluation?: CategoryEvaluation | null;
}

/** Why the last automatic training of a category did not happen. */
export interface LastError {
  message: string;
  /** ISO time it was recorded. */
  at: string;
  /** The history document at fault, when one is to blame. */
  document: string | null;
}

/**
 * What is known of a category besides its serving model: the state of
 * its history and of its automatic retraining. Kept apart from the
 * serving pointer so that recording a failure never touches the model.
 */
export interface CategoryStatus {
  /** Set when a training failed on bad history; cleared by a success. */
  last_error: LastError | null;
  /**
   * "present" while the category has history documents, "deleted" once
   * they are all gone (the last model keeps serving), "unknown" before
   * anything looked.
   */
  history: "present" | "deleted" | "unknown";
  /** ISO time the history was last read by a retraining or refresh. */
  history_checked_at: string | null;
  /**
   * ISO time of the latest edit of the history seen by the trigger; the
   * retraining waits for the edits to go quiet before it reads.
   */
  last_edit_at: string | null;
  /**
   * A version an operator rolled back to: automatic retraining leaves the
   * category alone until the next explicit training.
   */
  pinned_version: string | null;
}

export const EMPTY_STATUS: Readonly<CategoryStatus> = Object.freeze({
  last_error: null,
  history: "unknown",
  history_checked_at: null,
  last_edit_at: null,
  pinned_version: null,
});

/** The result of a guarded pointer switch. */
export type SwitchResult =
  | { switched: true }
  | { switched: false; reason: string; current: ModelMetadata | null };

/**
 * Decides inside the switch whether the pointer may move: null allows it,
 * a string refuses it and says why.
 */
export type SwitchGuard = (current: ModelMetadata | null) => string | null;

/**
 * The pointer from each category to its serving model version, with that
 * model's metadata. Firestore (`mlModels/<category>`) in production, a JSON
 * file per category in a directory for offline use and tests.
 *
 * The pointer is switched only after every artifact of the version is
 * written, so a reader never sees a half-written model.
 */
export interface ModelRegistry {
  getServing(category: Category): Promise<ModelMetadata | null>;
  getAllServing(): Promise<Partial<Record<Category, ModelMetadata>>>;
  /** Points the category at `metadata` unconditionally. */
  setServing(metadata: ModelMetadata): Promise<void>;
  /**
   * Points the category at `metadata` if `guard` allows it, reading the
   * current pointer and writing the new one atomically (a Firestore
   * transaction), so two trainings finishing together cannot both win.
   */
  switchServing(
    metadata: ModelMetadata,
    guard: SwitchGuard
  ): Promise<SwitchResult>;

  /** Records a stored version, serving or not, so it can be listed. */
  recordVersion(metadata: ModelMetadata): Promise<void>;
  getVersion(category: Category, version: string): Promise<ModelMetadata | null>;
  /** The kept versions of a category, newest first. */
  listVersions(category: Category): Promise<ModelMetadata[]>;
  deleteVersion(category: Category, version: string): Promise<void>;

  getStatus(category: Category): Promise<CategoryStatus>;
  /** Merges `patch` into the category's status. */
  updateStatus(
    category: Category,
    patch: Partial<CategoryStatus>
  ): Promise<void>;

  /** The yearly total forecast every category is scaled to, if any. */
  getTotals(): Promise<TotalForecast | null>;
  setTotals(total: TotalForecast): Promise<void>;

  /**
   * The configuration `tune` chose for the category's next training, or
   * null when it was never tuned. Throws CorruptArtifactError when the
   * stored one fails its checks (the trainer then logs it and trains
   * with the service default).
   */
  getTunedConfig(category: Category): Promise<TunedConfig | null>;
  /** Replaces the category's tuned configuration. */
  setTunedConfig(tuned: TunedConfig): Promise<void>;

  /**
   * Takes (or renews) the category's training lease for `holder` until
   * `now + ttlMs`, unless another holder's lease has not yet expired;
   * atomically, so of two callers at once only one gets it. See
   * training-lease.ts.
   */
  acquireTrainingLease(
    category: Category,
    holder: string,
    now: Date,
    ttlMs: number
  ): Promise<LeaseResult>;
  /** Gives the lease up if `holder` still holds it; else does nothing. */
  releaseTrainingLease(category: Category, holder: string): Promise<void>;
}

/** Version ids sort by creation time: orders versions newest first. */
export function newestFirst(a: ModelMetadata, b: ModelMetadata): number {
  return a.version < b.version ? 1 : a.version > b.version ? -1 : 0;
}
