import { getFunctions } from "firebase-admin/functions";
import { ServiceError } from "../domain/errors";
import type { RetrainEnqueuer } from "../service/history-edit";
import { adminApp } from "./firebase-services";

/** Name of the task-queue function, as exported by index.ts. */
export const RETRAIN_FUNCTION_NAME = "retrainCategory";

/**
 * Enqueues retraining tasks through the Admin SDK's task queue. The
 * queue path must name the function's region: a bare name means
 * us-central1, where no such queue exists.
 *
 * A task id that exists already is success (the burst's first edit
 * queued it; ids stay taken for a while even after the task ran). Any
 * other failure is "unavailable", so the trigger's event is retried.
 */
export function adminRetrainEnqueuer(region: string): RetrainEnqueuer {
  return async (payload, { id, scheduleTime }) => {
    const queue = getFunctions(adminApp()).taskQueue(
      `locations/${region}/functions/${RETRAIN_FUNCTION_NAME}`
    );
    try {
      await queue.enqueue(payload, { id, scheduleTime });
      return "queued";
    } catch (error) {
      if (errorCode(error) === "functions/task-already-exists") {
        return "already-queued";
      }
      throw new ServiceError(
        "unavailable",
        `could not queue the retraining of ${payload.category}: ` +
          (error instanceof Error ? error.message : String(error)),
        { cause: error }
      );
    }
  };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}
