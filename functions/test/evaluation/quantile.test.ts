import { quantile } from "../../src/evaluation/quantile";

describe("quantile (type 7)", () => {
  test.each([
    [0, 1],
    [0.1, 1.3], // position 3 * 0.1 = 0.3
    [0.5, 2.5],
    [0.975, 3.925], // position 2.925
    [1, 4],
  ])("of [4, 1, 3, 2] at p = %p is %p", (p, expected) => {
    expect(quantile([4, 1, 3, 2], p)).toBeCloseTo(expected, 12);
  });

  test("one value is every quantile, and input is not reordered", () => {
    expect(quantile([7], 0.05)).toBe(7);
    const values = [3, 1, 2];
    quantile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  test("refuses no values and p outside [0, 1]", () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => quantile([1], Number.NaN)).toThrow(RangeError);
  });
});
