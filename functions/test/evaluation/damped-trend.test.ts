import {
  DAMPED_BOUNDS,
  dampedTrend,
  fitDamped,
  smoothDamped,
} from "../../src/evaluation/damped-trend";

const FIXED = { alpha: 0.5, beta: 0.5, phi: 0.8 };

describe("smoothDamped", () => {
  test("runs the recursions as worked out by hand", () => {
    // Start from the first two years: level 12, slope 12 - 10 = 2.
    // 15: forecast 12 + 0.8 * 2 = 13.6, error 1.4,
    //     level 13.6 + 0.7 = 14.3,
    //     slope 0.5 * (14.3 - 12) + 0.5 * 0.8 * 2 = 1.15 + 0.8 = 1.95.
    // 15: forecast 14.3 + 0.8 * 1.95 = 15.86, error -0.86,
    //     level 15.86 - 0.43 = 15.43,
    //     slope 0.5 * (15.43 - 14.3) + 0.5 * 0.8 * 1.95 = 1.345.
    // SSE = 1.4^2 + 0.86^2 = 1.96 + 0.7396 = 2.6996.
    const fit = smoothDamped([10, 12, 15, 15], FIXED);
    expect(fit.level).toBeCloseTo(15.43, 10);
    expect(fit.trend).toBeCloseTo(1.345, 10);
    expect(fit.sse).toBeCloseTo(2.6996, 10);
  });
});

describe("dampedTrend", () => {
  test("adds a slope that fades by phi per year", () => {
    // 15.43 + 0.8 * 1.345 = 16.506;
    // + 0.64 * 1.345 = 17.3668; + 0.512 * 1.345 = 18.05544.
    const forecasts = dampedTrend([10, 12, 15, 15], 3, FIXED);
    expect(forecasts[0]).toBeCloseTo(16.506, 10);
    expect(forecasts[1]).toBeCloseTo(17.3668, 10);
    expect(forecasts[2]).toBeCloseTo(18.05544, 10);
  });

  test("clips a falling forecast at zero", () => {
    // alpha = beta = 1: level 50, slope -50; 10: forecast 50 - 45 = 5,
    // level 10, slope 10 - 50 = -40. Next: 10 - 0.9 * 40 = -26 → 0.
    const parameters = { alpha: 1, beta: 1, phi: 0.9 };
    expect(dampedTrend([100, 50, 10], 2, parameters)).toEqual([0, 0]);
  });

  test("forecasts a constant series by the constant", () => {
    expect(dampedTrend([8, 8, 8, 8, 8], 3)).toEqual([8, 8, 8]);
  });

  test("extends two years by their damped difference", () => {
    // Nothing to fit: phi 0.98, level 12, slope 2.
    // 12 + 0.98 * 2 = 13.96; 12 + (0.98 + 0.9604) * 2 = 15.8808.
    const forecasts = dampedTrend([10, 12], 2);
    expect(forecasts[0]).toBeCloseTo(13.96, 10);
    expect(forecasts[1]).toBeCloseTo(15.8808, 10);
  });

  test("forecasts one year by that year", () => {
    expect(dampedTrend([4], 2)).toEqual([4, 4]);
  });
});

describe("fitDamped", () => {
  const series = [100, 112, 119, 135, 141, 150, 148, 162, 171, 169, 180];

  test("keeps its parameters within the bounds", () => {
    const fit = fitDamped(series);
    for (const name of ["alpha", "beta", "phi"] as const) {
      expect(fit[name]).toBeGreaterThanOrEqual(DAMPED_BOUNDS[name].lo);
      expect(fit[name]).toBeLessThanOrEqual(DAMPED_BOUNDS[name].hi);
    }
  });

  test("beats every point of a 10 x 10 x 10 grid", () => {
    const fitted = fitDamped(series).sse;
    let gridBest = Infinity;
    const steps = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const within = (b: { lo: number; hi: number }, i: number) =>
      b.lo + ((b.hi - b.lo) * i) / 9;
    for (const a of steps) {
      for (const b of steps) {
        for (const p of steps) {
          const sse = smoothDamped(series, {
            alpha: within(DAMPED_BOUNDS.alpha, a),
            beta: within(DAMPED_BOUNDS.beta, b),
            phi: within(DAMPED_BOUNDS.phi, p),
          }).sse;
          gridBest = Math.min(gridBest, sse);
        }
      }
    }
    expect(fitted).toBeLessThanOrEqual(gridBest + 1e-9);
  });

  test("is deterministic", () => {
    expect(fitDamped(series)).toEqual(fitDamped(series));
  });
});
