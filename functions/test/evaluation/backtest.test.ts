import type { History } from "../../src/domain/history";
import { backtest } from "../../src/evaluation/backtest";
import { baselineMethods } from "../../src/evaluation/baselines";
import {
  seriesMethod,
  type FittedMethod,
  type Method,
} from "../../src/evaluation/method";
import { drift, naive } from "../../src/evaluation/simple-baselines";

// A grows by 2 a year; B never changes (MASE scale 0).
const history: History = {
  years: [2001, 2002, 2003, 2004, 2005, 2006],
  groups: ["A", "B"],
  values: [
    [10, 5],
    [12, 5],
    [14, 5],
    [16, 5],
    [18, 5],
    [20, 5],
  ],
};

const NAIVE = seriesMethod("naive", naive);
const DRIFT = seriesMethod("drift", drift);

/** A method that forecasts `rows` and records what it saw and freed. */
function fakeMethod(
  name: string,
  rows: (horizon: number) => number[][],
  minimumYears = 1
) {
  const seen: number[] = [];
  let disposed = 0;
  const method: Method = {
    name,
    minimumYears,
    fit: (training) => {
      seen.push(training.years[training.years.length - 1]);
      const fitted: FittedMethod = {
        forecast: rows,
        dispose: () => {
          disposed++;
        },
      };
      return Promise.resolve(fitted);
    },
  };
  return { method, seen, disposed: () => disposed };
}

describe("backtest", () => {
  test("scores naive and drift as worked out by hand", async () => {
    const result = await backtest(history, [NAIVE, DRIFT], {
      origins: { count: 2 },
      maxHorizon: 3,
    });
    // Origins 2004 (horizons 1, 2) and 2005 (horizon 1 only).
    expect(result.origins).toEqual([2004, 2005]);
    expect(result.maxHorizon).toBe(3);
    expect(result.methods).toEqual(["naive", "drift"]);
    expect(result.skipped).toEqual([]);

    const naiveRows = result.table.filter((row) => row.method === "naive");
    const [wape, smape, mase] = naiveRows;
    // Naive from 2004 says A = 16: errors -2 (2005) and -4 (2006);
    // from 2005 it says 18: -2 (2006). B is always exact.
    // WAPE h1: (2 + 0 + 2 + 0) / (18 + 5 + 20 + 5) = 4 / 48;
    // h2: 4 / (20 + 5); pooled 8 / 73.
    expect(wape.byHorizon[0]).toBeCloseTo(4 / 48, 12);
    expect(wape.byHorizon[1]).toBeCloseTo(4 / 25, 12);
    expect(wape.byHorizon[2]).toBeNull();
    expect(wape.overall).toBeCloseTo(8 / 73, 12);
    // sMAPE h1: (200 * 2 / 34 + 0 + 200 * 2 / 38 + 0) / 4.
    expect(smape.byHorizon[0]).toBeCloseTo((400 / 34 + 400 / 38) / 4, 10);
    // MASE: A's scale is 2; B's is 0 and left out.
    // h1: (2 / 2 + 2 / 2) / 2 = 1; h2: 4 / 2 = 2; pooled 4 / 3.
    expect(mase.byHorizon).toEqual([1, 2, null]);
    expect(mase.overall).toBeCloseTo(4 / 3, 12);

    // Drift extends A's line exactly and keeps B flat.
    const driftRows = result.table.filter((row) => row.method === "drift");
    for (const row of driftRows) expect(row.overall).toBe(0);
  });

  test("returns each signed and relative error", async () => {
    const result = await backtest(history, [NAIVE], {
      origins: { years: [2004] },
      maxHorizon: 2,
    });
    expect(result.errors).toEqual([
      {
        method: "naive",
        origin: 2004,
        horizon: 1,
        year: 2005,
        group: "A",
        forecast: 16,
        actual: 18,
        error: -2,
        relativeError: -2 / 18,
        scale: 2,
      },
      expect.objectContaining({ group: "B", error: 0, scale: 0 }),
      expect.objectContaining({ horizon: 2, year: 2006, error: -4 }),
      expect.objectContaining({ horizon: 2, group: "B" }),
    ]);
  });

  test("gives a zero actual no relative error", async () => {
    const withZero: History = {
      years: [2001, 2002, 2003],
      groups: ["A"],
      values: [[4], [2], [0]],
    };
    const result = await backtest(withZero, [NAIVE], {
      origins: { years: [2002] },
    });
    expect(result.errors[0]).toMatchObject({ error: 2, relativeError: null });
  });

  test("fits on the years up to each origin only", async () => {
    const fake = fakeMethod("fake", (h) =>
      Array.from({ length: h }, () => [1, 1])
    );
    await backtest(history, [fake.method], { origins: { count: 3 } });
    expect(fake.seen).toEqual([2003, 2004, 2005]);
    expect(fake.disposed()).toBe(3);
  });

  test("skips origins too short for a method and says so", async () => {
    const fake = fakeMethod(
      "needs-five",
      (h) => Array.from({ length: h }, () => [1, 1]),
      5
    );
    const result = await backtest(history, [NAIVE, fake.method], {
      origins: { years: [2003, 2005] },
    });
    expect(fake.seen).toEqual([2005]);
    expect(result.skipped).toEqual([
      {
        method: "needs-five",
        origin: 2003,
        trainingYears: 3,
        reason: "needs-five needs at least 5 years, the years up to 2003 are 3",
      },
    ]);
    const origins = (method: string) => [
      ...new Set(
        result.errors.filter((e) => e.method === method).map((e) => e.origin)
      ),
    ];
    expect(origins("naive")).toEqual([2003, 2005]);
    expect(origins("needs-five")).toEqual([2005]);
  });

  test("reports progress after every fit", async () => {
    const seen: string[] = [];
    await backtest(history, [NAIVE, DRIFT], {
      origins: { count: 2 },
      onProgress: (p) =>
        seen.push(`${p.done}/${p.total} ${p.method} ${p.origin}`),
    });
    expect(seen).toEqual([
      "1/4 naive 2004",
      "2/4 drift 2004",
      "3/4 naive 2005",
      "4/4 drift 2005",
    ]);
  });

  test("disposes a fit whose forecast is unusable, and names it", async () => {
    const negative = fakeMethod("negative", (h) =>
      Array.from({ length: h }, () => [1, -1])
    );
    await expect(
      backtest(history, [negative.method], { origins: { years: [2004] } })
    ).rejects.toThrow(/negative fitted up to 2004 forecast -1 for "B"/);
    expect(negative.disposed()).toBe(1);

    const short = fakeMethod("short", () => [[1, 1]]);
    await expect(
      backtest(history, [short.method], {
        origins: { years: [2003] },
        maxHorizon: 2,
      })
    ).rejects.toThrow(/not 2 rows of 2 groups/);
    expect(short.disposed()).toBe(1);
  });

  test("is deterministic", async () => {
    const run = () =>
      backtest(history, baselineMethods(), { origins: { count: 3 } });
    expect(await run()).toEqual(await run());
  });

  test("refuses year gaps, repeated names and bad horizons", async () => {
    const gappy: History = { ...history, years: [1, 2, 3, 5, 6, 7] };
    await expect(backtest(gappy, [NAIVE])).rejects.toThrow(
      /3 is followed by 5/
    );
    await expect(backtest(history, [NAIVE, NAIVE])).rejects.toThrow(
      /two methods are named "naive"/
    );
    await expect(backtest(history, [])).rejects.toThrow(RangeError);
    await expect(
      backtest(history, [NAIVE], { maxHorizon: 0 })
    ).rejects.toThrow(RangeError);
  });
});
