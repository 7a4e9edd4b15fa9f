import {
  scoreTable,
  type HorizonPoint,
} from "../../src/evaluation/score-table";

const point = (
  method: string,
  horizon: number,
  forecast: number,
  actual: number
): HorizonPoint => ({ method, horizon, forecast, actual, scale: 2 });

describe("scoreTable", () => {
  const points = [
    point("a", 1, 12, 10),
    point("a", 1, 10, 10),
    point("a", 2, 6, 10),
    point("b", 1, 10, 10),
  ];
  const rows = scoreTable(points, ["a", "b"], 3);

  test("has one row per method and metric, in order", () => {
    expect(rows.map((row) => `${row.method}/${row.metric}`)).toEqual([
      "a/wape",
      "a/smape",
      "a/mase",
      "b/wape",
      "b/smape",
      "b/mase",
    ]);
  });

  test("scores each horizon and all horizons pooled", () => {
    const aMase = rows[2];
    // h = 1: errors 2 and 0, over scale 2: (1 + 0) / 2 = 0.5.
    // h = 2: error 4 / 2 = 2. h = 3: nothing scored.
    // Pooled: (1 + 0 + 2) / 3 = 1.
    expect(aMase.byHorizon).toEqual([0.5, 2, null]);
    expect(aMase.overall).toBe(1);
    expect(aMase.points).toBe(3);
    const aWape = rows[0];
    // h = 1: 2 / 20; h = 2: 4 / 10; pooled 6 / 30.
    expect(aWape.byHorizon[0]).toBeCloseTo(0.1, 12);
    expect(aWape.byHorizon[1]).toBeCloseTo(0.4, 12);
    expect(aWape.overall).toBeCloseTo(0.2, 12);
  });

  test("gives a method without points null scores", () => {
    const [empty] = scoreTable(points, ["c"], 2);
    expect(empty).toEqual({
      method: "c",
      metric: "wape",
      byHorizon: [null, null],
      overall: null,
      points: 0,
    });
  });
});
