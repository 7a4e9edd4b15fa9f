import { BadHistoryError } from "../../src/domain/errors";
import { SEED_RECIPE } from "../../src/ml/config";
import {
  makeWindows,
  MIN_WINDOWS,
  minimumYears,
  trainableWindowLength,
  windowLength,
} from "../../src/ml/windowing";

const rule = SEED_RECIPE.window;

describe("windowLength", () => {
  it.each([
    // n < 20: max(3, floor(0.6 n))
    [1, 3],
    [4, 3],
    [5, 3],
    [6, 3],
    [10, 6],
    [19, 11],
    // n >= 20: min(15, floor(0.5 n))
    [20, 10],
    [21, 10],
    [28, 14],
    [30, 15],
    [35, 15],
    [60, 15],
  ])("gives %i years a window of %i", (numYears, expected) => {
    expect(windowLength(numYears, rule)).toBe(expected);
  });

  it("follows the rule it is given", () => {
    const custom = { ...rule, shortHistoryYears: 5, longFraction: 0.25 };
    expect(windowLength(12, custom)).toBe(3);
  });

  it("rejects a number of years that is not a whole number >= 1", () => {
    expect(() => windowLength(0, rule)).toThrow(/numYears/);
    expect(() => windowLength(2.5, rule)).toThrow(/numYears/);
  });
});

describe("makeWindows", () => {
  const rows = Array.from({ length: 7 }, (_, i) => [i, 10 * i]);

  it("cuts n - L windows of L rows, each followed by its target", () => {
    const { inputs, targets } = makeWindows(rows, 3);
    expect(inputs).toHaveLength(4);
    expect(targets).toHaveLength(4);
    inputs.forEach((window) => {
      expect(window).toHaveLength(3);
      window.forEach((row) => expect(row).toHaveLength(2));
    });
    expect(inputs[0]).toEqual([rows[0], rows[1], rows[2]]);
    expect(targets[0]).toEqual(rows[3]);
    expect(inputs[3]).toEqual([rows[3], rows[4], rows[5]]);
    expect(targets[3]).toEqual(rows[6]);
  });

  it("gives no windows when there is no year after the first window", () => {
    expect(makeWindows(rows.slice(0, 3), 3).inputs).toEqual([]);
  });
});

describe("trainableWindowLength", () => {
  it("needs 5 years under the seed rule (window 3 + 2 targets)", () => {
    expect(MIN_WINDOWS).toBe(2);
    expect(minimumYears(rule)).toBe(5);
    expect(trainableWindowLength(5, rule, "2001-2005")).toBe(3);
  });

  it("names the years it has and the years it needs when too short", () => {
    let caught: unknown;
    try {
      trainableWindowLength(4, rule, "2001-2004");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BadHistoryError);
    expect((caught as BadHistoryError).kind).toBe("bad-data");
    const message = (caught as Error).message;
    expect(message).toMatch(/4 years \(2001-2004\)/);
    expect(message).toMatch(/window of 3 years .* 1 training windows/);
    expect(message).toMatch(/at least 5 years are needed/);
  });

  it("says so when the rule never leaves enough years", () => {
    const greedy = {
      ...rule,
      shortFraction: 1,
      longFraction: 1,
      maxWindow: 5000,
    };
    expect(minimumYears(greedy)).toBeNull();
    expect(() => trainableWindowLength(30, greedy, "1981-2010")).toThrow(
      /never leaves enough years/
    );
  });
});
