/**
 * A whole `tune` run on a history in memory and a file registry, with a
 * grid of tiny configurations so it takes a second or two: the estimate
 * and progress on stderr, the report on stdout, the winner saved.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runTune, type TuneSessionOptions } from "../../src/cli/tune-session";
import type { ForecastConfig } from "../../src/ml/config";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { MemoryHistorySource, sexHistory } from "../support/memory-history";
import { TINY_CONFIG } from "../support/tiny-config";

const TINY_GRID: ForecastConfig[] = [
  { ...TINY_CONFIG, name: "tiny-a" },
  { ...TINY_CONFIG, name: "tiny-b", lstm1Units: 3, lstm2Units: 2 },
  { ...TINY_CONFIG, name: "tiny-c", learningRate: 0.01 },
  { ...TINY_CONFIG, name: "tiny-d", dropout: 0 },
];

let dir: string;
let registry: FileModelRegistry;
let stdout: string;
let stderr: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-tune-"));
  registry = new FileModelRegistry(dir);
  stdout = "";
  stderr = "";
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(
  overrides: Partial<TuneSessionOptions> = {}
): TuneSessionOptions {
  const history = new MemoryHistorySource();
  history.set("sex", sexHistory());
  return {
    category: "sex",
    history,
    historySource: "memory",
    destination: { registry, where: "the test registry" },
    budgetSeconds: 600,
    json: true,
    grid: TINY_GRID,
    originCount: 2,
    maxHorizon: 2,
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    ...overrides,
  };
}

/** A clock that moves `stepMs` forward each time it is read. */
function steppingClock(stepMs: number): () => number {
  let now = 0;
  return () => (now += stepMs);
}

test("ranks the grid, prints one JSON object and saves the winner",
  async () => {
    expect(await runTune(options())).toBe(0);

    const report = JSON.parse(stdout) as {
      ranking: { name: string; mase: number; inputs: string }[];
      winner: ForecastConfig;
      saved_to: string;
      trimmed: string[];
      origins: number[];
    };
    expect(report.ranking.map((row) => row.name).sort()).toEqual([
      "tiny-a",
      "tiny-b",
      "tiny-c",
      "tiny-d",
    ]);
    // The tiny grid predates inputs: each row reads as levels.
    expect(new Set(report.ranking.map((row) => row.inputs))).toEqual(
      new Set(["levels"])
    );
    const mases = report.ranking.map((row) => row.mase);
    expect([...mases].sort((a, b) => a - b)).toEqual(mases);
    expect(report.winner.name).toBe(report.ranking[0].name);
    expect(report.origins).toEqual([2012, 2013]);
    expect(report.saved_to).toBe("the test registry");
    expect(report.trimmed).toEqual([]);

    const saved = await registry.getTunedConfig("sex");
    expect(saved?.config).toEqual(report.winner);
    expect(saved).toMatchObject({
      history_source: "memory",
      training_years: "1990 - 2014",
      origins: [2012, 2013],
      max_horizon: 2,
      score: { mase: mases[0] },
      not_scored: [],
    });

    expect(stderr).toMatch(/tune sex: 4 configurations x 2 origins = 8 fits/);
    expect(stderr).toMatch(/tune sex \[4\/4\] tiny-\w  MASE \d/);
  });

test("the text report is a ranked table with every column", async () => {
  expect(await runTune(options({ json: false }))).toBe(0);
  const lines = stdout.split("\n");
  const header = lines.find((line) => line.startsWith(" #  "));
  expect(header?.split(/\s+/).filter(Boolean)).toEqual([
    "#",
    "configuration",
    "inputs",
    "units",
    "win",
    "drop",
    "lr",
    "MASE",
    "WAPE",
    "sMAPE",
    "s",
  ]);
  expect(lines.filter((line) => /^ [1-4]  tiny-/.test(line))).toHaveLength(4);
  expect(stdout).toMatch(/saved as the next training's configuration/);
});

test("trims the grid to the budget, says so and records what it left out",
  async () => {
    // Every clock read is 1 s later: one fit "takes" 1 s, a configuration
    // 2 s (two origins), and 10 s leave room for three after the timing.
    const code = await runTune(
      options({ budgetSeconds: 10, clock: steppingClock(1000) })
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      ranking: unknown[];
      trimmed: string[];
      not_run: string[];
    };
    expect(report.trimmed).toEqual(["tiny-d"]);
    expect(report.ranking.length + report.not_run.length).toBe(3);
    expect(stderr).toMatch(/trimmed to the first 3 of 4 .*left out: tiny-d/);
    const saved = await registry.getTunedConfig("sex");
    expect([...(saved?.not_scored ?? [])].sort()).toEqual(
      [...report.not_run, "tiny-d"].sort()
    );
  });

test("refuses a budget too small to compare two configurations", async () => {
  const code = await runTune(
    options({ budgetSeconds: 60, clock: steppingClock(60_000) })
  );
  expect(code).toBe(1);
  expect(stdout).toBe("");
  expect(stderr).toMatch(/refused: one configuration takes about/);
  expect(await registry.getTunedConfig("sex")).toBeNull();
});

test("with no registry it reports the winner and why it was not saved",
  async () => {
    const code = await runTune(
      options({ destination: { registry: null, reason: "offline" } })
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      saved_to: null,
      not_saved_because: "offline",
    });
    expect(await registry.getTunedConfig("sex")).toBeNull();
  });

test("a category with no history is bad history", async () => {
  await expect(runTune(options({ category: "age" }))).rejects.toThrow(
    /no age history in memory/
  );
});
