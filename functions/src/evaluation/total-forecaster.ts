/**
 * Chooses how to forecast a category total, by the same rolling-origin
 * backtest and the same criterion (chooseMethod) as the groups: the total
 * is wrapped as a History of one group.
 */
import {
  backtest,
  type BacktestOptions,
  type BacktestResult,
} from "./backtest";
import { baselineForecasters, type NamedForecaster } from "./baselines";
import {
  chooseMethod,
  type ChooseMethodOptions,
  type MethodChoice,
} from "./choose-method";
import { seriesMethod, type SeriesForecaster } from "./method";
import { seriesHistory, type YearlySeries } from "./total-series";

/** The total's forecaster and the evidence for it. */
export interface TotalForecasterChoice {
  name: string;
  forecaster: SeriesForecaster;
  choice: MethodChoice;
  result: BacktestResult;
}

/**
 * Backtests each candidate (default: every baseline) on `total` and
 * returns the one with the lowest pooled MASE.
 *
 * @param total yearly totals with consecutive years, e.g. the sex table's.
 * @param options origins and horizon, as for backtest.
 * @param choose how to choose, as for chooseMethod (e.g. an incumbent).
 */
export async function chooseTotalForecaster(
  total: YearlySeries,
  candidates: readonly NamedForecaster[] = baselineForecasters(),
  options: BacktestOptions = {},
  choose: ChooseMethodOptions = {}
): Promise<TotalForecasterChoice> {
  const methods = candidates.map(({ name, forecaster }) =>
    seriesMethod(name, forecaster)
  );
  const result = await backtest(seriesHistory(total), methods, options);
  const choice = chooseMethod(result, choose);
  const chosen = candidates.find(({ name }) => name === choice.method);
  if (chosen === undefined) throw new Error("chosen an unknown forecaster");
  return { name: chosen.name, forecaster: chosen.forecaster, choice, result };
}
