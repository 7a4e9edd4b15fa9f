import { NETWORK_INPUTS, type NetworkInputs } from "../ml/config";
import type { PreprocessingState } from "../ml/forecaster";
import { CorruptArtifactError } from "./corrupt-artifact-error";

/**
 * The preprocessing.json layouts this code reads: 1, a network of counts,
 * and 2, which adds `inputs` and `lastCounts` (see PreprocessingState).
 */
export const PREPROCESSING_FORMAT_VERSIONS = [1, 2] as const;

/**
 * Everything wrong with a would-be PreprocessingState, one message per
 * fault naming the field; empty when it is usable. Checks the shapes the
 * forecaster relies on: one scaler entry per group, `windowLength` rows of
 * one number per group in `lastWindow`, ascending integer years, and in
 * format 2 a known `inputs` and one count per group in `lastCounts`.
 */
export function preprocessingProblems(value: unknown): string[] {
  if (!isRecord(value)) return ["it is not a JSON object"];
  const problems: string[] = [];
  const version = value.formatVersion;
  if (version !== 1 && version !== 2) {
    problems.push(
      `formatVersion is ${JSON.stringify(version)}, ` +
        `expected ${PREPROCESSING_FORMAT_VERSIONS.join(" or ")}`
    );
  }

  const groups = value.groups;
  let groupCount: number | null = null;
  if (!Array.isArray(groups) || groups.length === 0) {
    problems.push("groups must be a non-empty list of names");
  } else if (!groups.every((g) => typeof g === "string" && g !== "")) {
    problems.push("groups must contain only non-empty strings");
  } else if (new Set(groups).size !== groups.length) {
    problems.push("groups has a duplicate name");
  } else {
    groupCount = groups.length;
  }

  const scaler = value.scaler;
  if (!isRecord(scaler)) {
    problems.push("scaler must be an object {min, max}");
  } else {
    for (const key of ["min", "max"] as const) {
      problems.push(...numberListProblems(`scaler.${key}`, scaler[key], groupCount));
    }
    if (
      groupCount !== null &&
      isFiniteList(scaler.min) &&
      isFiniteList(scaler.max)
    ) {
      const bad = scaler.min.findIndex((m, i) => m > (scaler.max as number[])[i]);
      if (bad !== -1) {
        problems.push(
          `scaler.min exceeds scaler.max for group ` +
            `${JSON.stringify((groups as string[])[bad])}`
        );
      }
    }
  }

  const windowLength = value.windowLength;
  const windowOk =
    typeof windowLength === "number" &&
    Number.isInteger(windowLength) &&
    windowLength >= 1;
  if (!windowOk) {
    problems.push(
      `windowLength is ${JSON.stringify(windowLength)}, ` +
        "expected a positive integer"
    );
  }

  const years = value.years;
  if (!Array.isArray(years) || !years.every((y) => Number.isInteger(y))) {
    problems.push("years must be a list of integer years");
  } else {
    const unordered = years.findIndex((y, i) => i > 0 && y <= years[i - 1]);
    if (unordered !== -1) {
      problems.push(
        `years must be strictly ascending, but ${years[unordered]} ` +
          `follows ${years[unordered - 1]}`
      );
    }
    if (windowOk && years.length < windowLength) {
      problems.push(
        `years has ${years.length} entries, fewer than ` +
          `windowLength ${windowLength}`
      );
    }
  }

  const lastWindow = value.lastWindow;
  if (!Array.isArray(lastWindow)) {
    problems.push("lastWindow must be a list of rows");
  } else {
    if (windowOk && lastWindow.length !== windowLength) {
      problems.push(
        `lastWindow has ${lastWindow.length} rows, expected windowLength ` +
          `${windowLength}`
      );
    }
    lastWindow.forEach((row, i) => {
      problems.push(...numberListProblems(`lastWindow[${i}]`, row, groupCount));
    });
  }
  if (version === 2) {
    if (!NETWORK_INPUTS.includes(value.inputs as NetworkInputs)) {
      problems.push(
        `inputs is ${JSON.stringify(value.inputs)}, expected one of ` +
          NETWORK_INPUTS.join(", ")
      );
    }
    problems.push(
      ...numberListProblems("lastCounts", value.lastCounts, groupCount)
    );
  }
  return problems;
}

/**
 * Parses and checks the bytes of a preprocessing.json.
 *
 * @param where The blob's name for messages (path or gs:// URI).
 * @throws CorruptArtifactError naming `where` and every fault found.
 */
export function parsePreprocessingJson(
  bytes: Uint8Array,
  where: string
): PreprocessingState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new CorruptArtifactError(where, "not valid JSON", { cause: error });
  }
  const problems = preprocessingProblems(parsed);
  if (problems.length > 0) {
    throw new CorruptArtifactError(where, problems.join("; "));
  }
  return parsed as PreprocessingState;
}

function numberListProblems(
  field: string,
  value: unknown,
  expectedLength: number | null
): string[] {
  if (!Array.isArray(value)) return [`${field} must be a list of numbers`];
  const problems: string[] = [];
  if (expectedLength !== null && value.length !== expectedLength) {
    problems.push(
      `${field} has ${value.length} values, expected ${expectedLength} ` +
        "(one per group)"
    );
  }
  const bad = value.findIndex((v) => !isFiniteNumber(v));
  if (bad !== -1) {
    problems.push(
      `${field}[${bad}] is ${JSON.stringify(value[bad])}, not a finite number`
    );
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function isFiniteList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every(isFiniteNumber);
}
