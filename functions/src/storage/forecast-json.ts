import type { Category } from "../domain/categories";
import { NotFoundError } from "../domain/errors";
import type { YearForecast } from "../domain/history";
import type { BlobStore } from "./blob-store";
import { CorruptArtifactError } from "./corrupt-artifact-error";
import { modelPrefix } from "./version-paths";

/** Name of the precomputed forecast in a version's folder. */
export const FORECAST_JSON_NAME = "forecast.json";

/**
 * forecast.json: the forecast a version makes for the longest horizon the
 * API serves, computed once when the version is trained. Serving reads it
 * instead of running the network, so a forecast needs neither TensorFlow.js
 * nor the weights; a recursive forecast's first n years are the same
 * whatever the horizon, so any shorter request is a prefix of it.
 */
export interface StoredForecast {
  formatVersion: 1;
  /** Last year of the history the model was trained on. */
  lastHistoryYear: number;
  /** Groups in the order of every `predictions` object. */
  groups: string[];
  years: YearForecast[];
}

/**
 * Parses and checks forecast.json: consecutive years after the history,
 * each with one whole non-negative count per group, in group order.
 *
 * @param where the artifact's name for messages.
 * @throws CorruptArtifactError naming `where` and the fault.
 */
export function parseForecastJson(
  bytes: Uint8Array,
  where: string
): StoredForecast {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new CorruptArtifactError(where, "not valid JSON", { cause: error });
  }
  const problem = forecastProblem(value);
  if (problem !== null) throw new CorruptArtifactError(where, problem);
  return value as StoredForecast;
}

export function encodeForecastJson(forecast: StoredForecast): Uint8Array {
  const problem = forecastProblem(forecast);
  if (problem !== null) {
    throw new Error(`Refusing to store a malformed forecast: ${problem}`);
  }
  return new TextEncoder().encode(JSON.stringify(forecast));
}

function forecastProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null) return "not an object";
  const entry = value as Record<string, unknown>;
  if (entry.formatVersion !== 1) return "formatVersion is not 1";
  const { lastHistoryYear, groups, years } = entry;
  if (typeof lastHistoryYear !== "number" || !Number.isInteger(lastHistoryYear)) {
    return "lastHistoryYear is not a whole number";
  }
  if (
    !Array.isArray(groups) ||
    groups.length === 0 ||
    !groups.every((g) => typeof g === "string")
  ) {
    return "groups is not a non-empty list of names";
  }
  if (!Array.isArray(years) || years.length === 0) {
    return "years is not a non-empty list";
  }
  for (const [i, item] of years.entries()) {
    const year = (item as YearForecast | null)?.year;
    if (year !== lastHistoryYear + 1 + i) {
      return `entry ${i} is for year ${String(year)}, expected ` +
        `${lastHistoryYear + 1 + i}`;
    }
    const predictions = (item as YearForecast).predictions;
    const names = Object.keys(predictions ?? {});
    if (names.join("\u0000") !== groups.join("\u0000")) {
      return `year ${year} does not list the groups in order`;
    }
    for (const name of names) {
      const count = predictions[name];
      if (!Number.isInteger(count) || count < 0) {
        return `year ${year}, group "${name}" is not a whole count >= 0`;
      }
    }
  }
  return null;
}

/**
 * The forecast stored with a version, or null when the version has none
 * (versions trained before forecasts were stored). Reads one small file:
 * no TensorFlow.js, no weights.
 *
 * @throws CorruptArtifactError for an unreadable file; the store's errors.
 */
export async function loadStoredForecast(
  store: BlobStore,
  category: Category,
  version: string
): Promise<StoredForecast | null> {
  const path = modelPrefix(category, version) + FORECAST_JSON_NAME;
  let bytes: Uint8Array;
  try {
    bytes = await store.read(path);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
  return parseForecastJson(bytes, `${store.location}/${path}`);
}
