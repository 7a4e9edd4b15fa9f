import { combination } from "../../src/evaluation/combination";
import { dampedTrend } from "../../src/evaluation/damped-trend";
import { ses } from "../../src/evaluation/ses";
import { theta } from "../../src/evaluation/theta";

describe("combination", () => {
  test("is the mean of SES, damped trend and Theta", () => {
    const series = [300, 320, 310, 350, 365, 340, 380];
    const members = [ses(series, 3), dampedTrend(series, 3), theta(series, 3)];
    combination(series, 3).forEach((value, h) => {
      const mean = (members[0][h] + members[1][h] + members[2][h]) / 3;
      expect(value).toBeCloseTo(mean, 9);
    });
  });

  test("forecasts a constant series by the constant", () => {
    combination([12, 12, 12, 12, 12], 4).forEach((value) =>
      expect(value).toBeCloseTo(12, 12)
    );
  });

  test("handles one and two years without NaN", () => {
    // One year: every member repeats it.
    expect(combination([5], 2)).toEqual([5, 5]);
    // Two years, h = 1: SES 12, damped 12 + 0.98 * 2 = 13.96, Theta
    // 0.5 * (8 + 2 * 3) + 0.5 * 12 = 13 (line 8 + 2t, theta = 2 line
    // [10, 12], SES of two years is the last). Mean 38.96 / 3.
    expect(combination([10, 12], 1)[0]).toBeCloseTo(38.96 / 3, 10);
  });
});
