/**
 * The forecast a new version stores: the LSTM's, and the chosen method's
 * when the backtest chose another, each with intervals from its own
 * backtest errors.
 */
import { MAX_YEARS_AHEAD } from "../domain/forecast-horizon";
import type { History } from "../domain/history";
import { applyIntervals, type IntervalModel } from "../evaluation";
import type { ForecastConfig } from "../ml/config";
import type { TrainedForecaster } from "../ml/forecaster";
import type {
  StoredForecast,
  StoredMethodForecast,
} from "../storage/forecast-json";
import {
  LSTM_METHOD,
  methodNamed,
  type CategoryEvaluation,
} from "./category-evaluation";
import { lstmRows } from "./model-forecasts";

export async function versionForecast(
  history: History,
  trained: TrainedForecaster,
  evaluation: CategoryEvaluation | null,
  config: ForecastConfig
): Promise<StoredForecast> {
  const intervalsFor = (method: string, values: number[][]) => {
    const model: IntervalModel | undefined =
      evaluation?.interval_models[method];
    return model ? applyIntervals(values, model) : null;
  };
  const lstm = lstmRows(trained.model, trained.preprocessing);
  const methods: Record<string, StoredMethodForecast> = {
    [LSTM_METHOD]: { values: lstm, intervals: intervalsFor(LSTM_METHOD, lstm) },
  };
  const chosen = evaluation?.chosen ?? LSTM_METHOD;
  if (chosen !== LSTM_METHOD) {
    const method = methodNamed(chosen, config);
    if (!method) throw new Error(`the backtest chose an unknown "${chosen}"`);
    const fitted = await method.fit(history);
    try {
      const values = fitted.forecast(MAX_YEARS_AHEAD);
      methods[chosen] = { values, intervals: intervalsFor(chosen, values) };
    } finally {
      fitted.dispose();
    }
  }
  return {
    formatVersion: 2,
    lastHistoryYear: history.years[history.years.length - 1],
    groups: [...history.groups],
    chosen,
    methods,
  };
}
