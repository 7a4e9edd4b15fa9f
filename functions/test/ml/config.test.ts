import { checkConfig } from "../../src/ml/check-config";
import {
  DEFAULT_CONFIG,
  FAST_LSTM,
  FAST_LSTM_DIFFERENCES,
  FAST_LSTM_LOGS,
  SEED_RECIPE,
  type ForecastConfig,
} from "../../src/ml/config";

describe("named configurations", () => {
  it("keep the seed recipe on model.fit as the baseline", () => {
    expect(SEED_RECIPE.trainer).toBe("layers-fit");
    expect(SEED_RECIPE.learningRate).toBe(0.001);
  });

  it("default to the same network on the fused trainer", () => {
    expect(DEFAULT_CONFIG).toBe(FAST_LSTM);
    expect(FAST_LSTM.trainer).toBe("fused");
    const { lstm1Units, lstm2Units, dropout, window } = FAST_LSTM;
    expect({ lstm1Units, lstm2Units, dropout, window }).toEqual({
      lstm1Units: 64,
      lstm2Units: 32,
      dropout: 0.2,
      window: SEED_RECIPE.window,
    });
  });

  it.each([
    [FAST_LSTM_DIFFERENCES, "differences"],
    [FAST_LSTM_LOGS, "logs"],
  ])("name the input variants apart, the rest as the default (%#)",
    (config, expected) => {
      const { name, inputs, ...rest } = config;
      expect(inputs).toBe(expected);
      expect(name).not.toBe(FAST_LSTM.name);
      expect({ ...rest, name: FAST_LSTM.name }).toEqual(FAST_LSTM);
    });

  it.each([SEED_RECIPE, FAST_LSTM, FAST_LSTM_DIFFERENCES, FAST_LSTM_LOGS])(
    "pass checkConfig (%#)", (config) => {
    expect(() => checkConfig(config)).not.toThrow();
  });

  it("rejects unknown inputs, naming the choices", () => {
    const config = { ...FAST_LSTM, inputs: "ratios" } as unknown;
    expect(() => checkConfig(config as ForecastConfig)).toThrow(
      "ForecastConfig.inputs must be one of levels, differences, logs, " +
        "got ratios"
    );
  });

  it("rejects an unknown trainer, naming the choices", () => {
    const config = { ...FAST_LSTM, trainer: "keras" } as unknown;
    expect(() => checkConfig(config as ForecastConfig)).toThrow(
      /ForecastConfig.trainer must be one of layers-fit, fused, got keras/
    );
  });
});
