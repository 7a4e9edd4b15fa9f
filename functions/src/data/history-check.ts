/**
 * What makes a count and a History valid, shared by the code that reads
 * histories from Firestore and the code that writes them there.
 */
import { BadHistoryError } from "../domain/errors";
import type { History } from "../domain/history";

/**
 * Why `value` is not a count of people (a whole, finite, non-negative
 * number), or undefined when it is one. Strings such as "12" are refused
 * too: the dashboard stores numbers, and a string means a broken writer.
 */
export function countProblem(value: unknown): string | undefined {
  if (typeof value !== "number") {
    return `${describeValue(value)} is not a number`;
  }
  if (!Number.isFinite(value)) return `${value} is not a finite number`;
  if (!Number.isInteger(value)) return `${value} is not a whole number`;
  if (value < 0) return `${value} is negative`;
  return undefined;
}

/** A short, safe rendering of any value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    // Firestore hands back Timestamp, GeoPoint, DocumentReference...
    const name = Object.getPrototypeOf(value) === null
      ? undefined
      : value.constructor.name;
    return name && name !== "Object" ? `a ${name}` : "an object";
  }
  return typeof value;
}

/**
 * Throws BadHistoryError unless `history` is a dense table: whole-number
 * years in strictly ascending order, unique non-empty group names, one row
 * per year and one count per group, every count valid. `source` starts
 * each message (e.g. "age history").
 */
export function checkHistory(history: History, source: string): void {
  const { years, groups, values } = history;
  years.forEach((year, i) => {
    if (!Number.isInteger(year)) {
      throw new BadHistoryError(`${source}: year ${year} is not whole`, {
        year: String(year),
      });
    }
    if (i > 0 && year <= years[i - 1]) {
      throw new BadHistoryError(
        `${source}: year ${year} follows ${years[i - 1]}; years must ` +
          "ascend without repeats",
        { year: String(year) }
      );
    }
  });
  const seen = new Set<string>();
  for (const group of groups) {
    if (group === "" || seen.has(group)) {
      throw new BadHistoryError(
        `${source}: group ${JSON.stringify(group)} is empty or repeated`,
        { group }
      );
    }
    seen.add(group);
  }
  if (values.length !== years.length) {
    throw new BadHistoryError(
      `${source}: ${values.length} rows of counts for ${years.length} years`
    );
  }
  values.forEach((row, i) => {
    const year = String(years[i]);
    if (row.length !== groups.length) {
      throw new BadHistoryError(
        `${source}: year ${year} has ${row.length} counts for ` +
          `${groups.length} groups`,
        { year }
      );
    }
    row.forEach((count, j) => {
      const problem = countProblem(count);
      if (problem !== undefined) {
        throw new BadHistoryError(
          `${source}: year ${year}, group "${groups[j]}": ${problem}`,
          { year, group: groups[j] }
        );
      }
    });
  });
}
