import * as tf from "@tensorflow/tfjs";
import { NotFoundError } from "../../src/domain/errors";
import { blobStoreIOHandler } from "../../src/storage/blob-io-handler";
import { CorruptArtifactError } from "../../src/storage/corrupt-artifact-error";
import { RecordingBlobStore } from "../support/recording-blob-store";
import { tinyInput, tinyLstmModel } from "../support/storage-fixtures";

const PREFIX = "models/sex/v1/";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** Weight values of a model, by weight name. */
function weightValues(model: tf.LayersModel): Map<string, number[]> {
  return new Map(
    model.weights.map((w) => {
      const value = w.read();
      return [w.originalName, Array.from(value.dataSync())];
    })
  );
}

describe("blobStoreIOHandler", () => {
  test("save then load gives the same weights and predictions", async () => {
    const numTensorsBefore = tf.memory().numTensors;
    const store = new RecordingBlobStore();
    const original = tinyLstmModel();

    const result = await original.save(blobStoreIOHandler(store, PREFIX));
    const loaded = await tf.loadLayersModel(blobStoreIOHandler(store, PREFIX));

    expect(result.modelArtifactsInfo.modelTopologyType).toBe("JSON");
    expect(result.modelArtifactsInfo.weightDataBytes).toBeGreaterThan(0);
    const before = weightValues(original);
    const after = weightValues(loaded);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(before.size).toBe(5); // kernel, recurrent kernel, bias, W, b
    for (const [name, values] of before) {
      expect(after.get(name)).toEqual(values);
    }
    const input = tinyInput();
    const expected = original.predict(input) as tf.Tensor;
    const actual = loaded.predict(input) as tf.Tensor;
    expect(actual.shape).toEqual([3, 2]);
    expect(Array.from(actual.dataSync())).toEqual(
      Array.from(expected.dataSync())
    );

    tf.dispose([input, expected, actual]);
    original.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(numTensorsBefore);
  });

  test("writes weights.bin, then model.json in the tfjs layout", async () => {
    const store = new RecordingBlobStore();
    const model = tinyLstmModel();
    await model.save(blobStoreIOHandler(store, PREFIX));
    const weightCount = model.weights.length;
    model.dispose();

    expect(store.writes).toEqual([
      `${PREFIX}weights.bin`,
      `${PREFIX}model.json`,
    ]);
    expect(store.contentTypes.get(`${PREFIX}model.json`)).toBe(
      "application/json"
    );
    const json = store.json(`${PREFIX}model.json`) as tf.io.ModelJSON;
    expect(json.format).toBe("layers-model");
    expect(json.generatedBy).toMatch(/^TensorFlow\.js tfjs-layers v/);
    expect(json.convertedBy).toBeNull();
    expect(json.modelTopology).toMatchObject({ class_name: "Sequential" });
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual(["weights.bin"]);
    expect(json.weightsManifest[0].weights).toHaveLength(weightCount);
  });

  test("weight data given as several buffers is joined in order", async () => {
    const store = new RecordingBlobStore();
    const handler = blobStoreIOHandler(store, "");
    const first = new Float32Array([1.5, -2]).buffer;
    const second = new Float32Array([3.25]).buffer;

    await handler.save!({
      modelTopology: { anything: true },
      format: "layers-model",
      weightSpecs: [
        { name: "a", shape: [2], dtype: "float32" },
        { name: "b", shape: [1], dtype: "float32" },
      ],
      weightData: [first, second],
    });
    const artifacts = await handler.load!();

    expect(store.blobs.get("weights.bin")?.byteLength).toBe(12);
    const joined = tf.io.CompositeArrayBuffer.join(artifacts.weightData!);
    expect(Array.from(new Float32Array(joined))).toEqual([1.5, -2, 3.25]);
    expect(artifacts.weightSpecs?.map((s) => s.name)).toEqual(["a", "b"]);
    expect(artifacts.modelTopology).toEqual({ anything: true });
  });

  test("a missing model.json is a NotFoundError naming it", async () => {
    const store = new RecordingBlobStore();
    const load = tf.loadLayersModel(blobStoreIOHandler(store, PREFIX));
    await expect(load).rejects.toBeInstanceOf(NotFoundError);
    await expect(load).rejects.toThrow(`memory://test/${PREFIX}model.json`);
  });

  describe("a corrupt model.json is a CorruptArtifactError naming it", () => {
    test.each([
      ['{"modelTopology": {', "not valid JSON"],
      ["[1, 2]", "not a JSON object"],
      ['{"weightsManifest": []}', "modelTopology is missing"],
      ['{"modelTopology": {}, "weightsManifest": {}}', "weightsManifest"],
      [
        '{"modelTopology": {}, "weightsManifest": [{"paths": [1]}]}',
        "weightsManifest",
      ],
    ])("%s", async (text, problem) => {
      const store = new RecordingBlobStore();
      store.putText(`${PREFIX}model.json`, text);
      const load = blobStoreIOHandler(store, PREFIX).load!();
      await expect(load).rejects.toBeInstanceOf(CorruptArtifactError);
      await expect(load).rejects.toThrow(`memory://test/${PREFIX}model.json`);
      await expect(load).rejects.toThrow(problem);
      await expect(load).rejects.toMatchObject({ kind: "bad-data" });
    });
  });

  test("missing or truncated weights.bin is named in the error", async () => {
    const store = new RecordingBlobStore();
    const model = tinyLstmModel();
    await model.save(blobStoreIOHandler(store, PREFIX));
    model.dispose();
    const weightsPath = `${PREFIX}weights.bin`;
    const full = store.blobs.get(weightsPath)!;

    store.blobs.set(weightsPath, full.subarray(0, full.byteLength - 4));
    const truncated = tf.loadLayersModel(blobStoreIOHandler(store, PREFIX));
    await expect(truncated).rejects.toBeInstanceOf(CorruptArtifactError);
    await expect(truncated).rejects.toThrow(
      `${weightsPath}: holds ${full.byteLength - 4} bytes but the ` +
        `manifest in model.json describes ${full.byteLength}`
    );

    store.blobs.delete(weightsPath);
    const missing = tf.loadLayersModel(blobStoreIOHandler(store, PREFIX));
    await expect(missing).rejects.toBeInstanceOf(NotFoundError);
    await expect(missing).rejects.toThrow(weightsPath);
  });

  test("a prefix must be empty or end with a slash", () => {
    const store = new RecordingBlobStore();
    expect(() => blobStoreIOHandler(store, "models/sex/v1")).toThrow(
      '"models/sex/v1" must be empty or end in /'
    );
  });
});
