import { z } from "zod";
import { categorySchema } from "./schemas";

/**
 * What the API answers, as zod schemas. Nothing parses responses at run
 * time: these exist so that the OpenAPI document describes the answers
 * from the same kind of source as the requests (see openapi.ts), and so
 * that tests can check real responses against that description.
 *
 * Objects are loose where the service may add fields (the old API's
 * clients ignore unknown fields, and model-info grows with the service);
 * a forecast's shape is closed, as the dashboard reads it field by field.
 */

const count = z.number().int().min(0);
const countsByGroup = z
  .record(z.string(), count)
  .meta({ description: "A whole, non-negative count per group" });

const intervalSchema = z.strictObject({
  lower: countsByGroup,
  upper: countsByGroup,
});

/** One forecast year with its prediction intervals. */
export const servedYearSchema = z.strictObject({
  year: z.number().int(),
  predictions: countsByGroup,
  intervals: z
    .record(z.enum(["80", "95"]), intervalSchema)
    .optional()
    .meta({
      description:
        "Lower and upper bounds per interval level (percent); absent " +
        "for a method without a backtest",
    }),
});

/** `POST /api/predict/<category>`. */
export const categoryForecastSchema = z.strictObject({
  category: categorySchema,
  predictions: z.array(servedYearSchema),
  model_version: z.string(),
  last_history_year: z.number().int(),
  method: z.string().meta({
    description: 'The method that produced the counts, e.g. "theta"',
  }),
  reconciled: z.boolean().meta({
    description: "Whether the counts were scaled to the yearly total",
  }),
});

/** `POST /api/predict-all`: forecasts and failures, by category. */
export const predictAllSchema = z.strictObject({
  predictions: z.partialRecord(categorySchema, z.array(servedYearSchema)),
  errors: z.partialRecord(categorySchema, z.string()).meta({
    description: "Why a category could not be forecast, e.g. no model",
  }),
});

/** `GET /api/health`. */
export const healthSchema = z.looseObject({
  status: z.literal("healthy"),
  message: z.string(),
  version: z.string(),
  backend: z.string().nullable().meta({
    description: "TensorFlow.js backend: tensorflow, wasm or cpu",
  }),
  model_store: z.string(),
  node: z.string(),
});

/** `POST /api/train/<category>`. */
export const trainOutcomeSchema = z.looseObject({
  message: z.string(),
  category: categorySchema,
  final_loss: z.number(),
  final_mae: z.number(),
  val_loss: z.number().nullable(),
  val_mae: z.number().nullable(),
  epochs_trained: z.number().int(),
  version: z.string(),
  training_ms: z.number(),
  serving: z.boolean().meta({
    description:
      "False when a training that read newer history finished first " +
      "and keeps serving",
  }),
});

/** `POST /api/models/<category>/rollback`. */
export const rollbackOutcomeSchema = z.looseObject({
  message: z.string(),
  category: categorySchema,
  version: z.string(),
  pinned: z.literal(true),
});

const versionSummarySchema = z.looseObject({
  version: z.string(),
  trained_at: z.string(),
  history_hash: z.string().nullable(),
  training_years: z.string(),
  final_loss: z.number(),
  val_loss: z.number().nullable(),
  serving: z.boolean(),
});

const evaluationSchema = z
  .looseObject({
    computed_at: z.string(),
    criterion: z.string(),
    chosen: z.string(),
    ranking: z.array(z.looseObject({ method: z.string() })),
    coverage: z.record(z.string(), z.number().nullable()),
  })
  .meta({ description: "The backtest behind the served method" });

/** `GET /api/model-info/<category>`; model-info-all leaves out versions. */
export const modelInfoSchema = z.looseObject({
  category: categorySchema,
  version: z.string(),
  last_trained: z.string(),
  training_years: z.string(),
  num_years: z.number().int(),
  num_samples: z.number().int(),
  num_features: z.number().int(),
  feature_names: z.array(z.string()),
  final_loss: z.number(),
  final_mae: z.number(),
  val_loss: z.number().nullable(),
  val_mae: z.number().nullable(),
  epochs_trained: z.number().int(),
  config: z
    .looseObject({ name: z.string() })
    .meta({ description: "The LSTM's training configuration" }),
  backend: z.string(),
  training_ms: z.number(),
  artifact_uri: z.string(),
  history_hash: z.string().optional(),
  history_read_at: z.string().optional(),
  evaluation: evaluationSchema.nullable().optional(),
  serving_version: z.string(),
  versions: z.array(versionSummarySchema).optional(),
  last_error: z
    .looseObject({
      message: z.string(),
      at: z.string(),
      document: z.string().nullable(),
    })
    .nullable(),
  history_status: z.enum(["present", "deleted", "unknown"]),
  history_checked_at: z.string().nullable(),
  pinned_version: z.string().nullable(),
  reconciliation: z.looseObject({
    enabled: z.boolean(),
    method: z.string(),
    total: z.looseObject({ source: categorySchema }).nullable(),
  }),
});

/** `GET /api/model-info-all`. */
export const modelInfoAllSchema = z.strictObject({
  models: z.partialRecord(categorySchema, modelInfoSchema),
});

/** Every error: one sentence naming what is wrong. */
export const errorSchema = z.strictObject({
  error: z.string(),
});
