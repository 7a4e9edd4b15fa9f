import {
  median,
  percentile,
  roundTo,
  summarizePercentiles,
  summarizeRuns,
} from "../../src/bench/stats";

describe("median", () => {
  test.each([
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 1, 1000], 10],
  ])("of %p is %p", (samples, expected) => {
    expect(median(samples)).toBe(expected);
  });

  test("does not reorder its input", () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  test("refuses an empty list and non-finite samples", () => {
    expect(() => median([])).toThrow(/empty/);
    expect(() => median([1, NaN])).toThrow(/NaN is not a finite/);
  });
});

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);

  test.each([
    [50, 50],
    [99, 99],
    [100, 100],
    [1, 1],
  ])("p%p of 1..100 is %p", (p, expected) => {
    expect(percentile(hundred, p)).toBe(expected);
  });

  test("is always one of the samples", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 99)).toBe(4);
  });

  test("p99 of 1,000 samples is the 990th smallest", () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(thousand, 99)).toBe(990);
  });

  test.each([0, -1, 101, NaN])("refuses p = %p", (p) => {
    expect(() => percentile([1], p)).toThrow(RangeError);
  });
});

describe("summaries", () => {
  test("runs: median and range, rounded", () => {
    expect(summarizeRuns([1200.44, 980.06, 1010.55], 0)).toEqual({
      median: 1011,
      min: 980,
      max: 1200,
      runs: 3,
    });
  });

  test("percentiles: p50, p99, range and mean", () => {
    const samples = [...Array.from({ length: 99 }, () => 1), 50];
    expect(summarizePercentiles(samples)).toEqual({
      p50: 1,
      p99: 1,
      min: 1,
      max: 50,
      mean: 1.49,
      count: 100,
    });
  });

  test("roundTo keeps the requested decimals", () => {
    expect(roundTo(1.23456, 2)).toBe(1.23);
    expect(roundTo(1234.5, 0)).toBe(1235);
  });
});
