import { CATEGORY_SPECS, type Category } from "../domain/categories";
import { BadHistoryError } from "../domain/errors";
import type { History } from "../domain/history";
import { historyHash } from "../domain/history-hash";
import type { Logger } from "../domain/logger";
import type { HistorySource } from "../data/history-source";
import type { ForecastConfig } from "../ml/config";
import { trainForecaster, type EpochLogs } from "../ml/train";
import type { BlobStore } from "../storage/blob-store";
import { CorruptArtifactError } from "../storage/corrupt-artifact-error";
import {
  modelPrefix,
  newVersionId,
  saveModelVersion,
} from "../storage/model-artifacts";
import type {
  LastError,
  ModelMetadata,
  ModelRegistry,
  SwitchGuard,
} from "../storage/model-registry";
import { metadataFor } from "./model-metadata";
import {
  evaluateCategory,
  type CategoryEvaluation,
} from "./category-evaluation";
import { forecastTotal, TOTAL_SOURCE } from "./coherent-totals";
import { tensorflowBackend } from "./model-forecasts";
import { versionForecast } from "./version-forecast";
import type { ServingForecast } from "./serving-models";

/** Why a training was asked for; it decides what may be skipped. */
export type TrainingTrigger = "api" | "cli" | "edit" | "nightly";

export interface TrainRequest {
  trigger: TrainingTrigger;
  /**
   * Train even when the serving model already learned this very history
   * (and even when an operator pinned a version). Explicit trainings
   * (API, CLI) force; automatic ones (edit, nightly) do not.
   */
  force: boolean;
  /**
   * With force off: retrain an unchanged history anyway once the serving
   * model is older than this many milliseconds. Unset: never.
   */
  maxModelAgeMs?: number;
  onEpoch?: (epoch: number, logs: EpochLogs) => void;
}

/** What a training request came to. */
export type TrainResult =
  | {
      kind: "trained";
      metadata: ModelMetadata;
      /** The new version's forecast, when it became the serving one. */
      serving: ServingForecast | null;
      /** Why the pointer was left alone, when it was. */
      notSwitchedBecause: string | null;
    }
  | { kind: "unchanged"; version: string; historyHash: string }
  | { kind: "pinned"; version: string }
  | { kind: "history-deleted" }
  | { kind: "bad-history"; error: BadHistoryError; lastError: LastError };

export interface CategoryTrainerOptions {
  history: HistorySource;
  blobs: BlobStore;
  registry: ModelRegistry;
  logger: Logger;
  /** The service default, used for a category `tune` never tuned. */
  config: ForecastConfig;
  now: () => Date;
}

/**
 * One training of one category, from reading its history to switching
 * the serving pointer, with the checks that make automatic retraining
 * safe to run at least once per edit:
 *
 * - a history that hashes like the serving model's is not trained again;
 * - the new version is written and recorded before the pointer moves,
 *   and the pointer moves in a transaction only if it does not already
 *   name a model that read its history later (a slow training never
 *   replaces a newer one);
 * - bad history is recorded on the category's status, with the document
 *   at fault, and the serving model stays.
 *
 * Transient failures (Storage, Firestore) are thrown as they are, so a
 * task queue can retry them.
 */
export class CategoryTrainer {
  constructor(private readonly options: CategoryTrainerOptions) {}

  async train(category: Category, request: TrainRequest): Promise<TrainResult> {
    const { registry, logger, now } = this.options;
    const historyReadAt = now();
    let history: History;
    try {
      history = await this.options.history.read(category);
    } catch (error) {
      if (error instanceof BadHistoryError) {
        return this.recordBadHistory(category, error, request);
      }
      throw error;
    }
    const checkedAt = historyReadAt.toISOString();

    if (history.years.length === 0) {
      await registry.updateStatus(category, {
        history: "deleted",
        history_checked_at: checkedAt,
      });
      logger.warn("history is gone; the last model keeps serving", {
        category,
        trigger: request.trigger,
      });
      if (request.force) {
        throw new BadHistoryError(
          `${category} has no history documents under ` +
            `emigrantData/${CATEGORY_SPECS[category].dataset}/years`
        );
      }
      return { kind: "history-deleted" };
    }

    const hash = historyHash(history);
    const config = await this.configFor(category);
    if (!request.force) {
      const skipped = await this.skipReason(category, hash, config, request);
      if (skipped) {
        await registry.updateStatus(category, {
          history: "present",
          history_checked_at: checkedAt,
          ...(skipped.kind === "unchanged" ? { last_error: null } : {}),
        });
        logger.info("training skipped", {
          category,
          trigger: request.trigger,
          reason: skipped.kind,
          version: skipped.version,
        });
        return skipped;
      }
    }

    try {
      return await this.trainAndSwitch(
        category,
        history,
        hash,
        config,
        historyReadAt,
        request
      );
    } catch (error) {
      if (error instanceof BadHistoryError) {
        return this.recordBadHistory(category, error, request);
      }
      throw error;
    }
  }

  /**
   * The configuration to train `category` with: the one `tune` stored for
   * it, else the service default. A stored one that fails its checks is
   * logged and passed over rather than thrown, so that one bad entry
   * does not stop every retraining of the category.
   */
  private async configFor(category: Category): Promise<ForecastConfig> {
    const { registry, logger, config } = this.options;
    try {
      return (await registry.getTunedConfig(category))?.config ?? config;
    } catch (error) {
      if (!(error instanceof CorruptArtifactError)) throw error;
      logger.warn("tuned configuration ignored", {
        category,
        reason: error.message,
        using: config.name,
      });
      return config;
    }
  }

  /**
   * Why an automatic training need not run, or null when it must. A
   * model trained with another configuration than `config` (a new tune,
   * a new default) is retrained even on the same history.
   */
  private async skipReason(
    category: Category,
    hash: string,
    config: ForecastConfig,
    request: TrainRequest
  ): Promise<
    Extract<TrainResult, { kind: "unchanged" | "pinned" }> | null
  > {
    const { registry, now } = this.options;
    const [status, serving] = await Promise.all([
      registry.getStatus(category),
      registry.getServing(category),
    ]);
    if (status.pinned_version !== null) {
      return { kind: "pinned", version: status.pinned_version };
    }
    if (
      serving === null ||
      serving.history_hash !== hash ||
      serving.config?.name !== config.name
    ) {
      return null;
    }
    const ageMs = now().getTime() - Date.parse(serving.last_trained);
    if (request.maxModelAgeMs !== undefined && ageMs > request.maxModelAgeMs) {
      return null;
    }
    return { kind: "unchanged", version: serving.version, historyHash: hash };
  }

  private async trainAndSwitch(
    category: Category,
    history: History,
    hash: string,
    config: ForecastConfig,
    historyReadAt: Date,
    request: TrainRequest
  ): Promise<TrainResult> {
    const { blobs, registry, logger, now } = this.options;
    const backend = await tensorflowBackend();
    logger.info("training started", {
      category,
      trigger: request.trigger,
      years: history.years.length,
      groups: history.groups.length,
      backend,
      config: config.name,
    });
    const started = Date.now();
    const trained = await trainForecaster(history, config, {
      onEpoch: request.onEpoch,
    });
    const trainingMs = Date.now() - started;
    try {
      const evaluation = await this.evaluationFor(
        category,
        history,
        config,
        request
      );
      const forecast = await versionForecast(
        history,
        trained,
        evaluation,
        config
      );
      await this.refreshTotals(category, history);
      const trainedAt = now();
      const version = newVersionId(trainedAt);
      await saveModelVersion(blobs, category, version, trained, forecast);
      const metadata: ModelMetadata = {
        ...metadataFor({
          category,
          version,
          trainedAt,
          trained,
          config,
          backend,
          trainingMs,
          artifactUri: `${blobs.location}/${modelPrefix(category, version)}`,
        }),
        history_hash: hash,
        history_read_at: historyReadAt.toISOString(),
        evaluation,
      };
      await registry.recordVersion(metadata);
      const switched = await registry.switchServing(
        metadata,
        refuseOlderRead(metadata)
      );
      const notSwitchedBecause = switched.switched ? null : switched.reason;
      await registry.updateStatus(category, {
        history: "present",
        history_checked_at: metadata.history_read_at,
        last_error: null,
        ...(request.force ? { pinned_version: null } : {}),
      });
      logger.info("training finished", {
        category,
        trigger: request.trigger,
        version,
        durationMs: trainingMs,
        loss: metadata.final_loss,
        valLoss: metadata.val_loss,
        epochs: metadata.epochs_trained,
        method: forecast.chosen,
        serving: notSwitchedBecause === null,
        ...(notSwitchedBecause ? { notSwitchedBecause } : {}),
      });
      return {
        kind: "trained",
        metadata,
        serving: notSwitchedBecause === null ? { metadata, forecast } : null,
        notSwitchedBecause,
      };
    } finally {
      // Serving needs only the stored forecast, never the network.
      trained.model.dispose();
    }
  }

  /**
   * The backtest to store with a new version. A retraining after an edit
   * reuses the serving model's (it must turn into a fresh forecast within
   * seconds; the backtest fits every method six times): it refits the
   * chosen method on the new history and keeps the figures, whose date
   * model-info shows, unless they were of another configuration's LSTM.
   * Everything else backtests afresh.
   */
  private async evaluationFor(
    category: Category,
    history: History,
    config: ForecastConfig,
    request: TrainRequest
  ): Promise<CategoryEvaluation | null> {
    const { registry, now, logger } = this.options;
    if (request.trigger === "edit") {
      const serving = await registry.getServing(category);
      if (serving?.evaluation && serving.config?.name === config.name) {
        return serving.evaluation;
      }
    }
    const started = Date.now();
    const evaluation = await evaluateCategory(history, config, now());
    logger.info("backtest finished", {
      category,
      durationMs: Date.now() - started,
      chosen: evaluation?.chosen ?? null,
      mase: evaluation?.ranking[0]?.mase ?? null,
    });
    return evaluation;
  }

  /**
   * Keeps the yearly total forecast (coherent totals) in step with its
   * source table: recomputed whenever that table trains, and computed
   * once from it by any category that finds none yet.
   */
  private async refreshTotals(
    category: Category,
    history: History
  ): Promise<void> {
    const { registry, now } = this.options;
    let source = history;
    if (category !== TOTAL_SOURCE) {
      if ((await registry.getTotals()) !== null) return;
      try {
        source = await this.options.history.read(TOTAL_SOURCE);
      } catch (error) {
        if (error instanceof BadHistoryError) return;
        throw error;
      }
    }
    const total = await forecastTotal(source, now());
    if (total) await registry.setTotals(total);
  }

  private async recordBadHistory(
    category: Category,
    error: BadHistoryError,
    request: TrainRequest
  ): Promise<TrainResult> {
    const dataset = CATEGORY_SPECS[category].dataset;
    const year = error.where?.year;
    const lastError: LastError = {
      message: error.message,
      at: this.options.now().toISOString(),
      document: year ? `emigrantData/${dataset}/years/${year}` : null,
    };
    await this.options.registry.updateStatus(category, {
      last_error: lastError,
    });
    this.options.logger.warn("training refused bad history", {
      category,
      trigger: request.trigger,
      document: lastError.document,
      reason: error.message,
    });
    if (request.force) throw error;
    return { kind: "bad-history", error, lastError };
  }
}

/**
 * Refuses to replace a serving model whose history was read after this
 * one's: that model has seen edits this one has not.
 */
export function refuseOlderRead(candidate: ModelMetadata): SwitchGuard {
  return (current) => {
    const mine = candidate.history_read_at;
    const theirs = current?.history_read_at;
    if (mine === undefined || theirs === undefined) return null;
    return Date.parse(theirs) > Date.parse(mine)
      ? `serving version ${current?.version} read newer history ` +
          `(${theirs}, this training read ${mine})`
      : null;
  };
}
