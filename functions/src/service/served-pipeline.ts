/**
 * The whole serving pipeline as one backtest Method, so that a backtest
 * can score what users actually get rather than the method that happened
 * to win on the very origins being scored. Fitted on the years up to an
 * origin, it does what a training does on those years and nothing more:
 * backtests every candidate on them (inner origins), fits the winner,
 * and scales its forecast to the yearly total forecast from the total's
 * table cut at the same year. The choice, the intervals and the total
 * are therefore out of sample at every outer origin.
 */
import type { CategoryEvaluation } from "../domain/category-evaluation";
import { historyUpTo, type History } from "../domain/history";
import { historyHash } from "../domain/history-hash";
import { LSTM_METHOD } from "../domain/served-methods";
import {
  applyIntervals,
  scaleIntervals,
  scaleToTotal,
  type FittedMethod,
  type IntervalBands,
  type Method,
} from "../evaluation";
import { minimumTrainingYears, type ForecastConfig } from "../ml";
import { evaluateCategory, methodNamed } from "./category-evaluation";
import { forecastTotal } from "./coherent-totals";

/** What one fit of the pipeline decided, for reports. */
export interface PipelineFit {
  /** Last year the fit saw (the backtest's origin). */
  lastYear: number;
  /** The method the inner backtest chose. */
  chosen: string;
  /** The total's forecaster, or null when the forecast was not scaled. */
  totalMethod: string | null;
  /** The served bands for horizons 1..H, or null without a backtest. */
  intervals: IntervalBands | null;
}

export interface ServedPipelineOptions {
  /** The LSTM candidate's configuration (the service's). */
  config: ForecastConfig;
  /**
   * The table whose yearly sums are the total (the sex table); null to
   * serve unscaled, as with reconciliation switched off.
   */
  totalSource: History | null;
  /** Method name; default "served". */
  name?: string;
  /** Forecast years the recorded intervals cover; default 5. */
  horizon?: number;
  /**
   * Shared between pipelines fitted on the same histories (say, with and
   * without totals) so that each inner backtest runs once, keyed by the
   * history's hash.
   */
  evaluations?: Map<string, Promise<CategoryEvaluation | null>>;
}

/** A Method that also reports what each of its fits chose. */
export interface ServedPipelineMethod extends Method {
  readonly fits: PipelineFit[];
}

export function servedPipelineMethod(
  options: ServedPipelineOptions
): ServedPipelineMethod {
  const { config, totalSource } = options;
  const fits: PipelineFit[] = [];
  const recordHorizon = options.horizon ?? 5;
  return {
    name: options.name ?? "served",
    // The inner backtest needs a few origins beyond what the LSTM needs;
    // with fewer years the service serves the LSTM without a backtest.
    minimumYears: minimumTrainingYears(config) ?? 3,
    fits,
    fit: async (history) => {
      const lastYear = history.years[history.years.length - 1];
      const evaluation = await evaluationOf(history, config, options);
      const chosen = evaluation?.chosen ?? LSTM_METHOD;
      const method = methodNamed(chosen, config);
      if (!method) throw new Error(`the backtest chose an unknown "${chosen}"`);
      const total = totalSource
        ? await forecastTotal(historyUpTo(totalSource, lastYear), new Date(0))
        : null;
      const usable =
        total !== null && total.last_history_year === lastYear ? total : null;
      const fitted = await method.fit(history);

      const scaled = (rows: number[][]) =>
        usable ? scaleToTotal(rows, usable.totals.slice(0, rows.length)) : null;
      const intervalModel = evaluation?.interval_models[chosen];
      let intervals: IntervalBands | null = null;
      if (intervalModel) {
        const rows = fitted.forecast(recordHorizon);
        const bands = applyIntervals(rows, intervalModel);
        const factors = scaled(rows);
        intervals = factors ? scaleIntervals(bands, factors) : bands;
      }
      fits.push({
        lastYear,
        chosen,
        totalMethod: usable?.method ?? null,
        intervals,
      });
      const pipeline: FittedMethod = {
        forecast: (horizon) => {
          const rows = fitted.forecast(horizon);
          return scaled(rows)?.values ?? rows;
        },
        dispose: () => fitted.dispose(),
      };
      return pipeline;
    },
  };
}

/** The inner backtest of `history`, run once per evaluations cache. */
function evaluationOf(
  history: History,
  config: ForecastConfig,
  options: ServedPipelineOptions
): Promise<CategoryEvaluation | null> {
  // The date only stamps the stored figures; it changes no number.
  const run = () => evaluateCategory(history, config, new Date(0));
  const cache = options.evaluations;
  if (!cache) return run();
  const key = historyHash(history);
  let pending = cache.get(key);
  if (!pending) {
    pending = run();
    cache.set(key, pending);
  }
  return pending;
}

