import type { History } from "../../src/domain/history";
import { chooseOrigins } from "../../src/evaluation/origins";

const years = Array.from({ length: 11 }, (_, i) => 2000 + i);
const history: History = {
  years,
  groups: ["A"],
  values: years.map((year) => [year - 1990]),
};

describe("chooseOrigins", () => {
  test("takes the last K years that have a year after them", () => {
    expect(chooseOrigins(history, { count: 3 })).toEqual([2007, 2008, 2009]);
  });

  test("defaults to six origins", () => {
    expect(chooseOrigins(history)).toEqual([
      2004, 2005, 2006, 2007, 2008, 2009,
    ]);
  });

  test("gives every usable year when K is larger than the history", () => {
    expect(chooseOrigins(history, { count: 50 })).toEqual(years.slice(0, -1));
  });

  test("sorts explicit years and drops repeats", () => {
    expect(chooseOrigins(history, { years: [2008, 2006, 2008] })).toEqual([
      2006, 2008,
    ]);
  });

  test.each([[2010], [1999], [2003.5]])(
    "refuses origin %p, which has no year after it or is no year",
    (year) => {
      expect(() => chooseOrigins(history, { years: [year] })).toThrow(
        RangeError
      );
    }
  );

  test("refuses no years and a bad count", () => {
    expect(() => chooseOrigins(history, { years: [] })).toThrow(RangeError);
    expect(() => chooseOrigins(history, { count: 0 })).toThrow(RangeError);
  });
});
