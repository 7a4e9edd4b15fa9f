import { logger as functionsLogger } from "firebase-functions";
import { FirestoreHistorySource } from "../data/firestore-history-source";
import type { Logger } from "../domain/logger";
import { ForecastService } from "../service/forecast-service";
import { FirestoreModelRegistry } from "../storage/firestore-model-registry";
import { firestore } from "./firebase-services";
import { chooseModelStore } from "./model-storage";

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
  logger: Logger = cloudLogger
): ForecastService {
  const db = firestore();
  return new ForecastService({
    history: new FirestoreHistorySource(db),
    registry: new FirestoreModelRegistry(db),
    blobs: chooseModelStore(process.env, bucketName, logger),
    logger,
  });
}
