import type { TotalForecast } from "../domain/total-forecast";
import type {
  CategoryStatus,
  LastError,
  ModelMetadata,
} from "../storage/model-registry";

/** One kept version as model-info lists it. */
export interface VersionSummary {
  version: string;
  trained_at: string;
  history_hash: string | null;
  training_years: string;
  final_loss: number;
  val_loss: number | null;
  serving: boolean;
}

/**
 * The body of `GET /api/model-info/<category>`: the serving model's
 * metadata under the old API's names, then what this service adds.
 */
export type ModelInfo = ModelMetadata & {
  serving_version: string;
  /** Kept versions, newest first; left out of model-info-all. */
  versions?: VersionSummary[];
  last_error: LastError | null;
  /** "deleted": every history document is gone; the last model serves. */
  history_status: CategoryStatus["history"];
  history_checked_at: string | null;
  /** Set by a rollback: automatic retraining is paused for it. */
  pinned_version: string | null;
  /** How forecasts are made to agree with the yearly total. */
  reconciliation: ReconciliationInfo;
};

/** Whether and how served counts are scaled to the yearly total. */
export interface ReconciliationInfo {
  enabled: boolean;
  method: string;
  /** The total forecast in use; null when none is stored yet. */
  total: Omit<TotalForecast, "totals"> | null;
}

export function describeModel(
  serving: ModelMetadata,
  status: CategoryStatus,
  versions: ModelMetadata[] | null,
  reconciliation: ReconciliationInfo
): ModelInfo {
  return {
    ...serving,
    serving_version: serving.version,
    ...(versions === null
      ? {}
      : { versions: versions.map((v) => summarize(v, serving.version)) }),
    last_error: status.last_error,
    history_status: status.history,
    history_checked_at: status.history_checked_at,
    pinned_version: status.pinned_version,
    reconciliation,
  };
}

function summarize(version: ModelMetadata, servingVersion: string) {
  return {
    version: version.version,
    trained_at: version.last_trained,
    history_hash: version.history_hash ?? null,
    training_years: version.training_years,
    final_loss: version.final_loss,
    val_loss: version.val_loss,
    serving: version.version === servingVersion,
  };
}
