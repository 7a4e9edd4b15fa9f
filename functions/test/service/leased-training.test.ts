/**
 * One training of a category at a time across instances: two services
 * over the same stores stand for two Cloud Functions instances (each has
 * its own in-process TrainingLock, so only the lease in the registry can
 * keep them apart).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { LogEvent } from "../../src/domain/log-events";
import { silentLogger, type Logger } from "../../src/domain/logger";
import { ServiceError } from "../../src/domain/errors";
import { ForecastService } from "../../src/service/forecast-service";
import { withTrainingLease } from "../../src/service/leased-training";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import { FaultyRegistry } from "../support/fault-injection";
import { MemoryHistorySource, sexHistory } from "../support/memory-history";
import { TINY_CONFIG } from "../support/tiny-config";

let dir: string;
let registry: FileModelRegistry;
let blobs: LocalBlobStore;
let history: MemoryHistorySource;

function instance(name: string, extra: { registry?: FileModelRegistry } = {}) {
  return new ForecastService({
    history,
    blobs,
    registry: extra.registry ?? registry,
    logger: silentLogger,
    config: TINY_CONFIG,
    leaseHolder: name,
  });
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-leased-"));
  registry = new FileModelRegistry(path.join(dir, "registry"));
  blobs = new LocalBlobStore(path.join(dir, "models"));
  history = new MemoryHistorySource();
  history.set("sex", sexHistory());
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("two instances training one category at once: one trains, one 409",
  async () => {
    // Each instance has its own registry object too, as it would.
    const a = instance("instance-a");
    const b = instance("instance-b", {
      registry: new FileModelRegistry(path.join(dir, "registry")),
    });
    const results = await Promise.allSettled([a.train("sex"), b.train("sex")]);
    const trained = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(trained).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const reason = (refused[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(ServiceError);
    expect(reason).toMatchObject({ kind: "conflict" });
    expect(String(reason.message)).toMatch(
      /'sex' is already running on another instance/
    );
    expect(await registry.listVersions("sex")).toHaveLength(1);

    // The lease was given back: the loser may train now.
    const retried = await b.train("sex");
    expect(retried.serving).toBe(true);
    expect((await registry.getServing("sex"))?.version).toBe(retried.version);
  }
);

test("other categories are not held up by a category's lease", async () => {
  history.set("civil_status", {
    years: sexHistory().years,
    groups: ["Single", "Married"],
    values: sexHistory().values,
  });
  await registry.acquireTrainingLease("sex", "someone-else", new Date(), 60_000);
  const a = instance("instance-a");
  await expect(a.train("sex")).rejects.toMatchObject({ kind: "conflict" });
  await expect(a.train("civil_status")).resolves.toMatchObject({
    serving: true,
  });
});

test("a failed training gives the lease back", async () => {
  const a = instance("instance-a");
  history.failWith = new ServiceError("unavailable", "history down");
  await expect(a.train("sex")).rejects.toMatchObject({ kind: "unavailable" });
  history.failWith = null;
  const taken = await registry.acquireTrainingLease(
    "sex",
    "instance-b",
    new Date(),
    60_000
  );
  expect(taken.acquired).toBe(true);
});

test("a lease left by a crashed instance blocks until it expires", async () => {
  let now = new Date("2026-01-01T00:00:00Z");
  await registry.acquireTrainingLease("sex", "crashed", now, 300_000);
  const a = new ForecastService({
    history,
    blobs,
    registry,
    logger: silentLogger,
    config: TINY_CONFIG,
    leaseHolder: "instance-a",
    now: () => now,
  });
  await expect(a.train("sex")).rejects.toMatchObject({ kind: "conflict" });
  now = new Date("2026-01-01T00:05:01Z");
  await expect(a.train("sex")).resolves.toMatchObject({ serving: true });
});

test("the automatic retraining is refused the same way, to be retried",
  async () => {
    await registry.acquireTrainingLease("sex", "other", new Date(), 60_000);
    const a = instance("instance-a");
    await expect(
      a.retrain("sex", { trigger: "edit", force: false })
    ).rejects.toMatchObject({ kind: "conflict" });
  }
);

describe("withTrainingLease", () => {
  const options = (logger: Logger = silentLogger) => ({
    registry,
    logger,
    holder: "me",
    ttlMs: 3000,
    now: () => new Date(),
  });

  test("renews the lease while the work runs past one period", async () => {
    let heldDuring: boolean | null = null;
    await withTrainingLease("sex", options(), async () => {
      await new Promise((resolve) => setTimeout(resolve, 3500));
      const other = await registry.acquireTrainingLease(
        "sex",
        "other",
        new Date(),
        3000
      );
      heldDuring = !other.acquired;
    });
    expect(heldDuring).toBe(true);
  });

  test("a release that fails is logged; the work's result stands",
    async () => {
      const events: LogEvent[] = [];
      const record = (event: LogEvent) => void events.push(event);
      const logger = { debug: record, info: record, warn: record, error: record };
      const faulty = new FaultyRegistry(registry);
      faulty.fail("releaseTrainingLease");
      const result = await withTrainingLease(
        "sex",
        { ...options(logger), registry: faulty.registry },
        async () => 42
      );
      expect(result).toBe(42);
      expect(events).toContain("training lease not released");
    }
  );

  test("a registry that cannot take the lease: unavailable, no work",
    async () => {
      const faulty = new FaultyRegistry(registry);
      faulty.fail("acquireTrainingLease");
      let ran = false;
      const run = withTrainingLease(
        "sex",
        { ...options(), registry: faulty.registry },
        async () => {
          ran = true;
        }
      );
      await expect(run).rejects.toMatchObject({ kind: "unavailable" });
      expect(ran).toBe(false);
    }
  );
});
