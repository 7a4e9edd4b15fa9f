/**
 * One interface for every forecasting method the backtest compares, the
 * LSTM and the baselines alike: fit on a whole category's history, then
 * forecast all its groups some years ahead.
 */
import type { History } from "../domain/history";

/** A method fitted to one history, ready to forecast past its last year. */
export interface FittedMethod {
  /**
   * Forecasts for the `horizon` years after the last fitted year, as
   * rows[h - 1][group] in the history's group order; counts >= 0.
   *
   * @param horizon years ahead, >= 1, typically 1..5.
   */
  forecast(horizon: number): number[][];
  /** Frees what the fit holds (the LSTM's tensors); call once, at the end. */
  dispose(): void;
}

/** A forecasting method, not yet fitted. */
export interface Method {
  /** Short unique name, used as the key of its scores, e.g. "theta". */
  readonly name: string;
  /**
   * The fewest years of history `fit` accepts; the backtest skips an
   * origin with fewer training years. 1 for the baselines, 5 for the seed
   * LSTM recipe.
   */
  readonly minimumYears: number;
  /** Fits on every year of `history`; it sees nothing later. */
  fit(history: History): Promise<FittedMethod>;
}

/**
 * A forecaster of one series: yearly counts, oldest first, to forecasts
 * for horizons 1..horizon.
 */
export type SeriesForecaster = (
  series: number[],
  horizon: number
) => number[];

/**
 * Turns a one-series forecaster into a Method that forecasts each group's
 * column on its own. Fitting only keeps a copy of the columns: the
 * baselines are cheap enough to fit again at forecast time, which keeps
 * them pure functions of (series, horizon).
 */
export function seriesMethod(
  name: string,
  forecaster: SeriesForecaster
): Method {
  return {
    name,
    minimumYears: 1,
    fit: (history) => {
      const columns = history.groups.map((_, j) =>
        history.values.map((row) => row[j])
      );
      const fitted: FittedMethod = {
        forecast: (horizon) => {
          const perGroup = columns.map((column) =>
            forecaster(column, horizon)
          );
          return Array.from({ length: horizon }, (_, h) =>
            perGroup.map((forecasts) => forecasts[h])
          );
        },
        dispose: () => undefined,
      };
      return Promise.resolve(fitted);
    },
  };
}
