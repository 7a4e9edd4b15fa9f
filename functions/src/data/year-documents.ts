/**
 * Builds a History from the dashboard's yearly documents
 * (`emigrantData/<dataset>/years/<year>`, fields = group → count). Pure, so
 * that the Firestore source stays a thin adapter and the rules are tested
 * without a database.
 */
import {
  CATEGORY_SPECS,
  orderGroups,
  type Category,
} from "../domain/categories";
import { BadHistoryError } from "../domain/errors";
import type { History } from "../domain/history";
import { countProblem } from "./history-check";

/** One year document as read: its id and its fields. */
export interface YearDocument {
  id: string;
  data: Record<string, unknown>;
}

const YEAR_ID = /^\d{4}$/;

/**
 * The history of `category` held in `docs`, in any order:
 * - years come from the document ids (four digits), ascending;
 * - groups are every field seen in any year, known groups in the
 *   dashboard's order and unknown extras after them, sorted;
 * - a group missing from a year's document counts 0 in that year, since
 *   the dashboard leaves out groups nobody fell into.
 * A bad document id, a value that is not a whole, finite, non-negative
 * number, or a year document that holds none of the category's groups
 * (empty, or only unknown fields: a broken writer, not a year in which
 * nobody emigrated) throws BadHistoryError naming the year (and the
 * group). No documents at all give an empty history.
 */
export function historyFromYearDocuments(
  category: Category,
  docs: readonly YearDocument[]
): History {
  const collection = `emigrantData/${CATEGORY_SPECS[category].dataset}/years`;

  const byYear = new Map<number, Record<string, unknown>>();
  const fieldNames = new Set<string>();
  for (const doc of docs) {
    if (!YEAR_ID.test(doc.id)) {
      throw new BadHistoryError(
        `${collection}: document id ${JSON.stringify(doc.id)} is not a ` +
          "four-digit year",
        { year: doc.id }
      );
    }
    const year = Number(doc.id);
    if (byYear.has(year)) {
      throw new BadHistoryError(
        `${collection}: year ${doc.id} appears twice`,
        { year: doc.id }
      );
    }
    for (const [group, value] of Object.entries(doc.data)) {
      const problem = countProblem(value);
      if (problem !== undefined) {
        throw new BadHistoryError(
          `${collection}/${doc.id}: group "${group}": ${problem}`,
          { year: doc.id, group }
        );
      }
      fieldNames.add(group);
    }
    byYear.set(year, doc.data);
  }

  const years = [...byYear.keys()].sort((a, b) => a - b);
  for (const year of years) {
    checkHoldsKnownGroup(category, collection, year, byYear.get(year) ?? {});
  }
  const groups = orderGroups(category, fieldNames);
  const values = years.map((year) => {
    const data = byYear.get(year) as Record<string, unknown>;
    return groups.map((group) =>
      Object.prototype.hasOwnProperty.call(data, group)
        ? (data[group] as number)
        : 0
    );
  });
  return { years, groups, values };
}

/**
 * Throws unless `data` counts at least one of the category's groups. A
 * group left out counts 0, so without this check an empty document would
 * enter the history as a year of zeros, and a document whose labels are
 * all misspelt as a year of zeros plus new groups.
 */
function checkHoldsKnownGroup(
  category: Category,
  collection: string,
  year: number,
  data: Record<string, unknown>
): void {
  const known = CATEGORY_SPECS[category].groups;
  const fields = Object.keys(data);
  if (fields.some((field) => known.includes(field))) return;
  const found =
    fields.length === 0
      ? "it is empty"
      : `its fields are ${fields
          .slice(0, 3)
          .map((f) => JSON.stringify(f))
          .join(", ")}${fields.length > 3 ? ", ..." : ""}`;
  throw new BadHistoryError(
    `${collection}/${year}: holds none of the ${known.length} groups of ` +
      `${category} (such as ${JSON.stringify(known[0])}); ${found}`,
    { year: String(year) }
  );
}
