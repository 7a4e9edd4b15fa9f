import type { Category } from "../domain/categories";
import { ServiceError } from "../domain/errors";
import type { Logger } from "../domain/logger";
import type { TotalForecast } from "../domain/total-forecast";
import type { BlobStore } from "../storage/blob-store";
import {
  loadStoredForecast,
  type StoredForecast,
} from "../storage/forecast-json";
import type { ModelMetadata, ModelRegistry } from "../storage/model-registry";

/** What this instance serves for a category: a version's forecast. */
export interface ServingForecast {
  metadata: ModelMetadata;
  forecast: StoredForecast;
}

interface PointerEntry {
  metadata: ModelMetadata | null;
  readAt: number;
}

/**
 * The forecasts this instance serves, one per category, read once per
 * version and kept.
 *
 * A forecast depends only on the version (its network and the history it
 * was trained on), so it is computed once, when the version is trained,
 * and stored beside it; serving reads that small file and answers every
 * request from memory. Only a version stored without one (trained before
 * forecasts were stored) loads its network, once, to compute it.
 *
 * Each request asks the registry which version serves, but at most once
 * per `pointerTtlMs` per category. Concurrent requests share one load,
 * and a failed load is not remembered, so the next request tries again.
 * A load that fails is answered as unavailable (503) naming the category
 * and nothing else: the store's own message (paths, bucket names) goes
 * to the log, and the other categories are served as before.
 */
export class ServingModels {
  private readonly pointers = new Map<Category, PointerEntry>();
  private readonly loaded = new Map<Category, ServingForecast>();
  private readonly loading = new Map<string, Promise<ServingForecast>>();
  private total: { value: TotalForecast | null; readAt: number } | null =
    null;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly blobs: BlobStore,
    private readonly logger: Logger,
    private readonly pointerTtlMs: number,
    private readonly clock: () => number = Date.now
  ) {}

  /** The serving model's metadata, or null when none was ever trained. */
  async metadata(category: Category): Promise<ModelMetadata | null> {
    const cached = this.pointers.get(category);
    if (cached && this.clock() - cached.readAt < this.pointerTtlMs) {
      return cached.metadata;
    }
    const metadata = await this.registry.getServing(category);
    this.pointers.set(category, { metadata, readAt: this.clock() });
    return metadata;
  }

  /**
   * The yearly total forecast (coherent totals), read at most once per
   * `pointerTtlMs`, so that every category served in that time is scaled
   * to the same totals.
   */
  async totals(): Promise<TotalForecast | null> {
    if (this.total && this.clock() - this.total.readAt < this.pointerTtlMs) {
      return this.total.value;
    }
    const value = await this.registry.getTotals();
    this.total = { value, readAt: this.clock() };
    return value;
  }

  /** The serving forecast, loading it if the pointer moved; null if none. */
  async get(category: Category): Promise<ServingForecast | null> {
    const metadata = await this.metadata(category);
    if (!metadata) return null;
    const current = this.loaded.get(category);
    if (current && current.metadata.version === metadata.version) {
      return current;
    }
    return this.load(metadata);
  }

  /**
   * Installs the forecast of a version this instance has just trained or
   * rolled back to, so the next request serves it at once. A training may
   * also have stored new yearly totals (always when it trained their
   * source table), so they are read again too: otherwise this instance
   * would serve the new forecast scaled to the old totals until the
   * pointer TTL ran out, and the same request could change its answer.
   */
  install(serving: ServingForecast): void {
    this.loaded.set(serving.metadata.category, serving);
    this.pointers.set(serving.metadata.category, {
      metadata: serving.metadata,
      readAt: this.clock(),
    });
    this.total = null;
  }

  /** Forgets everything; for tests. */
  clear(): void {
    this.loaded.clear();
    this.pointers.clear();
    this.total = null;
  }

  private load(metadata: ModelMetadata): Promise<ServingForecast> {
    const { category, version } = metadata;
    const key = `${category}/${version}`;
    const pending = this.loading.get(key);
    if (pending) return pending;

    const started = this.clock();
    const promise = this.readForecast(category, version)
      .then(({ forecast, computed }) => {
        const serving = { metadata, forecast };
        this.loaded.set(category, serving);
        this.logger.info("model loaded", {
          category,
          version,
          durationMs: this.clock() - started,
          source: computed ? "network" : "stored forecast",
        });
        return serving;
      })
      .catch((error: unknown) => {
        throw this.loadFailure(metadata, error);
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }

  /**
   * What to answer when a version fails to load. A store that is down
   * may be back in a moment; an artifact that is missing or does not
   * parse stays so until the category is retrained or rolled back.
   */
  private loadFailure(metadata: ModelMetadata, error: unknown): ServiceError {
    const { category, version } = metadata;
    const transient =
      error instanceof ServiceError && error.kind === "unavailable";
    if (transient) {
      this.logger.warn("model load failed", { category, version, error });
      return new ServiceError(
        "unavailable",
        `The model of '${category}' could not be loaded: model storage ` +
          "is unavailable. Try again shortly.",
        { cause: error }
      );
    }
    this.logger.error("serving model unreadable", {
      category,
      version,
      error,
      stack: error instanceof Error ? error.stack : undefined,
    });
    return new ServiceError(
      "unavailable",
      `The serving model of '${category}' (version ${version}) is ` +
        "missing or damaged; other categories are not affected. It " +
        `serves again once '${category}' is retrained or rolled back.`,
      { cause: error }
    );
  }

  private async readForecast(
    category: Category,
    version: string
  ): Promise<{ forecast: StoredForecast; computed: boolean }> {
    const stored = await loadStoredForecast(this.blobs, category, version);
    if (stored) return { forecast: stored, computed: false };
    const { forecastFromStoredModel } = await import("./model-forecasts");
    return {
      forecast: await forecastFromStoredModel(this.blobs, category, version),
      computed: true,
    };
  }
}
