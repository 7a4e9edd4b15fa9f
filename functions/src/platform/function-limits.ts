import { defineInt } from "firebase-functions/params";

/**
 * What one function may cost at most: how many instances run at once,
 * how many requests each takes together, its memory and its timeout.
 * Cloud Run bills by instance time, so these four bound the bill of a
 * function whatever the traffic (a flood of requests queues or gets 429
 * from the platform instead of starting more instances).
 *
 * Every figure is a param, so a project can raise or lower it in
 * functions/.env.<project-id> without a code change. The defaults are
 * sized for what each function does (see README, Configuration).
 */
export interface LimitDefaults {
  maxInstances: number;
  concurrency: number;
  memoryMb: number;
  timeoutSeconds: number;
}

/** The four params of one function, ready for its options object. */
export interface FunctionLimits {
  maxInstances: ReturnType<typeof defineInt>;
  concurrency: ReturnType<typeof defineInt>;
  memory: ReturnType<typeof defineInt>;
  timeoutSeconds: ReturnType<typeof defineInt>;
}

/** Memory sizes Cloud Functions accepts, in MB. */
const MEMORY_SIZES_MB = "128|256|512|1024|2048|4096|8192|16384|32768";

/** The api function: forecasts from memory, and training by an admin. */
export const API_DEFAULTS: LimitDefaults = {
  maxInstances: 10,
  // Forecasts are answered from memory in microseconds; a training holds
  // its request for seconds but the instance serves others meanwhile.
  concurrency: 8,
  // A training (TensorFlow.js, the backtest) needs the memory and the time.
  memoryMb: 1024,
  timeoutSeconds: 540,
};

/** onHistoryWritten: enqueues one task per edit, nothing more. */
export const HISTORY_TRIGGER_DEFAULTS: LimitDefaults = {
  maxInstances: 5,
  // Below 1 CPU Cloud Run refuses a concurrency above 1.
  concurrency: 1,
  memoryMb: 256,
  timeoutSeconds: 60,
};

/** retrainCategory: one training at a time, on purpose. */
export const RETRAIN_TASK_DEFAULTS: LimitDefaults = {
  maxInstances: 1,
  concurrency: 1,
  memoryMb: 1024,
  timeoutSeconds: 540,
};

/** nightlyRefresh: seven trainings in a row, once a night. */
export const NIGHTLY_DEFAULTS: LimitDefaults = {
  maxInstances: 1,
  concurrency: 1,
  memoryMb: 1024,
  timeoutSeconds: 1800,
};

/**
 * Defines the params `<PREFIX>_MAX_INSTANCES`, `_CONCURRENCY`,
 * `_MEMORY_MB` and `_TIMEOUT_SECONDS` with the given defaults.
 */
export function defineLimits(
  prefix: string,
  what: string,
  defaults: LimitDefaults
): FunctionLimits {
  return {
    maxInstances: defineInt(`${prefix}_MAX_INSTANCES`, {
      default: defaults.maxInstances,
      description: `Most instances of ${what} running at once.`,
      input: wholeNumber(),
    }),
    concurrency: defineInt(`${prefix}_CONCURRENCY`, {
      default: defaults.concurrency,
      description:
        `Requests one instance of ${what} handles at once ` +
        "(above 1 only with 1 CPU or more).",
      input: wholeNumber(),
    }),
    memory: defineInt(`${prefix}_MEMORY_MB`, {
      default: defaults.memoryMb,
      description: `Memory of ${what}, in MB (${MEMORY_SIZES_MB}).`,
      input: {
        text: {
          validationRegex: `^(${MEMORY_SIZES_MB})$`,
          validationErrorMessage: `One of ${MEMORY_SIZES_MB}.`,
        },
      },
    }),
    timeoutSeconds: defineInt(`${prefix}_TIMEOUT_SECONDS`, {
      default: defaults.timeoutSeconds,
      description: `Longest run of one call of ${what}, in seconds.`,
      input: wholeNumber(),
    }),
  };
}

function wholeNumber() {
  return {
    text: {
      validationRegex: "^[1-9][0-9]*$",
      validationErrorMessage: "A whole number of at least 1.",
    },
  };
}

export const apiLimits = defineLimits("API", "the api function", API_DEFAULTS);

export const historyTriggerLimits = defineLimits(
  "HISTORY_TRIGGER",
  "onHistoryWritten",
  HISTORY_TRIGGER_DEFAULTS
);

export const retrainTaskLimits = defineLimits(
  "RETRAIN_TASK",
  "retrainCategory",
  RETRAIN_TASK_DEFAULTS
);

export const nightlyLimits = defineLimits(
  "NIGHTLY",
  "nightlyRefresh",
  NIGHTLY_DEFAULTS
);
