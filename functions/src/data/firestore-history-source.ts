import type { Firestore } from "firebase-admin/firestore";

import { CATEGORY_SPECS, type Category } from "../domain/categories";
import { ServiceError } from "../domain/errors";
import type { History } from "../domain/history";
import type { HistorySource } from "./history-source";
import { historyFromYearDocuments } from "./year-documents";

/**
 * HistorySource over the dashboard's own copy of the data in Cloud
 * Firestore: every document of `emigrantData/<dataset>/years`, one per
 * year, fields mapping group labels to counts. Reading the same documents
 * the dashboard shows keeps one copy of the data for both.
 */
export class FirestoreHistorySource implements HistorySource {
  constructor(private readonly db: Firestore) {}

  /**
   * The category's history (empty when the collection has no documents).
   * Bad documents throw BadHistoryError naming the year and the group; a
   * failing Firestore call throws ServiceError "unavailable" with the
   * Firestore error as its cause, so callers may retry.
   */
  async read(category: Category): Promise<History> {
    const dataset = CATEGORY_SPECS[category].dataset;
    const path = `emigrantData/${dataset}/years`;
    let docs: { id: string; data: Record<string, unknown> }[];
    try {
      const snapshot = await this.db
        .collection("emigrantData")
        .doc(dataset)
        .collection("years")
        .get();
      docs = snapshot.docs.map((doc) => ({ id: doc.id, data: doc.data() }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ServiceError(
        "unavailable",
        `cannot read ${path} from Firestore: ${reason}`,
        { cause: error }
      );
    }
    // Outside the try: bad data is the data's fault, not Firestore's.
    return historyFromYearDocuments(category, docs);
  }
}
