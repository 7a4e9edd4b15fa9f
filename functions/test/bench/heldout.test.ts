import {
  benchSeeds,
  mean,
  splitLastYears,
  wape,
} from "../../src/bench/heldout";
import type { History } from "../../src/domain/history";

const history: History = {
  years: [2010, 2011, 2012, 2013],
  groups: ["A", "B"],
  values: [
    [10, 20],
    [11, 21],
    [12, 22],
    [13, 23],
  ],
};

describe("splitLastYears", () => {
  test("hides the last years from training", () => {
    const { training, heldOut } = splitLastYears(history, 2);
    expect(training.years).toEqual([2010, 2011]);
    expect(heldOut.years).toEqual([2012, 2013]);
    expect(heldOut.values).toEqual([
      [12, 22],
      [13, 23],
    ]);
    expect(heldOut.groups).toEqual(["A", "B"]);
  });

  test.each([0, 4, 1.5])("refuses to hold out %p years of 4", (years) => {
    expect(() => splitLastYears(history, years)).toThrow(RangeError);
  });
});

describe("wape", () => {
  const actual = splitLastYears(history, 2).heldOut;

  test("is the summed absolute error over the summed actuals", () => {
    const forecasts = [
      { year: 2012, predictions: { A: 14, B: 22 } },
      { year: 2013, predictions: { A: 13, B: 17 } },
    ];
    // |14-12| + 0 + 0 + |17-23| = 8, over 12 + 22 + 13 + 23 = 70.
    expect(wape(actual, forecasts)).toBeCloseTo(8 / 70, 12);
  });

  test("is zero for a perfect forecast", () => {
    const forecasts = [
      { year: 2012, predictions: { A: 12, B: 22 } },
      { year: 2013, predictions: { A: 13, B: 23 } },
    ];
    expect(wape(actual, forecasts)).toBe(0);
  });

  test("names a missing year or group", () => {
    expect(() =>
      wape(actual, [{ year: 2012, predictions: { A: 1, B: 1 } }])
    ).toThrow(/no year 2013/);
    expect(() =>
      wape(actual, [
        { year: 2012, predictions: { A: 1 } },
        { year: 2013, predictions: { A: 1, B: 1 } },
      ])
    ).toThrow(/2012 has no group "B"/);
  });
});

describe("benchSeeds", () => {
  test("puts the configuration's seed first, then 1, 2, ...", () => {
    expect(benchSeeds(42, 5)).toEqual([42, 1, 2, 3, 4]);
  });

  test("does not repeat a small configuration seed", () => {
    expect(benchSeeds(2, 4)).toEqual([2, 1, 3, 4]);
  });

  test("one seed is the configuration's alone", () => {
    expect(benchSeeds(7, 1)).toEqual([7]);
  });

  test("refuses fewer than one", () => {
    expect(() => benchSeeds(42, 0)).toThrow(RangeError);
  });
});

describe("mean", () => {
  test("averages, and refuses an empty list", () => {
    expect(mean([0.1, 0.2, 0.6])).toBeCloseTo(0.3, 12);
    expect(() => mean([])).toThrow(RangeError);
  });
});
