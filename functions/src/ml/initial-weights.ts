/**
 * Starting weights for the core-ops trainer, drawn in plain JavaScript.
 *
 * Why not the layers' own initializers: tfjs's orthogonal initializer
 * runs a QR decomposition as ~3,600 small kernels, 50-200 ms on wasm,
 * which is a third of a whole fused training on the sex table. The same
 * distributions drawn here (Glorot uniform kernels, orthogonal recurrent
 * kernels, Keras's forget bias of one, zero elsewhere) cost about a
 * millisecond. The draws are not tfjs's, so a seed gives other starting
 * weights than the layers-fit trainer gets, but still the same ones on
 * every run.
 */
import * as tf from "@tensorflow/tfjs";
import type { ForecastConfig } from "./config";
import type { ForecastModelShape } from "./model";
import { createRandomSource, type RandomSource } from "./random";

/**
 * Offset mixed into the configuration seed, so that these draws do not
 * replay the stream deriveTrainingSeeds takes its seeds from.
 */
const INIT_STREAM = 0x5eed1;

/**
 * The network's starting weights in the layers model's getWeights()
 * order and gate layout (i, f, c, o): per LSTM the kernel, recurrent
 * kernel and bias, then the Dense kernel and bias. New tensors: the
 * caller disposes them.
 */
export function drawInitialWeights(
  shape: ForecastModelShape,
  config: ForecastConfig
): tf.Tensor[] {
  const random = createRandomSource(config.seed + INIT_STREAM);
  const lstm = (inputSize: number, units: number): tf.Tensor[] => [
    tf.tensor2d(glorotUniform(inputSize, 4 * units, random), [
      inputSize,
      4 * units,
    ]),
    tf.tensor2d(orthogonalRows(units, 4 * units, random), [units, 4 * units]),
    tf.tensor1d(lstmBias(units, config.unitForgetBias)),
  ];
  return [
    ...lstm(shape.numGroups, config.lstm1Units),
    ...lstm(config.lstm1Units, config.lstm2Units),
    tf.tensor2d(glorotUniform(config.lstm2Units, shape.numGroups, random), [
      config.lstm2Units,
      shape.numGroups,
    ]),
    tf.zeros([shape.numGroups]),
  ];
}

/** Uniform in ±sqrt(6 / (fanIn + fanOut)), row-major [fanIn, fanOut]. */
function glorotUniform(
  fanIn: number,
  fanOut: number,
  random: RandomSource
): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(fanIn * fanOut);
  for (let k = 0; k < values.length; k++) {
    values[k] = (2 * random() - 1) * limit;
  }
  return values;
}

/**
 * A [rows, columns] matrix (rows <= columns) whose rows are orthonormal:
 * Gaussian rows put through modified Gram-Schmidt, in float64 so the
 * result is orthonormal to float32 precision. Keras's orthogonal
 * initializer with gain 1 has the same distribution.
 */
function orthogonalRows(
  rows: number,
  columns: number,
  random: RandomSource
): Float32Array {
  const basis: Float64Array[] = [];
  while (basis.length < rows) {
    const row = new Float64Array(columns);
    for (let j = 0; j < columns; j++) row[j] = standardNormal(random);
    for (const done of basis) {
      let dot = 0;
      for (let j = 0; j < columns; j++) dot += row[j] * done[j];
      for (let j = 0; j < columns; j++) row[j] -= dot * done[j];
    }
    let norm = 0;
    for (let j = 0; j < columns; j++) norm += row[j] * row[j];
    norm = Math.sqrt(norm);
    // A near-dependent draw (never seen in practice) is drawn again.
    if (norm < 1e-6) continue;
    for (let j = 0; j < columns; j++) row[j] /= norm;
    basis.push(row);
  }
  const values = new Float32Array(rows * columns);
  basis.forEach((row, i) => values.set(row, i * columns));
  return values;
}

/** Box-Muller: one standard normal draw from two uniform ones. */
function standardNormal(random: RandomSource): number {
  // 1 - u lies in (0, 1], so the logarithm stays finite.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Zeros, with the forget quarter (i, f, c, o) at one if asked. */
function lstmBias(units: number, unitForgetBias: boolean): Float32Array {
  const bias = new Float32Array(4 * units);
  if (unitForgetBias) bias.fill(1, units, 2 * units);
  return bias;
}
