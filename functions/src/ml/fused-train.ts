/**
 * The "fused" trainer: full-batch Adam on the core-ops network
 * (fused-lstm.ts), with early stopping on validation loss and the best
 * weights restored, then the weights copied into the layers model that
 * is saved and served. One epoch is one gradient step: the data is a few
 * dozen windows at most, so a batch of everything is cheap and steadier.
 *
 * Validation costs no extra pass: the validation windows ride along in
 * the training batch with dropout off and no part in the loss, so the
 * pass that computes epoch e's gradient also scores the weights epoch
 * e - 1 left behind. Epoch e's logs are therefore reported one pass
 * later, and one last inference pass scores the final epoch.
 */
import * as tf from "@tensorflow/tfjs";
import type { ForecastConfig } from "./config";
import { drawDropoutMasks, type MaskShape } from "./dropout-masks";
import type { TrainingMetrics } from "./forecaster";
import { drawInitialWeights } from "./initial-weights";
import {
  disposeNetwork,
  forwardPass,
  layerWeightsOf,
  networkFromLayerWeights,
  networkVariables,
  type FusedNetwork,
} from "./fused-lstm";
import { createRandomSource, deriveTrainingSeeds } from "./random";
import type { EpochLogs, TrainOptions, ValidationSplit } from "./train";
import type { Windows } from "./windowing";

/** Losses of one pass, read back from the backend in one go. */
interface PassScores {
  loss: number;
  mae: number;
  /** NaN when nothing is held out. */
  valLoss: number;
  valMae: number;
}

/**
 * Trains `model` (fresh from buildForecastModel; its own weights are
 * ignored) from starting weights drawn with config.seed, and leaves the
 * weights of the best epoch in it. Metrics follow the same rules as the
 * layers-fit trainer.
 */
export async function trainFused(
  model: tf.LayersModel,
  windows: Windows,
  split: ValidationSplit,
  config: ForecastConfig,
  options: TrainOptions
): Promise<TrainingMetrics> {
  const { trainCount, validationCount } = split;
  const validated = validationCount > 0;
  const data = batchTensors(windows, trainCount);
  const start = drawInitialWeights(
    { windowLength: data.inputs.shape[0], numGroups: data.inputs.shape[2] },
    config
  );
  const network = networkFromLayerWeights(start);
  tf.dispose(start);
  const optimizer = tf.train.adam(config.learningRate);
  const seeds = deriveTrainingSeeds(config.seed);
  const random = createRandomSource(seeds.mathRandom);
  const maskShape: MaskShape = {
    windowLength: data.inputs.shape[0],
    batch: data.inputs.shape[1],
    trainRows: trainCount,
    lstm1Units: config.lstm1Units,
    lstm2Units: config.lstm2Units,
  };
  const best = new BestWeights(
    config.earlyStoppingPatience,
    config.minRelativeDelta ?? 0
  );
  const history: EpochLogs[] = [];
  let grads: tf.NamedTensorMap | null = null;
  try {
    let previous: PassScores | null = null;
    for (let epoch = 0; ; epoch++) {
      const finished = epoch === config.maxEpochs;
      let scores: PassScores | null = null;
      if (!finished) {
        const masks = drawDropoutMasks(maskShape, config.dropout, random);
        ({ scores, grads } = gradientPass(network, data, masks));
      } else if (validated) {
        // The last pass only scores the final weights on validation.
        scores = scoreOnly(network, data);
      }
      let stop = finished;
      if (previous !== null) {
        const logs = epochLogs(previous, scores, validated);
        history.push(logs);
        await options.onEpoch?.(epoch - 1, { ...logs });
        if (validated) {
          stop = best.observe(epoch - 1, logs.val_loss, network) || stop;
        }
      }
      if (stop || grads === null || scores === null) break;
      optimizer.applyGradients(
        Object.entries(grads).map(([name, tensor]) => ({ name, tensor }))
      );
      tf.dispose(grads);
      grads = null;
      previous = scores;
    }
    best.restoreInto(network);
    const weights = layerWeightsOf(network);
    model.setWeights(weights);
    tf.dispose(weights);
    return metricsAt(history, best.epoch, trainCount + validationCount);
  } finally {
    if (grads !== null) tf.dispose(grads);
    best.dispose();
    optimizer.dispose();
    disposeNetwork(network);
    tf.dispose([data.inputs, data.targets]);
  }
}

/** All windows as one batch: inputs time-major, training rows first. */
interface Batch {
  /** [windowLength, windows, groups]. */
  inputs: tf.Tensor3D;
  /** [windows, groups]. */
  targets: tf.Tensor2D;
  trainCount: number;
}

function batchTensors(windows: Windows, trainCount: number): Batch {
  return tf.tidy(() => ({
    inputs: tf.transpose(tf.tensor3d(windows.inputs), [1, 0, 2]),
    targets: tf.tensor2d(windows.targets),
    trainCount,
  }));
}

/**
 * One training pass: gradients of the training MSE (dropout on) and the
 * scores of the current weights. The masks are disposed here.
 */
function gradientPass(
  network: FusedNetwork,
  data: Batch,
  masks: ReturnType<typeof drawDropoutMasks>
): { scores: PassScores; grads: tf.NamedTensorMap } {
  let scores: tf.Tensor1D | null = null;
  try {
    const { value, grads } = tf.variableGrads(() => {
      const predictions = forwardPass(network, data.inputs, masks);
      const [loss, all] = lossAndScores(predictions, data);
      scores = tf.keep(all);
      return loss;
    }, networkVariables(network));
    value.dispose();
    return { scores: readScores(scores), grads };
  } finally {
    tf.dispose([masks.sequence, masks.last]);
    if (scores !== null) (scores as tf.Tensor).dispose();
  }
}

/** Scores of the current weights in inference mode (no dropout). */
function scoreOnly(network: FusedNetwork, data: Batch): PassScores {
  const scores = tf.tidy(
    () => lossAndScores(forwardPass(network, data.inputs, null), data)[1]
  );
  try {
    return readScores(scores);
  } finally {
    scores.dispose();
  }
}

/**
 * The training MSE (the value to minimise) and a vector of training MSE,
 * training MAE, validation MSE and validation MAE (NaN when there are no
 * validation rows), in scaled units.
 */
function lossAndScores(
  predictions: tf.Tensor2D,
  data: Batch
): [tf.Scalar, tf.Tensor1D] {
  const errors = tf.sub(predictions, data.targets);
  const rows = errors.shape[0];
  const [train, validation] =
    data.trainCount < rows
      ? tf.split(errors, [data.trainCount, rows - data.trainCount])
      : [errors, null];
  const loss: tf.Scalar = tf.mean(tf.square(train));
  const nan = tf.scalar(NaN);
  const scores = tf.stack([
    loss,
    tf.mean(tf.abs(train)),
    validation === null ? nan : tf.mean(tf.square(validation)),
    validation === null ? nan : tf.mean(tf.abs(validation)),
  ]) as tf.Tensor1D;
  return [loss, scores];
}

function readScores(scores: tf.Tensor | null): PassScores {
  if (scores === null) throw new Error("The training pass gave no scores");
  const [loss, mae, valLoss, valMae] = scores.dataSync();
  return { loss, mae, valLoss, valMae };
}

/**
 * Logs in the layers-fit trainer's keys: training scores from the pass
 * that computed the epoch's gradient, validation scores from the next.
 */
function epochLogs(
  training: PassScores,
  after: PassScores | null,
  validated: boolean
): EpochLogs {
  const logs: EpochLogs = { loss: training.loss, mae: training.mae };
  if (validated && after !== null) {
    logs.val_loss = after.valLoss;
    logs.val_mae = after.valMae;
  }
  return logs;
}

function metricsAt(
  history: EpochLogs[],
  bestEpoch: number | null,
  numSamples: number
): TrainingMetrics {
  const logs = history[bestEpoch ?? history.length - 1];
  if (logs === undefined) throw new Error("Training ran no epoch");
  return {
    finalLoss: logs.loss,
    finalMae: logs.mae,
    valLoss: logs.val_loss ?? null,
    valMae: logs.val_mae ?? null,
    epochsTrained: history.length,
    numSamples,
  };
}

/**
 * Early stopping with the best weights kept, as RestoreBestWeights does
 * for model.fit: a copy of the weights after each epoch that lowers the
 * validation loss; stop after `patience` epochs in a row that do not
 * lower it by `minRelativeDelta` of the loss that last reset the count.
 */
class BestWeights {
  epoch: number | null = null;
  private value = Infinity;
  /** The loss that last reset the patience count. */
  private mark = Infinity;
  private since = 0;
  private copy: tf.Tensor[] | null = null;

  constructor(
    private readonly patience: number,
    private readonly minRelativeDelta: number
  ) {}

  /** Records epoch `epoch`; true when training should stop. */
  observe(epoch: number, valLoss: number, network: FusedNetwork): boolean {
    // NaN compares false: a diverged epoch is no improvement.
    if (valLoss < this.value) {
      this.value = valLoss;
      this.epoch = epoch;
      this.dispose();
      this.copy = networkVariables(network).map((v) => v.clone());
    }
    if (valLoss < this.mark * (1 - this.minRelativeDelta)) {
      this.mark = valLoss;
      this.since = 0;
      return false;
    }
    this.since++;
    return this.since >= this.patience;
  }

  /** Puts the kept copy back into the network's variables, if any. */
  restoreInto(network: FusedNetwork): void {
    const copy = this.copy;
    if (copy === null) return;
    networkVariables(network).forEach((v, i) => v.assign(copy[i]));
  }

  dispose(): void {
    if (this.copy !== null) tf.dispose(this.copy);
    this.copy = null;
  }
}
