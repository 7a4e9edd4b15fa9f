import type { Firestore } from "firebase-admin/firestore";

import { CATEGORY_SPECS, type Category } from "../domain/categories";
import { ServiceError } from "../domain/errors";
import type { History } from "../domain/history";
import { checkHistory } from "./history-check";

/** One year document to write: its full path and its whole content. */
export interface HistoryWrite {
  /** e.g. `emigrantData/age/years/1990`. */
  path: string;
  /** Group label → count, every group of the history. */
  data: Record<string, number>;
}

export interface WriteHistoryOptions {
  /** Build and return the writes without touching Firestore. */
  dryRun: boolean;
  /** Documents per batch commit, 1..500 (Firestore's cap). Default 500. */
  batchSize?: number;
}

/** Firestore refuses batches of more than 500 writes. */
export const MAX_BATCH_WRITES = 500;

/**
 * Stores `history` in the dashboard's layout, one document per year at
 * `emigrantData/<dataset>/years/<year>`. Each document is replaced whole
 * (`set` without merge): group labels hold spaces, slashes and dots, which
 * an update would read as nested field paths, and replacing also drops
 * groups a previous import had but this one does not.
 *
 * Batches commit one after another, so a failure can leave earlier years
 * written; the ServiceError "unavailable" it throws says how far it got.
 * The history is checked first (BadHistoryError) so that nothing is written
 * from a malformed table. Returns the writes, for a CLI dry run to print.
 */
export async function writeHistoryToFirestore(
  db: Firestore,
  category: Category,
  history: History,
  options: WriteHistoryOptions
): Promise<HistoryWrite[]> {
  const batchSize = options.batchSize ?? MAX_BATCH_WRITES;
  if (
    !Number.isInteger(batchSize) ||
    batchSize < 1 ||
    batchSize > MAX_BATCH_WRITES
  ) {
    throw new RangeError(
      `batchSize must be a whole number from 1 to ${MAX_BATCH_WRITES}, ` +
        `got ${batchSize}`
    );
  }
  const dataset = CATEGORY_SPECS[category].dataset;
  checkHistory(history, `${category} history for emigrantData/${dataset}`);

  const writes: HistoryWrite[] = history.years.map((year, i) => ({
    path: `emigrantData/${dataset}/years/${year}`,
    data: Object.fromEntries(
      history.groups.map((group, j) => [group, history.values[i][j]])
    ),
  }));
  if (options.dryRun) return writes;

  let committed = 0;
  for (let start = 0; start < writes.length; start += batchSize) {
    const chunk = writes.slice(start, start + batchSize);
    const batch = db.batch();
    for (const write of chunk) batch.set(db.doc(write.path), write.data);
    try {
      await batch.commit();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ServiceError(
        "unavailable",
        `writing emigrantData/${dataset}/years failed after ` +
          `${committed} of ${writes.length} year documents were ` +
          `committed; ${chunk[0].path} to ${chunk[chunk.length - 1].path} ` +
          `were not: ${reason}`,
        { cause: error }
      );
    }
    committed += chunk.length;
  }
  return writes;
}
