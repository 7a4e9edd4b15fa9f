import * as tf from "@tensorflow/tfjs";
import { backtest } from "../../src/evaluation/backtest";
import { chooseMethod } from "../../src/evaluation/choose-method";
import { lstmMethod } from "../../src/evaluation/lstm-method";
import {
  timeOneFit,
  tuneConfigs,
  type TuningProgress,
} from "../../src/evaluation/tune-configs";
import type { ForecastConfig } from "../../src/ml/config";
import { syntheticHistory } from "../ml/synthetic";
import { TINY_CONFIG } from "../support/tiny-config";

/** Three tiny candidates that differ where the real grid does. */
const TINY_GRID: ForecastConfig[] = [
  { ...TINY_CONFIG, name: "tiny-a" },
  { ...TINY_CONFIG, name: "tiny-b", lstm1Units: 3, lstm2Units: 2 },
  { ...TINY_CONFIG, name: "tiny-c", learningRate: 0.01, dropout: 0 },
];
const OPTIONS = { origins: { count: 2 }, maxHorizon: 2 };

/** A clock that moves `stepMs` forward each time it is read. */
function steppingClock(stepMs: number): () => number {
  let now = 0;
  return () => (now += stepMs);
}

describe("tuneConfigs", () => {
  const history = syntheticHistory(14, 2);

  test("ranks by the backtest's pooled MASE, as chooseMethod would", async () => {
    const progress: TuningProgress[] = [];
    const result = await tuneConfigs(history, TINY_GRID, {
      ...OPTIONS,
      onProgress: (p) => progress.push(p),
    });

    // The same backtest of all three at once, ranked by the service's rule.
    const together = await backtest(
      history,
      TINY_GRID.map((config) => lstmMethod(config, config.name)),
      OPTIONS
    );
    const expected = chooseMethod(together);
    expect(result.ranking.map((entry) => entry.config.name)).toEqual(
      expected.ranking.map((entry) => entry.method)
    );
    expect(result.ranking.map((entry) => entry.mase)).toEqual(
      expected.ranking.map((entry) => entry.mase)
    );
    expect(result.winner.name).toBe(expected.method);
    expect(result.origins).toEqual(together.origins);
    expect(result.notRun).toEqual([]);

    expect(progress.map((p) => [p.done, p.total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    const lowest = Math.min(...result.ranking.map((entry) => entry.mase));
    expect(progress[2].best?.mase).toBe(lowest);
  });

  test("stops starting configurations once the deadline is near", async () => {
    // Each backtest reads the clock twice, so it "takes" 10 s; starting a
    // third at 50 s would end past the 45 s deadline.
    const result = await tuneConfigs(history, TINY_GRID, {
      ...OPTIONS,
      now: steppingClock(10_000),
      deadlineMs: 45_000,
    });
    expect(result.ranking).toHaveLength(2);
    expect(result.notRun.map((config) => config.name)).toEqual(["tiny-c"]);
    expect(result.ranking.every((entry) => entry.seconds === 10)).toBe(true);
  });

  test("lists a configuration that could fit no origin as ineligible",
    async () => {
      // This window rule needs 20 years; the origins leave 10 and 12.
      const longWindow: ForecastConfig = {
        ...TINY_CONFIG,
        name: "tiny-long-window",
        window: { ...TINY_CONFIG.window, minWindow: 20 },
      };
      const result = await tuneConfigs(
        syntheticHistory(30, 2),
        [TINY_GRID[0], longWindow],
        { origins: { years: [1990, 1992] }, maxHorizon: 1 }
      );
      expect(result.winner.name).toBe("tiny-a");
      expect(result.ineligible.map((entry) => entry.config.name)).toEqual([
        "tiny-long-window",
      ]);
      expect(result.ineligible[0].skippedFits).toBe(2);
    });

  test("refuses two configurations of one name", async () => {
    await expect(
      tuneConfigs(history, [TINY_GRID[0], TINY_GRID[0]], OPTIONS)
    ).rejects.toThrow(/two configurations are named "tiny-a"/);
  });

  test("timeOneFit times a fit and frees it", async () => {
    const before = tf.memory().numTensors;
    const seconds = await timeOneFit(
      history,
      TINY_CONFIG,
      1992,
      steppingClock(1500)
    );
    expect(seconds).toBe(1.5);
    expect(tf.memory().numTensors).toBe(before);
    await expect(timeOneFit(history, TINY_CONFIG, 1900)).rejects.toThrow(
      /1900 is not a year/
    );
  });
});
