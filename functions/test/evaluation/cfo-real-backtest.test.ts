/**
 * Backtests the baselines on the real CFO tables when CFO_DATA_DIR points
 * at them (see /work/shared/data/README.md); they are never copied into
 * the repo, and without them this file is skipped.
 */
import { existsSync } from "node:fs";

import { readCfoFolder } from "../../src/data/cfo-files";
import { CATEGORIES } from "../../src/domain/categories";
import type { History } from "../../src/domain/history";
import { backtest } from "../../src/evaluation/backtest";
import { baselineMethods } from "../../src/evaluation/baselines";

const dataDir = process.env.CFO_DATA_DIR;
const haveData = dataDir !== undefined && existsSync(dataDir);
if (!haveData) {
  console.warn(
    "SKIPPED real CFO backtest: set CFO_DATA_DIR to the folder of the " +
      `CFO CSV files (now ${dataDir ?? "unset"})`
  );
}
const describeWithData = haveData ? describe : describe.skip;

const ORIGINS = [2006, 2007, 2008, 2009, 2010, 2011];
const HORIZON = 4;

describeWithData("the baselines on the real CFO tables", () => {
  let histories: Partial<Record<string, History>>;

  beforeAll(async () => {
    histories = (await readCfoFolder(dataDir as string)).histories;
  });

  it.each(CATEGORIES)("%s: every origin and horizon scores", async (name) => {
    const history = histories[name];
    if (history === undefined) throw new Error(`no ${name} history`);
    const methods = baselineMethods();
    const result = await backtest(history, methods, {
      origins: { years: ORIGINS },
      maxHorizon: HORIZON,
    });
    expect(result.skipped).toEqual([]);
    // 2011 + 4 = 2015, the last year: every horizon has actuals.
    const perMethod = ORIGINS.length * HORIZON * history.groups.length;
    expect(result.errors).toHaveLength(methods.length * perMethod);
    for (const row of result.table) {
      expect(row.points).toBe(perMethod);
      for (const value of [...row.byHorizon, row.overall]) {
        expect(Number.isFinite(value)).toBe(true);
      }
    }
  });
});
