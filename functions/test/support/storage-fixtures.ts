/**
 * Small real objects for the model-storage tests: a tiny LSTM network,
 * a matching preprocessing state and registry metadata.
 */
import * as tf from "@tensorflow/tfjs";
import type { Category } from "../../src/domain/categories";
import { SEED_RECIPE } from "../../src/ml/config";
import type { PreprocessingState } from "../../src/ml/forecaster";
import type { ModelMetadata } from "../../src/storage/model-registry";

/** Window length and group count of the tiny model. */
export const TINY_WINDOW = 4;
export const TINY_GROUPS = ["MALE", "FEMALE"];

/**
 * Sequential LSTM(3) + Dense(2) over windows of TINY_WINDOW years of two
 * groups: the same kind of layers as the service's model, at a size that
 * builds in milliseconds. The caller disposes it.
 */
export function tinyLstmModel(seed = 7): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.lstm({
      units: 3,
      inputShape: [TINY_WINDOW, TINY_GROUPS.length],
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }),
      // A non-zero bias, so that a loader dropping biases would be caught.
      biasInitializer: tf.initializers.randomUniform({
        minval: -0.5,
        maxval: 0.5,
        seed: seed + 2,
      }),
    })
  );
  model.add(
    tf.layers.dense({
      units: TINY_GROUPS.length,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 3 }),
      biasInitializer: tf.initializers.constant({ value: 0.25 }),
    })
  );
  return model;
}

/** A deterministic input batch [batch, TINY_WINDOW, groups] in 0..1. */
export function tinyInput(batch = 3): tf.Tensor3D {
  const values = Array.from(
    { length: batch * TINY_WINDOW * TINY_GROUPS.length },
    (_, i) => ((i * 37) % 101) / 100
  );
  return tf.tensor3d(values, [batch, TINY_WINDOW, TINY_GROUPS.length]);
}

/** A valid preprocessing state for the tiny model (years 2001..2010). */
export function tinyPreprocessing(): PreprocessingState {
  const years = Array.from({ length: 10 }, (_, i) => 2001 + i);
  return {
    formatVersion: 1,
    groups: [...TINY_GROUPS],
    scaler: { min: [100, 80], max: [900, 1000] },
    windowLength: TINY_WINDOW,
    years,
    lastWindow: [
      [510, 620],
      [530, 610],
      [555, 640],
      [580, 700],
    ],
  };
}

/** Registry metadata for a category and version with plausible values. */
export function sampleMetadata(
  category: Category,
  version: string
): ModelMetadata {
  return {
    category,
    version,
    last_trained: "2026-01-02T03:04:05.678Z",
    training_years: "1981 - 2015",
    num_years: 35,
    num_samples: 20,
    num_features: 2,
    feature_names: [...TINY_GROUPS],
    final_loss: 0.0123,
    final_mae: 0.0876,
    val_loss: null,
    val_mae: null,
    epochs_trained: 12,
    config: { ...SEED_RECIPE, window: { ...SEED_RECIPE.window } },
    backend: "cpu",
    training_ms: 1543,
    artifact_uri: `gs://demo-test.appspot.com/models/${category}/${version}/`,
  };
}
