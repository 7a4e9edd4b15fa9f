import { chooseTotalForecaster } from "../../src/evaluation/total-forecaster";
import { naive } from "../../src/evaluation/simple-baselines";

describe("chooseTotalForecaster", () => {
  test("backtests the baselines on the total and picks the best", async () => {
    // A straight line: drift extends it exactly (MASE 0).
    const total = {
      years: Array.from({ length: 10 }, (_, i) => 2000 + i),
      series: Array.from({ length: 10 }, (_, i) => 1000 + 50 * i),
    };
    const chosen = await chooseTotalForecaster(total, undefined, {
      origins: { count: 4 },
      maxHorizon: 2,
    });
    expect(chosen.name).toBe("drift");
    expect(chosen.choice.score.mase).toBe(0);
    expect(chosen.forecaster(total.series, 1)).toEqual([1500]);
    expect(chosen.result.origins).toEqual([2005, 2006, 2007, 2008]);
  });

  test("chooses among the candidates given", async () => {
    const total = { years: [1, 2, 3, 4], series: [5, 9, 5, 9] };
    const chosen = await chooseTotalForecaster(total, [
      { name: "naive", forecaster: naive },
      { name: "seven", forecaster: (_, h) => Array<number>(h).fill(7) },
    ]);
    expect(chosen.name).toBe("seven");
  });
});
