import { smoothSes } from "../../src/evaluation/ses";
import { fitTrendLine, theta } from "../../src/evaluation/theta";

describe("fitTrendLine", () => {
  test("is the least-squares line over t = 1..n", () => {
    // [1, 3, 2, 4]: mean t 2.5, mean y 2.5;
    // t deviations -1.5 -0.5 0.5 1.5, y deviations -1.5 0.5 -0.5 1.5;
    // slope (2.25 - 0.25 - 0.25 + 2.25) / (2.25 + 0.25 + 0.25 + 2.25)
    //   = 4 / 5 = 0.8; intercept 2.5 - 0.8 * 2.5 = 0.5.
    const line = fitTrendLine([1, 3, 2, 4]);
    expect(line.slope).toBeCloseTo(0.8, 12);
    expect(line.intercept).toBeCloseTo(0.5, 12);
  });

  test("is flat through a single year", () => {
    expect(fitTrendLine([6])).toEqual({ intercept: 6, slope: 0 });
  });
});

describe("theta", () => {
  test("averages the extended line and SES of the theta = 2 line", () => {
    // Line 0.5 + 0.8 t: 1.3, 2.1, 2.9, 3.7. Theta = 2 line, 2y - line:
    // 0.7, 3.9, 1.1, 4.3. SES with alpha 0.5: 0.7 → 2.3 → 1.7 → 3.0.
    // h = 1: 0.5 * (0.5 + 0.8 * 5) + 0.5 * 3 = 2.25 + 1.5 = 3.75.
    // h = 2: 0.5 * (0.5 + 0.8 * 6) + 0.5 * 3 = 2.65 + 1.5 = 4.15.
    const forecasts = theta([1, 3, 2, 4], 2, 0.5);
    expect(forecasts[0]).toBeCloseTo(3.75, 12);
    expect(forecasts[1]).toBeCloseTo(4.15, 12);
  });

  test("grows a straight line at half its slope", () => {
    // The theta = 2 line of a line is the line; alpha 1 keeps 40.
    // h: 0.5 * (40 + 10 h) + 0.5 * 40 = 40 + 5 h.
    expect(theta([10, 20, 30, 40], 3, 1)).toEqual([45, 50, 55]);
  });

  test("is SES of the series plus half the trend's lead over its SES", () => {
    // SES is linear in the series, so with one alpha:
    // 0.5 L(n + h) + 0.5 SES(2y - L) = SES(y) + 0.5 (L(n + h) - SES(L)).
    const series = [50, 58, 55, 63, 70, 66, 75];
    const alpha = 0.3;
    const line = fitTrendLine(series);
    const onLine = series.map((_, i) => line.intercept + line.slope * (i + 1));
    const sesOfSeries = smoothSes(series, alpha).level;
    const sesOfLine = smoothSes(onLine, alpha).level;
    theta(series, 3, alpha).forEach((value, i) => {
      const lineAhead = line.intercept + line.slope * (series.length + i + 1);
      expect(value).toBeCloseTo(
        sesOfSeries + 0.5 * (lineAhead - sesOfLine),
        9
      );
    });
  });

  test("forecasts constant and one-year series by their value", () => {
    expect(theta([9, 9, 9, 9], 2)).toEqual([9, 9]);
    expect(theta([9], 2)).toEqual([9, 9]);
  });

  test("clips at zero", () => {
    // A steep fall: the extended line goes well below zero.
    expect(theta([100, 60, 20], 3, 1)).toEqual([0, 0, 0]);
  });
});
