/**
 * Rejects a ForecastConfig that tfjs would accept but train nonsense with,
 * or fail on deep inside fit() with a message that names no field.
 */
import { NETWORK_INPUTS, TRAINERS, type ForecastConfig } from "./config";
import { inputsOf } from "./network-inputs";

/** Throws RangeError naming the first field that is out of range. */
export function checkConfig(config: ForecastConfig): void {
  if (!TRAINERS.includes(config.trainer)) {
    fail("trainer", config.trainer, `one of ${TRAINERS.join(", ")}`);
  }
  const inputs = inputsOf(config);
  if (!NETWORK_INPUTS.includes(inputs)) {
    fail("inputs", inputs, `one of ${NETWORK_INPUTS.join(", ")}`);
  }
  const wholeAtLeast: Array<[string, number, number]> = [
    ["lstm1Units", config.lstm1Units, 1],
    ["lstm2Units", config.lstm2Units, 1],
    ["batchSize", config.batchSize, 1],
    ["maxEpochs", config.maxEpochs, 1],
    ["minWindowsForValidation", config.minWindowsForValidation, 2],
    ["earlyStoppingPatience", config.earlyStoppingPatience, 1],
    ["window.shortHistoryYears", config.window.shortHistoryYears, 1],
    ["window.minWindow", config.window.minWindow, 1],
    ["window.maxWindow", config.window.maxWindow, 1],
  ];
  for (const [field, value, least] of wholeAtLeast) {
    if (!Number.isInteger(value) || value < least) {
      fail(field, value, `a whole number >= ${least}`);
    }
  }
  const fractions: Array<[string, number]> = [
    ["dropout", config.dropout],
    ["validationSplit", config.validationSplit],
    ["minRelativeDelta", config.minRelativeDelta ?? 0],
  ];
  for (const [field, value] of fractions) {
    if (!(value >= 0 && value < 1)) fail(field, value, "in [0, 1)");
  }
  const positives: Array<[string, number]> = [
    ["learningRate", config.learningRate],
    ["window.shortFraction", config.window.shortFraction],
    ["window.longFraction", config.window.longFraction],
  ];
  for (const [field, value] of positives) {
    if (!(value > 0 && Number.isFinite(value))) {
      fail(field, value, "a finite number > 0");
    }
  }
  if (!Number.isFinite(config.seed)) fail("seed", config.seed, "finite");
}

function fail(field: string, value: unknown, expected: string): never {
  throw new RangeError(
    `ForecastConfig.${field} must be ${expected}, got ${String(value)}`
  );
}
