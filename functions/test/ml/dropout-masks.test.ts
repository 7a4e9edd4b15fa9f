import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/ml/backend";
import { drawDropoutMasks } from "../../src/ml/dropout-masks";
import { createRandomSource } from "../../src/ml/random";

beforeAll(() => initBackend(() => undefined));

const shape = {
  windowLength: 15,
  batch: 20,
  trainRows: 16,
  lstm1Units: 64,
  lstm2Units: 32,
};

function draw(seed: number, rate = 0.2) {
  const random = createRandomSource(seed);
  const masks = drawDropoutMasks(shape, rate, random);
  const values = {
    sequence: masks.sequence.arraySync(),
    last: masks.last.arraySync(),
  };
  tf.dispose([masks.sequence, masks.last]);
  return { values, random };
}

describe("drawDropoutMasks", () => {
  it("drops about `rate` of the training units, scaling the rest", () => {
    const { values } = draw(1);
    const training = [
      ...values.sequence.flatMap((step) => step.slice(0, 16).flat()),
      ...values.last.slice(0, 16).flat(),
    ];
    expect(new Set(training)).toEqual(new Set([0, Math.fround(1 / 0.8)]));
    const dropped = training.filter((v) => v === 0).length / training.length;
    expect(dropped).toBeGreaterThan(0.18);
    expect(dropped).toBeLessThan(0.22);
  });

  it("leaves validation rows whole", () => {
    const { values } = draw(1);
    const validation = [
      ...values.sequence.flatMap((step) => step.slice(16).flat()),
      ...values.last.slice(16).flat(),
    ];
    expect(validation.every((v) => v === 1)).toBe(true);
  });

  it("repeats for a seed and changes from one draw to the next", () => {
    expect(draw(5).values).toEqual(draw(5).values);
    const random = createRandomSource(5);
    const first = drawDropoutMasks(shape, 0.2, random);
    const second = drawDropoutMasks(shape, 0.2, random);
    expect(first.last.arraySync()).not.toEqual(second.last.arraySync());
    tf.dispose([first.sequence, first.last, second.sequence, second.last]);
  });

  it("keeps everything at rate 0", () => {
    const { values } = draw(3, 0);
    expect(values.last.flat().every((v) => v === 1)).toBe(true);
  });
});
