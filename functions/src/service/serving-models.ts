import type * as tf from "@tensorflow/tfjs";
import type { Category } from "../domain/categories";
import type { Logger } from "../domain/logger";
import type { PreprocessingState } from "../ml/forecaster";
import type { BlobStore } from "../storage/blob-store";
import { loadModelVersion } from "../storage/model-artifacts";
import type { ModelMetadata, ModelRegistry } from "../storage/model-registry";

/** A model held in memory, ready to forecast. */
export interface ServingModel {
  metadata: ModelMetadata;
  model: tf.LayersModel;
  preprocessing: PreprocessingState;
}

interface PointerEntry {
  metadata: ModelMetadata | null;
  readAt: number;
}

/**
 * The models this instance serves, one per category, loaded once and kept.
 *
 * Each request asks the registry which version serves, but at most once per
 * `pointerTtlMs` per category, so a warm instance answers from memory. A
 * version is downloaded only when the pointer names a version not yet in
 * memory; concurrent requests share that one download, and a failed
 * download is not remembered, so the next request tries again.
 */
export class ServingModels {
  private readonly pointers = new Map<Category, PointerEntry>();
  private readonly loaded = new Map<Category, ServingModel>();
  private readonly loading = new Map<string, Promise<ServingModel>>();

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

  /** The serving model, loading it if the pointer moved; null if none. */
  async get(category: Category): Promise<ServingModel | null> {
    const metadata = await this.metadata(category);
    if (!metadata) return null;
    const current = this.loaded.get(category);
    if (current && current.metadata.version === metadata.version) {
      return current;
    }
    return this.load(metadata);
  }

  /**
   * Installs a model this instance has just trained and registered, so the
   * next request serves it without reading it back from the store.
   */
  install(serving: ServingModel): void {
    this.replace(serving);
    this.pointers.set(serving.metadata.category, {
      metadata: serving.metadata,
      readAt: this.clock(),
    });
  }

  /** Frees every model; for shutdown and tests. */
  clear(): void {
    for (const serving of this.loaded.values()) serving.model.dispose();
    this.loaded.clear();
    this.pointers.clear();
  }

  private load(metadata: ModelMetadata): Promise<ServingModel> {
    const key = `${metadata.category}/${metadata.version}`;
    const pending = this.loading.get(key);
    if (pending) return pending;

    const started = this.clock();
    const promise = loadModelVersion(
      this.blobs,
      metadata.category,
      metadata.version
    )
      .then(({ model, preprocessing }) => {
        const serving = { metadata, model, preprocessing };
        this.replace(serving);
        this.logger.info("model loaded", {
          category: metadata.category,
          version: metadata.version,
          durationMs: this.clock() - started,
        });
        return serving;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }

  private replace(serving: ServingModel): void {
    const category = serving.metadata.category;
    const previous = this.loaded.get(category);
    this.loaded.set(category, serving);
    if (previous && previous.model !== serving.model) {
      previous.model.dispose();
    }
  }
}
