import { CATEGORIES, type Category } from "../domain/categories";
import { ServiceError } from "../domain/errors";
import type { YearForecast } from "../domain/history";
import type { Logger } from "../domain/logger";
import type { HistorySource } from "../data/history-source";
import { initBackend } from "../ml/backend";
import { DEFAULT_CONFIG, type ForecastConfig } from "../ml/config";
import { forecast } from "../ml/forecast";
import { trainForecaster } from "../ml/train";
import type { BlobStore } from "../storage/blob-store";
import {
  modelPrefix,
  newVersionId,
  saveModelVersion,
} from "../storage/model-artifacts";
import type { ModelMetadata, ModelRegistry } from "../storage/model-registry";
import { metadataFor } from "./model-metadata";
import { ServingModels } from "./serving-models";
import { TrainingLock } from "./training-lock";

export interface ForecastServiceOptions {
  history: HistorySource;
  blobs: BlobStore;
  registry: ModelRegistry;
  logger: Logger;
  /** Training recipe; the seed recipe unless a caller says otherwise. */
  config?: ForecastConfig;
  /**
   * How long a serving instance trusts its copy of the registry pointer
   * before asking again, in ms. Bounds how stale a forecast can be after
   * another instance trains a new version. Typical: 10 000.
   */
  pointerTtlMs?: number;
  now?: () => Date;
}

/** Body of `POST /api/predict/<category>`. */
export interface CategoryForecast {
  category: Category;
  predictions: YearForecast[];
  model_version: string;
  last_history_year: number;
}

/** Body of `POST /api/train/<category>`. */
export interface TrainingOutcome {
  message: string;
  category: Category;
  final_loss: number;
  final_mae: number;
  val_loss: number | null;
  val_mae: number | null;
  epochs_trained: number;
  version: string;
  training_ms: number;
}

export type EpochListener = (
  epoch: number,
  logs: { loss: number; val_loss?: number }
) => void;

/**
 * What the API does, without HTTP: forecast from the serving models, train
 * new versions, describe them. Storage, registry and history come in as
 * interfaces, so the same service runs on Firebase, on local directories
 * and in tests.
 */
export class ForecastService {
  private readonly serving: ServingModels;
  private readonly lock = new TrainingLock();
  private readonly config: ForecastConfig;
  private readonly now: () => Date;

  constructor(private readonly options: ForecastServiceOptions) {
    this.config = options.config ?? DEFAULT_CONFIG;
    this.now = options.now ?? (() => new Date());
    this.serving = new ServingModels(
      options.registry,
      options.blobs,
      options.logger,
      options.pointerTtlMs ?? 10_000
    );
  }

  /** Where model artifacts are stored: a gs:// URI or a directory. */
  get modelStoreLocation(): string {
    return this.options.blobs.location;
  }

  /** The TensorFlow.js backend in use, initialising it on first call. */
  backend(): Promise<string> {
    return initBackend();
  }

  async predict(
    category: Category,
    yearsAhead: number
  ): Promise<CategoryForecast> {
    await initBackend();
    const serving = await this.serving.get(category);
    if (!serving) throw noModelError(category);
    const { model, preprocessing, metadata } = serving;
    return {
      category,
      predictions: forecast(model, preprocessing, yearsAhead),
      model_version: metadata.version,
      last_history_year: preprocessing.years.at(-1) ?? NaN,
    };
  }

  /**
   * Forecasts every category one after another (bounded work: at most
   * seven small models), collecting each failure by category instead of
   * failing the whole answer.
   */
  async predictAll(yearsAhead: number): Promise<{
    predictions: Partial<Record<Category, YearForecast[]>>;
    errors: Partial<Record<Category, string>>;
  }> {
    const predictions: Partial<Record<Category, YearForecast[]>> = {};
    const errors: Partial<Record<Category, string>> = {};
    for (const category of CATEGORIES) {
      try {
        predictions[category] = (
          await this.predict(category, yearsAhead)
        ).predictions;
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        errors[category] = error.message;
      }
    }
    return { predictions, errors };
  }

  async modelInfo(category: Category): Promise<ModelMetadata> {
    const metadata = await this.serving.metadata(category);
    if (!metadata) throw noModelError(category);
    return metadata;
  }

  async modelInfoAll(): Promise<Partial<Record<Category, ModelMetadata>>> {
    return this.options.registry.getAllServing();
  }

  isTraining(category: Category): boolean {
    return this.lock.isTraining(category);
  }

  /**
   * Trains a new version of the category's model on its whole history,
   * stores it, and only then points the registry at it. Any failure on
   * the way leaves the serving model as it was.
   */
  train(
    category: Category,
    onEpoch?: EpochListener
  ): Promise<TrainingOutcome> {
    return this.lock.run(category, () => this.trainNow(category, onEpoch));
  }

  private async trainNow(
    category: Category,
    onEpoch?: EpochListener
  ): Promise<TrainingOutcome> {
    const { logger, blobs, registry } = this.options;
    const backend = await initBackend();
    const history = await this.options.history.read(category);
    logger.info("training started", {
      category,
      years: history.years.length,
      groups: history.groups.length,
      backend,
    });

    const started = Date.now();
    const trained = await trainForecaster(history, this.config, {
      onEpoch: onEpoch
        ? (epoch, logs) => onEpoch(epoch, logs as { loss: number })
        : undefined,
    });
    const trainingMs = Date.now() - started;
    const trainedAt = this.now();
    const version = newVersionId(trainedAt);

    try {
      await saveModelVersion(blobs, category, version, trained);
      const metadata = metadataFor({
        category,
        version,
        trainedAt,
        trained,
        config: this.config,
        backend,
        trainingMs,
        artifactUri: `${blobs.location}/${modelPrefix(category, version)}`,
      });
      await registry.setServing(metadata);
      this.serving.install({
        metadata,
        model: trained.model,
        preprocessing: trained.preprocessing,
      });
      logger.info("training finished", {
        category,
        version,
        durationMs: trainingMs,
        loss: metadata.final_loss,
        valLoss: metadata.val_loss,
        epochs: metadata.epochs_trained,
      });
      return {
        message: `Model for '${category}' trained and serving`,
        category,
        final_loss: metadata.final_loss,
        final_mae: metadata.final_mae,
        val_loss: metadata.val_loss,
        val_mae: metadata.val_mae,
        epochs_trained: metadata.epochs_trained,
        version,
        training_ms: trainingMs,
      };
    } catch (error) {
      // The new model never became the serving one: free it.
      trained.model.dispose();
      throw error;
    }
  }
}

function noModelError(category: Category): ServiceError {
  return new ServiceError(
    "not-found",
    `No trained model for '${category}' yet. Train it with ` +
      `POST /api/train/${category} or \`npm run cli -- train ${category}\`.`
  );
}
