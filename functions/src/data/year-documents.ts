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
 * A bad document id, or a value that is not a whole, finite,
 * non-negative number, throws BadHistoryError naming the year (and the
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
