/**
 * Reading single cells of a CFO table: a year label and a count. Both
 * return either the value or a short description of what is wrong with
 * the cell, which the table reader turns into an error naming the file,
 * the year and the group.
 */

export type CellResult =
  | { ok: true; value: number }
  | { ok: false; problem: string };

/** Four digits, as the tables and the Firestore document ids write years. */
const YEAR_PATTERN = /^\d{4}$/;

/** Digits with optional thousands commas (1,234,567) or none (1234567). */
const COUNT_PATTERN = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

/** Removes padding and the stray quotes some spreadsheets leave around. */
function cleanCell(text: string): string {
  let cleaned = text.trim();
  while (
    cleaned.length >= 2 &&
    ((cleaned.startsWith('"') && cleaned.endsWith('"')) ||
      (cleaned.startsWith("'") && cleaned.endsWith("'")))
  ) {
    cleaned = cleaned.slice(1, -1).trim();
  }
  return cleaned;
}

/** True when the cell, once cleaned, is a four-digit year. */
export function looksLikeYear(text: string): boolean {
  return YEAR_PATTERN.test(cleanCell(text));
}

/** A year label such as "1988" (padding and quotes tolerated). */
export function parseYearCell(text: string): CellResult {
  const cleaned = cleanCell(text);
  if (!YEAR_PATTERN.test(cleaned)) {
    return {
      ok: false,
      problem: `${JSON.stringify(text)} is not a four-digit year`,
    };
  }
  return { ok: true, value: Number(cleaned) };
}

/**
 * A count of emigrants: a whole non-negative number, possibly padded,
 * quoted or written with thousands commas ("12,087"). An empty cell is
 * not read as zero: a hole in the table is an error, not a fact.
 */
export function parseCountCell(text: string): CellResult {
  const cleaned = cleanCell(text);
  if (cleaned === "") return { ok: false, problem: "the count is empty" };
  if (!COUNT_PATTERN.test(cleaned)) {
    return {
      ok: false,
      problem: `${JSON.stringify(text)} is not a number`,
    };
  }
  const value = Number(cleaned.replace(/,/g, ""));
  if (!Number.isFinite(value)) {
    return { ok: false, problem: `${JSON.stringify(text)} is too large` };
  }
  if (value < 0) {
    return {
      ok: false,
      problem: `${JSON.stringify(text)} is negative; counts cannot be`,
    };
  }
  if (!Number.isInteger(value)) {
    return {
      ok: false,
      problem: `${JSON.stringify(text)} is not a whole number`,
    };
  }
  if (!Number.isSafeInteger(value)) {
    return { ok: false, problem: `${JSON.stringify(text)} is too large` };
  }
  // "-0" passed the sign check above; store it as a plain zero.
  return { ok: true, value: value === 0 ? 0 : value };
}
