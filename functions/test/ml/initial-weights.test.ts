import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/ml/backend";
import { SEED_RECIPE } from "../../src/ml/config";
import { drawInitialWeights } from "../../src/ml/initial-weights";
import { buildForecastModel } from "../../src/ml/model";

beforeAll(() => initBackend(() => undefined));

const shape = { windowLength: 15, numGroups: 14 };

function draw(seed: number): number[][] {
  const weights = drawInitialWeights(shape, { ...SEED_RECIPE, seed });
  const values = weights.map((w) => Array.from(w.dataSync()));
  tf.dispose(weights);
  return values;
}

describe("drawInitialWeights", () => {
  it("fits the layers model's weights, shape for shape", () => {
    const model = buildForecastModel(shape, SEED_RECIPE, false);
    const weights = drawInitialWeights(shape, SEED_RECIPE);
    expect(weights.map((w) => w.shape)).toEqual(
      model.getWeights().map((w) => w.shape)
    );
    tf.dispose(weights);
    model.optimizer.dispose();
    model.dispose();
  });

  it("gives orthonormal recurrent rows and a forget bias of one", () => {
    const weights = drawInitialWeights(shape, SEED_RECIPE);
    const recurrent = weights[1] as tf.Tensor2D;
    const gram = tf.tidy(() =>
      tf.matMul(recurrent, recurrent, false, true).arraySync()
    ) as number[][];
    gram.forEach((row, i) =>
      row.forEach((value, j) => expect(value).toBeCloseTo(i === j ? 1 : 0, 5))
    );
    const bias = Array.from(weights[2].dataSync());
    expect(bias.slice(64, 128).every((b) => b === 1)).toBe(true);
    expect(bias.filter((b) => b !== 0)).toHaveLength(64);
    const limit = Math.sqrt(6 / (14 + 256));
    expect(Math.max(...weights[0].dataSync().map(Math.abs))).toBeLessThan(
      limit
    );
    tf.dispose(weights);
  });

  it("repeats for a seed and differs for another", () => {
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)[1]).not.toEqual(draw(4)[1]);
  });
});
