/**
 * Small generated histories and a tiny training recipe, so that the ML
 * tests run in seconds and need no data files.
 */
import type { History } from "../../src/domain/history";
import { SEED_RECIPE, type ForecastConfig } from "../../src/ml/config";

/**
 * A smooth, made-up history: each group grows from its own base with a
 * wobble, so neighbouring years differ and groups differ in scale. Whole,
 * non-negative counts.
 */
export function syntheticHistory(
  numYears: number,
  numGroups: number,
  firstYear = 1981
): History {
  const years = Array.from({ length: numYears }, (_, i) => firstYear + i);
  const groups = Array.from({ length: numGroups }, (_, j) => `Group ${j}`);
  const values = years.map((_, t) =>
    groups.map((_, j) => {
      const base = 100 * (j + 1);
      const trend = 1 + 0.03 * t * (j % 3 === 0 ? -0.5 : 1);
      const wobble = 1 + 0.2 * Math.sin(t * 0.9 + j);
      return Math.max(0, Math.round(base * trend * wobble));
    })
  );
  return { years, groups, values };
}

/** The seed recipe shrunk to a few small epochs. */
export function tinyConfig(
  overrides: Partial<ForecastConfig> = {}
): ForecastConfig {
  return {
    ...SEED_RECIPE,
    window: { ...SEED_RECIPE.window },
    name: "tiny-test",
    lstm1Units: 4,
    lstm2Units: 4,
    maxEpochs: 4,
    earlyStoppingPatience: 2,
    ...overrides,
  };
}
