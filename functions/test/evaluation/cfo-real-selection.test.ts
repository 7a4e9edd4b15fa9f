/**
 * Model choice, interval coverage and reconciliation on the real CFO
 * tables when CFO_DATA_DIR points at them (never copied into the repo;
 * skipped without them). Prints the numbers the issue asks for and
 * checks the one it requires: the chosen method beats naive everywhere.
 */
import { existsSync } from "node:fs";

import { readCfoFolder } from "../../src/data/cfo-files";
import { CATEGORIES } from "../../src/domain/categories";
import type { History } from "../../src/domain/history";
import { backtest } from "../../src/evaluation/backtest";
import { baselineMethods } from "../../src/evaluation/baselines";
import { chooseMethod } from "../../src/evaluation/choose-method";
import {
  intervalCoverage,
  type CoverageCount,
} from "../../src/evaluation/interval-coverage";
import { reconciledMethod } from "../../src/evaluation/reconciled-method";
import { chooseTotalForecaster } from "../../src/evaluation/total-forecaster";
import { totalSeries } from "../../src/evaluation/total-series";

const dataDir = process.env.CFO_DATA_DIR;
const haveData = dataDir !== undefined && existsSync(dataDir);
if (!haveData) {
  console.warn(
    "SKIPPED real CFO model choice: set CFO_DATA_DIR to the folder of " +
      `the CFO CSV files (now ${dataDir ?? "unset"})`
  );
}
const describeWithData = haveData ? describe : describe.skip;

const OPTIONS = {
  origins: { years: [2006, 2007, 2008, 2009, 2010, 2011] },
  maxHorizon: 4,
};

const percent = (c: CoverageCount) =>
  `${((c.coverage ?? NaN) * 100).toFixed(1)}% (${c.covered}/${c.total})`;

describeWithData("model choice on the real CFO tables", () => {
  let histories: Partial<Record<string, History>>;

  beforeAll(async () => {
    histories = (await readCfoFolder(dataDir as string)).histories;
  });

  it("chooses a method that beats naive for every category", async () => {
    const sex = histories.sex;
    if (sex === undefined) throw new Error("no sex history");
    const total = totalSeries(sex);
    const totalChoice = await chooseTotalForecaster(total, undefined, OPTIONS);
    const lines = [`total (sex table) forecaster: ${totalChoice.name}`];
    const pooled: Record<string, CoverageCount[]> = { "80": [], "95": [] };

    for (const category of CATEGORIES) {
      const history = histories[category];
      if (history === undefined) throw new Error(`no ${category} history`);
      const plain = baselineMethods();
      const reconciled = plain.map((method) =>
        reconciledMethod(method, total, totalChoice.forecaster)
      );
      const result = await backtest(history, [...plain, ...reconciled], {
        ...OPTIONS,
      });
      const onlyPlain = {
        ...result,
        methods: plain.map((method) => method.name),
      };
      const choice = chooseMethod(onlyPlain);
      const all = chooseMethod(result);
      const maseOf = (name: string) =>
        all.ranking.find((row) => row.method === name)?.mase ?? NaN;
      const naiveMase = maseOf("naive");
      expect(choice.score.mase).toBeLessThan(naiveMase);

      const coverage = intervalCoverage(result, choice.method);
      const recCoverage = intervalCoverage(result, `${choice.method}+total`);
      for (const key of ["80", "95"]) pooled[key].push(coverage.overall[key]);
      lines.push(
        `${category}: ${choice.method} ${choice.score.mase.toFixed(3)} ` +
          `vs naive ${naiveMase.toFixed(3)}; +total ` +
          `${maseOf(`${choice.method}+total`).toFixed(3)}; best of all ` +
          `${all.method} ${all.score.mase.toFixed(3)}; coverage 80 ` +
          `${percent(coverage.overall["80"])} 95 ` +
          `${percent(coverage.overall["95"])}; +total 80 ` +
          `${percent(recCoverage.overall["80"])} 95 ` +
          `${percent(recCoverage.overall["95"])}; by horizon 80/95 ` +
          coverage.byHorizon
            .map(({ levels }) =>
              ["80", "95"]
                .map((key) => ((levels[key].coverage ?? NaN) * 100).toFixed(0))
                .join("/")
            )
            .join(" ")
      );
    }
    for (const key of ["80", "95"]) {
      const covered = pooled[key].reduce((sum, c) => sum + c.covered, 0);
      const count = pooled[key].reduce((sum, c) => sum + c.total, 0);
      lines.push(
        `pooled ${key}: ${percent({
          covered,
          total: count,
          coverage: covered / count,
        })}`
      );
    }
    console.log(lines.join("\n"));
  });
});
