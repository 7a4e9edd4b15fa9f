import { HttpsError } from "firebase-functions/v2/https";
import type { Request } from "firebase-functions/v2/tasks";
import { ServiceError } from "../domain/errors";
import { runRetrainTask } from "../service/retrain-task";
import { retrainQuietSeconds, retrainWindowSeconds } from "./params";
import { cloudLogger, sharedFirebaseService } from "./production-service";

/**
 * Handler of the `retrainCategory` task queue. Returning ends the task;
 * throwing (a transient Firestore or Storage failure, or another training
 * of the category still holding its lease) makes Cloud Tasks retry it
 * with backoff.
 */
export async function handleRetrainTask(request: Request): Promise<void> {
  const { service, registry } = sharedFirebaseService();
  const quietMs = retrainQuietSeconds.value() * 1000;
  try {
    await runRetrainTask(request.data, {
      service,
      registry,
      logger: cloudLogger,
      quietMs,
      // The window plus a few quiet periods: a longer wait means edits
      // that never stop, and the training goes ahead anyway.
      maxWaitMs: retrainWindowSeconds.value() * 1000 + 6 * quietMs,
    });
  } catch (error) {
    throw asRetry(error);
  }
}

/**
 * An expected, passing failure as an HttpsError, which the task runtime
 * answers with its status (Cloud Tasks retries any failure) without
 * logging it as an unhandled error; anything else is rethrown as it is,
 * to be logged with its stack.
 */
export function asRetry(error: unknown): unknown {
  if (!(error instanceof ServiceError)) return error;
  if (error.kind !== "conflict" && error.kind !== "unavailable") return error;
  cloudLogger.warn("retraining task will be retried", {
    kind: error.kind,
    reason: error.message,
  });
  return new HttpsError(
    error.kind === "conflict" ? "aborted" : "unavailable",
    error.message
  );
}
