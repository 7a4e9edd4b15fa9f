import * as tf from "@tensorflow/tfjs";
import { BadHistoryError } from "../../src/domain/errors";
import { initBackend } from "../../src/ml/backend";
import { forecast } from "../../src/ml/forecast";
import { fitMinMaxScaler, scaleRows } from "../../src/ml/scaling";
import {
  splitForValidation,
  trainForecaster,
  type EpochLogs,
} from "../../src/ml/train";
import { makeWindows } from "../../src/ml/windowing";
import type { ForecastConfig, Trainer } from "../../src/ml/config";
import {
  syntheticHistory,
  tinyConfig,
  tinyConfig as tinySeedConfig,
} from "./synthetic";

beforeAll(() => initBackend(() => undefined));

function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

describe("splitForValidation", () => {
  const config = tinyConfig();

  it.each([
    // windows, training, validation (seed: 0.2 held out from 10 windows)
    [20, 16, 4],
    [10, 8, 2],
    [11, 8, 3],
    [9, 9, 0],
    [2, 2, 0],
  ])("splits %i windows into %i + %i", (windows, train, validation) => {
    expect(splitForValidation(windows, config)).toEqual({
      trainCount: train,
      validationCount: validation,
    });
  });

  it("does not validate when the split is 0", () => {
    const none = tinyConfig({ validationSplit: 0 });
    expect(splitForValidation(30, none).validationCount).toBe(0);
  });
});

describe.each<[Trainer]>([["layers-fit"], ["fused"]])(
  "trainForecaster (%s)",
  (trainer) => {
    // 20 years: window 10, 10 windows, the last 2 held out for validation.
    const history = syntheticHistory(20, 3);
    const tinyConfig = (overrides: Partial<ForecastConfig> = {}) =>
      tinySeedConfig({ trainer, ...overrides });

    it("fills the preprocessing state from the history", async () => {
      const { model, preprocessing } = await trainForecaster(
        history,
        tinyConfig()
      );
      model.dispose();
      expect(preprocessing.formatVersion).toBe(1);
      expect(preprocessing.groups).toEqual(history.groups);
      expect(preprocessing.years).toEqual(history.years);
      expect(preprocessing.windowLength).toBe(10);
      expect(preprocessing.scaler).toEqual(fitMinMaxScaler(history.values));
      expect(preprocessing.lastWindow).toEqual(history.values.slice(10));
      // Copies: changing the history later must not change the state.
      expect(preprocessing.lastWindow[0]).not.toBe(history.values[10]);
      expect(preprocessing.groups).not.toBe(history.groups);
    });

    it("reports every epoch, with validation logs", async () => {
      const seen: Array<[number, EpochLogs]> = [];
      const { model, metrics } = await trainForecaster(
        history,
        tinyConfig({ maxEpochs: 3, earlyStoppingPatience: 5 }),
        { onEpoch: (epoch, logs) => void seen.push([epoch, logs]) }
      );
      model.dispose();
      expect(seen.map(([epoch]) => epoch)).toEqual([0, 1, 2]);
      for (const [, logs] of seen) {
        expect(Object.keys(logs).sort()).toEqual(
          ["loss", "mae", "val_loss", "val_mae"]
        );
      }
      expect(metrics.numSamples).toBe(10);
      expect(metrics.epochsTrained).toBe(3);
      expect(metrics.valLoss).not.toBeNull();
      expect(metrics.valMae).not.toBeNull();
    });

    it("stops early and returns the weights of the best epoch", async () => {
      const valLosses: number[] = [];
      const trainLosses: number[] = [];
      const config = tinyConfig({
        learningRate: 0.05,
        maxEpochs: 40,
        earlyStoppingPatience: 3,
      });
      const { model, metrics } = await trainForecaster(history, config, {
        onEpoch: (_, logs) => {
          valLosses.push(logs.val_loss);
          trainLosses.push(logs.loss);
        },
      });
      const best = valLosses.indexOf(Math.min(...valLosses));
      // The scenario this test needs: val_loss rose after its best epoch.
      expect(metrics.epochsTrained).toBeLessThan(config.maxEpochs);
      expect(valLosses[valLosses.length - 1]).toBeGreaterThan(valLosses[best]);

      expect(metrics.epochsTrained).toBe(
        best + 1 + config.earlyStoppingPatience
      );
      expect(metrics.valLoss).toBe(valLosses[best]);
      expect(metrics.finalLoss).toBe(trainLosses[best]);

      // The model itself scores the best val_loss on the validation windows,
      // not the last epoch's: its weights were put back.
      const scaled = scaleRows(history.values, fitMinMaxScaler(history.values));
      const { inputs, targets } = makeWindows(scaled, 10);
      const [loss] = tf.tidy(() => {
        const result = model.evaluate(
          tf.tensor3d(inputs.slice(8)),
          tf.tensor2d(targets.slice(8))
        ) as tf.Scalar[];
        return result.map((s) => s.dataSync()[0]);
      });
      expect(loss).toBeCloseTo(valLosses[best], 6);
      expect(loss).not.toBeCloseTo(valLosses[valLosses.length - 1], 6);
      model.dispose();
    });

    it("trains every epoch without validation if windows are few", async () => {
      const seen: EpochLogs[] = [];
      // 12 years: window 7, 5 windows, fewer than the 10 validation needs.
      const { model, metrics } = await trainForecaster(
        syntheticHistory(12, 2),
        tinyConfig({ maxEpochs: 5 }),
        { onEpoch: (_, logs) => void seen.push(logs) }
      );
      model.dispose();
      expect(metrics.valLoss).toBeNull();
      expect(metrics.valMae).toBeNull();
      expect(metrics.epochsTrained).toBe(5);
      expect(metrics.numSamples).toBe(5);
      expect(metrics.finalLoss).toBe(seen[4].loss);
      expect(metrics.finalMae).toBe(seen[4].mae);
      expect(Object.keys(seen[0]).sort()).toEqual(["loss", "mae"]);
    });

    it("trains a network of differences, state format 2", async () => {
      const trained = await trainForecaster(
        history,
        tinyConfig({ inputs: "differences", maxEpochs: 3 })
      );
      const { preprocessing } = trained;
      const changes = history.values
        .slice(1)
        .map((row, i) => row.map((v, j) => v - history.values[i][j]));
      expect(preprocessing.formatVersion).toBe(2);
      expect(preprocessing.inputs).toBe("differences");
      // 19 rows of changes, under the 20 of a long history: the window
      // is floor(0.6 x 19) = 11 (20 years of levels give 0.5 x 20 = 10).
      expect(preprocessing.windowLength).toBe(11);
      expect(preprocessing.scaler).toEqual(fitMinMaxScaler(changes));
      expect(preprocessing.lastWindow).toEqual(changes.slice(-11));
      expect(preprocessing.lastCounts).toEqual(history.values[19]);
      expect(preprocessing.years).toEqual(history.years);
      const result = forecast(trained.model, preprocessing, 2);
      trained.model.dispose();
      expect(result.map((f) => f.year)).toEqual([2001, 2002]);
    });

    it("counts years, not rows, when refusing a short history for " +
      "differences", async () => {
      // 5 years give 4 changes: the window rule needs 5 rows, so 6 years.
      const short = syntheticHistory(5, 2, 2011);
      const attempt = trainForecaster(
        short,
        tinyConfig({ inputs: "differences" })
      );
      await expect(attempt).rejects.toBeInstanceOf(BadHistoryError);
      await expect(attempt).rejects.toThrow(
        /5 years \(2011-2015\).*at least 6 years/
      );
    });

    it("rejects a history too short for two windows", async () => {
      const short = syntheticHistory(4, 2, 2012);
      const attempt = trainForecaster(short, tinyConfig());
      await expect(attempt).rejects.toBeInstanceOf(BadHistoryError);
      await expect(attempt).rejects.toThrow(
        /4 years \(2012-2015\).*at least 5 years/
      );
    });

    it("rejects a history with a bad count, naming the cell", async () => {
      const bad = syntheticHistory(8, 2);
      bad.values[3][1] = -4;
      await expect(trainForecaster(bad, tinyConfig())).rejects.toThrow(
        /Year 1984, group "Group 1".*negative/
      );
    });

    it("rejects a configuration field out of range", async () => {
      await expect(
        trainForecaster(history, tinyConfig({ batchSize: 0 }))
      ).rejects.toThrow(/ForecastConfig.batchSize/);
    });

    it("leaves only the model's weights allocated", async () => {
      const before = tf.memory().numTensors;
      const { model } = await trainForecaster(history, tinyConfig());
      expect(tf.memory().numTensors - before).toBe(model.getWeights().length);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it("frees all and restores Math.random when training fails", async () => {
      const before = tf.memory().numTensors;
      const random = Math.random;
      await expect(
        trainForecaster(history, tinyConfig(), {
          onEpoch: () => {
            throw new Error("progress sink is down");
          },
        })
      ).rejects.toThrow("progress sink is down");
      expect(tf.memory().numTensors).toBe(before);
      expect(Math.random).toBe(random);
    });

    it("is reproducible: same seed, same weights and forecast", async () => {
      const config = tinyConfig({ maxEpochs: 3 });
      const runs = [];
      for (const seed of [42, 42, 7]) {
        const trained = await trainForecaster(history, { ...config, seed });
        runs.push({
          weights: weightsOf(trained.model),
          forecast: forecast(trained.model, trained.preprocessing, 3),
          metrics: trained.metrics,
        });
        trained.model.dispose();
      }
      const [first, again, otherSeed] = runs;
      expect(again.weights).toEqual(first.weights);
      expect(again.forecast).toEqual(first.forecast);
      expect(again.metrics).toEqual(first.metrics);
      expect(otherSeed.weights).not.toEqual(first.weights);
    });

    it("forecasts whole, non-negative counts after training", async () => {
      const trained = await trainForecaster(history, tinyConfig());
      const before = tf.memory().numTensors;
      const result = forecast(trained.model, trained.preprocessing, 5);
      expect(tf.memory().numTensors).toBe(before);
      trained.model.dispose();
      expect(result.map((f) => f.year)).toEqual([2001, 2002, 2003, 2004, 2005]);
      for (const { predictions } of result) {
        expect(Object.keys(predictions)).toEqual(history.groups);
        for (const value of Object.values(predictions)) {
          expect(Number.isInteger(value) && value >= 0).toBe(true);
        }
      }
    });
  }
);
