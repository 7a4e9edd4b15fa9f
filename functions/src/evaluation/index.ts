/**
 * Forecast evaluation: baseline methods, a common Method interface (with
 * an adapter for the service's LSTM), accuracy metrics and a rolling-
 * origin backtest. Pure TypeScript plus ../ml; nothing here imports
 * Firebase.
 */
export {
  backtest,
  DEFAULT_MAX_HORIZON,
  type BacktestOptions,
  type BacktestProgress,
  type BacktestResult,
  type ForecastError,
  type SkippedFit,
} from "./backtest";
export { baselineMethods, recentMeanMethod } from "./baselines";
export { combination } from "./combination";
export {
  dampedTrend,
  fitDamped,
  type DampedFit,
  type DampedParameters,
} from "./damped-trend";
export { lstmMethod } from "./lstm-method";
export {
  seriesMethod,
  type FittedMethod,
  type Method,
  type SeriesForecaster,
} from "./method";
export { mase, naiveScale, smape, wape, type ScoredPoint } from "./metrics";
export {
  chooseOrigins,
  DEFAULT_ORIGIN_COUNT,
  type OriginChoice,
} from "./origins";
export {
  METRICS,
  scoreTable,
  type MetricName,
  type ScoreRow,
} from "./score-table";
export { fitSes, ses, type SesFit } from "./ses";
export { drift, naive, recentMean } from "./simple-baselines";
export { fitTrendLine, theta, type TrendLine } from "./theta";
