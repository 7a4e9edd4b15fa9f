import type { History } from "../../src/domain/history";
import {
  backtest,
  type BacktestResult,
  type ForecastError,
} from "../../src/evaluation/backtest";
import { baselineMethods } from "../../src/evaluation/baselines";
import {
  applyIntervals,
  buildIntervalModel,
} from "../../src/evaluation/empirical-intervals";
import { intervalCoverage } from "../../src/evaluation/interval-coverage";

function err(origin: number, forecast: number, actual: number) {
  return {
    method: "m",
    origin,
    horizon: 1,
    year: origin + 1,
    group: "A",
    forecast,
    actual,
    error: forecast - actual,
    relativeError: null,
    scale: null,
  } satisfies ForecastError;
}

// Two exact forecasts and one of 9 for an actual of 99 (e = -ln 10).
const result: BacktestResult = {
  origins: [2001, 2002, 2003],
  maxHorizon: 1,
  methods: ["m"],
  table: [],
  errors: [err(2001, 9, 9), err(2002, 9, 9), err(2003, 9, 99)],
  skipped: [],
};

describe("intervalCoverage", () => {
  test("checks each origin against the other origins' errors only", () => {
    // Leaving out 2001: e = [-ln 10, 0], 80 % → [-0.9 ln 10, -0.1 ln 10],
    // so F = 9 gives [10 * 10^0.1 - 1, 10 * 10^0.9 - 1] = [11.6, 78.4]:
    // 9 is outside; 2002 likewise. Leaving out 2003: e = [0, 0], the
    // interval is [9, 9] and 99 is outside. 0 of 3.
    const report = intervalCoverage(result, "m", { levels: [80] });
    expect(report.overall["80"]).toEqual({
      covered: 0,
      total: 3,
      coverage: 0,
    });
    expect(report.byHorizon[0].levels["80"].total).toBe(3);

    // In sample, e = [-ln 10, 0, 0] gives [9, 62.1] and covers the two
    // exact ones: the optimism leaving one out removes.
    const model = buildIntervalModel(result, "m", { levels: [80] });
    const bands = applyIntervals([[9]], model)["80"];
    expect(bands.lower[0][0]).toBeCloseTo(9, 10);
    expect(bands.upper[0][0]).toBeCloseTo(10 * 10 ** 0.8 - 1, 10);
  });

  test("counts every origin, horizon and group of a backtest", async () => {
    const history: History = {
      years: Array.from({ length: 12 }, (_, i) => 2000 + i),
      groups: ["A", "B", "C"],
      values: Array.from({ length: 12 }, (_, i) => [
        100 + 10 * i + (i % 3) * 7,
        50 + ((i * 13) % 9),
        i % 2 === 0 ? 0 : 3,
      ]),
    };
    const run = await backtest(history, baselineMethods(), {
      origins: { count: 5 },
      maxHorizon: 3,
    });
    const report = intervalCoverage(run, "theta");
    expect(report.levels).toEqual([80, 95]);
    // Origins 2006..2010; 2010 + 2 is past the end: 3 + 3 + 3 + 2 + 1
    // horizons scored, times 3 groups.
    expect(report.overall["80"].total).toBe(36);
    const perHorizon = report.byHorizon.map((h) => h.levels["95"].total);
    expect(perHorizon).toEqual([15, 12, 9]);
    for (const key of ["80", "95"]) {
      const { covered, total, coverage } = report.overall[key];
      expect(coverage).toBeCloseTo(covered / total, 12);
    }
    expect(report.overall["95"].covered).toBeGreaterThanOrEqual(
      report.overall["80"].covered
    );
  });

  test("needs two origins and a backtested method", () => {
    const one = { ...result, errors: result.errors.slice(0, 1) };
    expect(() => intervalCoverage(one, "m")).toThrow(/two origins/);
    expect(() => intervalCoverage(result, "x")).toThrow(/not backtested/);
  });
});
