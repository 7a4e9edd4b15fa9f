import {
  mase,
  naiveScale,
  smape,
  wape,
  type ScoredPoint,
} from "../../src/evaluation/metrics";

// Three points: over by 2 (scale 2), zero for zero (a flat group, scale
// 0), under by 5 (scale 5).
const POINTS: ScoredPoint[] = [
  { forecast: 12, actual: 10, scale: 2 },
  { forecast: 0, actual: 0, scale: 0 },
  { forecast: 5, actual: 10, scale: 5 },
];

describe("naiveScale", () => {
  test("is the mean absolute year-to-year change", () => {
    // |12 - 10| = 2, |9 - 12| = 3: (2 + 3) / 2 = 2.5.
    expect(naiveScale([10, 12, 9])).toBe(2.5);
  });

  test("is zero for a constant series and null for one year", () => {
    expect(naiveScale([4, 4, 4])).toBe(0);
    expect(naiveScale([4])).toBeNull();
  });
});

describe("wape", () => {
  test("is the summed absolute error over the summed actuals", () => {
    // (2 + 0 + 5) / (10 + 0 + 10) = 0.35.
    expect(wape(POINTS)).toBeCloseTo(0.35, 12);
  });

  test("is undefined when nobody was counted", () => {
    expect(wape([{ forecast: 3, actual: 0, scale: 1 }])).toBeNull();
    expect(wape([])).toBeNull();
  });
});

describe("smape", () => {
  test("averages 200 |F - A| / (|F| + |A|), 0/0 counting as 0", () => {
    // 200 * 2 / 22 = 18.18..., 0, 200 * 5 / 15 = 66.66...; mean of 3.
    const expected = (400 / 22 + 0 + 1000 / 15) / 3;
    expect(smape(POINTS)).toBeCloseTo(expected, 10);
  });

  test("is 200 for a zero forecast of a positive count", () => {
    expect(smape([{ forecast: 0, actual: 7, scale: 1 }])).toBe(200);
  });

  test("is undefined without points", () => {
    expect(smape([])).toBeNull();
  });
});

describe("mase", () => {
  test("scales each error by its group's naive step", () => {
    // 2 / 2 = 1 and 5 / 5 = 1; the scale-0 point is left out.
    expect(mase(POINTS)).toBe(1);
  });

  test("leaves out flat and one-year groups, then is undefined", () => {
    expect(
      mase([
        { forecast: 3, actual: 1, scale: 0 },
        { forecast: 3, actual: 1, scale: null },
      ])
    ).toBeNull();
  });

  test("is 0.5 for an error of half the naive step", () => {
    expect(mase([{ forecast: 11, actual: 10, scale: 2 }])).toBe(0.5);
  });
});
