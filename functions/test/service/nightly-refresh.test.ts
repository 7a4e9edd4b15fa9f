import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ServiceError } from "../../src/domain/errors";
import { silentLogger } from "../../src/domain/logger";
import { ForecastService } from "../../src/service/forecast-service";
import { refreshAllModels } from "../../src/service/nightly-refresh";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import { MemoryHistorySource, sexHistory } from "../support/memory-history";
import { TINY_CONFIG } from "../support/tiny-config";

let dir: string;
let history: MemoryHistorySource;
let registry: FileModelRegistry;
let service: ForecastService;
const OPTIONS = {
  maxModelAgeDays: 30,
  versionsKept: 2,
  categories: ["sex", "age"] as const,
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-nightly-"));
  history = new MemoryHistorySource();
  registry = new FileModelRegistry(path.join(dir, "registry"));
  service = new ForecastService({
    history,
    blobs: new LocalBlobStore(path.join(dir, "models")),
    registry,
    logger: silentLogger,
    config: TINY_CONFIG,
  });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("retrains what changed, leaves the rest, prunes old versions",
  async () => {
    for (const shift of [0, 1, 2]) {
      history.set("sex", sexHistory(1990, 2014, shift));
      await service.train("sex");
    }
    expect(await registry.listVersions("sex")).toHaveLength(3);

    // Unchanged since the last training; age has no history at all.
    const quiet = await refreshAllModels(service, silentLogger, OPTIONS);
    expect(quiet.map((r) => [r.category, r.outcome])).toEqual([
      ["sex", "unchanged"],
      ["age", "history-deleted"],
    ]);
    expect(quiet[0].pruned).toHaveLength(1);
    expect(await registry.listVersions("sex")).toHaveLength(2);

    history.set("sex", sexHistory(1990, 2015, 2));
    const changed = await refreshAllModels(service, silentLogger, OPTIONS);
    expect(changed[0]).toMatchObject({ outcome: "trained" });
    expect((await registry.getServing("sex"))?.training_years).toBe(
      "1990 - 2015"
    );
    expect(await registry.listVersions("sex")).toHaveLength(2);
  });

test("a model older than the maximum age is retrained", async () => {
  history.set("sex", sexHistory());
  await service.train("sex");
  const report = await refreshAllModels(service, silentLogger, {
    ...OPTIONS,
    maxModelAgeDays: -1,
  });
  expect(report[0].outcome).toBe("trained");
});

test("a transient failure of one category fails the run after the rest",
  async () => {
    history.set("age", sexHistory());
    const failing = {
      retrain: (category: "sex" | "age", request: never) =>
        category === "sex"
          ? Promise.reject(new ServiceError("unavailable", "Firestore down"))
          : service.retrain(category, request),
      pruneVersions: service.pruneVersions.bind(service),
    };
    await expect(
      refreshAllModels(failing as never, silentLogger, OPTIONS)
    ).rejects.toThrow(/sex: Firestore down/);
    // age had its turn all the same.
    expect(await registry.getServing("age")).not.toBeNull();
  });
