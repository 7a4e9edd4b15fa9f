import { historyFromYearDocuments } from "../../src/data/year-documents";
import type { HistorySource } from "../../src/data/history-source";
import type { Category } from "../../src/domain/categories";
import type { History } from "../../src/domain/history";

/**
 * The Firestore history source without Firestore: year documents held in
 * memory, turned into a History by the same code FirestoreHistorySource
 * runs on the documents it reads (historyFromYearDocuments).
 */
export class DocumentHistorySource implements HistorySource {
  /** Per category: document id → fields, as `years/<id>` holds them. */
  readonly documents = new Map<Category, Map<string, Record<string, unknown>>>();

  set(category: Category, history: History): void {
    const docs = new Map<string, Record<string, unknown>>();
    history.years.forEach((year, i) => {
      docs.set(
        String(year),
        Object.fromEntries(history.groups.map((g, j) => [g, history.values[i][j]]))
      );
    });
    this.documents.set(category, docs);
  }

  async read(category: Category): Promise<History> {
    const docs = this.documents.get(category) ?? new Map();
    return historyFromYearDocuments(
      category,
      [...docs].map(([id, data]) => ({ id, data }))
    );
  }
}
