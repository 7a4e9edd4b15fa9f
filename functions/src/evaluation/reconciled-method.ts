/**
 * A Method wrapper that reconciles another method's forecasts to a
 * separately forecast total, so the backtest can say whether coherent
 * totals also forecast better.
 */
import type { FittedMethod, Method, SeriesForecaster } from "./method";
import { scaleToTotal } from "./reconcile";
import type { YearlySeries } from "./total-series";

/**
 * `inner` with each forecast year scaled to a forecast of `total`. Fitted
 * on a history, it fits `inner` on that history and forecasts the total
 * from `total` cut at the history's last year, so in a backtest neither
 * sees a later year. The total may start earlier than the history (the
 * sex table, from 1981, for a table from 1988): it only has to reach the
 * history's last year.
 *
 * Forecasts are scaled but not rounded (scaleToTotal): the backtest
 * scores unrounded forecasts of every method, and rounding would add
 * noise of up to a unit per group. Serving rounds with reconcileToTotal.
 *
 * @param total yearly totals, e.g. totalSeries of the sex table.
 * @param totalForecaster forecasts the cut total, e.g. theta.
 * @param name default `${inner.name}+total`.
 */
export function reconciledMethod(
  inner: Method,
  total: YearlySeries,
  totalForecaster: SeriesForecaster,
  name = `${inner.name}+total`
): Method {
  if (total.years.length !== total.series.length) {
    throw new RangeError(
      `the total has ${total.years.length} years but ` +
        `${total.series.length} values`
    );
  }
  return {
    name,
    minimumYears: inner.minimumYears,
    fit: async (history) => {
      const lastYear = history.years[history.years.length - 1];
      const cut = total.years.indexOf(lastYear) + 1;
      if (cut === 0) {
        throw new RangeError(
          `${name}: the total has no year ${lastYear} to forecast from`
        );
      }
      const known = total.series.slice(0, cut);
      const fitted = await inner.fit(history);
      const reconciled: FittedMethod = {
        forecast: (horizon) =>
          scaleToTotal(
            fitted.forecast(horizon),
            totalForecaster(known, horizon)
          ).values,
        dispose: () => fitted.dispose(),
      };
      return reconciled;
    },
  };
}
