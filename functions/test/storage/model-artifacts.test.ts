import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { NotFoundError, ServiceError } from "../../src/domain/errors";
import type { BlobStore } from "../../src/storage/blob-store";
import { CorruptArtifactError } from "../../src/storage/corrupt-artifact-error";
import { GcsBlobStore } from "../../src/storage/gcs-blob-store";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import {
  loadModelVersion,
  modelPrefix,
  newVersionId,
  saveModelVersion,
} from "../../src/storage/model-artifacts";
import {
  startFakeGcsServer,
  storageForFakeServer,
  type FakeGcsServer,
} from "../support/fake-gcs-server";
import { RecordingBlobStore } from "../support/recording-blob-store";
import {
  tinyInput,
  tinyLstmModel,
  tinyPreprocessing,
} from "../support/storage-fixtures";

const VERSION = "20260102T030405678Z-abc123";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("newVersionId", () => {
  test("is the UTC time to the millisecond and 6 hex digits", () => {
    const id = newVersionId(new Date("2026-12-03T20:15:00.123Z"));
    expect(id).toMatch(/^20261203T201500123Z-[0-9a-f]{6}$/);
  });

  test("ids made at the same instant differ", () => {
    const now = new Date("2026-12-03T20:15:00.123Z");
    const ids = new Set(Array.from({ length: 50 }, () => newVersionId(now)));
    expect(ids.size).toBe(50);
  });

  test("ids sort by time as plain strings", () => {
    const times = [
      "2025-12-31T23:59:59.999Z",
      "2026-01-01T00:00:00.000Z",
      "2026-01-01T00:00:00.001Z",
      "2026-10-01T09:00:00.000Z",
    ];
    const ids = times.map((t) => newVersionId(new Date(t)));
    expect([...ids].reverse().sort()).toEqual(ids);
  });

  test("a content hint makes the suffix repeatable", () => {
    const now = new Date("2026-01-01T00:00:00.000Z");
    expect(newVersionId(now, "weights-A")).toBe(newVersionId(now, "weights-A"));
    expect(newVersionId(now, "weights-A")).not.toBe(
      newVersionId(now, "weights-B")
    );
  });

  test("an invalid date is refused", () => {
    expect(() => newVersionId(new Date("nonsense"))).toThrow("Invalid Date");
  });
});

describe("modelPrefix", () => {
  test("is models/<category>/<version>/", () => {
    expect(modelPrefix("civil_status", VERSION)).toBe(
      `models/civil_status/${VERSION}/`
    );
  });

  test.each(["", "..", ".hidden", "a/b", "v 1", "x".repeat(101)])(
    "refuses the version %j",
    (version) => {
      expect(() => modelPrefix("age", version)).toThrow(ServiceError);
      expect(() => modelPrefix("age", version)).toThrow(
        `Invalid model version ${JSON.stringify(version)} for age`
      );
    }
  );

  test("refuses an unknown category", () => {
    expect(() => modelPrefix("planet" as never, VERSION)).toThrow(
      'Unknown category "planet"'
    );
  });
});

/** Saves a tiny model, loads it back and compares; disposes everything. */
async function expectRoundTrip(store: BlobStore): Promise<void> {
  const numTensorsBefore = tf.memory().numTensors;
  const model = tinyLstmModel();
  const preprocessing = tinyPreprocessing();

  await saveModelVersion(store, "sex", VERSION, { model, preprocessing });
  const loaded = await loadModelVersion(store, "sex", VERSION);

  expect(loaded.preprocessing).toEqual(preprocessing);
  const input = tinyInput();
  const expected = model.predict(input) as tf.Tensor;
  const actual = loaded.model.predict(input) as tf.Tensor;
  expect(Array.from(actual.dataSync())).toEqual(
    Array.from(expected.dataSync())
  );
  tf.dispose([input, expected, actual]);
  model.dispose();
  loaded.model.dispose();
  expect(tf.memory().numTensors).toBe(numTensorsBefore);
}

describe("saveModelVersion → loadModelVersion", () => {
  test("round trip through a LocalBlobStore", async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), "model-artifacts-"));
    try {
      await expectRoundTrip(new LocalBlobStore(root));
      expect(
        (await fs.readdir(path.join(root, "models", "sex", VERSION))).sort()
      ).toEqual(["model.json", "preprocessing.json", "weights.bin"]);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  test("round trip through a GcsBlobStore on the fake server", async () => {
    const bucket = "demo-test.appspot.com";
    const server: FakeGcsServer = await startFakeGcsServer({
      buckets: [bucket],
    });
    try {
      await expectRoundTrip(
        new GcsBlobStore(storageForFakeServer(server).bucket(bucket))
      );
      const prefix = `models/sex/${VERSION}/`;
      for (const name of ["weights.bin", "model.json", "preprocessing.json"]) {
        expect(server.getObject(bucket, prefix + name)).toBeDefined();
      }
    } finally {
      await server.close();
    }
  });

  test("preprocessing.json is written last", async () => {
    const store = new RecordingBlobStore();
    const model = tinyLstmModel();
    await saveModelVersion(store, "age", VERSION, {
      model,
      preprocessing: tinyPreprocessing(),
    });
    model.dispose();

    const prefix = `models/age/${VERSION}/`;
    expect(store.writes).toEqual([
      `${prefix}weights.bin`,
      `${prefix}model.json`,
      `${prefix}preprocessing.json`,
    ]);
  });

  test("a save cut short before preprocessing.json reads as missing", async () => {
    const store = new RecordingBlobStore();
    store.failWritesEndingWith = "preprocessing.json";
    const model = tinyLstmModel();
    await expect(
      saveModelVersion(store, "age", VERSION, {
        model,
        preprocessing: tinyPreprocessing(),
      })
    ).rejects.toThrow("simulated failure");
    model.dispose();

    const load = loadModelVersion(store, "age", VERSION);
    await expect(load).rejects.toBeInstanceOf(NotFoundError);
    await expect(load).rejects.toThrow(
      `age model version ${VERSION} is missing or incomplete`
    );
    await expect(load).rejects.toThrow(
      `models/age/${VERSION}/preprocessing.json`
    );
  });

  test("malformed preprocessing is refused before anything is written", async () => {
    const store = new RecordingBlobStore();
    const model = tinyLstmModel();
    const preprocessing = { ...tinyPreprocessing(), windowLength: 0 };
    await expect(
      saveModelVersion(store, "age", VERSION, { model, preprocessing })
    ).rejects.toThrow(/Refusing to save age model .*windowLength is 0/);
    model.dispose();
    expect(store.writes).toEqual([]);
  });
});

describe("loadModelVersion errors", () => {
  const prefix = `models/sex/${VERSION}/`;

  /** A store holding a complete, valid version. */
  async function savedVersion(): Promise<RecordingBlobStore> {
    const store = new RecordingBlobStore();
    const model = tinyLstmModel();
    await saveModelVersion(store, "sex", VERSION, {
      model,
      preprocessing: tinyPreprocessing(),
    });
    model.dispose();
    return store;
  }

  test("a version that was never saved is NotFoundError", async () => {
    const load = loadModelVersion(new RecordingBlobStore(), "sex", VERSION);
    await expect(load).rejects.toBeInstanceOf(NotFoundError);
    await expect(load).rejects.toThrow(`${prefix}preprocessing.json`);
  });

  test("a corrupted model.json names the file", async () => {
    const store = await savedVersion();
    store.putText(`${prefix}model.json`, '{"modelTopology": {"class_na');

    const load = loadModelVersion(store, "sex", VERSION);
    await expect(load).rejects.toBeInstanceOf(CorruptArtifactError);
    await expect(load).rejects.toThrow(
      `Corrupt model artifact memory://test/${prefix}model.json: ` +
        "not valid JSON"
    );
  });

  test("a missing preprocessing.json is a clear NotFoundError", async () => {
    const store = await savedVersion();
    store.blobs.delete(`${prefix}preprocessing.json`);

    const load = loadModelVersion(store, "sex", VERSION);
    await expect(load).rejects.toBeInstanceOf(NotFoundError);
    await expect(load).rejects.toThrow(
      `sex model version ${VERSION} is missing or incomplete: ` +
        `Blob ${prefix}preprocessing.json does not exist`
    );
  });

  test("a preprocessing.json with wrong lengths names path and field", async () => {
    const store = await savedVersion();
    const bad = { ...tinyPreprocessing(), scaler: { min: [1], max: [2, 3] } };
    store.putText(`${prefix}preprocessing.json`, JSON.stringify(bad));

    const load = loadModelVersion(store, "sex", VERSION);
    await expect(load).rejects.toBeInstanceOf(CorruptArtifactError);
    await expect(load).rejects.toThrow(
      `memory://test/${prefix}preprocessing.json: scaler.min has 1 values, ` +
        "expected 2 (one per group)"
    );
  });
});
