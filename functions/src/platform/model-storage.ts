import * as path from "node:path";
import type { Logger } from "../domain/logger";
import type { BlobStore } from "../storage/blob-store";
import { GcsBlobStore } from "../storage/gcs-blob-store";
import { LocalBlobStore } from "../storage/local-blob-store";
import { bucket } from "./firebase-services";

/** functions/.models, whether running from src (tests) or lib (built). */
const DEFAULT_LOCAL_DIR = path.resolve(__dirname, "..", "..", ".models");

/**
 * Where model artifacts go. Cloud Storage when deployed, or when a Storage
 * emulator runs. Under the other emulators with no Storage emulator (it
 * cannot start offline) a local directory stands in for the bucket, with
 * the same layout; LOCAL_MODEL_DIR forces that directory anywhere.
 */
export function chooseModelStore(
  env: NodeJS.ProcessEnv,
  bucketName: string,
  logger: Logger
): BlobStore {
  const emulated =
    env.FUNCTIONS_EMULATOR === "true" || Boolean(env.FIRESTORE_EMULATOR_HOST);
  const storageEmulator =
    env.FIREBASE_STORAGE_EMULATOR_HOST ?? env.STORAGE_EMULATOR_HOST;
  if (env.LOCAL_MODEL_DIR || (emulated && !storageEmulator)) {
    const dir = path.resolve(env.LOCAL_MODEL_DIR || DEFAULT_LOCAL_DIR);
    logger.warn("model store is a local directory", {
      dir,
      reason: env.LOCAL_MODEL_DIR
        ? "LOCAL_MODEL_DIR is set"
        : "emulators without a Storage emulator",
    });
    return new LocalBlobStore(dir);
  }
  return new GcsBlobStore(bucket(bucketName));
}
