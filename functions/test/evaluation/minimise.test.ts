import {
  goldenSection,
  minimiseOnInterval,
} from "../../src/evaluation/minimise";

describe("goldenSection", () => {
  test("finds the bottom of a parabola", () => {
    const found = goldenSection((x) => (x - 0.3) ** 2, 0, 1);
    expect(found.x).toBeCloseTo(0.3, 6);
    expect(found.value).toBeLessThan(1e-12);
  });
});

describe("minimiseOnInterval", () => {
  test("finds the lower of two dips, which golden-section alone misses", () => {
    // A wide shallow dip at 0.3 (depth -1) and a narrow deep one at 0.9
    // (depth -2). Golden-section's first points, 0.382 and 0.618, both
    // sit on the wide dip's slope, so it drops [0.618, 1] and the deep
    // dip with it; the grid steps onto 0.9.
    const f = (x: number) =>
      -Math.exp(-(((x - 0.3) / 0.2) ** 2)) -
      2 * Math.exp(-(((x - 0.9) / 0.02) ** 2));
    expect(goldenSection(f, 0, 1).x).toBeCloseTo(0.3, 2);
    expect(minimiseOnInterval(f, 0, 1).x).toBeCloseTo(0.9, 3);
  });

  test("returns the lower bound of a flat function", () => {
    expect(minimiseOnInterval(() => 5, 0.1, 0.9)).toEqual({
      x: 0.1,
      value: 5,
    });
  });

  test("finds a minimum at a bound", () => {
    const found = minimiseOnInterval((x) => x, 0.25, 0.75);
    expect(found.x).toBeCloseTo(0.25, 9);
  });
});
