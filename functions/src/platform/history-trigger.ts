import type { FirestoreEvent } from "firebase-functions/v2/firestore";
import { onHistoryEdit } from "../service/history-edit";
import { retrainWindowSeconds, serviceRegion } from "./params";
import { cloudLogger, sharedFirebaseService } from "./production-service";
import { adminRetrainEnqueuer } from "./retrain-queue";

/** The Firestore path the trigger listens on. */
export const HISTORY_DOCUMENT = "emigrantData/{dataset}/years/{year}";

/**
 * Handler of the `onHistoryWritten` trigger: one call per written,
 * updated or deleted year document. Throws when the task cannot be
 * queued, so that the event is redelivered (with retry enabled).
 */
export async function handleHistoryWritten(
  event: Pick<
    FirestoreEvent<unknown, { dataset: string; year: string }>,
    "params" | "time"
  >
): Promise<void> {
  const { registry } = sharedFirebaseService();
  await onHistoryEdit(
    {
      dataset: event.params.dataset,
      year: event.params.year,
      writtenAt: new Date(event.time),
    },
    {
      enqueue: adminRetrainEnqueuer(serviceRegion.value()),
      registry,
      logger: cloudLogger,
      windowSeconds: retrainWindowSeconds.value(),
    }
  );
}
