import { logger as functionsLogger } from "firebase-functions";
import { FirestoreHistorySource } from "../data/firestore-history-source";
import type { Logger } from "../domain/logger";
import { ForecastService } from "../service/forecast-service";
import { FirestoreModelRegistry } from "../storage/firestore-model-registry";
import type { ModelRegistry } from "../storage/model-registry";
import { firestore } from "./firebase-services";
import { chooseModelStore } from "./model-storage";
import { modelBucket } from "./params";

/** The firebase-functions logger: structured Cloud Logging entries. */
export const cloudLogger: Logger = {
  debug: (message, context) => functionsLogger.debug(message, context ?? {}),
  info: (message, context) => functionsLogger.info(message, context ?? {}),
  warn: (message, context) => functionsLogger.warn(message, context ?? {}),
  error: (message, context) => functionsLogger.error(message, context ?? {}),
};

/**
 * The service wired to Firebase: history and registry in Firestore, models
 * in Cloud Storage (or a local directory under the emulators).
 */
export function createFirebaseService(
  bucketName: string,
  logger: Logger = cloudLogger,
  registry: ModelRegistry = new FirestoreModelRegistry(firestore())
): ForecastService {
  return new ForecastService({
    history: new FirestoreHistorySource(firestore()),
    registry,
    blobs: chooseModelStore(process.env, bucketName, logger),
    logger,
  });
}

let shared: { service: ForecastService; registry: ModelRegistry } | undefined;

/**
 * The one service of this instance, built on first use: every function
 * of the codebase that runs in the instance shares its loaded models.
 */
export function sharedFirebaseService(): {
  service: ForecastService;
  registry: ModelRegistry;
} {
  if (!shared) {
    const registry = new FirestoreModelRegistry(firestore());
    shared = {
      registry,
      service: createFirebaseService(modelBucket.value(), cloudLogger, registry),
    };
  }
  return shared;
}
