import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/ml/backend";
import { SEED_RECIPE } from "../../src/ml/config";
import {
  disposeNetwork,
  forwardPass,
  layerWeightsOf,
  networkFromLayerWeights,
} from "../../src/ml/fused-lstm";
import { buildForecastModel } from "../../src/ml/model";
import { tinyConfig } from "./synthetic";

beforeAll(() => initBackend(() => undefined));

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

/** Weights far from the initial ones, so every gate matters. */
function perturbed(weights: tf.Tensor[]): tf.Tensor[] {
  return weights.map((w, k) =>
    tf.add(w, tf.randomUniform(w.shape, -0.3, 0.3, "float32", k + 1))
  );
}

describe("fused network", () => {
  it.each([
    ["a tiny network", tinyConfig(), 6, 3],
    ["the seed recipe", SEED_RECIPE, 15, 14],
  ])(
    "copied into the layers model, predicts as its own pass (%s)",
    (_, config, windowLength, numGroups) => {
      const shape = { windowLength, numGroups };
      const source = buildForecastModel(shape, config);
      const target = buildForecastModel(shape, { ...config, seed: 99 });
      const trained = perturbed(source.getWeights());
      const network = networkFromLayerWeights(trained);
      const copied = layerWeightsOf(network);
      target.setWeights(copied);

      const windows = tf.randomUniform([5, windowLength, numGroups], 0, 1,
        "float32", 7) as tf.Tensor3D;
      const viaLayers = target.predict(windows) as tf.Tensor;
      const viaCoreOps = tf.tidy(() =>
        forwardPass(network, tf.transpose(windows, [1, 0, 2]), null)
      );
      expect(viaCoreOps.shape).toEqual([5, numGroups]);
      expect(maxDifference(viaLayers, viaCoreOps)).toBeLessThan(1e-5);

      // The conversion there and back is exact.
      copied.forEach((w, k) => expect(maxDifference(w, trained[k])).toBe(0));
      tf.dispose([...trained, ...copied, windows, viaLayers, viaCoreOps]);
      disposeNetwork(network);
      for (const model of [source, target]) {
        model.optimizer.dispose();
        model.dispose();
      }
    }
  );

  it("frees every variable it made", () => {
    const model = buildForecastModel(
      { windowLength: 4, numGroups: 2 },
      tinyConfig()
    );
    const before = tf.memory().numTensors;
    const network = networkFromLayerWeights(model.getWeights());
    disposeNetwork(network);
    expect(tf.memory().numTensors).toBe(before);
    model.optimizer.dispose();
    model.dispose();
  });
});
