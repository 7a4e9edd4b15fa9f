/**
 * Every event the service logs, in one place. Each log entry is one of
 * these fixed messages plus a context object (category, version,
 * durationMs, loss, ...), never a payload, so Cloud Logging can filter
 * on the message and alerts can count it. The Logger interface accepts
 * only these messages: a new event is added here first, with what it
 * means and its context fields, and tests can assert on it by name.
 */
export const LOG_EVENTS = {
  // Training (service/category-trainer.ts)
  "training started":
    "a training read its history and began fitting; category, trigger, " +
    "years, groups, backend",
  "training finished":
    "a new version was stored (and serves unless newer history won); " +
    "category, trigger, version, durationMs, loss, valLoss, epochs, " +
    "method, serving",
  "training skipped":
    "an automatic training found nothing to do (same history hash and " +
    "configuration, or a pinned category); category, trigger, reason",
  "training refused bad history":
    "history that cannot be trained on, recorded as the category's " +
    "last_error; category, trigger, message, document",
  "history is gone; the last model keeps serving":
    "every history document of a category was deleted; category",
  "backtest finished":
    "the rolling-origin backtest behind the model choice; category, " +
    "durationMs, chosen, mase",
  "tuned configuration ignored":
    "a stored tuned configuration did not pass its checks; the default " +
    "was used; category, reason, using",

  // Training leases (service/leased-training.ts)
  "training lease held elsewhere":
    "a training was refused (409) because another process trains the " +
    "category; category, expiresAt",
  "training lease lost":
    "a renewal found the lease taken by another process (this one kept " +
    "the event loop busy past its expiry); category, expiresAt",
  "training lease not renewed":
    "renewing the lease failed; it may expire before the training ends; " +
    "category, error",
  "training lease not released":
    "giving the lease back failed; it expires on its own; category, error",

  // Retraining after edits (service/history-edit.ts, retrain-task.ts)
  "history edit ignored":
    "a write outside the known datasets; document, reason",
  "retraining queued":
    "an edit queued a retraining; category, document, taskId, runsAt",
  "retraining already queued":
    "an edit fell in a window whose task is queued already; category, " +
    "document, taskId, runsAt",
  "edits did not go quiet; retraining anyway":
    "a task waited as long as it may for edits to stop; category",
  "retraining task done":
    "a retraining task finished; category, outcome, waitedMs, version",
  "retraining task will be retried":
    "a task met another training's lease or an unavailable store and " +
    "fails so that Cloud Tasks retries it; kind, reason",
  "retraining task dropped":
    "a task that must not be retried (bad payload or history); reason",

  // Nightly refresh (service/nightly-refresh.ts)
  "nightly refresh finished":
    "the nightly work is done; trained, failed and pruned counts",
  "nightly refresh failed for a category":
    "one category failed in the nightly refresh, the rest went on; " +
    "category, error",
  "old versions pruned":
    "versions beyond the kept count were deleted; category, deleted, kept",
  "unrecorded version files deleted":
    "files of versions never recorded (a training killed while saving), " +
    "over an hour old, were deleted; category, versions, files",

  // Serving and operations
  "model loaded":
    "an instance loaded a serving version; category, version, " +
    "durationMs, source",
  "model load failed":
    "a serving version could not be read because the store is down; the " +
    "request got 503 and the next one tries again; category, version, " +
    "error",
  "serving model unreadable":
    "the serving version's files are missing or do not parse; its " +
    "category answers 503 until retrained or rolled back; category, " +
    "version, error, stack",
  "rolled back":
    "a category now serves a kept version, pinned; category, version",
  "model store is a local directory":
    "models are kept on disk, not in the bucket (emulators, CLI); dir, " +
    "reason",
  "request failed":
    "an unexpected error answered 500, logged with its stack; method, " +
    "path",
  "admin route allowed": "an admin passed the guard; uid, method, path",
  "changing custom claims":
    "grant-admin or revoke-admin is about to change a user; command, " +
    "target",
  "admin route refused":
    "a request without an admin token was refused; method, path, reason",
} as const;

/** The fixed message of a log entry. */
export type LogEvent = keyof typeof LOG_EVENTS;
