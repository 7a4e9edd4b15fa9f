import { fullHorizonOrigins } from "../../src/bench/backtest-check";

const years = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("fullHorizonOrigins", () => {
  test("1981-2015 with 6 origins of 4 years gives 2006-2011", () => {
    expect(fullHorizonOrigins(years(1981, 2015), 6, 4)).toEqual([
      2006, 2007, 2008, 2009, 2010, 2011,
    ]);
  });

  test("a short history gives fewer, never its first year", () => {
    // 2000-2006 with horizon 4: 2002 is the last origin, 2000 has no past.
    expect(fullHorizonOrigins(years(2000, 2006), 6, 4)).toEqual([2001, 2002]);
  });

  test("none when no year has the whole horizon after it", () => {
    expect(fullHorizonOrigins(years(2000, 2004), 6, 4)).toEqual([]);
  });
});
