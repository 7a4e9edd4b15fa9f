/**
 * Entry point of the Cloud Functions codebase: options and exports only.
 * Each handler lives in platform/ and builds what it needs on first use.
 */
import { setGlobalOptions } from "firebase-functions/v2";
import { onDocumentWritten } from "firebase-functions/v2/firestore";
import { onRequest } from "firebase-functions/v2/https";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { onTaskDispatched } from "firebase-functions/v2/tasks";
import { handleApiRequest } from "./platform/api-handler";
import {
  apiLimits,
  historyTriggerLimits,
  nightlyLimits,
  retrainTaskLimits,
} from "./platform/function-limits";
import {
  HISTORY_DOCUMENT,
  handleHistoryWritten,
} from "./platform/history-trigger";
import { handleNightlyRefresh } from "./platform/nightly-handler";
import {
  refreshSchedule,
  refreshTimeZone,
  serviceRegion,
} from "./platform/params";
import { handleRetrainTask } from "./platform/retrain-task-handler";

setGlobalOptions({ region: serviceRegion, maxInstances: 10 });

/** The forecasting HTTP API: /api/health, /api/predict/<category>, ... */
export const api = onRequest(
  {
    // Training runs inside POST /api/train for now: it needs the memory
    // and the time of a training, not of a forecast.
    ...apiLimits,
    cpu: 1,
  },
  handleApiRequest
);

/** Queues a retraining when a year of a category's history is written. */
export const onHistoryWritten = onDocumentWritten(
  { document: HISTORY_DOCUMENT, ...historyTriggerLimits, retry: true },
  handleHistoryWritten
);

/** Retrains one category: one task at a time, retried with backoff. */
export const retrainCategory = onTaskDispatched(
  {
    retryConfig: { maxAttempts: 5, minBackoffSeconds: 30, maxBackoffSeconds: 600 },
    rateLimits: { maxConcurrentDispatches: 1, maxDispatchesPerSecond: 1 },
    ...retrainTaskLimits,
    cpu: 1,
  },
  handleRetrainTask
);

/** Every night: retrain what changed or aged, prune old versions. */
export const nightlyRefresh = onSchedule(
  {
    // The SDK types `schedule` as a string, but the CLI resolves a param
    // expression in it at deploy time, as it does for timeZone.
    schedule: refreshSchedule as unknown as string,
    timeZone: refreshTimeZone,
    ...nightlyLimits,
    cpu: 1,
    retryCount: 1,
  },
  handleNightlyRefresh
);
