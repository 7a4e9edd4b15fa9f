import { createHash, randomBytes } from "node:crypto";
import * as tf from "@tensorflow/tfjs";
import { isCategory, type Category } from "../domain/categories";
import { NotFoundError, ServiceError } from "../domain/errors";
import type { PreprocessingState, TrainedForecaster } from "../ml/forecaster";
import {
  blobStoreIOHandler,
  MODEL_JSON_NAME,
  WEIGHTS_BIN_NAME,
} from "./blob-io-handler";
import type { BlobStore } from "./blob-store";
import {
  parsePreprocessingJson,
  preprocessingProblems,
} from "./preprocessing-json";

/** Name of the scaler/window state file in a version's folder. */
export const PREPROCESSING_JSON_NAME = "preprocessing.json";

/**
 * What a version may look like: one safe path segment. newVersionId makes
 * ids like 20261203T201500123Z-4f9c2a; the check is looser so that ids
 * from older or hand-made registries still load, but it keeps a version
 * read back from the registry from ever reaching outside its folder.
 */
const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * A new immutable model version id such as `20261203T201500123Z-4f9c2a`.
 * Ids sort by creation time (UTC, millisecond precision) as plain strings.
 * The suffix is random, or, given `contentHint`, derived from it, so that
 * saving the same content at the same instant yields the same id.
 */
export function newVersionId(now: Date, contentHint?: string): string {
  if (Number.isNaN(now.getTime())) {
    throw new Error("newVersionId needs a valid Date, got Invalid Date");
  }
  // 2026-12-03T20:15:00.123Z -> 20261203T201500123Z
  const stamp = now.toISOString().replace(/[-:.]/g, "");
  const suffix =
    contentHint === undefined
      ? randomBytes(3).toString("hex")
      : createHash("sha256").update(contentHint).digest("hex").slice(0, 6);
  return `${stamp}-${suffix}`;
}

/**
 * The folder of one model version in the blob store:
 * `models/<category>/<version>/`, with a trailing slash.
 *
 * @throws ServiceError("invalid-argument") for an unknown category or a
 *   version that is not a single safe path segment.
 */
export function modelPrefix(category: Category, version: string): string {
  if (!isCategory(category)) {
    throw new ServiceError(
      "invalid-argument",
      `Unknown category ${JSON.stringify(category)}`
    );
  }
  if (!VERSION_PATTERN.test(version)) {
    throw new ServiceError(
      "invalid-argument",
      `Invalid model version ${JSON.stringify(version)} for ${category}: ` +
        "expected letters, digits, '.', '_' or '-' (up to 100), " +
        "like 20261203T201500123Z-4f9c2a"
    );
  }
  return `models/${category}/${version}/`;
}

/**
 * Writes a trained model as a new version: weights.bin, then model.json,
 * then preprocessing.json. preprocessing.json comes last and
 * loadModelVersion reads it first, so a version whose writing was cut
 * short reads as missing rather than half there.
 *
 * @throws Error when `trained.preprocessing` is malformed (nothing is
 *   written then), or the store's errors.
 */
export async function saveModelVersion(
  store: BlobStore,
  category: Category,
  version: string,
  trained: Pick<TrainedForecaster, "model" | "preprocessing">
): Promise<void> {
  const prefix = modelPrefix(category, version);
  const problems = preprocessingProblems(trained.preprocessing);
  if (problems.length > 0) {
    throw new Error(
      `Refusing to save ${category} model ${version}: its preprocessing ` +
        `state is malformed: ${problems.join("; ")}`
    );
  }
  await trained.model.save(blobStoreIOHandler(store, prefix));
  await store.write(
    prefix + PREPROCESSING_JSON_NAME,
    new TextEncoder().encode(JSON.stringify(trained.preprocessing)),
    "application/json"
  );
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
  const names = [PREPROCESSING_JSON_NAME, MODEL_JSON_NAME, WEIGHTS_BIN_NAME];
  for (const name of names) await store.delete(prefix + name);
}
