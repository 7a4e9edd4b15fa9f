/**
 * CONTRACT (to be implemented by the ML module; this file is its public
 * face). Everything here is pure TensorFlow.js: no Firebase imports.
 */
import type * as tf from "@tensorflow/tfjs";
import type { History, YearForecast } from "../domain/history";
import type { ForecastConfig } from "./config";

/** JSON-serialisable state needed to forecast with a trained network. */
export interface PreprocessingState {
  formatVersion: 1;
  groups: string[];
  /** Per-group min and max of the training years (min-max scaling). */
  scaler: { min: number[]; max: number[] };
  windowLength: number;
  /** Years the model was trained on, ascending. */
  years: number[];
  /** Raw counts of the last `windowLength` years: the forecast's seed. */
  lastWindow: number[][];
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
