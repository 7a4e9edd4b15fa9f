/**
 * Trains one forecaster on one category's history: validate, scale, cut
 * windows, fit with early stopping, and package the network with what a
 * forecast needs to use it.
 */
import * as tf from "@tensorflow/tfjs";
import type { History } from "../domain/history";
import { initBackend } from "./backend";
import { checkConfig } from "./check-config";
import type { ForecastConfig } from "./config";
import type {
  PreprocessingState,
  TrainedForecaster,
  TrainingMetrics,
} from "./forecaster";
import { trainFused } from "./fused-train";
import { buildForecastModel, METRIC } from "./model";
import { inputsOf, networkRows } from "./network-inputs";
import { deriveTrainingSeeds, withSeededMathRandom } from "./random";
import { RestoreBestWeights } from "./restore-best-weights";
import { fitMinMaxScaler, scaleRows } from "./scaling";
import { validateHistory } from "./validate-history";
import { makeWindows, trainableWindowLength, type Windows } from "./windowing";

/** tfjs names the loss "loss" in the logs, whatever the loss function. */
const LOSS_KEY = "loss";

/** Training logs of one epoch: loss, mae and, with validation, val_*. */
export type EpochLogs = Record<string, number>;

export interface TrainOptions {
  /**
   * Called after every epoch (zero-based) with its logs, e.g. to report
   * progress. It runs while Math.random is seeded: calling Math.random in
   * it changes the training's dropout masks and batch order.
   */
  onEpoch?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
}

/** How the windows are divided between fitting and validation. */
export interface ValidationSplit {
  /** The first `trainCount` windows are fitted on. */
  trainCount: number;
  /** The last `validationCount` windows (the latest years) validate. */
  validationCount: number;
}

/**
 * Keras's validation_split: training keeps the first
 * floor(n * (1 - validationSplit)) windows and the rest, the latest years,
 * validate; those are the years a forecast most resembles. Only with at
 * least minWindowsForValidation windows, and only when neither side would
 * be empty; otherwise everything trains.
 */
export function splitForValidation(
  numWindows: number,
  config: ForecastConfig
): ValidationSplit {
  const trainCount = Math.floor(numWindows * (1 - config.validationSplit));
  const usable =
    numWindows >= config.minWindowsForValidation &&
    trainCount > 0 &&
    trainCount < numWindows;
  return usable
    ? { trainCount, validationCount: numWindows - trainCount }
    : { trainCount: numWindows, validationCount: 0 };
}

/**
 * Trains a fresh network on `history` with `config`.
 *
 * The scaler is fitted on every year of `history`, the held-out
 * validation years included, as a scaler fitted before Keras splits off
 * validation_split would be: forecasts only ever look past these years.
 *
 * Metrics are those of the epoch whose weights are returned: with
 * validation, the epoch of lowest val_loss (restored at the end); without,
 * the last epoch. finalLoss/finalMae are that epoch's training loss and
 * MAE in scaled units (mean over its batches, dropout active, as Keras
 * reports them); epochsTrained counts every epoch run, including the
 * patience epochs after the best one; numSamples counts all windows,
 * training and validation.
 *
 * The returned model is for forecasting and saving: its optimizer state is
 * already freed. The caller owns the model and must dispose() it.
 * Throws BadHistoryError for a malformed or too-short history.
 */
export async function trainForecaster(
  history: History,
  config: ForecastConfig,
  options: TrainOptions = {}
): Promise<TrainedForecaster> {
  validateHistory(history);
  checkConfig(config);
  await initBackend();

  const { years, groups, values } = history;
  const span = `${years[0]}-${years[years.length - 1]}`;
  const inputs = inputsOf(config);
  const rows = networkRows(values, inputs);
  const windowLength = trainableWindowLength(
    rows.length,
    config.window,
    span,
    values.length - rows.length
  );
  const scaler = fitMinMaxScaler(rows);
  const windows = makeWindows(scaleRows(rows, scaler), windowLength);
  const split = splitForValidation(windows.inputs.length, config);

  const preprocessing: PreprocessingState = {
    formatVersion: 1,
    groups: [...groups],
    scaler,
    windowLength,
    years: [...years],
    lastWindow: rows.slice(-windowLength),
  };
  if (inputs !== "levels") {
    preprocessing.formatVersion = 2;
    preprocessing.inputs = inputs;
    preprocessing.lastCounts = [...values[values.length - 1]];
  }
  const train = async () => {
    // The fused trainer draws its own starting weights (initial-weights.ts).
    const model = buildForecastModel(
      { windowLength, numGroups: groups.length },
      config,
      config.trainer !== "fused"
    );
    try {
      const metrics =
        config.trainer === "fused"
          ? await trainFused(model, windows, split, config, options)
          : await fitModel(model, windows, split, config, options);
      return { model, preprocessing, metrics };
    } catch (error) {
      model.dispose();
      throw error;
    } finally {
      // The model does not own an optimizer it was handed, so it would
      // never free Adam's moment estimates; nothing needs them after fit.
      model.optimizer.dispose();
    }
  };
  // The fused trainer draws its dropout masks from its own seeded stream;
  // model.fit draws from Math.random, which must be seeded for it.
  if (config.trainer === "fused") return train();
  const seeds = deriveTrainingSeeds(config.seed);
  return withSeededMathRandom(seeds.mathRandom, train);
}

async function fitModel(
  model: tf.LayersModel,
  windows: Windows,
  split: ValidationSplit,
  config: ForecastConfig,
  options: TrainOptions
): Promise<TrainingMetrics> {
  const { trainCount, validationCount } = split;
  const train = windowTensors(windows, 0, trainCount);
  const validation =
    validationCount > 0 ? windowTensors(windows, trainCount, undefined) : null;
  const stopper =
    validation !== null
      ? new RestoreBestWeights(config.earlyStoppingPatience, `val_${LOSS_KEY}`)
      : null;
  const callbacks: Array<tf.Callback | tf.CustomCallback> = [];
  if (stopper !== null) callbacks.push(stopper);
  const onEpoch = options.onEpoch;
  if (onEpoch !== undefined) {
    callbacks.push(
      new tf.CustomCallback({
        onEpochEnd: (epoch, logs) => onEpoch(epoch, { ...logs }),
      })
    );
  }
  try {
    const fitted = await model.fit(train[0], train[1], {
      batchSize: config.batchSize,
      epochs: config.maxEpochs,
      // Keras shuffles by default; tfjs's shuffle draws from Math.random,
      // which is seeded here, so the batch order is reproducible.
      shuffle: true,
      validationData: validation ?? undefined,
      callbacks,
      verbose: 0,
    });
    return readMetrics(
      fitted.history,
      stopper?.bestEpoch ?? null,
      trainCount + validationCount,
      validation !== null
    );
  } finally {
    stopper?.dispose();
    tf.dispose([...train, ...(validation ?? [])]);
  }
}

/** Inputs and targets of windows[from .. to) as tensors. */
function windowTensors(
  windows: Windows,
  from: number,
  to: number | undefined
): [tf.Tensor3D, tf.Tensor2D] {
  return tf.tidy(() => [
    tf.tensor3d(windows.inputs.slice(from, to)),
    tf.tensor2d(windows.targets.slice(from, to)),
  ]);
}

function readMetrics(
  history: Record<string, Array<number | tf.Tensor>>,
  bestEpoch: number | null,
  numSamples: number,
  validated: boolean
): TrainingMetrics {
  const epochsTrained = history[LOSS_KEY]?.length ?? 0;
  // No best epoch: no validation, or every val_loss was NaN.
  const epoch = bestEpoch ?? epochsTrained - 1;
  const at = (key: string): number => {
    const value = history[key]?.[epoch];
    if (typeof value !== "number") {
      throw new Error(`Training history has no number "${key}" at ${epoch}`);
    }
    return value;
  };
  return {
    finalLoss: at(LOSS_KEY),
    finalMae: at(METRIC),
    valLoss: validated ? at(`val_${LOSS_KEY}`) : null,
    valMae: validated ? at(`val_${METRIC}`) : null,
    epochsTrained,
    numSamples,
  };
}
