/**
 * The served pipeline as a backtest method and the backtest report the
 * CLI prints, on generated histories with a tiny LSTM.
 */
import { syntheticHistory } from "../../src/data/synthetic-history";
import { historyUpTo, type History } from "../../src/domain/history";
import {
  backtestCategory,
  coverageOf,
  type CategoryBacktest,
  type CategoryBacktestOptions,
  DIFFERENCES_LSTM_METHOD,
  LOGS_LSTM_METHOD,
  SEED_LSTM_METHOD,
  SEED_MEAN_LSTM_METHOD,
  SERVED_METHOD,
  SERVED_UNRECONCILED_METHOD,
} from "../../src/service/category-backtest";
import { servedPipelineMethod } from "../../src/service/served-pipeline";
import { TINY_CONFIG } from "../support/tiny-config";

const years = { fromYear: 1990, toYear: 2015 };
const age = syntheticHistory("age", { ...years, seed: 3 });
const sex = syntheticHistory("sex", { ...years, seed: 4 });


test("the served pipeline sees nothing after the year it is fitted to",
  async () => {
    const forecastWith = async (totalSource: History) => {
      const method = servedPipelineMethod({ config: TINY_CONFIG, totalSource });
      const fitted = await method.fit(historyUpTo(age, 2010));
      try {
        return { rows: fitted.forecast(3), fit: method.fits[0] };
      } finally {
        fitted.dispose();
      }
    };
    // The total's later years are changed beyond recognition: a pipeline
    // fitted up to 2010 must forecast exactly as before.
    const doubled: History = {
      ...sex,
      values: sex.values.map((row, i) =>
        sex.years[i] > 2010 ? row.map((v) => v * 2) : row
      ),
    };
    const plain = await forecastWith(sex);
    const changed = await forecastWith(doubled);
    expect(changed.rows).toEqual(plain.rows);
    expect(plain.fit.lastYear).toBe(2010);
    expect(plain.fit.totalMethod).toEqual(expect.any(String));
    // Scaled to the total forecast from the sex table cut at 2010.
    const sums = plain.rows.map((row) => row.reduce((a, b) => a + b, 0));
    const direct = servedPipelineMethod({
      config: TINY_CONFIG,
      totalSource: null,
    });
    const unscaled = await direct.fit(historyUpTo(age, 2010));
    const unscaledSums = unscaled
      .forecast(3)
      .map((row) => row.reduce((a, b) => a + b, 0));
    unscaled.dispose();
    expect(sums).not.toEqual(unscaledSums);
  });

test("the report scores the pipeline with and without totals", async () => {
  const report = await backtestCategory(age, {
    origins: { count: 2 },
    maxHorizon: 2,
    config: TINY_CONFIG,
    totalSource: sex,
    skipLstmRows: true,
  });
  expect(report.origins).toEqual([2013, 2014]);
  const methods = report.ranking.map((row) => row.method);
  expect(methods).toEqual(
    expect.arrayContaining(["naive", SERVED_METHOD, SERVED_UNRECONCILED_METHOD])
  );
  expect(methods).not.toContain("lstm");
  expect(report.served_choices.map((c) => c.origin)).toEqual([2013, 2014]);
  expect(report.reconciliation_mase_change).toEqual(expect.any(Number));
  // 2013 is scored on 2 years and 2014 on 1, every group, each level.
  const scored = 3 * age.groups.length;
  for (const level of ["80", "95"]) {
    expect(report.served_coverage[level].total).toBe(scored);
  }
});

/** The report from the last origin only, one year ahead, no totals. */
function lastOriginReport(
  overrides: Partial<CategoryBacktestOptions> = {}
): Promise<CategoryBacktest> {
  return backtestCategory(age, {
    origins: { count: 1 },
    maxHorizon: 1,
    config: TINY_CONFIG,
    totalSource: null,
    ...overrides,
  });
}

test("the LSTM rows: the service's, its differences twin, the seed's",
  async () => {
    const report = await lastOriginReport();
    const lstmRows = report.ranking
      .map((row) => row.method)
      .filter((method) => method.includes("lstm"));
    expect(lstmRows.sort()).toEqual(
      ["lstm", DIFFERENCES_LSTM_METHOD, SEED_LSTM_METHOD].sort()
    );
    // Levels and differences are different networks, so their scores
    // differ.
    const mase = (method: string) =>
      report.ranking.find((row) => row.method === method)?.mase;
    expect(mase(DIFFERENCES_LSTM_METHOD)).not.toBe(mase("lstm"));
  });

test("--lstm-variants adds the logs and seed-mean rows", async () => {
  const report = await lastOriginReport({ lstmVariants: true });
  const methods = report.ranking.map((row) => row.method);
  expect(methods).toEqual(
    expect.arrayContaining([LOGS_LSTM_METHOD, SEED_MEAN_LSTM_METHOD])
  );
});

test("a configuration of differences gets no second differences row",
  async () => {
    const report = await lastOriginReport({
      config: { ...TINY_CONFIG, inputs: "differences" },
    });
    const methods = report.ranking.map((row) => row.method);
    expect(methods).toContain("lstm");
    expect(methods).not.toContain(DIFFERENCES_LSTM_METHOD);
  });

test("coverage counts the actual counts inside each band", () => {
  const history: History = {
    years: [2000, 2001, 2002],
    groups: ["a", "b"],
    values: [[1, 1], [10, 20], [30, 40]],
  };
  const coverage = coverageOf(
    history,
    [
      {
        lastYear: 2000,
        chosen: "naive",
        totalMethod: null,
        intervals: {
          "80": {
            lower: [[5, 25], [0, 0]],
            upper: [[15, 30], [100, 39]],
          },
        },
      },
    ],
    3
  );
  // 2001: a in [5, 15] yes, b in [25, 30] no; 2002: a yes, b no.
  expect(coverage).toEqual({
    "80": { covered: 2, total: 4, coverage: 0.5 },
  });
});
