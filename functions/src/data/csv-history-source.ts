import type { Category } from "../domain/categories";
import { BadHistoryError, ServiceError } from "../domain/errors";
import type { History } from "../domain/history";
import { listCfoFolder, readCfoCategoryFile } from "./cfo-files";
import type { HistorySource } from "./history-source";

/**
 * HistorySource over a folder of CFO CSV tables, for the offline CLI and
 * tests. The folder is listed again on every read so that a file dropped
 * in meanwhile is seen, and only the requested category's file is parsed,
 * so one broken table does not block the others.
 */
export class CsvHistorySource implements HistorySource {
  constructor(private readonly folder: string) {}

  /**
   * The category's history, or an empty one (no years) when the folder
   * has no file for it. Bad content throws BadHistoryError (CfoTableError);
   * a missing or unreadable folder throws ServiceError "unavailable".
   */
  async read(category: Category): Promise<History> {
    try {
      const listing = await listCfoFolder(this.folder);
      const path = listing.files[category];
      if (path === undefined) return { years: [], groups: [], values: [] };
      return await readCfoCategoryFile(category, path);
    } catch (error) {
      if (error instanceof BadHistoryError) throw error;
      if (error instanceof ServiceError && error.kind === "unavailable") {
        throw error;
      }
      // Anything else (a missing folder included) is the source failing,
      // not the data being wrong: the HistorySource contract says so.
      const reason = error instanceof Error ? error.message : String(error);
      throw new ServiceError(
        "unavailable",
        `cannot read the ${category} history from ${this.folder}: ${reason}`,
        { cause: error }
      );
    }
  }
}
