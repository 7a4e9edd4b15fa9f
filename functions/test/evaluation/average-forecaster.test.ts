import { averageForecasters } from "../../src/evaluation/average-forecaster";
import { baselineMethods } from "../../src/evaluation/baselines";
import { naive, recentMean } from "../../src/evaluation/simple-baselines";

describe("averageForecasters", () => {
  test("averages its members horizon by horizon", () => {
    const up = (_: number[], h: number) =>
      Array.from({ length: h }, (_, i) => 10 * (i + 1));
    const flat = (_: number[], h: number) => Array<number>(h).fill(4);
    // (10 + 4) / 2, (20 + 4) / 2.
    expect(averageForecasters([up, flat])([1], 2)).toEqual([7, 12]);
  });

  test("naive-mean3 is the mean of the last year and last three", () => {
    const series = [30, 10, 20, 60];
    // Naive 60, mean3 (10 + 20 + 60) / 3 = 30, average 45.
    const both = averageForecasters([naive, (s, h) => recentMean(s, h, 3)]);
    expect(both(series, 2)).toEqual([45, 45]);
  });

  test("naive-mean3 is among the baselines", async () => {
    const method = baselineMethods().find((m) => m.name === "naive-mean3");
    if (method === undefined) throw new Error("no naive-mean3 baseline");
    const fitted = await method.fit({
      years: [2001, 2002, 2003, 2004],
      groups: ["A"],
      values: [[30], [10], [20], [60]],
    });
    expect(fitted.forecast(1)).toEqual([[45]]);
  });

  test("refuses no members", () => {
    expect(() => averageForecasters([])).toThrow(RangeError);
  });
});
