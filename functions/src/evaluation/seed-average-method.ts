/**
 * The mean forecast of LSTMs that differ only in their seed. A network
 * trained on 20-30 yearly windows depends a lot on its starting weights;
 * averaging several takes out part of that luck, at several times the
 * training cost. The backtest measures whether that is worth it.
 */
import type { ForecastConfig } from "../ml";
import { lstmMethod } from "./lstm-method";
import type { FittedMethod, Method } from "./method";

/**
 * A Method that trains `config` once per seed on each fit and forecasts
 * the mean of their forecasts (not rounded: each member's forecast is
 * whole, their mean need not be). The fits run one after another, in the
 * order of `seeds`, so a rerun gives the same scores.
 */
export function seedAverageMethod(
  config: ForecastConfig,
  seeds: readonly number[],
  name: string
): Method {
  if (seeds.length === 0) {
    throw new RangeError("a seed average needs at least one seed");
  }
  const members = seeds.map((seed) =>
    lstmMethod({ ...config, seed, name: `${config.name}-s${seed}` })
  );
  return {
    name,
    minimumYears: members[0].minimumYears,
    fit: async (history) => {
      const fitted: FittedMethod[] = [];
      try {
        for (const member of members) fitted.push(await member.fit(history));
      } catch (error) {
        fitted.forEach((fit) => fit.dispose());
        throw error;
      }
      return {
        forecast: (horizon) =>
          meanOfRows(fitted.map((fit) => fit.forecast(horizon))),
        dispose: () => fitted.forEach((fit) => fit.dispose()),
      };
    },
  };
}

/** Cell by cell mean of equally shaped tables. */
function meanOfRows(tables: number[][][]): number[][] {
  return tables[0].map((row, h) =>
    row.map(
      (_, j) =>
        tables.reduce((sum, table) => sum + table[h][j], 0) / tables.length
    )
  );
}
