import type { Category } from "../domain/categories";
import type { History } from "../domain/history";

/**
 * Where the yearly history of a category comes from: Firestore in the
 * deployed service, CSV files for the offline CLI and some tests.
 *
 * `read` throws BadHistoryError (from domain/errors) when a value is not a
 * whole non-negative number, naming the year and the group, and returns an
 * empty history (no years) when the category has no documents at all.
 * Infrastructure failures are wrapped in a ServiceError of kind
 * "unavailable".
 */
export interface HistorySource {
  read(category: Category): Promise<History>;
}
