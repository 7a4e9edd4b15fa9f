import type { History } from "../../src/domain/history";
import { backtest } from "../../src/evaluation/backtest";
import { seriesMethod } from "../../src/evaluation/method";
import { reconciledMethod } from "../../src/evaluation/reconciled-method";
import { naive } from "../../src/evaluation/simple-baselines";

const history: History = {
  years: [2001, 2002, 2003],
  groups: ["A", "B"],
  values: [
    [10, 30],
    [20, 20],
    [10, 30],
  ],
};
// Starts before the history and goes on after it.
const total = {
  years: [2000, 2001, 2002, 2003, 2004],
  series: [35, 40, 40, 40, 1000],
};

describe("reconciledMethod", () => {
  test("scales the inner forecast to the total forecast", async () => {
    const seen: number[][] = [];
    const totalForecaster = (series: number[], horizon: number) => {
      seen.push(series);
      return Array.from({ length: horizon }, (_, h) => 80 + 20 * h);
    };
    const method = reconciledMethod(
      seriesMethod("naive", naive),
      total,
      totalForecaster
    );
    expect(method.name).toBe("naive+total");
    const fitted = await method.fit(history);
    // Naive says 10 and 30 (shares 1/4, 3/4); totals 80, 100.
    expect(fitted.forecast(2)).toEqual([
      [20, 60],
      [25, 75],
    ]);
    // The total was cut at 2003, the history's last year: no 1000.
    expect(seen).toEqual([[35, 40, 40, 40]]);
    fitted.dispose();
  });

  test("sees no later year in a backtest", async () => {
    const lastYears: number[] = [];
    const method = reconciledMethod(
      seriesMethod("naive", naive),
      total,
      (series, horizon) => {
        lastYears.push(series.length);
        return naive(series, horizon);
      },
      "naive-rec"
    );
    const result = await backtest(history, [method], {
      origins: { years: [2001, 2002] },
    });
    expect(result.methods).toEqual(["naive-rec"]);
    // Cut at 2001 (2 years of total) and at 2002 (3).
    expect(lastYears).toEqual([2, 3]);
  });

  test("refuses a total that stops before the history does", async () => {
    const inner = seriesMethod("naive", naive);
    const short = { years: [2000, 2001], series: [1, 2] };
    const method = reconciledMethod(inner, short, naive);
    await expect(method.fit(history)).rejects.toThrow(/no year 2003/);
    const ragged = { years: [1], series: [] };
    expect(() => reconciledMethod(inner, ragged, naive)).toThrow(RangeError);
  });
});
