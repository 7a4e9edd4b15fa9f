import {
  reconcileToTotal,
  scaleIntervals,
  scaleToTotal,
} from "../../src/evaluation/reconcile";

const sum = (row: number[]) => row.reduce((a, b) => a + b, 0);

describe("scaleToTotal", () => {
  test("keeps each year's shares and hits its total", () => {
    const scaled = scaleToTotal(
      [
        [2, 6],
        [1, 1],
      ],
      [4, 5]
    );
    expect(scaled.values).toEqual([
      [1, 3],
      [2.5, 2.5],
    ]);
    expect(scaled.factors).toEqual([0.5, 2.5]);
  });

  test("spreads a year of zeros evenly", () => {
    const scaled = scaleToTotal([[0, 0, 0, 0]], [10]);
    expect(scaled.values).toEqual([[2.5, 2.5, 2.5, 2.5]]);
    expect(scaled.factors).toEqual([null]);
  });

  test("refuses mismatched years and bad counts", () => {
    expect(() => scaleToTotal([[1]], [1, 2])).toThrow(/1 forecast years/);
    expect(() => scaleToTotal([[1]], [-1])).toThrow(RangeError);
    expect(() => scaleToTotal([[Number.NaN]], [1])).toThrow(RangeError);
    expect(() => scaleToTotal([[]], [1])).toThrow(/no groups/);
  });
});

describe("reconcileToTotal", () => {
  test.each([
    // 0.7, 2.1, 4.2: floors 0 + 2 + 4 = 6, one unit to 0.7's group.
    [[1, 3, 6], 7, [1, 2, 4]],
    // 3⅓ each: the tie goes to the earliest group.
    [[1, 1, 1], 10, [4, 3, 3]],
    // Target round(10.6) = 11: 5.3 + 5.3 → 5 + 5 + 1 to the first.
    [[1, 1], 10.6, [6, 5]],
    // Zeros spread evenly: 2.5 each, the two spare units to the first two.
    [[0, 0, 0, 0], 10, [3, 3, 2, 2]],
    // Exact shares stay exact despite float noise (0.1 * 30 = 3.0000…4).
    [[0.1, 0.2, 0.7], 30, [3, 6, 21]],
  ])("%p to %p gives %p", (row, total, expected) => {
    expect(reconcileToTotal([row], [total])).toEqual([expected]);
  });

  test("every year sums exactly to its rounded total", () => {
    // Deterministic pseudo-random groups and totals.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const forecast = Array.from({ length: 30 }, () =>
      Array.from({ length: 17 }, () => next() * 5000)
    );
    const totals = forecast.map((row) => sum(row) * (0.8 + 0.4 * next()));
    const rounded = reconcileToTotal(forecast, totals);
    rounded.forEach((row, h) => {
      expect(sum(row)).toBe(Math.round(totals[h]));
      const { values } = scaleToTotal([forecast[h]], [totals[h]]);
      row.forEach((value, j) => {
        expect(Number.isInteger(value)).toBe(true);
        expect(Math.abs(value - values[0][j])).toBeLessThan(1);
      });
    });
  });
});

describe("scaleIntervals", () => {
  test("moves bounds as their year's forecast moved", () => {
    const scaled = scaleToTotal(
      [
        [2, 6],
        [0, 0],
      ],
      [16, 6]
    );
    const bands = {
      "80": {
        lower: [
          [1, 4],
          [0, 0],
        ],
        upper: [
          [3, 9],
          [2, 1],
        ],
      },
    };
    // Year 1 doubles; year 2 was spread evenly, +3 each.
    expect(scaleIntervals(bands, scaled)).toEqual({
      "80": {
        lower: [
          [2, 8],
          [3, 3],
        ],
        upper: [
          [6, 18],
          [5, 4],
        ],
      },
    });
  });
});
