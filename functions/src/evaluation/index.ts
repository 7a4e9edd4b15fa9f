/**
 * Forecast evaluation: baseline methods, a common Method interface (with
 * an adapter for the service's LSTM), accuracy metrics, a rolling-origin
 * backtest, the choice of the method to serve, empirical prediction
 * intervals with their honest coverage, and reconciliation to a common
 * total. Pure TypeScript plus ../ml; nothing here imports Firebase.
 */
export { averageForecasters } from "./average-forecaster";
export {
  backtest,
  DEFAULT_MAX_HORIZON,
  type BacktestOptions,
  type BacktestProgress,
  type BacktestResult,
  type ForecastError,
  type SkippedFit,
} from "./backtest";
export {
  baselineForecasters,
  baselineMethods,
  recentMeanMethod,
  type NamedForecaster,
} from "./baselines";
export {
  chooseMethod,
  TIE_TOLERANCE,
  type ChooseMethodOptions,
  type Incumbent,
  type MethodChoice,
  type RankedMethod,
} from "./choose-method";
export { combination } from "./combination";
export {
  dampedTrend,
  fitDamped,
  type DampedFit,
  type DampedParameters,
} from "./damped-trend";
export {
  applyIntervals,
  buildIntervalModel,
  DEFAULT_LEVELS,
  DEFAULT_MIN_SAMPLES,
  intervalModelFromErrors,
  logRatioError,
  type HorizonQuantiles,
  type IntervalBands,
  type IntervalModel,
  type IntervalOptions,
} from "./empirical-intervals";
export {
  intervalCoverage,
  type CoverageCount,
  type CoverageReport,
} from "./interval-coverage";
export { lstmMethod } from "./lstm-method";
export { seedAverageMethod } from "./seed-average-method";
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
export { quantile } from "./quantile";
export {
  reconcileToTotal,
  scaleIntervals,
  scaleToTotal,
  type ScaledForecast,
} from "./reconcile";
export { reconciledMethod } from "./reconciled-method";
export {
  METRICS,
  scoreTable,
  type MetricName,
  type ScoreRow,
} from "./score-table";
export { fitSes, ses, type SesFit } from "./ses";
export { drift, naive, recentMean } from "./simple-baselines";
export { fitTrendLine, theta, type TrendLine } from "./theta";
export {
  chooseTotalForecaster,
  type TotalForecasterChoice,
} from "./total-forecaster";
export {
  seriesHistory,
  totalSeries,
  type YearlySeries,
} from "./total-series";
