/**
 * The TensorFlow.js side of serving: turning a network into the forecast
 * that is stored and served. The rest of the serving path imports this
 * module lazily, so that a request answered from a stored forecast never
 * loads TensorFlow.js.
 */
import type * as tf from "@tensorflow/tfjs";
import type { Category } from "../domain/categories";
import { MAX_YEARS_AHEAD } from "../domain/forecast-horizon";
import { initBackend } from "../ml/backend";
import { forecast } from "../ml/forecast";
import type { PreprocessingState } from "../ml/forecaster";
import type { BlobStore } from "../storage/blob-store";
import type { StoredForecast } from "../storage/forecast-json";
import { loadModelVersion } from "../storage/model-artifacts";
import { noteLoadedBackend } from "./backend-state";
import { LSTM_METHOD } from "./category-evaluation";

/** The LSTM's forecast rows, [h - 1][group], MAX_YEARS_AHEAD years. */
export function lstmRows(
  model: tf.LayersModel,
  preprocessing: PreprocessingState
): number[][] {
  return forecast(model, preprocessing, MAX_YEARS_AHEAD).map((year) =>
    preprocessing.groups.map((group) => year.predictions[group])
  );
}

/** A stored forecast of the LSTM alone, without intervals. */
export function lstmOnlyForecast(
  model: tf.LayersModel,
  preprocessing: PreprocessingState
): StoredForecast {
  return {
    formatVersion: 2,
    lastHistoryYear: preprocessing.years[preprocessing.years.length - 1],
    groups: [...preprocessing.groups],
    chosen: LSTM_METHOD,
    methods: {
      [LSTM_METHOD]: { values: lstmRows(model, preprocessing), intervals: null },
    },
  };
}

/**
 * For a version stored without forecast.json (trained before forecasts
 * were stored): loads its network, forecasts, frees the network. Only
 * the LSTM is served for such a version.
 */
export async function forecastFromStoredModel(
  blobs: BlobStore,
  category: Category,
  version: string
): Promise<StoredForecast> {
  await tensorflowBackend();
  const { model, preprocessing } = await loadModelVersion(
    blobs,
    category,
    version
  );
  try {
    return lstmOnlyForecast(model, preprocessing);
  } finally {
    model.dispose();
  }
}

/** Checks that a version's network loads; for a rollback. */
export async function checkModelLoads(
  blobs: BlobStore,
  category: Category,
  version: string
): Promise<void> {
  await tensorflowBackend();
  const { model } = await loadModelVersion(blobs, category, version);
  model.dispose();
}

/** The TensorFlow.js backend, initialising it. */
export async function tensorflowBackend(): Promise<string> {
  const name = await initBackend();
  noteLoadedBackend(name);
  return name;
}
