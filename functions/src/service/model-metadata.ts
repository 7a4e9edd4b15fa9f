import type { Category } from "../domain/categories";
import type { ForecastConfig } from "../ml/config";
import type { TrainedForecaster } from "../ml/forecaster";
import type { ModelMetadata } from "../storage/model-registry";

/** Everything about a finished training that model-info reports. */
export interface TrainingRecord {
  category: Category;
  version: string;
  trainedAt: Date;
  trained: TrainedForecaster;
  config: ForecastConfig;
  backend: string;
  trainingMs: number;
  artifactUri: string;
}

/** The registry entry (and model-info body) for a finished training. */
export function metadataFor(record: TrainingRecord): ModelMetadata {
  const { preprocessing, metrics } = record.trained;
  const years = preprocessing.years;
  return {
    category: record.category,
    version: record.version,
    last_trained: record.trainedAt.toISOString(),
    training_years: `${years[0]} - ${years[years.length - 1]}`,
    num_years: years.length,
    num_samples: metrics.numSamples,
    num_features: preprocessing.groups.length,
    feature_names: [...preprocessing.groups],
    final_loss: metrics.finalLoss,
    final_mae: metrics.finalMae,
    val_loss: metrics.valLoss,
    val_mae: metrics.valMae,
    epochs_trained: metrics.epochsTrained,
    config: { ...record.config, window: { ...record.config.window } },
    backend: record.backend,
    training_ms: record.trainingMs,
    artifact_uri: record.artifactUri,
  };
}
