import { categoryForDataset, type Category } from "../domain/categories";
import type { Logger } from "../domain/logger";
import type { ModelRegistry } from "../storage/model-registry";
import { retrainWindow } from "./retrain-window";

/** What a retraining task carries. */
export interface RetrainTaskPayload {
  category: Category;
  /** ISO time before which the task must not read the history. */
  notBefore: string;
}

/** Queues a retraining task; "already-queued" when the id exists. */
export type RetrainEnqueuer = (
  payload: RetrainTaskPayload,
  options: { id: string; scheduleTime: Date }
) => Promise<"queued" | "already-queued">;

export interface HistoryEdit {
  /** `{dataset}` of `emigrantData/{dataset}/years/{year}`. */
  dataset: string;
  year: string;
  /** When the document was written (the event's time). */
  writtenAt: Date;
}

export interface HistoryEditDeps {
  enqueue: RetrainEnqueuer;
  registry: ModelRegistry;
  logger: Logger;
  /** Length of a coalescing window, in seconds (see retrain-window). */
  windowSeconds: number;
}

/**
 * What the Firestore trigger does for one written year document: note
 * the edit's time on the category's status (the task waits for edits to
 * go quiet) and queue the category's retraining for the current window.
 * It never trains and never writes under emigrantData, so it cannot
 * trigger itself.
 */
export async function onHistoryEdit(
  edit: HistoryEdit,
  deps: HistoryEditDeps
): Promise<"queued" | "already-queued" | "ignored"> {
  const { logger } = deps;
  const category = categoryForDataset(edit.dataset);
  const document = `emigrantData/${edit.dataset}/years/${edit.year}`;
  if (!category) {
    logger.info("history edit ignored", {
      document,
      reason: "not a dataset of any category",
    });
    return "ignored";
  }
  // A plain merge, not a max() in a transaction: edits of a burst land
  // within moments of each other, and contention on one status document
  // would cost more than a last_edit_at a few milliseconds early.
  await deps.registry.updateStatus(category, {
    last_edit_at: edit.writtenAt.toISOString(),
  });
  const window = retrainWindow(category, edit.writtenAt, deps.windowSeconds);
  const outcome = await deps.enqueue(
    { category, notBefore: window.end.toISOString() },
    { id: window.taskId, scheduleTime: window.end }
  );
  logger.info(
    outcome === "queued" ? "retraining queued" : "retraining already queued",
    { category, document, taskId: window.taskId, runsAt: window.end }
  );
  return outcome;
}
