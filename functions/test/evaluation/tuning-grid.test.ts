import { checkConfig } from "../../src/ml/check-config";
import { DEFAULT_CONFIG, type ForecastConfig } from "../../src/ml/config";
import {
  configAt,
  tuningGrid,
  TUNING_VALUES,
} from "../../src/evaluation/tuning-grid";

/** Which of the five tuned settings differ from the default's. */
function changedSettings(config: ForecastConfig): number {
  return [
    (config.inputs ?? "levels") !== (DEFAULT_CONFIG.inputs ?? "levels"),
    config.lstm1Units !== DEFAULT_CONFIG.lstm1Units,
    config.window.maxWindow !== DEFAULT_CONFIG.window.maxWindow,
    config.dropout !== DEFAULT_CONFIG.dropout,
    config.learningRate !== DEFAULT_CONFIG.learningRate,
  ].filter(Boolean).length;
}

describe("tuningGrid", () => {
  const grid = tuningGrid();

  test("crosses every value of the five settings: 2 x 3 x 3 x 2 x 2", () => {
    expect(grid).toHaveLength(72);
    expect(grid.filter((c) => c.inputs === "differences")).toHaveLength(36);
    // Levels are left unset, as in the default.
    expect(grid.filter((c) => c.inputs === undefined)).toHaveLength(36);
    const units = new Set(grid.map((c) => `${c.lstm1Units}/${c.lstm2Units}`));
    expect([...units].sort()).toEqual(["32/16", "48/24", "64/32"]);
    expect(new Set(grid.map((c) => c.window.maxWindow))).toEqual(
      new Set([10, 12, 15])
    );
    expect(new Set(grid.map((c) => c.dropout))).toEqual(new Set([0.2, 0.1]));
    expect(new Set(grid.map((c) => c.learningRate))).toEqual(
      new Set([0.004, 0.002])
    );
  });

  test("names are distinct and say what each configuration sets", () => {
    const names = grid.map((config) => config.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain(DEFAULT_CONFIG.name);
    for (const config of grid) {
      expect(config.name).toMatch(
        new RegExp(
          `^lstm${config.inputs === "differences" ? "-diff" : ""}` +
            `-${config.lstm1Units}-${config.lstm2Units}` +
            `-w${config.window.maxWindow}-d${config.dropout}` +
            `-lr${config.learningRate}-[0-9a-f]{4}$`
        )
      );
    }
  });

  test.each(tuningGrid().map((config) => [config.name, config]))(
    "%s passes checkConfig",
    (_, config) => {
      expect(() => checkConfig(config)).not.toThrow();
    }
  );

  test("keeps every other setting of the default", () => {
    // Blank out the five tuned settings and the name; the rest must match.
    const untuned = (config: ForecastConfig) => ({
      ...config,
      name: "",
      inputs: undefined,
      lstm1Units: 0,
      lstm2Units: 0,
      dropout: 0,
      learningRate: 0,
      window: { ...config.window, maxWindow: 0 },
    });
    for (const config of grid) {
      expect(untuned(config)).toEqual(untuned(DEFAULT_CONFIG));
    }
  });

  test("puts the default first, then single changes, then combinations",
    () => {
      expect(changedSettings(grid[0])).toBe(0);
      expect(grid.slice(1, 8).map(changedSettings)).toEqual([
        1, 1, 1, 1, 1, 1, 1,
      ]);
      const counts = grid.map(changedSettings);
      expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    });

  test("a levels candidate keeps the name it had before inputs existed",
    () => {
      // Stored tuned configurations are matched by name: renaming the
      // levels candidates would retrain every tuned category for nothing.
      const point = {
        inputs: "levels" as const,
        units: TUNING_VALUES.units[0],
        maxWindow: 15,
        dropout: 0.2,
        learningRate: 0.004,
      };
      const levels = configAt(DEFAULT_CONFIG, point);
      expect(levels).not.toHaveProperty("inputs");
      const differences = configAt(DEFAULT_CONFIG, {
        ...point,
        inputs: "differences",
      });
      expect(differences.inputs).toBe("differences");
      expect(differences.name).toBe(`lstm-diff${levels.name.slice(4, -4)}` +
        differences.name.slice(-4));
      expect(differences.name.slice(-4)).not.toBe(levels.name.slice(-4));
    });

  test("does not share the default's objects", () => {
    const fresh = tuningGrid();
    fresh[0].window.maxWindow = 3;
    expect(DEFAULT_CONFIG.window.maxWindow).toBe(15);
    expect(tuningGrid()[0].window.maxWindow).toBe(15);
  });

  test("renames every candidate when another setting of the base changes",
    () => {
      const point = {
        inputs: TUNING_VALUES.inputs[1],
        units: TUNING_VALUES.units[1],
        maxWindow: 12,
        dropout: 0.1,
        learningRate: 0.002,
      };
      const before = configAt(DEFAULT_CONFIG, point);
      const after = configAt({ ...DEFAULT_CONFIG, maxEpochs: 99 }, point);
      expect(after.name).not.toBe(before.name);
      expect(after.name.slice(0, -4)).toBe(before.name.slice(0, -4));
      // The same settings always give the same name.
      expect(configAt(DEFAULT_CONFIG, point).name).toBe(before.name);
    });
});
