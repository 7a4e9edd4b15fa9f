import { CATEGORIES, type Category } from "../domain/categories";
import { ServiceError } from "../domain/errors";
import type { Logger } from "../domain/logger";
import type { ForecastService } from "./forecast-service";

export interface RefreshOptions {
  /** Retrain an unchanged history once its model is older than this. */
  maxModelAgeDays: number;
  /** Versions kept per category (the serving one always is). */
  versionsKept: number;
  categories?: readonly Category[];
}

/** What the refresh did for one category. */
export interface CategoryRefresh {
  category: Category;
  outcome: string;
  version?: string;
  pruned: string[];
  error?: string;
}

/**
 * The nightly work, as a plain function the schedule, the CLI and the
 * tests call alike: for every category, retrain when its history changed
 * (or its model is too old), which also refreshes the status that
 * model-info-all serves, then prune the versions beyond the kept number.
 *
 * One category failing does not stop the others. Transient failures are
 * rethrown at the end, after every category had its turn, so that the
 * scheduler can retry the run; bad history is only recorded.
 */
export async function refreshAllModels(
  service: Pick<ForecastService, "retrain" | "pruneVersions">,
  logger: Logger,
  options: RefreshOptions
): Promise<CategoryRefresh[]> {
  const report: CategoryRefresh[] = [];
  const transient: string[] = [];
  for (const category of options.categories ?? CATEGORIES) {
    try {
      const result = await service.retrain(category, {
        trigger: "nightly",
        force: false,
        maxModelAgeMs: options.maxModelAgeDays * 24 * 3600 * 1000,
      });
      const pruned = await service.pruneVersions(
        category,
        options.versionsKept
      );
      report.push({
        category,
        outcome: result.kind,
        ...(result.kind === "trained"
          ? { version: result.metadata.version }
          : {}),
        ...(result.kind === "bad-history"
          ? { error: result.lastError.message }
          : {}),
        pruned,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.push({ category, outcome: "failed", error: message, pruned: [] });
      logger.error("nightly refresh failed for a category", {
        category,
        error,
      });
      const retryable =
        !(error instanceof ServiceError) || error.kind === "unavailable";
      if (retryable) transient.push(`${category}: ${message}`);
    }
  }
  logger.info("nightly refresh finished", {
    trained: report.filter((r) => r.outcome === "trained").length,
    failed: report.filter((r) => r.outcome === "failed").length,
    pruned: report.reduce((n, r) => n + r.pruned.length, 0),
  });
  if (transient.length > 0) {
    throw new Error(`nightly refresh incomplete: ${transient.join("; ")}`);
  }
  return report;
}
