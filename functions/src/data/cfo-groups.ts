/**
 * Turns the columns of a CFO table into the dashboard's groups for its
 * category: spelling normalised to the dashboard's labels, the fourteen
 * education columns folded into eight, and the groups put in the
 * dashboard's order (domain/categories.ts).
 */
import {
  CATEGORY_SPECS,
  orderGroups,
  type Category,
} from "../domain/categories";
import type { History } from "../domain/history";
import { CfoTableError } from "./cfo-table-error";

/**
 * The education columns of the CSV and the dashboard group each is added
 * to (data README): Level + Graduate pairs, and No Formal Education with
 * Non-Formal Education. Keys are in comparison form (see comparable()).
 */
const EDUCATION_FOLDING: ReadonlyMap<string, string> = new Map([
  ["not of schooling age", "Not of Schooling Age"],
  ["no formal education", "Non-Formal Education"],
  ["non-formal education", "Non-Formal Education"],
  ["elementary level", "Elementary"],
  ["elementary graduate", "Elementary"],
  ["high school level", "High School"],
  ["high school graduate", "High School"],
  ["vocational level", "Vocational"],
  ["vocational graduate", "Vocational"],
  ["college level", "College"],
  ["college graduate", "College"],
  ["post graduate level", "Post Graduate"],
  ["post graduate", "Post Graduate"],
  ["not reported / no response", "Not Reported / No Response"],
]);

/**
 * Labels compared without regard to case or runs of spaces, since the
 * transposed copies in circulation write "MALE" as "Male" and pad labels.
 */
function comparable(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}

/** The dashboard group a column feeds, and whether it is a folded part. */
function targetOf(
  category: Category,
  column: string
): { group: string; folded: boolean } {
  const key = comparable(column);
  if (category === "education") {
    const folded = EDUCATION_FOLDING.get(key);
    if (folded !== undefined) return { group: folded, folded: true };
  }
  const known = CATEGORY_SPECS[category].groups.find(
    (group) => comparable(group) === key
  );
  return { group: known ?? column.trim(), folded: false };
}

/**
 * Maps a table read from a CFO file (cfo-table.ts) onto the groups of
 * `category`. Columns that match no known group are kept under their own
 * name and ordered after the known ones (orderGroups). Two columns may
 * feed one group only when both are education parts meant to be folded;
 * otherwise (e.g. both "MALE" and "Male") the count would be doubled, so
 * it is a CfoTableError naming `file` and the group.
 */
export function categoryHistoryFromTable(
  category: Category,
  table: History,
  file: string
): History {
  const targets = table.groups.map((column) => targetOf(category, column));
  const sources = new Map<string, { column: string; folded: boolean }[]>();
  table.groups.forEach((column, j) => {
    const { group, folded } = targets[j];
    const list = sources.get(group) ?? [];
    list.push({ column, folded });
    sources.set(group, list);
  });
  for (const [group, list] of sources) {
    if (list.length > 1 && !list.every((source) => source.folded)) {
      const names = list.map((source) => `"${source.column}"`).join(", ");
      throw new CfoTableError(
        file,
        `columns ${names} would all be counted as one group`,
        { group }
      );
    }
  }

  const groups = orderGroups(category, sources.keys());
  const position = new Map(groups.map((group, k) => [group, k]));
  const values = table.values.map((row) => {
    const sums = new Array<number>(groups.length).fill(0);
    row.forEach((count, j) => {
      sums[position.get(targets[j].group) as number] += count;
    });
    return sums;
  });
  return { years: [...table.years], groups, values };
}
