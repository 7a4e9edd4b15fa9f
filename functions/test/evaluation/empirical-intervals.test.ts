import type { ForecastError } from "../../src/evaluation/backtest";
import type { BacktestResult } from "../../src/evaluation/backtest";
import {
  applyIntervals,
  buildIntervalModel,
  intervalModelFromErrors,
  logRatioError,
  type IntervalModel,
} from "../../src/evaluation/empirical-intervals";

/** A backtest error with only the fields the intervals read. */
function err(horizon: number, forecast: number, actual: number) {
  return {
    method: "m",
    origin: 2000,
    horizon,
    year: 2000 + horizon,
    group: "A",
    forecast,
    actual,
    error: forecast - actual,
    relativeError: null,
    scale: null,
  } satisfies ForecastError;
}

const L = Math.log(2);

// A method that over-forecasts: (F + 1) / (A + 1) is 1, 2, 2, 4, 4, so
// e = ln of that is 0, L, L, 2L, 2L with L = ln 2.
const OVER = [err(1, 19, 19), err(1, 19, 9), err(1, 19, 9)];
OVER.push(err(1, 39, 9), err(1, 39, 9));

describe("logRatioError", () => {
  test("is ln((F + 1) / (A + 1)), defined for zero counts", () => {
    expect(logRatioError(0, 0)).toBe(0);
    expect(logRatioError(3, 1)).toBeCloseTo(L, 12);
  });
});

describe("intervalModelFromErrors", () => {
  test("takes central type-7 quantiles of the log ratios", () => {
    const model = intervalModelFromErrors(OVER, 1, {
      levels: [50],
      minSamples: 5,
    });
    // 50 %: p = 0.25 and 0.75, positions 1 and 3 of [0, L, L, 2L, 2L].
    expect(model.levels).toEqual([50]);
    expect(model.byHorizon).toHaveLength(1);
    const [h1] = model.byHorizon;
    expect(h1).toMatchObject({ horizon: 1, samples: 5, borrowedFrom: null });
    expect(h1.q["50"][0]).toBeCloseTo(L, 12);
    expect(h1.q["50"][1]).toBeCloseTo(2 * L, 12);
  });

  test("puts an over-forecaster's interval below its forecast", () => {
    const model = intervalModelFromErrors(OVER, 1, {
      levels: [50],
      minSamples: 5,
    });
    // F = 39: lower = 40 exp(-2L) - 1 = 40 / 4 - 1 = 9,
    // upper = 40 exp(-L) - 1 = 40 / 2 - 1 = 19.
    const bands = applyIntervals([[39]], model);
    expect(bands["50"].lower[0][0]).toBeCloseTo(9, 10);
    expect(bands["50"].upper[0][0]).toBeCloseTo(19, 10);
  });

  test("clips the lower bound at zero", () => {
    // e in [-L, L] symmetric: F = 0 gives lower 0.5 - 1 < 0 → 0, upper 1.
    const model: IntervalModel = {
      levels: [80],
      byHorizon: [
        { horizon: 1, samples: 9, borrowedFrom: null, q: { "80": [-L, L] } },
      ],
    };
    const bands = applyIntervals([[0]], model);
    expect(bands["80"].lower[0][0]).toBe(0);
    expect(bands["80"].upper[0][0]).toBeCloseTo(1, 12);
  });

  test("a thin horizon borrows the one before it", () => {
    const errors = [...OVER, err(2, 9, 9)];
    const model = intervalModelFromErrors(errors, 3, { minSamples: 5 });
    expect(model.byHorizon.map((h) => [h.samples, h.borrowedFrom])).toEqual([
      [5, null],
      [1, 1],
      [0, 1],
    ]);
    expect(model.byHorizon[2].q).toEqual(model.byHorizon[0].q);
  });

  test("widens a horizon so widths never shrink", () => {
    // Horizon 2 errors are all 0: its own 80 % interval would be [0, 0].
    const h2 = Array.from({ length: 5 }, () => err(2, 9, 9));
    const model = intervalModelFromErrors([...OVER, ...h2], 2, {
      minSamples: 5,
    });
    const [first, second] = model.byHorizon;
    for (const level of ["80", "95"]) {
      const [lo1, hi1] = first.q[level];
      const [lo2, hi2] = second.q[level];
      expect(lo2).toBe(Math.min(lo1, 0));
      expect(hi2).toBe(hi1);
      expect(hi2 - lo2).toBeGreaterThanOrEqual(hi1 - lo1);
    }
    expect(second.borrowedFrom).toBeNull();
  });

  test("is plain JSON", () => {
    const model = intervalModelFromErrors(OVER, 2, { minSamples: 5 });
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    expect(Object.keys(model.byHorizon[0].q)).toEqual(["80", "95"]);
  });

  test("refuses bad levels and a first horizon without errors", () => {
    expect(() => intervalModelFromErrors(OVER, 1, { levels: [100] })).toThrow(
      RangeError
    );
    expect(() => intervalModelFromErrors([err(2, 1, 1)], 2)).toThrow(
      /horizon 1/
    );
  });
});

describe("applyIntervals", () => {
  test("gives every level [h][group] bounds, reusing the last horizon", () => {
    const model = intervalModelFromErrors(OVER, 1, { minSamples: 5 });
    const bands = applyIntervals(
      [
        [39, 19],
        [39, 19],
      ],
      model
    );
    expect(Object.keys(bands)).toEqual(["80", "95"]);
    for (const { lower, upper } of Object.values(bands)) {
      expect(lower).toHaveLength(2);
      expect(lower[1]).toEqual(lower[0]);
      lower.forEach((row, h) =>
        row.forEach((value, g) => expect(value).toBeLessThan(upper[h][g]))
      );
    }
  });
});

describe("buildIntervalModel", () => {
  // Two origins: the old one erred by a factor of 4, the recent one not
  // at all. Only the recent one should size the bands when asked.
  const at = (origin: number, forecast: number, method = "m") => ({
    ...err(1, forecast, 9),
    origin,
    method,
  });
  const result: BacktestResult = {
    origins: [2000, 2001],
    maxHorizon: 1,
    methods: ["m", "other"],
    table: [],
    errors: [at(2000, 39), at(2000, 39), at(2001, 9), at(2001, 9),
      at(2001, 99, "other")],
    skipped: [],
  };

  test("pools every origin of the method by default", () => {
    const [lo, hi] = buildIntervalModel(result, "m", { minSamples: 1 })
      .byHorizon[0].q["80"];
    expect(lo).toBeCloseTo(0);
    expect(hi).toBeCloseTo(2 * L);
  });

  test("keeps the last origins only with recentOrigins", () => {
    const model = buildIntervalModel(result, "m", {
      minSamples: 1,
      recentOrigins: 1,
    });
    expect(model.byHorizon[0].samples).toBe(2);
    expect(model.byHorizon[0].q["80"]).toEqual([0, 0]);
  });

  test.each([0, 1.5])("refuses recentOrigins %p", (recentOrigins) => {
    expect(() => buildIntervalModel(result, "m", { recentOrigins })).toThrow(
      /recentOrigins must be a whole number >= 1/
    );
  });
});
