import * as tf from "@tensorflow/tfjs";
import { ServiceError } from "../../src/domain/errors";
import { initBackend } from "../../src/ml/backend";
import { forecast } from "../../src/ml/forecast";
import type { PreprocessingState } from "../../src/ml/forecaster";

beforeAll(() => initBackend(() => undefined));

const GROUPS = ["Rising", "Falling", "Flat", "Damped"];
const WINDOW = 3;

/**
 * A network with a known output: per group, a fixed mix of the last two
 * years of the window, y = a * last + (1 - a) * previous. Weights summing
 * to one commute with min-max scaling, so the mix holds in counts too.
 * Rising/Falling/Flat extrapolate the trend (a = 2); Damped uses a = 1.4.
 */
function knownModel(): tf.LayersModel {
  const numGroups = GROUPS.length;
  const lastWeight = [2, 2, 2, 1.4];
  const kernel = tf.buffer([WINDOW * numGroups, numGroups]);
  lastWeight.forEach((a, j) => {
    kernel.set(a, (WINDOW - 1) * numGroups + j, j);
    kernel.set(1 - a, (WINDOW - 2) * numGroups + j, j);
  });
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [WINDOW, numGroups] }));
  model.add(tf.layers.dense({ units: numGroups, useBias: false }));
  tf.tidy(() => model.setWeights([kernel.toTensor()]));
  return model;
}

function state(): PreprocessingState {
  return {
    formatVersion: 1,
    groups: [...GROUPS],
    scaler: { min: [90, 10, 5, 0], max: [130, 40, 5, 10] },
    windowLength: WINDOW,
    years: [2011, 2012, 2013, 2014, 2015],
    lastWindow: [
      [100, 30, 5, 7],
      [110, 20, 5, 0],
      [120, 10, 5, 1],
    ],
  };
}

describe("forecast", () => {
  let model: tf.LayersModel;
  beforeAll(() => {
    model = knownModel();
  });
  afterAll(() => model.dispose());

  it("forecasts the years after the last training year", () => {
    const years = forecast(model, state(), 4).map((f) => f.year);
    expect(years).toEqual([2016, 2017, 2018, 2019]);
  });

  it("keys each year's predictions by group, in the state's order", () => {
    for (const { predictions } of forecast(model, state(), 2)) {
      expect(Object.keys(predictions)).toEqual(GROUPS);
    }
  });

  it("feeds each prediction back, unrounded, as the next year's input", () => {
    const result = forecast(model, state(), 3);
    const series = (group: string) =>
      result.map((f) => f.predictions[group]);
    // 130 needs 120 and 110; 140 needs the predicted 130; and so on.
    expect(series("Rising")).toEqual([130, 140, 150]);
    // 1.4 rounds to 1, but 1.4 (not 1) is fed back: 1.56 → 2, 1.624 → 2.
    // Rounded feedback would give 1, 1, 1.
    expect(series("Damped")).toEqual([1, 2, 2]);
  });

  it("clips at zero and keeps a constant group constant", () => {
    const result = forecast(model, state(), 3);
    expect(result.map((f) => f.predictions.Falling)).toEqual([0, 0, 0]);
    expect(result.map((f) => f.predictions.Flat)).toEqual([5, 5, 5]);
  });

  it("returns whole, non-negative numbers only", () => {
    for (const { predictions } of forecast(model, state(), 5)) {
      for (const value of Object.values(predictions)) {
        expect(Number.isInteger(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(Object.is(value, -0)).toBe(false);
      }
    }
  });

  it("leaves no tensor behind", () => {
    const before = tf.memory().numTensors;
    forecast(model, state(), 10);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([0, -1, 1.5, NaN])("rejects yearsAhead = %p", (yearsAhead) => {
    let caught: unknown;
    try {
      forecast(model, state(), yearsAhead);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ServiceError);
    expect((caught as ServiceError).kind).toBe("invalid-argument");
    expect((caught as Error).message).toMatch(/yearsAhead/);
  });

  it("rejects a state that does not match the model", () => {
    const wider: PreprocessingState = {
      ...state(),
      groups: [...GROUPS, "Extra"],
      scaler: { min: [0, 0, 0, 0, 0], max: [1, 1, 1, 1, 1] },
      lastWindow: state().lastWindow.map((row) => [...row, 0]),
    };
    expect(() => forecast(model, wider, 1)).toThrow(
      /Model takes \[null, 3, 4\].*needs \[null, 3, 5\]/
    );
  });

  it("adds a network of differences' outputs to the last counts", () => {
    // The same network, read as predicting changes: Rising's changes
    // 10, 10, 10 extrapolate to 10, so the counts climb by 10 a year
    // from the last count, 500.
    const differences: PreprocessingState = {
      ...state(),
      formatVersion: 2,
      inputs: "differences",
      lastCounts: [500, 40, 5, 3],
      scaler: { min: [0, -20, 0, -7], max: [20, 0, 0, 1] },
      lastWindow: [
        [10, -10, 0, 0],
        [10, -10, 0, -7],
        [10, -10, 0, 1],
      ],
    };
    const result = forecast(model, differences, 3);
    const series = (group: string) =>
      result.map((f) => f.predictions[group]);
    expect(series("Rising")).toEqual([510, 520, 530]);
    expect(series("Falling")).toEqual([30, 20, 10]);
    expect(series("Flat")).toEqual([5, 5, 5]);
    // Changes 1.4 * 1 - 0.4 * (-7) = 4.2, then 1.4 * 4.2 - 0.4 = 5.48:
    // counts 7.2 and 12.68, rounded only at the end.
    expect(series("Damped").slice(0, 2)).toEqual([7, 13]);
  });

  it("rejects a format 2 state without one last count per group", () => {
    const broken: PreprocessingState = {
      ...state(),
      formatVersion: 2,
      inputs: "differences",
      lastCounts: [1, 2],
    };
    expect(() => forecast(model, broken, 1)).toThrow(
      /lastCounts has 2 columns/
    );
  });

  it("rejects a state that contradicts itself", () => {
    const broken = { ...state(), lastWindow: state().lastWindow.slice(1) };
    expect(() => forecast(model, broken, 1)).toThrow(
      /lastWindow has 2 rows, windowLength is 3/
    );
  });
});
