/**
 * Retraining through ForecastService on real local stores (a model
 * directory and a file registry) and a history held in memory: what an
 * automatic training skips, what it refuses, and that the serving model
 * survives every refusal and failure.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { BadHistoryError, ServiceError } from "../../src/domain/errors";
import { silentLogger } from "../../src/domain/logger";
import { ForecastService } from "../../src/service/forecast-service";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import { newVersionId } from "../../src/storage/version-paths";
import { MemoryHistorySource, sexHistory } from "../support/memory-history";
import { RecordingBlobStore } from "../support/recording-blob-store";
import { TINY_CONFIG } from "../support/tiny-config";

const EDIT = { trigger: "edit", force: false } as const;

let dir: string;
let history: MemoryHistorySource;
let registry: FileModelRegistry;
let blobs: LocalBlobStore;
let service: ForecastService;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-retrain-"));
  history = new MemoryHistorySource();
  history.set("sex", sexHistory());
  registry = new FileModelRegistry(path.join(dir, "registry"));
  blobs = new LocalBlobStore(path.join(dir, "models"));
  service = newService(blobs);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function newService(store: LocalBlobStore | RecordingBlobStore) {
  return new ForecastService({
    history,
    blobs: store,
    registry,
    logger: silentLogger,
    config: TINY_CONFIG,
  });
}

async function servingVersion(): Promise<string | undefined> {
  return (await registry.getServing("sex"))?.version;
}

describe("an automatic retraining", () => {
  test("trains a category that has no model yet", async () => {
    const result = await service.retrain("sex", EDIT);
    expect(result.kind).toBe("trained");
    const serving = await registry.getServing("sex");
    expect(serving?.history_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(serving?.history_read_at).toEqual(expect.any(String));
    expect(await registry.listVersions("sex")).toHaveLength(1);
  });

  test("does nothing when the history hashes like the serving model's",
    async () => {
      await service.train("sex");
      const before = await servingVersion();
      const result = await service.retrain("sex", EDIT);
      expect(result).toMatchObject({ kind: "unchanged", version: before });
      expect(await servingVersion()).toBe(before);
      expect(await registry.listVersions("sex")).toHaveLength(1);
      const status = await registry.getStatus("sex");
      expect(status.history).toBe("present");
      expect(status.history_checked_at).toEqual(expect.any(String));
    });

  test("retrains an unchanged history once the model is too old",
    async () => {
      await service.train("sex");
      const result = await service.retrain("sex", {
        ...EDIT,
        maxModelAgeMs: -1,
      });
      expect(result.kind).toBe("trained");
    });

  test("retrains and serves when one count changed", async () => {
    await service.train("sex");
    const before = await servingVersion();
    history.set("sex", sexHistory(1990, 2014, 1));
    const result = await service.retrain("sex", EDIT);
    expect(result.kind).toBe("trained");
    expect(await servingVersion()).not.toBe(before);
    const forecast = await service.predict("sex", 2);
    expect(forecast.model_version).toBe(await servingVersion());
  });

  test("never replaces a model that read newer history", async () => {
    await service.train("sex");
    const newer = await registry.getServing("sex");
    if (!newer) throw new Error("no serving model");
    // The serving model read its history in the future: whatever this
    // training reads now is older.
    await registry.setServing({
      ...newer,
      history_read_at: "2999-01-01T00:00:00.000Z",
    });
    history.set("sex", sexHistory(1990, 2014, 5));
    const result = await service.retrain("sex", EDIT);
    expect(result.kind).toBe("trained");
    if (result.kind !== "trained") return;
    expect(result.notSwitchedBecause).toMatch(/newer history/);
    expect(await servingVersion()).toBe(newer.version);
    // The version is kept all the same, for a rollback.
    expect(await registry.listVersions("sex")).toHaveLength(2);
  });
});

describe("bad history", () => {
  test("is recorded as last_error naming the document; the model serves",
    async () => {
      await service.train("sex");
      const before = await servingVersion();
      const bad = sexHistory();
      bad.values[3][0] = -5;
      history.set("sex", bad);
      const result = await service.retrain("sex", EDIT);
      expect(result.kind).toBe("bad-history");
      const status = await registry.getStatus("sex");
      expect(status.last_error).toMatchObject({
        document: "emigrantData/sex/years/1993",
        message: expect.stringMatching(/1993.*MALE.*negative/),
      });
      expect((await service.predict("sex", 1)).model_version).toBe(before);

      // Fixed again: the same data as the serving model, so nothing
      // trains, and the error is cleared.
      history.set("sex", sexHistory());
      expect((await service.retrain("sex", EDIT)).kind).toBe("unchanged");
      expect((await registry.getStatus("sex")).last_error).toBeNull();
    });

  test("from the history source is recorded the same way", async () => {
    history.failWith = new BadHistoryError("sex: year 2001 is bad", {
      year: "2001",
    });
    const result = await service.retrain("sex", EDIT);
    expect(result.kind).toBe("bad-history");
    expect((await registry.getStatus("sex")).last_error?.document).toBe(
      "emigrantData/sex/years/2001"
    );
  });

  test("fails an explicit training with the error, recorded too", async () => {
    history.set("sex", sexHistory(2010, 2012));
    await expect(service.train("sex")).rejects.toBeInstanceOf(
      BadHistoryError
    );
    expect((await registry.getStatus("sex")).last_error).not.toBeNull();
    expect(await registry.getServing("sex")).toBeNull();
  });
});

describe("a history whose documents are all deleted", () => {
  test("keeps serving the last model and says the history is gone",
    async () => {
      await service.train("sex");
      const before = await servingVersion();
      history.set("sex", { years: [], groups: [], values: [] });
      expect((await service.retrain("sex", EDIT)).kind).toBe(
        "history-deleted"
      );
      expect((await service.predict("sex", 1)).model_version).toBe(before);
      const info = await service.modelInfo("sex");
      expect(info.history_status).toBe("deleted");
    });
});

describe("failures on the way", () => {
  test("a store failure leaves the serving model as it was", async () => {
    await service.train("sex");
    const before = await servingVersion();
    const failing = new RecordingBlobStore();
    failing.failWritesEndingWith = "preprocessing.json";
    const broken = newService(failing);
    history.set("sex", sexHistory(1990, 2014, 9));
    await expect(broken.retrain("sex", EDIT)).rejects.toThrow(/simulated/);
    expect(await servingVersion()).toBe(before);
  });

  test("an unavailable history source is thrown for a retry", async () => {
    history.failWith = new ServiceError("unavailable", "Firestore is down");
    await expect(service.retrain("sex", EDIT)).rejects.toMatchObject({
      kind: "unavailable",
    });
    expect((await registry.getStatus("sex")).last_error).toBeNull();
  });
});

describe("versions and rollback", () => {
  async function trainThree(): Promise<string[]> {
    const versions: string[] = [];
    for (const shift of [0, 1, 2]) {
      history.set("sex", sexHistory(1990, 2014, shift));
      versions.push((await service.train("sex")).version);
    }
    return versions;
  }

  test("model-info lists the kept versions, newest first", async () => {
    const [first, , last] = await trainThree();
    const info = await service.modelInfo("sex");
    expect(info.serving_version).toBe(last);
    expect(info.versions?.map((v) => v.version)).toEqual(
      [last, expect.any(String), first]
    );
    expect(info.versions?.[0]).toMatchObject({
      serving: true,
      training_years: "1990 - 2014",
      history_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(info.versions?.filter((v) => v.serving)).toHaveLength(1);
  });

  test("rollback serves a kept version and pins it", async () => {
    const [first] = await trainThree();
    await service.rollback("sex", first);
    expect(await servingVersion()).toBe(first);
    expect((await service.predict("sex", 1)).model_version).toBe(first);
    expect((await service.modelInfo("sex")).pinned_version).toBe(first);

    history.set("sex", sexHistory(1990, 2014, 7));
    expect((await service.retrain("sex", EDIT)).kind).toBe("pinned");
    expect(await servingVersion()).toBe(first);

    // An explicit training lifts the pin.
    await service.train("sex");
    expect((await registry.getStatus("sex")).pinned_version).toBeNull();
  });

  test("rollback to a version that is not kept is 'not-found'", async () => {
    await service.train("sex");
    await expect(
      service.rollback("sex", "20200101T000000000Z-abcdef")
    ).rejects.toMatchObject({ kind: "not-found" });
  });

  test("pruning keeps the newest and the serving one", async () => {
    const [first, second, third] = await trainThree();
    await service.rollback("sex", first);
    const deleted = await service.pruneVersions("sex", 1);
    expect(deleted).toEqual([second]);
    const kept = (await registry.listVersions("sex")).map((v) => v.version);
    expect(kept).toEqual([third, first]);
    expect(
      await blobs.exists(`models/sex/${second}/preprocessing.json`)
    ).toBe(false);
    expect(await blobs.exists(`models/sex/${second}/model.json`)).toBe(false);
    expect(await blobs.exists(`models/sex/${first}/model.json`)).toBe(true);
  });

  test("pruning deletes an old unrecorded version's files, nothing else",
    async () => {
      // What a training killed between saving and recording leaves.
      const [, , serving] = await trainThree();
      const made = (msAgo: number, hint: string) =>
        newVersionId(new Date(Date.now() - msAgo), hint);
      const leftBehind = made(2 * 3600 * 1000, "killed");
      const inFlight = made(60 * 1000, "saving now");
      for (const version of [leftBehind, inFlight]) {
        for (const file of ["model.json", "weights.bin"]) {
          const bytes = new Uint8Array([1]);
          await blobs.write(`models/sex/${version}/${file}`, bytes, "t");
        }
      }

      const deleted = await service.pruneVersions("sex", 3);

      expect(deleted).toEqual([leftBehind]);
      expect(await blobs.list(`models/sex/${leftBehind}`)).toEqual([]);
      expect(await blobs.list(`models/sex/${inFlight}`)).toHaveLength(2);
      expect(await blobs.exists(`models/sex/${serving}/model.json`)).toBe(true);
      expect(await registry.listVersions("sex")).toHaveLength(3);
    });
});
