import {
  fitSes,
  ses,
  SES_ALPHA_BOUNDS,
  smoothSes,
} from "../../src/evaluation/ses";

describe("smoothSes", () => {
  test("moves the level by alpha of each one-step error", () => {
    // alpha 0.5, level starts at 10:
    // 14: error 4, level 10 + 2 = 12; 12: error 0, level 12;
    // 16: error 4, level 12 + 2 = 14. SSE = 16 + 0 + 16 = 32.
    expect(smoothSes([10, 14, 12, 16], 0.5)).toEqual({
      alpha: 0.5,
      level: 14,
      sse: 32,
    });
  });
});

describe("ses", () => {
  test("forecasts the final level for every horizon", () => {
    expect(ses([10, 14, 12, 16], 3, 0.5)).toEqual([14, 14, 14]);
  });

  test("with alpha 1 is naive and with alpha 0 the first year", () => {
    expect(ses([10, 14, 12, 16], 1, 1)).toEqual([16]);
    expect(ses([10, 14, 12, 16], 1, 0)).toEqual([10]);
  });

  test("forecasts a constant series by the constant", () => {
    expect(ses([7, 7, 7, 7], 3)).toEqual([7, 7, 7]);
  });

  test("forecasts short series by their last year", () => {
    expect(ses([7], 2)).toEqual([7, 7]);
    expect(ses([7, 9], 1)).toEqual([9]);
  });

  test.each([-0.1, 1.1, NaN])("refuses alpha %p", (alpha) => {
    expect(() => ses([1, 2, 3], 1, alpha)).toThrow(RangeError);
  });
});

describe("fitSes", () => {
  test("finds an interior alpha worked out by hand", () => {
    // [0, 10, 5]: errors 10 and 5 - 10 alpha, so
    // SSE = 100 + (5 - 10 alpha)^2, least at alpha = 0.5 (level 5).
    const fit = fitSes([0, 10, 5]);
    expect(fit.alpha).toBeCloseTo(0.5, 5);
    expect(fit.level).toBeCloseTo(5, 4);
    expect(fit.sse).toBeCloseTo(100, 6);
  });

  test("stops at the upper bound when the last value is best", () => {
    // [0, 10, 10]: SSE = 100 + 100 (1 - alpha)^2, falling up to alpha 1.
    expect(fitSes([0, 10, 10]).alpha).toBeCloseTo(SES_ALPHA_BOUNDS.hi, 5);
  });

  test("beats every alpha of a fine grid", () => {
    const series = [120, 135, 128, 150, 149, 170, 160, 181, 175];
    let gridBest = Infinity;
    for (let i = 1; i < 1000; i++) {
      gridBest = Math.min(gridBest, smoothSes(series, i / 1000).sse);
    }
    expect(fitSes(series).sse).toBeLessThanOrEqual(gridBest + 1e-9);
  });
});
