/**
 * The baseline methods under their backtest names, each applied to every
 * group's column on its own.
 */
import { combination } from "./combination";
import { dampedTrend } from "./damped-trend";
import { seriesMethod, type Method } from "./method";
import {
  DEFAULT_RECENT_YEARS,
  drift,
  naive,
  recentMean,
} from "./simple-baselines";
import { ses } from "./ses";
import { theta } from "./theta";

/** Mean of the last `years` years, named e.g. "mean3". */
export function recentMeanMethod(years = DEFAULT_RECENT_YEARS): Method {
  return seriesMethod(`mean${years}`, (series, horizon) =>
    recentMean(series, horizon, years)
  );
}

/**
 * Every baseline, simplest first: naive, drift, mean3, ses, holt-damped,
 * theta, comb.
 */
export function baselineMethods(): Method[] {
  return [
    seriesMethod("naive", naive),
    seriesMethod("drift", drift),
    recentMeanMethod(),
    seriesMethod("ses", (series, horizon) => ses(series, horizon)),
    seriesMethod("holt-damped", (series, horizon) =>
      dampedTrend(series, horizon)
    ),
    seriesMethod("theta", (series, horizon) => theta(series, horizon)),
    seriesMethod("comb", combination),
  ];
}
