/**
 * The forecasting module's public face: train a network on one category's
 * history, forecast with it, and pick the TensorFlow.js backend first.
 * Pure TensorFlow.js; nothing here imports Firebase.
 */
export { backendName, initBackend, type BackendLogger } from "./backend";
export {
  DEFAULT_CONFIG,
  FAST_LSTM,
  FAST_LSTM_DIFFERENCES,
  FAST_LSTM_LOGS,
  NETWORK_INPUTS,
  SEED_RECIPE,
  type NetworkInputs,
  type ForecastConfig,
  type Trainer,
} from "./config";
export { forecast } from "./forecast";
export { minimumTrainingYears } from "./network-inputs";
export type {
  PreprocessingState,
  TrainedForecaster,
  TrainingMetrics,
} from "./forecaster";
export { trainForecaster, type EpochLogs, type TrainOptions } from "./train";
export { MIN_WINDOWS, minimumYears, windowLength } from "./windowing";
