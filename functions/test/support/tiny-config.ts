import { SEED_RECIPE, type ForecastConfig } from "../../src/ml/config";

/**
 * The seed recipe shrunk so a test trains in well under a second: same
 * architecture and code path, a few small units and epochs.
 */
export const TINY_CONFIG: ForecastConfig = {
  ...SEED_RECIPE,
  name: "test-tiny",
  lstm1Units: 4,
  lstm2Units: 3,
  maxEpochs: 4,
  earlyStoppingPatience: 2,
};
