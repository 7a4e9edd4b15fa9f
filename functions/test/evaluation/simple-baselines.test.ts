import {
  drift,
  naive,
  recentMean,
} from "../../src/evaluation/simple-baselines";

describe("naive", () => {
  test("repeats the last year", () => {
    expect(naive([3, 5, 4], 3)).toEqual([4, 4, 4]);
  });

  test("forecasts a one-year series by that year", () => {
    expect(naive([7], 2)).toEqual([7, 7]);
  });
});

describe("drift", () => {
  test("adds the average yearly change per year ahead", () => {
    // Slope (15 - 10) / (3 - 1) = 2.5: 15 + 2.5, 15 + 5, 15 + 7.5.
    expect(drift([10, 12, 15], 3)).toEqual([17.5, 20, 22.5]);
  });

  test("clips a falling line at zero instead of going negative", () => {
    // Slope (4 - 10) / 1 = -6: 4 - 6 = -2 → 0, 4 - 12 = -8 → 0.
    expect(drift([10, 4], 2)).toEqual([0, 0]);
  });

  test("has no slope with one year", () => {
    expect(drift([7], 2)).toEqual([7, 7]);
  });

  test("forecasts a constant series by the constant", () => {
    expect(drift([5, 5, 5, 5], 3)).toEqual([5, 5, 5]);
  });
});

describe("recentMean", () => {
  test("averages the last three years by default", () => {
    // (3 + 4 + 5) / 3 = 4.
    expect(recentMean([1, 2, 3, 4, 5], 2)).toEqual([4, 4]);
  });

  test("takes the number of years to average", () => {
    // (4 + 5) / 2 = 4.5.
    expect(recentMean([1, 2, 3, 4, 5], 1, 2)).toEqual([4.5]);
  });

  test("averages a shorter series whole", () => {
    // (2 + 6) / 2 = 4.
    expect(recentMean([2, 6], 1, 3)).toEqual([4]);
  });

  test.each([0, 1.5, -1])("refuses %p years", (years) => {
    expect(() => recentMean([1, 2, 3], 1, years)).toThrow(RangeError);
  });
});

describe("argument checks", () => {
  test.each([
    ["an empty series", [], 1],
    ["a NaN value", [1, NaN, 3], 1],
    ["an infinite value", [1, Infinity], 1],
    ["horizon 0", [1, 2], 0],
    ["a fractional horizon", [1, 2], 1.5],
  ])("reject %s", (_what, series, horizon) => {
    expect(() => naive(series, horizon)).toThrow(RangeError);
    expect(() => drift(series, horizon)).toThrow(RangeError);
    expect(() => recentMean(series, horizon)).toThrow(RangeError);
  });
});
