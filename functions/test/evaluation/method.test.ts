import type { History } from "../../src/domain/history";
import { baselineMethods } from "../../src/evaluation/baselines";
import { seriesMethod } from "../../src/evaluation/method";
import { drift } from "../../src/evaluation/simple-baselines";

const history: History = {
  years: [2001, 2002, 2003],
  groups: ["A", "B"],
  values: [
    [10, 100],
    [12, 90],
    [15, 80],
  ],
};

describe("seriesMethod", () => {
  test("forecasts each group's column and returns [year][group]", async () => {
    const fitted = await seriesMethod("drift", drift).fit(history);
    // A: slope 2.5 → 17.5, 20. B: slope -10 → 70, 60.
    expect(fitted.forecast(2)).toEqual([
      [17.5, 70],
      [20, 60],
    ]);
    fitted.dispose();
  });

  test("ignores later changes to the history it was fitted on", async () => {
    const copy: History = {
      ...history,
      values: history.values.map((row) => [...row]),
    };
    const fitted = await seriesMethod("drift", drift).fit(copy);
    copy.values[2][0] = 1000;
    expect(fitted.forecast(1)).toEqual([[17.5, 70]]);
  });
});

describe("baselineMethods", () => {
  test("has unique names, simplest first", () => {
    expect(baselineMethods().map((method) => method.name)).toEqual([
      "naive",
      "drift",
      "mean3",
      "ses",
      "holt-damped",
      "theta",
      "comb",
      "naive-mean3",
    ]);
  });

  test("every baseline forecasts every group, without NaN", async () => {
    for (const method of baselineMethods()) {
      const fitted = await method.fit(history);
      const rows = fitted.forecast(3);
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        expect(row).toHaveLength(2);
        for (const value of row) {
          expect(Number.isFinite(value) && value >= 0).toBe(true);
        }
      }
      fitted.dispose();
    }
  });
});
