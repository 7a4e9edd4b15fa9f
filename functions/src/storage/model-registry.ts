import type { Category } from "../domain/categories";
import type { ForecastConfig } from "../ml/config";

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
}

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
  setServing(metadata: ModelMetadata): Promise<void>;
}
