import { silentLogger } from "../../src/domain/logger";
import type { TrainRequest } from "../../src/service/category-trainer";
import { runRetrainTask } from "../../src/service/retrain-task";
import {
  EMPTY_STATUS,
  type CategoryStatus,
} from "../../src/storage/model-registry";

/**
 * The task handler's waiting and its outcomes, on a simulated clock: the
 * status says when the last edit came, sleeping moves the clock.
 */
function harness(lastEdits: (string | null)[]) {
  let clock = Date.parse("2026-01-01T00:00:00Z");
  const calls: { category: string; request: TrainRequest; at: number }[] = [];
  const statusReads: number[] = [];
  const deps = {
    service: {
      retrain: async (category: string, request: TrainRequest) => {
        calls.push({ category, request, at: clock });
        return { kind: "unchanged", version: "v1", historyHash: "h" } as const;
      },
    },
    registry: {
      getStatus: async (): Promise<CategoryStatus> => {
        statusReads.push(clock);
        const i = Math.min(statusReads.length - 1, lastEdits.length - 1);
        return { ...EMPTY_STATUS, last_edit_at: lastEdits[i] };
      },
    },
    logger: silentLogger,
    quietMs: 2000,
    maxWaitMs: 30_000,
    now: () => new Date(clock),
    sleep: async (ms: number) => {
      clock += ms;
    },
  };
  return { deps, calls, statusReads, elapsed: () => clock };
}

const T0 = "2026-01-01T00:00:00.000Z";

test("waits for its window to end, then retrains without forcing", async () => {
  const { deps, calls } = harness([null]);
  await runRetrainTask(
    { category: "sex", notBefore: "2026-01-01T00:00:04.000Z" },
    deps
  );
  expect(calls).toHaveLength(1);
  expect(calls[0].at - Date.parse(T0)).toBe(4000);
  expect(calls[0].request).toMatchObject({ trigger: "edit", force: false });
});

test("waits until the edits have been quiet for quietMs", async () => {
  // Edits keep arriving for a while: 1 s, then 3 s, then 5 s after T0.
  const { deps, calls } = harness([
    "2026-01-01T00:00:01.000Z",
    "2026-01-01T00:00:03.000Z",
    "2026-01-01T00:00:05.000Z",
  ]);
  await runRetrainTask({ category: "sex", notBefore: T0 }, deps);
  expect(calls[0].at - Date.parse(T0)).toBe(7000);
});

test("gives up waiting after maxWaitMs and retrains anyway", async () => {
  const { deps, calls } = harness(["2026-01-01T00:10:00.000Z"]);
  await runRetrainTask({ category: "sex", notBefore: T0 }, deps);
  expect(calls[0].at - Date.parse(T0)).toBe(30_000);
});

test.each([
  [{ category: "planets", notBefore: T0 }, /category/],
  [{ category: "sex" }, /notBefore/],
  [{ category: "sex", notBefore: "soon" }, /notBefore/],
  [{ category: "sex", notBefore: T0, extra: 1 }, /extra/],
])("drops the malformed payload %j without retraining", async (payload, why) => {
  const { deps, calls } = harness([null]);
  const result = await runRetrainTask(payload, deps);
  expect(result).toMatchObject({ kind: "invalid-payload" });
  expect(result.kind === "invalid-payload" && result.reason).toMatch(why);
  expect(calls).toHaveLength(0);
});

test("throws a transient failure so Cloud Tasks retries", async () => {
  const { deps } = harness([null]);
  deps.service.retrain = () => Promise.reject(new Error("Storage down"));
  await expect(
    runRetrainTask({ category: "sex", notBefore: T0 }, deps)
  ).rejects.toThrow("Storage down");
});
