/**
 * Equal-weight averages of one-series forecasters. Cheap, and averaging
 * two methods whose errors differ often beats both: naive reacts to the
 * last year at once, a recent mean or Theta lags or trends.
 */
import type { SeriesForecaster } from "./method";

/**
 * The forecaster whose forecast for each horizon is the mean of the
 * members' forecasts. Members clip at 0, so the mean is >= 0 too.
 */
export function averageForecasters(
  members: readonly SeriesForecaster[]
): SeriesForecaster {
  if (members.length === 0) {
    throw new RangeError("an average needs at least one forecaster");
  }
  return (series, horizon) => {
    const forecasts = members.map((member) => member(series, horizon));
    return Array.from(
      { length: horizon },
      (_, h) =>
        forecasts.reduce((sum, forecast) => sum + forecast[h], 0) /
        members.length
    );
  };
}
