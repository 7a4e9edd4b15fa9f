/**
 * The baseline methods under their backtest names, each applied to every
 * group's column on its own.
 */
import { averageForecasters } from "./average-forecaster";
import { combination } from "./combination";
import { dampedTrend } from "./damped-trend";
import { seriesMethod, type Method, type SeriesForecaster } from "./method";
import {
  DEFAULT_RECENT_YEARS,
  drift,
  naive,
  recentMean,
} from "./simple-baselines";
import { ses } from "./ses";
import { theta } from "./theta";

/** A one-series forecaster under its backtest name. */
export interface NamedForecaster {
  name: string;
  forecaster: SeriesForecaster;
}

/** Mean of the last `years` years, named e.g. "mean3". */
export function recentMeanMethod(years = DEFAULT_RECENT_YEARS): Method {
  return seriesMethod(`mean${years}`, recentMeanForecaster(years));
}

/**
 * Every baseline's one-series forecaster, simplest first: naive, drift,
 * mean3, ses, holt-damped, theta, comb, naive-mean3. The last, the mean
 * of naive and mean3, was added because on the CFO tables (origins
 * 2006-2011, horizons 1-4) it beat naive's pooled MASE for education and
 * occupation, where no other baseline did, and led in three more.
 */
export function baselineForecasters(): NamedForecaster[] {
  return [
    { name: "naive", forecaster: naive },
    { name: "drift", forecaster: drift },
    {
      name: `mean${DEFAULT_RECENT_YEARS}`,
      forecaster: recentMeanForecaster(DEFAULT_RECENT_YEARS),
    },
    { name: "ses", forecaster: (series, horizon) => ses(series, horizon) },
    {
      name: "holt-damped",
      forecaster: (series, horizon) => dampedTrend(series, horizon),
    },
    {
      name: "theta",
      forecaster: (series, horizon) => theta(series, horizon),
    },
    { name: "comb", forecaster: combination },
    {
      name: `naive-mean${DEFAULT_RECENT_YEARS}`,
      forecaster: averageForecasters([
        naive,
        recentMeanForecaster(DEFAULT_RECENT_YEARS),
      ]),
    },
  ];
}

/** Every baseline as a per-group Method, in baselineForecasters order. */
export function baselineMethods(): Method[] {
  return baselineForecasters().map(({ name, forecaster }) =>
    seriesMethod(name, forecaster)
  );
}

function recentMeanForecaster(years: number): SeriesForecaster {
  return (series, horizon) => recentMean(series, horizon, years);
}
