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

export interface TrainingMetrics {
  finalLoss: number;
  finalMae: number;
  valLoss: number | null;
  valMae: number | null;
  epochsTrained: number;
  numSamples: number;
}

export interface TrainedForecaster {
  model: tf.LayersModel;
  preprocessing: PreprocessingState;
  metrics: TrainingMetrics;
}
export type { History, YearForecast, ForecastConfig };
