/**
 * The network of the seed Keras service, ported layer by layer:
 * LSTM(returnSequences) → Dropout → LSTM → Dropout → Dense(groups),
 * trained with Adam on mean squared error and reporting mean absolute
 * error.
 */
import * as tf from "@tensorflow/tfjs";
import type { ForecastConfig } from "./config";
import { deriveTrainingSeeds } from "./random";

/** The shape of one model input: L years of `numGroups` scaled counts. */
export interface ForecastModelShape {
  /** Years per input window (L), e.g. 15 for a 35-year history. */
  windowLength: number;
  /** Groups per year, e.g. 14 for age; also the number of outputs. */
  numGroups: number;
}

/** The loss and metric names, as they appear in tfjs training logs. */
export const LOSS = "meanSquaredError";
export const METRIC = "mae";

/**
 * tfjs warns whenever an orthogonal initializer fills a matrix of more than
 * 2000 elements; the seed recipe's recurrent kernels are 64x256 and 32x128,
 * small enough that the QR takes milliseconds. The warning would otherwise
 * reach the logs on every training.
 */
const ORTHOGONAL_SIZE_WARNING = /^Orthogonal initializer is being called/;

/**
 * Builds and compiles a fresh model: input [batch, windowLength, numGroups],
 * output [batch, numGroups]. Initial weights depend only on `shape` and
 * `config` (seeded from config.seed); the dropout masks drawn in training
 * come from Math.random, which the trainer seeds.
 *
 * With `initialize` false every kernel starts at zero instead: for a
 * caller that sets all the weights itself (the fused trainer), which then
 * skips the orthogonal initializer's slow QR decomposition.
 *
 * The caller disposes the model and, separately, model.optimizer: a tfjs
 * model does not own an optimizer object it was compiled with.
 */
export function buildForecastModel(
  shape: ForecastModelShape,
  config: ForecastConfig,
  initialize = true
): tf.Sequential {
  const seeds = deriveTrainingSeeds(config.seed);
  const glorot = (seed: number) =>
    initialize
      ? tf.initializers.glorotUniform({ seed })
      : tf.initializers.zeros();
  const lstm = (units: number, kernelSeed: number, recurrentSeed: number) => ({
    units,
    recurrentActivation: config.recurrentActivation,
    unitForgetBias: config.unitForgetBias,
    kernelInitializer: glorot(kernelSeed),
    recurrentInitializer: initialize
      ? tf.initializers.orthogonal({ seed: recurrentSeed, gain: 1 })
      : tf.initializers.zeros(),
  });
  const model = tf.sequential({ name: "forecaster" });
  // tidy: with unitForgetBias, tfjs 4.22's LSTM bias initializer leaves
  // its 4 intermediate tensors behind. Weights are variables and survive.
  const addLayers = () => {
    model.add(
      tf.layers.lstm({
        ...lstm(config.lstm1Units, seeds.lstm1Kernel, seeds.lstm1Recurrent),
        returnSequences: true,
        inputShape: [shape.windowLength, shape.numGroups],
      })
    );
    // Unseeded on purpose: a seeded tfjs Dropout reuses one mask forever.
    model.add(tf.layers.dropout({ rate: config.dropout }));
    model.add(
      tf.layers.lstm(
        lstm(config.lstm2Units, seeds.lstm2Kernel, seeds.lstm2Recurrent)
      )
    );
    model.add(tf.layers.dropout({ rate: config.dropout }));
    model.add(
      tf.layers.dense({
        units: shape.numGroups,
        kernelInitializer: glorot(seeds.denseKernel),
      })
    );
  };
  tf.tidy(() => withoutWarning(ORTHOGONAL_SIZE_WARNING, addLayers));
  model.compile({
    optimizer: tf.train.adam(config.learningRate),
    loss: LOSS,
    metrics: [METRIC],
  });
  return model;
}

/**
 * Runs a synchronous `fn` with console.warn muted for messages matching
 * `pattern`; every other warning passes through.
 */
function withoutWarning(pattern: RegExp, fn: () => void): void {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && pattern.test(args[0])) return;
    warn(...args);
  };
  try {
    fn();
  } finally {
    console.warn = warn;
  }
}
