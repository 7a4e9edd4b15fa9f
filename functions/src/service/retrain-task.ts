import { z } from "zod";
import { CATEGORIES } from "../domain/categories";
import type { Logger } from "../domain/logger";
import type { ModelRegistry } from "../storage/model-registry";
import type { TrainResult } from "./category-trainer";
import type { ForecastService } from "./forecast-service";
import type { RetrainTaskPayload } from "./history-edit";

/** Task payloads are checked: a malformed one is dropped, not retried. */
export const retrainTaskSchema = z.strictObject({
  category: z.enum(CATEGORIES),
  notBefore: z.iso.datetime(),
});

export interface RetrainTaskDeps {
  service: Pick<ForecastService, "retrain">;
  registry: Pick<ModelRegistry, "getStatus">;
  logger: Logger;
  /** Edits must have stopped this long before the history is read, ms. */
  quietMs: number;
  /** Longest the task waits for its window and for quiet, ms. */
  maxWaitMs: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * What the retraining task does: wait until its window has closed and the
 * edits have gone quiet (Cloud Tasks schedules it for the window's end;
 * the emulator runs it at once, so the wait is what makes a burst
 * coalesce there), then retrain if the history changed.
 *
 * Returns normally for every outcome that retrying would not change
 * (unchanged, pinned, deleted or bad history: the last is recorded as the
 * category's last_error). Throws on transient failures so that Cloud
 * Tasks retries with backoff.
 */
export async function runRetrainTask(
  payload: unknown,
  deps: RetrainTaskDeps
): Promise<TrainResult | { kind: "invalid-payload"; reason: string }> {
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? defaultSleep;
  const parsed = retrainTaskSchema.safeParse(payload);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`)
      .join("; ");
    deps.logger.error("retraining task dropped", { reason });
    return { kind: "invalid-payload", reason };
  }
  const task: RetrainTaskPayload = parsed.data;
  const waited = await waitForQuiet(task, deps, now, sleep);
  const result = await deps.service.retrain(task.category, {
    trigger: "edit",
    force: false,
  });
  deps.logger.info("retraining task done", {
    category: task.category,
    outcome: result.kind,
    waitedMs: waited,
    ...(result.kind === "trained" ? { version: result.metadata.version } : {}),
  });
  return result;
}

async function waitForQuiet(
  task: RetrainTaskPayload,
  deps: RetrainTaskDeps,
  now: () => Date,
  sleep: (ms: number) => Promise<void>
): Promise<number> {
  const started = now().getTime();
  const deadline = started + deps.maxWaitMs;
  const notBefore = Date.parse(task.notBefore);
  for (;;) {
    const at = now().getTime();
    const status = await deps.registry.getStatus(task.category);
    const lastEdit = status.last_edit_at ? Date.parse(status.last_edit_at) : 0;
    const readyAt = Math.max(notBefore, lastEdit + deps.quietMs);
    if (at >= readyAt) return at - started;
    if (at >= deadline) {
      deps.logger.warn("edits did not go quiet; retraining anyway", {
        category: task.category,
        waitedMs: at - started,
      });
      return at - started;
    }
    await sleep(Math.min(readyAt, deadline) - at);
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
