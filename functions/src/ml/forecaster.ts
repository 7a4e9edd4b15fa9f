/**
 * CONTRACT (to be implemented by the ML module; this file is its public
 * face). Everything here is pure TensorFlow.js: no Firebase imports.
 */
import type * as tf from "@tensorflow/tfjs";
import type { History, YearForecast } from "../domain/history";
import type { ForecastConfig, NetworkInputs } from "./config";

/** JSON-serialisable state needed to forecast with a trained network. */
export interface PreprocessingState {
  /**
   * 1: the network reads counts ("levels"). 2: it reads `inputs`, and
   * `lastCounts` is set. Level networks keep writing 1, so that states
   * saved before format 2 and after it read the same.
   */
  formatVersion: 1 | 2;
  groups: string[];
  /** Per-group min and max of the network's rows (min-max scaling). */
  scaler: { min: number[]; max: number[] };
  windowLength: number;
  /** Years the model was trained on, ascending. */
  years: number[];
  /**
   * The network's unscaled rows of the last `windowLength` years, the
   * forecast's seed: counts, their logs, or changes from the year before.
   */
  lastWindow: number[][];
  /** Format 2 only: what the network reads (see NetworkInputs). */
  inputs?: NetworkInputs;
  /**
   * Format 2 only: the last year's counts, which a network of
   * differences adds its predicted changes to.
   */
  lastCounts?: number[];
}

/**
 * How a training went, read at the epoch whose weights the model keeps:
 * with validation, the epoch of lowest val_loss (its weights are
 * restored); without, the last epoch. Losses are in scaled units ([0, 1]
 * per group), not counts.
 */
export interface TrainingMetrics {
  /** Training MSE of that epoch: mean over its batches, dropout on. */
  finalLoss: number;
  /** Training mean absolute error of that epoch, same terms. */
  finalMae: number;
  /** Validation MSE of that epoch; null when nothing was held out. */
  valLoss: number | null;
  /** Validation mean absolute error of that epoch; null likewise. */
  valMae: number | null;
  /** Epochs run, including those after the best one before stopping. */
  epochsTrained: number;
  /** All windows cut from the history, training plus validation. */
  numSamples: number;
}

export interface TrainedForecaster {
  model: tf.LayersModel;
  preprocessing: PreprocessingState;
  metrics: TrainingMetrics;
}
export type { History, YearForecast, ForecastConfig };
