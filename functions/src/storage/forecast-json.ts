import type { Category } from "../domain/categories";
import { NotFoundError } from "../domain/errors";
import type { YearForecast } from "../domain/history";
import type { IntervalBands } from "../evaluation/empirical-intervals";
import type { BlobStore } from "./blob-store";
import { CorruptArtifactError } from "./corrupt-artifact-error";
import { modelPrefix } from "./version-paths";

/** Name of the precomputed forecast in a version's folder. */
export const FORECAST_JSON_NAME = "forecast.json";

/**
 * forecast.json: what a version forecasts for the longest horizon the API
 * serves, computed once when the version is trained, for each method the
 * API can serve (the one the backtest chose, and the LSTM), with their
 * prediction intervals. Serving reads it instead of running anything, so
 * a forecast needs neither TensorFlow.js nor the weights. A recursive
 * forecast's first n years are the same whatever the horizon, so any
 * shorter request is a prefix of it.
 *
 * Counts are kept unrounded: serving scales them to the forecast total
 * (see service/coherent-totals) and rounds only then.
 */
export interface StoredMethodForecast {
  /** rows[h - 1][group], counts >= 0, in `groups` order. */
  values: number[][];
  /** Bounds per level ("80", "95"), same layout; null without a backtest. */
  intervals: IntervalBands | null;
}

export interface StoredForecast {
  formatVersion: 2;
  /** Last year of the history the version was trained on. */
  lastHistoryYear: number;
  /** Groups in the order of every row. */
  groups: string[];
  /** The method "auto" serves: a key of `methods`. */
  chosen: string;
  methods: Record<string, StoredMethodForecast>;
}

/**
 * Parses and checks forecast.json. Reads the first layout (format 1: the
 * LSTM's rounded forecast only) as a format 2 whose only method is "lstm".
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
  const upgraded = fromFormat1(value) ?? value;
  const problem = forecastProblem(upgraded);
  if (problem !== null) throw new CorruptArtifactError(where, problem);
  return upgraded as StoredForecast;
}

export function encodeForecastJson(forecast: StoredForecast): Uint8Array {
  const problem = forecastProblem(forecast);
  if (problem !== null) {
    throw new Error(`Refusing to store a malformed forecast: ${problem}`);
  }
  return new TextEncoder().encode(JSON.stringify(forecast));
}

/** A format-1 file as format 2, or null when `value` is not format 1. */
function fromFormat1(value: unknown): StoredForecast | null {
  if (typeof value !== "object" || value === null) return null;
  const old = value as {
    formatVersion?: unknown;
    lastHistoryYear?: unknown;
    groups?: unknown;
    years?: unknown;
  };
  if (old.formatVersion !== 1 || !Array.isArray(old.groups)) return null;
  if (!Array.isArray(old.years)) return null;
  const groups = old.groups as string[];
  const years = old.years as YearForecast[];
  return {
    formatVersion: 2,
    lastHistoryYear: old.lastHistoryYear as number,
    groups,
    chosen: "lstm",
    methods: {
      lstm: {
        values: years.map((year) =>
          groups.map((group) => year.predictions?.[group])
        ),
        intervals: null,
      },
    },
  };
}

function forecastProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null) return "not an object";
  const entry = value as Record<string, unknown>;
  if (entry.formatVersion !== 2) return "formatVersion is not 2";
  const { lastHistoryYear, groups, chosen, methods } = entry;
  if (
    typeof lastHistoryYear !== "number" ||
    !Number.isInteger(lastHistoryYear)
  ) {
    return "lastHistoryYear is not a whole number";
  }
  if (
    !Array.isArray(groups) ||
    groups.length === 0 ||
    !groups.every((g) => typeof g === "string")
  ) {
    return "groups is not a non-empty list of names";
  }
  if (typeof methods !== "object" || methods === null) {
    return "methods is not an object";
  }
  const table = methods as Record<string, unknown>;
  if (typeof chosen !== "string" || !(chosen in table)) {
    return `chosen is ${JSON.stringify(chosen)}, not one of the methods`;
  }
  for (const [name, method] of Object.entries(table)) {
    const { values, intervals } = (method ?? {}) as StoredMethodForecast;
    const problem =
      rowsProblem(values, groups.length) ??
      intervalsProblem(intervals, values.length, groups.length);
    if (problem !== null) return `method ${name}: ${problem}`;
  }
  return null;
}

function rowsProblem(rows: unknown, width: number): string | null {
  if (!Array.isArray(rows) || rows.length === 0) {
    return "no rows of forecasts";
  }
  for (const [i, row] of rows.entries()) {
    if (!Array.isArray(row) || row.length !== width) {
      return `row ${i + 1} does not have one count per group`;
    }
    if (!row.every((v) => typeof v === "number" && v >= 0 && isFinite(v))) {
      return `row ${i + 1} has a count that is not a finite number >= 0`;
    }
  }
  return null;
}

function intervalsProblem(
  intervals: unknown,
  length: number,
  width: number
): string | null {
  if (intervals === null || intervals === undefined) return null;
  if (typeof intervals !== "object") return "intervals is not an object";
  for (const [level, band] of Object.entries(intervals)) {
    const { lower, upper } = (band ?? {}) as {
      lower?: unknown;
      upper?: unknown;
    };
    for (const [side, rows] of [
      ["lower", lower],
      ["upper", upper],
    ] as const) {
      const problem = rowsProblem(rows, width);
      if (problem !== null) return `${level} % ${side}: ${problem}`;
      if ((rows as unknown[]).length !== length) {
        return `${level} % ${side} covers another number of years`;
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
