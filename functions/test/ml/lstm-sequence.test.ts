import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/ml/backend";
import { lstmSequence } from "../../src/ml/lstm-sequence";

beforeAll(() => initBackend(() => undefined));

/**
 * The textbook LSTM step by step, gate columns i, f, o, c, left to tfjs's
 * automatic differentiation: the reference the hand-written backward
 * pass must agree with.
 */
function referenceLstm(
  sequence: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrent: tf.Tensor2D,
  bias: tf.Tensor1D
): tf.Tensor3D {
  const [steps, batch] = sequence.shape;
  const units = recurrent.shape[0];
  let h: tf.Tensor2D = tf.zeros([batch, units]);
  let c: tf.Tensor2D = tf.zeros([batch, units]);
  const outputs: tf.Tensor2D[] = [];
  for (let t = 0; t < steps; t++) {
    const x = tf.squeeze<tf.Tensor2D>(tf.slice(sequence, t, 1), [0]);
    const z = tf.add(tf.add(tf.matMul(x, kernel), tf.matMul(h, recurrent)), bias);
    const [i, f, o, g] = tf.split(z, 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
    h = tf.mul(tf.sigmoid(o), tf.tanh(c));
    outputs.push(h);
  }
  return tf.stack(outputs) as tf.Tensor3D;
}

function randomInputs(steps: number, batch: number, size: number, units: number) {
  return [
    tf.randomUniform([steps, batch, size], -1, 1, "float32", 1),
    tf.randomUniform([size, 4 * units], -0.5, 0.5, "float32", 2),
    tf.randomUniform([units, 4 * units], -0.5, 0.5, "float32", 3),
    tf.randomUniform([4 * units], -0.5, 0.5, "float32", 4),
  ] as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
}

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe("lstmSequence", () => {
  it.each([
    [5, 3, 4, 6],
    [1, 2, 3, 2],
  ])(
    "matches the reference LSTM and its gradients (%i steps)",
    (steps, batch, size, units) => {
      const inputs = randomInputs(steps, batch, size, units);
      // A loss that weighs every step and unit differently.
      const weights = tf.randomUniform([steps, batch, units], 0, 1, "float32", 5);
      const loss = (lstm: typeof lstmSequence) =>
        (...args: tf.Tensor[]) =>
          tf.sum(tf.mul(lstm(...(args as typeof inputs)), weights));
      const fast = tf.grads(loss(lstmSequence))(inputs);
      const slow = tf.grads(loss(referenceLstm))(inputs);
      const outputs = [lstmSequence(...inputs), referenceLstm(...inputs)];
      expect(maxDifference(outputs[0], outputs[1])).toBeLessThan(1e-6);
      fast.forEach((gradient, k) => {
        expect(gradient.shape).toEqual(inputs[k].shape);
        expect(maxDifference(gradient, slow[k])).toBeLessThan(1e-5);
      });
      tf.dispose([...inputs, weights, ...fast, ...slow, ...outputs]);
    }
  );

  it("leaves no tensor behind inside tidy, gradients included", () => {
    const inputs = randomInputs(4, 2, 3, 2);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grads((...args: tf.Tensor[]) =>
        tf.sum(lstmSequence(...(args as typeof inputs)))
      )(inputs);
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(inputs);
  });
});
