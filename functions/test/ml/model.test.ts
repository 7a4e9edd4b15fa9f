import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/ml/backend";
import { SEED_RECIPE } from "../../src/ml/config";
import { buildForecastModel } from "../../src/ml/model";
import { tinyConfig } from "./synthetic";

beforeAll(() => initBackend(() => undefined));

function weightsOf(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((w) => w.dataSync() as Float32Array);
}

describe("buildForecastModel", () => {
  it("maps [batch, L, groups] to [batch, groups]", () => {
    const model = buildForecastModel(
      { windowLength: 15, numGroups: 14 },
      tinyConfig()
    );
    expect(model.inputs[0].shape).toEqual([null, 15, 14]);
    expect(model.outputs[0].shape).toEqual([null, 14]);
    model.dispose();
  });

  it("stacks the seed recipe's layers with Keras's LSTM gates", () => {
    const model = buildForecastModel(
      { windowLength: 15, numGroups: 14 },
      SEED_RECIPE
    );
    const layers = model.layers.map((l) => [
      l.getClassName(),
      l.outputShape,
    ]);
    expect(layers).toEqual([
      ["LSTM", [null, 15, 64]],
      ["Dropout", [null, 15, 64]],
      ["LSTM", [null, 32]],
      ["Dropout", [null, 32]],
      ["Dense", [null, 14]],
    ]);
    for (const index of [0, 2]) {
      const config = model.layers[index].getConfig();
      expect(config.recurrentActivation).toBe("sigmoid");
      expect(config.unitForgetBias).toBe(true);
    }
    for (const index of [1, 3]) {
      expect(model.layers[index].getConfig().rate).toBe(0.2);
      // A seeded tfjs Dropout would repeat one mask every step.
      expect(model.layers[index].getConfig().seed).toBeUndefined();
    }
    // Keras's unit_forget_bias: forget gate (2nd quarter) biases start at 1.
    const bias = model.layers[0].getWeights()[2].dataSync();
    expect(Array.from(bias.slice(64, 128)).every((b) => b === 1)).toBe(true);
    expect(Array.from(bias.slice(0, 64)).every((b) => b === 0)).toBe(true);
    model.dispose();
  });

  it("compiles with Adam at the configured rate, MSE loss and MAE", () => {
    const model = buildForecastModel(
      { windowLength: 4, numGroups: 3 },
      tinyConfig({ learningRate: 0.005 })
    );
    expect(model.optimizer.getConfig().learningRate).toBe(0.005);
    expect(model.loss).toBe("meanSquaredError");
    expect(model.metricsNames).toEqual(["loss", "mae"]);
    model.optimizer.dispose();
    model.dispose();
  });

  it("starts from the same weights for a seed, others for another", () => {
    const shape = { windowLength: 4, numGroups: 3 };
    const a = buildForecastModel(shape, tinyConfig({ seed: 1 }));
    const b = buildForecastModel(shape, tinyConfig({ seed: 1 }));
    const c = buildForecastModel(shape, tinyConfig({ seed: 2 }));
    expect(weightsOf(a)).toEqual(weightsOf(b));
    expect(weightsOf(a)[0]).not.toEqual(weightsOf(c)[0]);
    for (const m of [a, b, c]) {
      m.optimizer.dispose();
      m.dispose();
    }
  });

  it("leaves no tensor behind once model and optimizer are disposed", () => {
    const before = tf.memory().numTensors;
    const model = buildForecastModel(
      { windowLength: 6, numGroups: 5 },
      tinyConfig()
    );
    model.optimizer.dispose();
    model.dispose();
    // tfjs's unitForgetBias initializer alone would leave 4 per LSTM.
    expect(tf.memory().numTensors).toBe(before);
  });

  it("does not print tfjs's orthogonal-size warning", () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const model = buildForecastModel(
        { windowLength: 15, numGroups: 14 },
        SEED_RECIPE
      );
      model.optimizer.dispose();
      model.dispose();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
