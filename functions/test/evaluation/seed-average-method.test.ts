import * as tf from "@tensorflow/tfjs";
import { lstmMethod } from "../../src/evaluation/lstm-method";
import { seedAverageMethod } from "../../src/evaluation/seed-average-method";
import { syntheticHistory } from "../ml/synthetic";
import { TINY_CONFIG } from "../support/tiny-config";

describe("seedAverageMethod", () => {
  const history = syntheticHistory(12, 3);

  test("forecasts the cell by cell mean of one LSTM per seed", async () => {
    const seeds = [7, 8];
    const members: number[][][] = [];
    for (const seed of seeds) {
      const fitted = await lstmMethod({ ...TINY_CONFIG, seed }).fit(history);
      members.push(fitted.forecast(3));
      fitted.dispose();
    }
    const average = await seedAverageMethod(TINY_CONFIG, seeds, "mean").fit(
      history
    );
    const rows = average.forecast(3);
    average.dispose();
    expect(members[0]).not.toEqual(members[1]);
    expect(rows).toEqual(
      members[0].map((row, h) =>
        row.map((value, j) => (value + members[1][h][j]) / 2)
      )
    );
  });

  test("takes its name, and the LSTM's fewest years", () => {
    const method = seedAverageMethod(TINY_CONFIG, [1, 2, 3], "lstm:mean");
    expect(method.name).toBe("lstm:mean");
    expect(method.minimumYears).toBe(lstmMethod(TINY_CONFIG).minimumYears);
  });

  test("frees every member's tensors when disposed", async () => {
    const start = tf.memory().numTensors;
    const fitted = await seedAverageMethod(TINY_CONFIG, [1, 2], "m").fit(
      history
    );
    expect(tf.memory().numTensors).toBeGreaterThan(start);
    fitted.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  test("frees the members already trained when one fails", async () => {
    const start = tf.memory().numTensors;
    // Seed NaN passes the first member's name but fails checkConfig.
    const method = seedAverageMethod(TINY_CONFIG, [1, NaN], "m");
    await expect(method.fit(history)).rejects.toThrow(/seed/);
    expect(tf.memory().numTensors).toBe(start);
  });

  test("refuses an empty list of seeds", () => {
    expect(() => seedAverageMethod(TINY_CONFIG, [], "m")).toThrow(
      /at least one seed/
    );
  });
});
