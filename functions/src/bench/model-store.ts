/**
 * A local model store with one trained category in it, as the predict
 * benchmarks need: a LocalBlobStore and a FileModelRegistry in a scratch
 * directory, filled by the service's own training path.
 */
import * as path from "node:path";
import type { HistorySource } from "../data/history-source";
import type { Category } from "../domain/categories";
import type { History } from "../domain/history";
import type { Logger } from "../domain/logger";
import { ForecastService } from "../service/forecast-service";
import { FileModelRegistry } from "../storage/file-model-registry";
import { LocalBlobStore } from "../storage/local-blob-store";

export interface LocalStoreDirs {
  blobs: string;
  registry: string;
}

export function localStoreDirs(root: string): LocalStoreDirs {
  return {
    blobs: path.join(root, "models"),
    registry: path.join(root, "registry"),
  };
}

/** History held in memory; a category without one reads as empty. */
export function memoryHistorySource(
  histories: Partial<Record<Category, History>>
): HistorySource {
  return {
    read: (category) =>
      Promise.resolve(
        histories[category] ?? { years: [], groups: [], values: [] }
      ),
  };
}

/** The service on local stores, with the served configuration. */
export function localService(
  dirs: LocalStoreDirs,
  history: HistorySource,
  logger: Logger
): ForecastService {
  return new ForecastService({
    history,
    blobs: new LocalBlobStore(dirs.blobs),
    registry: new FileModelRegistry(dirs.registry),
    logger,
  });
}

/** Trains `category` into the store, as `POST /api/train` would. */
export async function trainIntoStore(
  service: ForecastService,
  category: Category
): Promise<string> {
  const outcome = await service.train(category, undefined, "cli");
  return outcome.version;
}
