import * as tf from "@tensorflow/tfjs";
import { backtest } from "../../src/evaluation/backtest";
import { lstmMethod } from "../../src/evaluation/lstm-method";
import { minimumYears } from "../../src/ml";
import { syntheticHistory } from "../ml/synthetic";
import { TINY_CONFIG } from "../support/tiny-config";

describe("lstmMethod", () => {
  const history = syntheticHistory(12, 3);

  test("is named after its config and needs the LSTM's fewest years", () => {
    const method = lstmMethod(TINY_CONFIG);
    expect(method.name).toBe("lstm:test-tiny");
    expect(method.minimumYears).toBe(minimumYears(TINY_CONFIG.window));
    expect(lstmMethod(TINY_CONFIG, "lstm").name).toBe("lstm");
  });

  test("forecasts [year][group] counts and frees its tensors", async () => {
    const fitted = await lstmMethod(TINY_CONFIG).fit(history);
    const before = tf.memory().numTensors;
    const rows = fitted.forecast(3);
    expect(tf.memory().numTensors).toBe(before);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toHaveLength(3);
      for (const value of row) {
        expect(Number.isInteger(value) && value >= 0).toBe(true);
      }
    }
    fitted.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
    expect(() => fitted.forecast(1)).toThrow(/disposed/);
  });

  test("needs one year more when it reads differences", () => {
    const differences = { ...TINY_CONFIG, inputs: "differences" as const };
    expect(lstmMethod(differences).minimumYears).toBe(
      (minimumYears(TINY_CONFIG.window) as number) + 1
    );
  });

  test("backtests with too-short origins skipped", async () => {
    const start = tf.memory().numTensors;
    const method = lstmMethod(TINY_CONFIG);
    // The years up to 1984 are 4, one short of the seed rule's 5.
    const result = await backtest(history, [method], {
      origins: { years: [1984, 1988] },
      maxHorizon: 2,
    });
    expect(result.skipped.map((s) => s.origin)).toEqual([1984]);
    expect(result.errors).toHaveLength(2 * 3);
    expect(tf.memory().numTensors).toBe(start);
  });
});
