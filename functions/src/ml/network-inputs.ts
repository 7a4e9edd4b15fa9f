/**
 * The rows a network is trained on, and the way its outputs become
 * counts again, for each kind of NetworkInputs (see config.ts). Training
 * and forecasting both go through here, so the two cannot disagree.
 */
import type { ForecastConfig, NetworkInputs } from "./config";
import { minimumYears } from "./windowing";

/** The config's inputs, "levels" when it predates the field. */
export function inputsOf(config: ForecastConfig): NetworkInputs {
  return config.inputs ?? "levels";
}

/**
 * The network's rows for the yearly `counts` (oldest first): the counts
 * themselves, their logs (log1p), or each year's change from the year
 * before (one row fewer).
 */
export function networkRows(
  counts: readonly number[][],
  inputs: NetworkInputs
): number[][] {
  if (inputs === "levels") return counts.map((row) => [...row]);
  if (inputs === "logs") return counts.map((row) => row.map(Math.log1p));
  return counts
    .slice(1)
    .map((row, i) => row.map((value, j) => value - counts[i][j]));
}

/**
 * Counts for the years after the last known ones, from the network's
 * unscaled outputs (one row per year ahead): the outputs themselves,
 * their exp - 1 (expm1), or the last counts plus the running sum of the
 * predicted changes.
 */
export function countsFromOutputs(
  outputs: readonly number[][],
  inputs: NetworkInputs,
  lastCounts: readonly number[]
): number[][] {
  if (inputs === "levels") return outputs.map((row) => [...row]);
  if (inputs === "logs") return outputs.map((row) => row.map(Math.expm1));
  let level = [...lastCounts];
  return outputs.map((changes) => {
    level = level.map((value, j) => value + changes[j]);
    return [...level];
  });
}

/**
 * The fewest years of history `config` trains on, or null when its window
 * rule never leaves enough windows. Differences cost one year: the first
 * year has no year before it to change from.
 */
export function minimumTrainingYears(config: ForecastConfig): number | null {
  const rows = minimumYears(config.window);
  if (rows === null) return null;
  return inputsOf(config) === "differences" ? rows + 1 : rows;
}
