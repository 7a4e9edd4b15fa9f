import type { Request } from "firebase-functions/v2/tasks";
import { runRetrainTask } from "../service/retrain-task";
import { retrainQuietSeconds, retrainWindowSeconds } from "./params";
import { cloudLogger, sharedFirebaseService } from "./production-service";

/**
 * Handler of the `retrainCategory` task queue. Returning ends the task;
 * throwing (a transient Firestore or Storage failure) makes Cloud Tasks
 * retry it with backoff.
 */
export async function handleRetrainTask(request: Request): Promise<void> {
  const { service, registry } = sharedFirebaseService();
  const quietMs = retrainQuietSeconds.value() * 1000;
  await runRetrainTask(request.data, {
    service,
    registry,
    logger: cloudLogger,
    quietMs,
    // The window plus a few quiet periods: a longer wait means edits
    // that never stop, and the training goes ahead anyway.
    maxWaitMs: retrainWindowSeconds.value() * 1000 + 6 * quietMs,
  });
}
