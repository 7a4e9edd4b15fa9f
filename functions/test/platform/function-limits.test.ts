/**
 * Every function's cost bounds come from params (so a project can change
 * them without code), and the values the emulators use are the defaults.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import functionsTest from "firebase-functions-test";
import {
  API_DEFAULTS,
  HISTORY_TRIGGER_DEFAULTS,
  type LimitDefaults,
  NIGHTLY_DEFAULTS,
  RETRAIN_TASK_DEFAULTS,
} from "../../src/platform/function-limits";

const testEnv = functionsTest({ projectId: "demo-cfo-forecast" });
let functions: typeof import("../../src/index");

beforeAll(async () => {
  functions = await import("../../src/index");
});

afterAll(() => testEnv.cleanup());

const FUNCTIONS = [
  ["api", "API", API_DEFAULTS],
  ["onHistoryWritten", "HISTORY_TRIGGER", HISTORY_TRIGGER_DEFAULTS],
  ["retrainCategory", "RETRAIN_TASK", RETRAIN_TASK_DEFAULTS],
  ["nightlyRefresh", "NIGHTLY", NIGHTLY_DEFAULTS],
] as const;

/** KEY=value lines of functions/.env.demo-cfo-forecast. */
function emulatorEnv(): Record<string, string> {
  const file = path.join(__dirname, "..", "..", ".env.demo-cfo-forecast");
  const entries = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]);
  return Object.fromEntries(entries);
}

describe.each(FUNCTIONS)("%s", (name, prefix, defaults) => {
  test("takes instances, concurrency, memory and timeout from params", () => {
    const endpoint = functions[name].__endpoint;
    expect(String(endpoint.maxInstances)).toBe(
      `params.${prefix}_MAX_INSTANCES`
    );
    expect(String(endpoint.concurrency)).toBe(`params.${prefix}_CONCURRENCY`);
    expect(String(endpoint.availableMemoryMb)).toBe(
      `params.${prefix}_MEMORY_MB`
    );
    expect(String(endpoint.timeoutSeconds)).toBe(
      `params.${prefix}_TIMEOUT_SECONDS`
    );
  });

  test("the emulators' .env holds the defaults", () => {
    const env = emulatorEnv();
    const expected: Record<string, number> = {
      [`${prefix}_MAX_INSTANCES`]: defaults.maxInstances,
      [`${prefix}_CONCURRENCY`]: defaults.concurrency,
      [`${prefix}_MEMORY_MB`]: defaults.memoryMb,
      [`${prefix}_TIMEOUT_SECONDS`]: defaults.timeoutSeconds,
    };
    for (const [key, value] of Object.entries(expected)) {
      expect(`${key}=${env[key]}`).toBe(`${key}=${value}`);
    }
  });
});

test.each(FUNCTIONS)("%s's defaults are within the platform's limits",
  (_name, _prefix, defaults: LimitDefaults) => {
    expect([128, 256, 512, 1024, 2048, 4096]).toContain(defaults.memoryMb);
    expect(defaults.maxInstances).toBeGreaterThanOrEqual(1);
    expect(defaults.maxInstances).toBeLessThanOrEqual(10);
    expect(defaults.concurrency).toBeGreaterThanOrEqual(1);
    // Event-driven functions stop at 540 s, scheduled ones at 1800 s.
    expect(defaults.timeoutSeconds).toBeLessThanOrEqual(1800);
  }
);

test("one training at a time: the task queue runs one task on one instance",
  () => {
    expect(RETRAIN_TASK_DEFAULTS).toMatchObject({
      maxInstances: 1,
      concurrency: 1,
    });
    expect(HISTORY_TRIGGER_DEFAULTS.timeoutSeconds).toBeLessThanOrEqual(540);
  }
);
