import * as tf from "@tensorflow/tfjs";
import type { Category } from "../domain/categories";
import { NotFoundError } from "../domain/errors";
import type { PreprocessingState, TrainedForecaster } from "../ml/forecaster";
import {
  blobStoreIOHandler,
  MODEL_JSON_NAME,
  WEIGHTS_BIN_NAME,
} from "./blob-io-handler";
import type { BlobStore } from "./blob-store";
import { CheckedWrites } from "./checked-writes";
import { modelPrefix } from "./version-paths";
import {
  encodeForecastJson,
  FORECAST_JSON_NAME,
  type StoredForecast,
} from "./forecast-json";
import {
  parsePreprocessingJson,
  preprocessingProblems,
} from "./preprocessing-json";

/** Name of the scaler/window state file in a version's folder. */
export const PREPROCESSING_JSON_NAME = "preprocessing.json";
export { modelPrefix, newVersionId } from "./version-paths";
export { FORECAST_JSON_NAME } from "./forecast-json";

/**
 * Writes a trained model as a new version: weights.bin, then model.json,
 * then forecast.json (when given), then preprocessing.json.
 * preprocessing.json comes last and loadModelVersion reads it first, so a
 * version whose writing was cut short reads as missing rather than half
 * there; and the registry records a version only after all of it.
 *
 * Every file is then read back and compared with what was written, so
 * that a version is never recorded, let alone served, with a file that
 * did not arrive intact. When a write or that check fails, the files
 * already written are deleted (as far as the store allows) before the
 * error is thrown, so a failed training leaves nothing behind. A process
 * killed half-way cannot clean up: its files stay, unrecorded and never
 * served.
 *
 * @throws Error when `trained.preprocessing` is malformed (nothing is
 *   written then); ServiceError "unavailable" when a file does not read
 *   back as written; the store's errors.
 */
export async function saveModelVersion(
  store: BlobStore,
  category: Category,
  version: string,
  trained: Pick<TrainedForecaster, "model" | "preprocessing">,
  forecast?: StoredForecast
): Promise<void> {
  const prefix = modelPrefix(category, version);
  const problems = preprocessingProblems(trained.preprocessing);
  if (problems.length > 0) {
    throw new Error(
      `Refusing to save ${category} model ${version}: its preprocessing ` +
        `state is malformed: ${problems.join("; ")}`
    );
  }
  const checked = new CheckedWrites(store);
  try {
    await trained.model.save(blobStoreIOHandler(checked, prefix));
    if (forecast) {
      await checked.write(
        prefix + FORECAST_JSON_NAME,
        encodeForecastJson(forecast),
        "application/json"
      );
    }
    await checked.write(
      prefix + PREPROCESSING_JSON_NAME,
      new TextEncoder().encode(JSON.stringify(trained.preprocessing)),
      "application/json"
    );
    await checked.verify(`${category} model version ${version}`);
  } catch (error) {
    await checked.removeAll();
    throw error;
  }
}

/**
 * Reads a version written by saveModelVersion. The caller owns the
 * returned model and must dispose it.
 *
 * @throws NotFoundError when the version or one of its files is missing;
 *   CorruptArtifactError (kind "bad-data") naming the file at fault when a
 *   file is unreadable; the store's errors otherwise.
 */
export async function loadModelVersion(
  store: BlobStore,
  category: Category,
  version: string
): Promise<{ model: tf.LayersModel; preprocessing: PreprocessingState }> {
  const prefix = modelPrefix(category, version);
  const preprocessingPath = prefix + PREPROCESSING_JSON_NAME;
  let bytes: Uint8Array;
  try {
    bytes = await store.read(preprocessingPath);
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new NotFoundError(
        `${category} model version ${version} is missing or incomplete: ` +
          `${error.message}`
      );
    }
    throw error;
  }
  const preprocessing = parsePreprocessingJson(
    bytes,
    `${store.location}/${preprocessingPath}`
  );
  const model = await tf.loadLayersModel(blobStoreIOHandler(store, prefix));
  return { model, preprocessing };
}

/**
 * Removes every file of a version. preprocessing.json goes first: a
 * version whose removal is cut short then reads as missing, never as a
 * model with half its weights.
 */
export async function deleteModelVersion(
  store: BlobStore,
  category: Category,
  version: string
): Promise<void> {
  const prefix = modelPrefix(category, version);
  const names = [
    PREPROCESSING_JSON_NAME,
    FORECAST_JSON_NAME,
    MODEL_JSON_NAME,
    WEIGHTS_BIN_NAME,
  ];
  for (const name of names) await store.delete(prefix + name);
}
