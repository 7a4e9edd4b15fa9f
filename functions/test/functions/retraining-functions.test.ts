/**
 * The exported retraining functions as Cloud Functions calls them, with
 * firebase-functions-test setting up the project. Firestore and the Cloud
 * Tasks queue do not run in this suite (the emulator suite uses the real
 * ones), so two seams are replaced here, and only these: the instance's
 * service and registry (local stores on a temporary directory) and the
 * Admin SDK enqueuer (a recording queue that refuses repeated ids).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import functionsTest from "firebase-functions-test";
import { silentLogger } from "../../src/domain/logger";
import { ForecastService } from "../../src/service/forecast-service";
import type { RetrainTaskPayload } from "../../src/service/history-edit";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import { MemoryHistorySource, sexHistory } from "../support/memory-history";
import { TINY_CONFIG } from "../support/tiny-config";

const testEnv = functionsTest({ projectId: "demo-cfo-forecast" });

const seams: {
  service?: ForecastService;
  registry?: FileModelRegistry;
  queued: { id: string; payload: RetrainTaskPayload }[];
  queueRegion?: string;
} = { queued: [] };

jest.mock("../../src/platform/production-service", () => ({
  cloudLogger: jest.requireActual("../../src/domain/logger").silentLogger,
  sharedFirebaseService: () => ({
    service: seams.service,
    registry: seams.registry,
  }),
}));

jest.mock("../../src/platform/retrain-queue", () => ({
  adminRetrainEnqueuer:
    (region: string) =>
    async (payload: RetrainTaskPayload, { id }: { id: string }) => {
      seams.queueRegion = region;
      if (seams.queued.some((task) => task.id === id)) {
        return "already-queued";
      }
      seams.queued.push({ id, payload });
      return "queued";
    },
}));

let dir: string;
let history: MemoryHistorySource;
let functions: typeof import("../../src/index");

/**
 * Param values, as a deploy or the emulator's .env file would set them:
 * outside those, firebase-functions does not apply the defaults.
 */
const PARAMS = {
  SERVICE_REGION: "asia-southeast1",
  RETRAIN_DELAY_SECONDS: "60",
  RETRAIN_QUIET_SECONDS: "0",
  MODEL_MAX_AGE_DAYS: "30",
  MODEL_VERSIONS_KEPT: "5",
};

beforeAll(async () => {
  Object.assign(process.env, PARAMS);
  functions = await import("../../src/index");
});

afterAll(() => {
  for (const name of Object.keys(PARAMS)) delete process.env[name];
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-fns-"));
  history = new MemoryHistorySource();
  history.set("sex", sexHistory());
  seams.registry = new FileModelRegistry(path.join(dir, "registry"));
  seams.service = new ForecastService({
    history,
    blobs: new LocalBlobStore(path.join(dir, "models")),
    registry: seams.registry,
    logger: silentLogger,
    config: TINY_CONFIG,
  });
  seams.queued = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

afterAll(() => testEnv.cleanup());

describe("onHistoryWritten", () => {
  test("listens on the year documents, with retries", () => {
    const trigger = functions.onHistoryWritten.__endpoint.eventTrigger;
    expect(trigger?.eventType).toBe(
      "google.cloud.firestore.document.v1.written"
    );
    expect(trigger?.eventFilterPathPatterns).toEqual({
      document: "emigrantData/{dataset}/years/{year}",
    });
    expect(trigger?.retry).toBe(true);
  });

  test("queues one retraining for a burst of edits", async () => {
    const wrapped = testEnv.wrap(functions.onHistoryWritten);
    const time = new Date().toISOString();
    for (const year of ["2001", "2002", "2003"]) {
      await wrapped({ params: { dataset: "civilStatus", year }, time });
    }
    expect(seams.queued).toHaveLength(1);
    expect(seams.queued[0].payload.category).toBe("civil_status");
    expect(seams.queueRegion).toBe("asia-southeast1");
  });
});

describe("retrainCategory", () => {
  test("is a task queue that runs one training at a time, retried", () => {
    const endpoint = functions.retrainCategory.__endpoint;
    expect(endpoint.taskQueueTrigger?.rateLimits).toMatchObject({
      maxConcurrentDispatches: 1,
    });
    expect(endpoint.taskQueueTrigger?.retryConfig).toMatchObject({
      maxAttempts: 5,
    });
    expect(String(endpoint.availableMemoryMb)).toBe(
      "params.RETRAIN_TASK_MEMORY_MB"
    );
  });

  test("trains once, then does nothing for the same history", async () => {
    const run = (data: unknown) =>
      functions.retrainCategory.run({ data } as never);
    const payload = { category: "sex", notBefore: new Date().toISOString() };
    await run(payload);
    await run(payload);
    expect(await seams.registry?.listVersions("sex")).toHaveLength(1);
  });
});

describe("nightlyRefresh", () => {
  test("runs on the schedule and time zone params", () => {
    const trigger = functions.nightlyRefresh.__endpoint.scheduleTrigger;
    expect(String(trigger?.schedule)).toMatch(/REFRESH_SCHEDULE/);
    expect(String(trigger?.timeZone)).toMatch(/REFRESH_TIME_ZONE/);
  });

  test("trains every category that has history", async () => {
    await functions.nightlyRefresh.run({} as never);
    expect(await seams.registry?.getServing("sex")).not.toBeNull();
    expect((await seams.registry?.getStatus("age"))?.history).toBe("deleted");
  });
});
