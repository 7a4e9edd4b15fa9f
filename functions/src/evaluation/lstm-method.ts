/**
 * The service's LSTM as a backtest Method. trainForecaster fits its
 * scaler on the history it is given, so fitting on the years up to an
 * origin lets nothing from later years leak into the forecast.
 */
import type * as tf from "@tensorflow/tfjs";
import {
  forecast,
  minimumTrainingYears,
  trainForecaster,
  type ForecastConfig,
} from "../ml";
import type { FittedMethod, Method } from "./method";

/**
 * An LSTM trained with `config` on each fit, named `name` (default
 * "lstm:" + config.name). Its forecasts are whole counts, as the service
 * serves them. Training is seeded by config.seed, so a rerun gives the
 * same scores. Each fit owns a model until dispose().
 */
export function lstmMethod(config: ForecastConfig, name?: string): Method {
  const needed = minimumTrainingYears(config);
  if (needed === null) {
    throw new RangeError(
      `the window rule of config "${config.name}" never yields enough ` +
        "windows to train on"
    );
  }
  return {
    name: name ?? `lstm:${config.name}`,
    minimumYears: needed,
    fit: async (history) => {
      const trained = await trainForecaster(history, config);
      let model: tf.LayersModel | null = trained.model;
      const fitted: FittedMethod = {
        forecast: (horizon) => {
          if (model === null) {
            throw new Error("this LSTM fit was disposed; fit again");
          }
          return forecast(model, trained.preprocessing, horizon).map(
            (year) => history.groups.map((group) => year.predictions[group])
          );
        },
        dispose: () => {
          model?.dispose();
          model = null;
        },
      };
      return fitted;
    },
  };
}
