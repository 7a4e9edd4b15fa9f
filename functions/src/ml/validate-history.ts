/**
 * Checks a History before any tensor is made from it, so that a bad table
 * fails with a message naming the year and group at fault instead of a
 * NaN loss many epochs later.
 */
import { BadHistoryError } from "../domain/errors";
import type { History } from "../domain/history";

/**
 * Throws BadHistoryError unless `history` has at least one year, strictly
 * ascending whole years, unique non-empty group names, one row per year,
 * one value per group in each row, and every value finite and >= 0.
 */
export function validateHistory(history: History): void {
  const { years, groups, values } = history;
  if (years.length === 0) {
    throw new BadHistoryError("History has no years");
  }
  if (groups.length === 0) {
    throw new BadHistoryError("History has no groups");
  }
  checkYears(years);
  checkGroups(groups);
  if (values.length !== years.length) {
    throw new BadHistoryError(
      `History has ${years.length} years but ${values.length} rows of values`
    );
  }
  values.forEach((row, i) => checkRow(row, String(years[i]), groups));
}

function checkYears(years: number[]): void {
  years.forEach((year, i) => {
    if (!Number.isInteger(year)) {
      throw new BadHistoryError(`Year ${year} is not a whole number`, {
        year: String(year),
      });
    }
    if (i > 0 && year <= years[i - 1]) {
      throw new BadHistoryError(
        `Years must be strictly ascending: ${year} comes after ` +
          `${years[i - 1]}`,
        { year: String(year) }
      );
    }
  });
}

function checkGroups(groups: string[]): void {
  const seen = new Set<string>();
  for (const group of groups) {
    if (typeof group !== "string" || group.length === 0) {
      throw new BadHistoryError("A group name is empty");
    }
    if (seen.has(group)) {
      throw new BadHistoryError(`Group "${group}" appears twice`, { group });
    }
    seen.add(group);
  }
}

function checkRow(row: number[], year: string, groups: string[]): void {
  if (row.length !== groups.length) {
    throw new BadHistoryError(
      `Year ${year} has ${row.length} values but there are ` +
        `${groups.length} groups`,
      { year }
    );
  }
  row.forEach((value, j) => {
    const group = groups[j];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new BadHistoryError(
        `Year ${year}, group "${group}": ${String(value)} is not a ` +
          `finite number`,
        { year, group }
      );
    }
    if (value < 0) {
      throw new BadHistoryError(
        `Year ${year}, group "${group}": count ${value} is negative`,
        { year, group }
      );
    }
  });
}
