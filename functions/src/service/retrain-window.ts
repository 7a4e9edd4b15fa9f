import { createHash } from "node:crypto";
import type { Category } from "../domain/categories";

/**
 * How a burst of history edits becomes one retraining.
 *
 * Time is cut into windows of `windowSeconds`. Every edit in a window
 * enqueues a task with the same id, a hash of the category and the
 * window, so the queue keeps only the first; the task is scheduled for
 * the window's end, after every edit of its window. Edits that arrive
 * while it trains fall in a later window: at most one more training.
 */
export interface RetrainWindow {
  /** Task id: 32 hex digits (Cloud Tasks wants ids that do not share a
   * sequential prefix, which a hash guarantees). */
  taskId: string;
  start: Date;
  /** When the task should run, and not before. */
  end: Date;
}

export function retrainWindow(
  category: Category,
  at: Date,
  windowSeconds: number
): RetrainWindow {
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
    throw new Error(
      `retraining window must be a whole number of seconds >= 1, ` +
        `got ${windowSeconds}`
    );
  }
  const windowMs = windowSeconds * 1000;
  const startMs = Math.floor(at.getTime() / windowMs) * windowMs;
  const taskId = createHash("sha256")
    .update(`${category}:${windowSeconds}:${startMs}`)
    .digest("hex")
    .slice(0, 32);
  return {
    taskId,
    start: new Date(startMs),
    end: new Date(startMs + windowMs),
  };
}
