/**
 * Example bodies for the OpenAPI document. They are checked against the
 * response schemas by the tests, so an example cannot drift from what
 * the API answers.
 */

const VERSION = "20261203T213358123Z-4f9c2a";

export const forecastExample = {
  category: "sex",
  predictions: [
    {
      year: 2016,
      predictions: { MALE: 30512, FEMALE: 47540 },
      intervals: {
        "80": {
          lower: { MALE: 27050, FEMALE: 42101 },
          upper: { MALE: 33702, FEMALE: 52440 },
        },
        "95": {
          lower: { MALE: 25214, FEMALE: 39388 },
          upper: { MALE: 35630, FEMALE: 55307 },
        },
      },
    },
    {
      year: 2017,
      predictions: { MALE: 30988, FEMALE: 48213 },
      intervals: {
        "80": {
          lower: { MALE: 26120, FEMALE: 40650 },
          upper: { MALE: 35402, FEMALE: 55018 },
        },
        "95": {
          lower: { MALE: 23871, FEMALE: 37166 },
          upper: { MALE: 38240, FEMALE: 59377 },
        },
      },
    },
  ],
  model_version: VERSION,
  last_history_year: 2015,
  method: "theta",
  reconciled: true,
};

export const predictAllExample = {
  predictions: { sex: forecastExample.predictions.slice(0, 1) },
  errors: {
    age:
      "No trained model for 'age' yet. Train it with POST " +
      "/api/train/age or `npm run cli -- train age`.",
  },
};

export const healthExample = {
  status: "healthy",
  message: "API is running",
  version: "0.1.0",
  backend: "wasm",
  model_store: "gs://demo-cfo-forecast.appspot.com",
  node: "v22.14.0",
};

export const trainExample = {
  message: "Model for 'sex' trained and serving",
  category: "sex",
  final_loss: 0.0061,
  final_mae: 0.0587,
  val_loss: 0.0113,
  val_mae: 0.0842,
  epochs_trained: 64,
  version: VERSION,
  training_ms: 5210,
  serving: true,
};

export const rollbackExample = {
  message: `'sex' now serves version ${VERSION}`,
  category: "sex",
  version: VERSION,
  pinned: true,
};

const modelInfoAllExampleEntry = {
  category: "sex",
  version: VERSION,
  last_trained: "2026-12-03T21:33:58.123Z",
  training_years: "1981 - 2015",
  num_years: 35,
  num_samples: 18,
  num_features: 2,
  feature_names: ["MALE", "FEMALE"],
  final_loss: 0.0061,
  final_mae: 0.0587,
  val_loss: 0.0113,
  val_mae: 0.0842,
  epochs_trained: 64,
  config: { name: "fast-lstm", lstm1Units: 64, lstm2Units: 32 },
  backend: "wasm",
  training_ms: 5210,
  artifact_uri: `gs://demo-cfo-forecast.appspot.com/models/sex/${VERSION}/`,
  history_hash: "9f2c41d07a8e6b35c1f0e2d94a7b6c58e3d21f0a9b8c7d6e5f4a3b2c1d0e9f8a",
  history_read_at: "2026-12-03T21:33:52.901Z",
  evaluation: {
    computed_at: "2026-12-03T21:33:57.004Z",
    criterion: "lowest mean MASE over horizons 1..5",
    chosen: "theta",
    ranking: [
      { method: "theta", mase: 0.91 },
      { method: "naive", mase: 1.02 },
    ],
    coverage: { "80": 0.81, "95": 0.94 },
  },
  serving_version: VERSION,
  last_error: null,
  history_status: "present",
  history_checked_at: "2026-12-04T03:00:12.440Z",
  pinned_version: null,
  reconciliation: {
    enabled: true,
    method:
      "each year's groups scaled proportionally to the yearly total " +
      "forecast from the sex table, then rounded by largest remainder",
    total: {
      source: "sex",
      method: "naive",
      history_hash:
        "9f2c41d07a8e6b35c1f0e2d94a7b6c58e3d21f0a9b8c7d6e5f4a3b2c1d0e9f8a",
      last_history_year: 2015,
      computed_at: "2026-12-03T21:33:58.010Z",
    },
  },
};

export const modelInfoExample = {
  ...modelInfoAllExampleEntry,
  versions: [
    {
      version: VERSION,
      trained_at: "2026-12-03T21:33:58.123Z",
      history_hash: modelInfoAllExampleEntry.history_hash,
      training_years: "1981 - 2015",
      final_loss: 0.0061,
      val_loss: 0.0113,
      serving: true,
    },
  ],
};

export const modelInfoAllExample = {
  models: { sex: modelInfoAllExampleEntry },
};

/** One error answer per status, worded as the API words them. */
export const errorExamples: Record<number, string> = {
  400: "years_ahead must be a whole number from 1 to 10 (got 11)",
  401:
    "This route needs an admin's Firebase ID token: " +
    "Authorization: Bearer <token>",
  403: "User 4fX9k2 is not an admin; this route needs the custom claim " +
    "admin: true",
  404:
    "No trained model for 'age' yet. Train it with POST " +
    "/api/train/age or `npm run cli -- train age`.",
  405: "Method GET not allowed on /api/predict/sex; use POST",
  409:
    "A training of 'sex' is already running; try again when it has " +
    "finished.",
  413: "Request body is too large",
  415: "Request body must be JSON (Content-Type: application/json)",
  422: 'Year 2015, group "FEMALE": count -40 is negative',
  503:
    "The model of 'sex' could not be loaded: model storage is " +
    "unavailable. Try again shortly.",
};
