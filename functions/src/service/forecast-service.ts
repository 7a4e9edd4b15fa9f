import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { CATEGORIES, type Category } from "../domain/categories";
import { ServiceError } from "../domain/errors";
import type { Logger } from "../domain/logger";
import type { HistorySource } from "../data/history-source";
import type { History } from "../domain/history";
import { DEFAULT_CONFIG, type ForecastConfig } from "../ml/config";
import { unrecordedVersions } from "../storage/unrecorded-versions";
import { categoryFolder } from "../storage/version-paths";
import type { BlobStore } from "../storage/blob-store";
import { loadStoredForecast } from "../storage/forecast-json";
import type { ModelMetadata, ModelRegistry } from "../storage/model-registry";
import type {
  CategoryTrainer,
  TrainingTrigger,
  TrainRequest,
  TrainResult,
} from "./category-trainer";
import { LSTM_METHOD, type ModelChoice } from "../domain/served-methods";
import { loadedBackendName } from "./backend-state";
import { serveForecast, type ServedYear } from "./served-forecast";
import { RECONCILIATION_METHOD } from "./coherent-totals";
import {
  describeModel,
  type ModelInfo,
  type ReconciliationInfo,
} from "./model-info";
import { ServingModels } from "./serving-models";
import { withTrainingLease } from "./leased-training";
import { TrainingLock } from "./training-lock";

export interface ForecastServiceOptions {
  history: HistorySource;
  blobs: BlobStore;
  registry: ModelRegistry;
  logger: Logger;
  /** LSTM recipe; DEFAULT_CONFIG unless a caller says otherwise. */
  config?: ForecastConfig;
  /**
   * Scale every forecast to the yearly total forecast (coherent totals,
   * see coherent-totals.ts). Default true.
   */
  reconcileTotals?: boolean;
  /**
   * How long a serving instance trusts its copy of the registry pointer
   * before asking again, in ms. Bounds how stale a forecast can be after
   * another instance trains a new version. Typical: 10 000.
   */
  pointerTtlMs?: number;
  /**
   * How long a training lease lasts without renewal, in ms (see
   * leased-training.ts): how long a crashed training blocks its category
   * on other instances. Default DEFAULT_TRAINING_LEASE_MS.
   */
  trainingLeaseMs?: number;
  /** This process's id as a lease holder; random by default. */
  leaseHolder?: string;
  now?: () => Date;
}

/**
 * Lease period of a training, renewed every third of it while the
 * training runs. Short enough that the retries of a killed training's
 * task (30 s, then 60 s, 120 s apart) find it expired by their third
 * attempt: with 5 minutes, the retry that finally trained was the fifth
 * and last one (measured on the emulators). Long enough for the longest
 * stretch a training keeps the event loop busy (a full backtest, about
 * 10-20 s here) to leave the renewals on time.
 */
export const DEFAULT_TRAINING_LEASE_MS = 90_000;

/** Body of `POST /api/predict/<category>`. */
export interface CategoryForecast {
  category: Category;
  predictions: ServedYear[];
  model_version: string;
  last_history_year: number;
  /** The method that produced the forecast, e.g. "theta" or "lstm". */
  method: string;
  /** Whether the counts were scaled to the yearly total forecast. */
  reconciled: boolean;
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
  /** False when a training that read newer history serves instead. */
  serving: boolean;
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
  private trainerPromise: Promise<CategoryTrainer> | null = null;
  private readonly lock = new TrainingLock();
  private readonly leaseHolder: string;

  constructor(private readonly options: ForecastServiceOptions) {
    this.serving = new ServingModels(
      options.registry,
      options.blobs,
      options.logger,
      options.pointerTtlMs ?? 10_000
    );
    this.leaseHolder =
      options.leaseHolder ??
      `${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`;
  }

  /** Where model artifacts are stored: a gs:// URI or a directory. */
  get modelStoreLocation(): string {
    return this.options.blobs.location;
  }

  /**
   * The category's history as its source holds it now, which may be
   * newer than what the serving model learned from (charts draw it).
   */
  readHistory(category: Category): Promise<History> {
    return this.options.history.read(category);
  }

  /**
   * The TensorFlow.js backend: its name once loaded, else null. With
   * `load`, loads it first (TensorFlow.js and its binary take a few
   * hundred milliseconds: only training and old versions need them).
   */
  async backend(load = false): Promise<string | null> {
    if (!load) return loadedBackendName();
    const { tensorflowBackend } = await import("./model-forecasts");
    return tensorflowBackend();
  }

  /**
   * The serving version's forecast for the next `yearsAhead` years (at
   * most MAX_YEARS_AHEAD), from memory once the version is loaded: the
   * method its backtest chose ("auto") or its LSTM ("lstm"), scaled to
   * the yearly total forecast unless reconciliation is off.
   */
  async predict(
    category: Category,
    yearsAhead: number,
    model: ModelChoice = "auto"
  ): Promise<CategoryForecast> {
    const serving = await this.serving.get(category);
    if (!serving) throw noModelError(category);
    const { forecast, metadata } = serving;
    const method = model === "lstm" ? LSTM_METHOD : forecast.chosen;
    const rows = forecast.methods[method]?.values.length ?? 0;
    if (yearsAhead > rows) {
      throw new ServiceError(
        "invalid-argument",
        `years_ahead ${yearsAhead} is beyond the ${rows} years the ` +
          `serving model of '${category}' forecasts`
      );
    }
    const total =
      this.options.reconcileTotals === false
        ? null
        : await this.serving.totals();
    const served = serveForecast(forecast, method, yearsAhead, total);
    return {
      category,
      predictions: served.predictions,
      model_version: metadata.version,
      last_history_year: forecast.lastHistoryYear,
      method: served.method,
      reconciled: served.reconciled,
    };
  }

  /**
   * Forecasts every category one after another (bounded work: at most
   * seven small models), collecting each failure by category instead of
   * failing the whole answer.
   */
  async predictAll(
    yearsAhead: number,
    model: ModelChoice = "auto"
  ): Promise<{
    predictions: Partial<Record<Category, ServedYear[]>>;
    errors: Partial<Record<Category, string>>;
  }> {
    const predictions: Partial<Record<Category, ServedYear[]>> = {};
    const errors: Partial<Record<Category, string>> = {};
    for (const category of CATEGORIES) {
      try {
        predictions[category] = (
          await this.predict(category, yearsAhead, model)
        ).predictions;
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        errors[category] = error.message;
      }
    }
    return { predictions, errors };
  }

  /**
   * The serving model's metadata, plus the kept versions and the state
   * of the category's history and retraining.
   */
  async modelInfo(category: Category): Promise<ModelInfo> {
    const metadata = await this.serving.metadata(category);
    if (!metadata) throw noModelError(category);
    const { registry } = this.options;
    const [versions, status] = await Promise.all([
      registry.listVersions(category),
      registry.getStatus(category),
    ]);
    return describeModel(
      metadata,
      status,
      versions,
      await this.reconciliationInfo()
    );
  }

  /** Every category's serving model and status, without version lists. */
  async modelInfoAll(): Promise<Partial<Record<Category, ModelInfo>>> {
    const { registry } = this.options;
    const all = await registry.getAllServing();
    const described: Partial<Record<Category, ModelInfo>> = {};
    const reconciliation = await this.reconciliationInfo();
    await Promise.all(
      CATEGORIES.map(async (category) => {
        const metadata = all[category];
        if (!metadata) return;
        const status = await registry.getStatus(category);
        described[category] = describeModel(
          metadata,
          status,
          null,
          reconciliation
        );
      })
    );
    return described;
  }

  private async reconciliationInfo(): Promise<ReconciliationInfo> {
    const enabled = this.options.reconcileTotals !== false;
    const total = enabled ? await this.serving.totals() : null;
    let summary: ReconciliationInfo["total"] = null;
    if (total) {
      const { totals: _values, ...rest } = total;
      summary = rest;
    }
    return {
      enabled,
      method: enabled ? RECONCILIATION_METHOD : "none: switched off",
      total: summary,
    };
  }

  isTraining(category: Category): boolean {
    return this.lock.isTraining(category);
  }

  /**
   * Trains a new version of the category's model on its whole history,
   * now, whatever the serving model learned (the API's and the CLI's
   * training). The new version serves unless another training read newer
   * history meanwhile. Any failure leaves the serving model as it was;
   * bad history is also recorded as the category's last_error.
   */
  async train(
    category: Category,
    onEpoch?: EpochListener,
    trigger: TrainingTrigger = "api"
  ): Promise<TrainingOutcome> {
    const result = await this.retrain(category, {
      trigger,
      force: true,
      onEpoch: onEpoch
        ? (epoch, logs) => onEpoch(epoch, logs as { loss: number })
        : undefined,
    });
    if (result.kind !== "trained") {
      // A forced training either trains or throws.
      throw new Error(`training of ${category} ended as ${result.kind}`);
    }
    const { metadata, notSwitchedBecause } = result;
    return {
      message:
        notSwitchedBecause === null
          ? `Model for '${category}' trained and serving`
          : `Model for '${category}' trained but not serving: ` +
            notSwitchedBecause,
      category,
      final_loss: metadata.final_loss,
      final_mae: metadata.final_mae,
      val_loss: metadata.val_loss,
      val_mae: metadata.val_mae,
      epochs_trained: metadata.epochs_trained,
      version: metadata.version,
      training_ms: metadata.training_ms,
      serving: notSwitchedBecause === null,
    };
  }

  /**
   * One training request, explicit or automatic (see CategoryTrainer):
   * automatic ones skip an unchanged history and a pinned category. One
   * training at a time per process (see TrainingLock), and one training
   * of a category at a time across processes (its lease in the registry,
   * see leased-training.ts); either refuses a second with a conflict.
   */
  retrain(category: Category, request: TrainRequest): Promise<TrainResult> {
    const { registry, logger } = this.options;
    const lease = {
      registry,
      logger,
      holder: this.leaseHolder,
      ttlMs: this.options.trainingLeaseMs ?? DEFAULT_TRAINING_LEASE_MS,
      now: this.options.now ?? (() => new Date()),
    };
    return this.lock.run(category, () =>
      withTrainingLease(category, lease, async () => {
        const trainer = await this.trainer();
        const result = await trainer.train(category, request);
        if (result.kind === "trained" && result.serving) {
          this.serving.install(result.serving);
        }
        return result;
      })
    );
  }

  /**
   * Points the category back at a kept version, after checking that its
   * artifacts load, and pins it: automatic retraining leaves the category
   * alone until the next explicit training.
   */
  async rollback(category: Category, version: string): Promise<ModelMetadata> {
    const { registry, blobs, logger } = this.options;
    const metadata = await registry.getVersion(category, version);
    if (!metadata) {
      throw new ServiceError(
        "not-found",
        `No kept version '${version}' of '${category}'; ` +
          `GET /api/model-info/${category} lists the kept versions.`
      );
    }
    const { checkModelLoads, forecastFromStoredModel } = await import(
      "./model-forecasts"
    );
    await checkModelLoads(blobs, category, version);
    const forecast =
      (await loadStoredForecast(blobs, category, version)) ??
      (await forecastFromStoredModel(blobs, category, version));
    await registry.setServing(metadata);
    await registry.updateStatus(category, { pinned_version: version });
    this.serving.install({ metadata, forecast });
    logger.info("rolled back", { category, version });
    return metadata;
  }

  /**
   * Deletes the oldest versions beyond the newest `keep`, never the
   * serving one: first the registry record (so nothing can pick it),
   * then the artifacts. Then deletes the files of versions that were
   * never recorded and are over an hour old (see unrecorded-versions.ts).
   * Returns the versions deleted, both kinds.
   */
  async pruneVersions(category: Category, keep: number): Promise<string[]> {
    const { registry, blobs, logger } = this.options;
    const [versions, serving] = await Promise.all([
      registry.listVersions(category),
      registry.getServing(category),
    ]);
    const doomed = versions
      .slice(keep)
      .map((v) => v.version)
      .filter((version) => version !== serving?.version);
    for (const version of doomed) {
      await registry.deleteVersion(category, version);
      const { deleteModelVersion } = await import("../storage/model-artifacts");
      await deleteModelVersion(blobs, category, version);
    }
    if (doomed.length > 0) {
      logger.info("old versions pruned", {
        category,
        deleted: doomed.length,
        kept: versions.length - doomed.length,
      });
    }
    const unrecorded = await this.deleteUnrecorded(category, serving);
    return [...doomed, ...unrecorded];
  }

  /** See pruneVersions; returns the unrecorded versions deleted. */
  private async deleteUnrecorded(
    category: Category,
    serving: ModelMetadata | null
  ): Promise<string[]> {
    const { registry, blobs, logger } = this.options;
    const now = this.options.now?.() ?? new Date();
    const listed = await blobs.list(categoryFolder(category));
    // The records are read after the listing: a version recorded in
    // between (a training that finished meanwhile) must not look
    // unrecorded.
    const recorded = await registry.listVersions(category);
    const known = new Set(recorded.map((v) => v.version));
    if (serving) known.add(serving.version);
    const leftBehind = unrecordedVersions(category, listed, known, now);
    let files = 0;
    for (const paths of leftBehind.values()) {
      for (const path of paths) await blobs.delete(path);
      files += paths.length;
    }
    if (leftBehind.size > 0) {
      logger.info("unrecorded version files deleted", {
        category,
        versions: [...leftBehind.keys()],
        files,
      });
    }
    return [...leftBehind.keys()];
  }

  /**
   * The trainer, loaded on first use: it brings TensorFlow.js, which an
   * instance that only serves stored forecasts never needs.
   */
  private trainer(): Promise<CategoryTrainer> {
    this.trainerPromise ??= import("./category-trainer").then(
      ({ CategoryTrainer }) =>
        new CategoryTrainer({
          history: this.options.history,
          blobs: this.options.blobs,
          registry: this.options.registry,
          logger: this.options.logger,
          config: this.options.config ?? DEFAULT_CONFIG,
          now: this.options.now ?? (() => new Date()),
        })
    );
    return this.trainerPromise;
  }
}

function noModelError(category: Category): ServiceError {
  return new ServiceError(
    "not-found",
    `No trained model for '${category}' yet. Train it with ` +
      `POST /api/train/${category} (with an admin's ID token) or ` +
      `\`npm run cli -- train ${category}\`.`
  );
}
