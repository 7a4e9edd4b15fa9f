/**
 * Checks a tuned configuration read back from the registry before a
 * training trusts it. A hand-edited or half-migrated entry must not reach
 * tfjs, where a missing field fails deep inside fit() or, worse, trains
 * nonsense: the shape is checked here, the ranges by checkConfig.
 */
import { z } from "zod";
import type { Category } from "../domain/categories";
import type { TunedConfig } from "../domain/tuned-config";
import { checkConfig } from "../ml/check-config";
import { NETWORK_INPUTS, TRAINERS } from "../ml/config";
import { CorruptArtifactError } from "./corrupt-artifact-error";

/**
 * The fields a ForecastConfig needs, by type only. Loose, so that fields
 * a later version adds survive a round trip through an older reader.
 */
const configShape = z.looseObject({
  name: z.string().min(1),
  trainer: z.enum(TRAINERS),
  lstm1Units: z.number(),
  lstm2Units: z.number(),
  dropout: z.number(),
  learningRate: z.number(),
  batchSize: z.number(),
  maxEpochs: z.number(),
  validationSplit: z.number(),
  minWindowsForValidation: z.number(),
  earlyStoppingPatience: z.number(),
  minRelativeDelta: z.number().optional(),
  window: z.looseObject({
    shortHistoryYears: z.number(),
    minWindow: z.number(),
    shortFraction: z.number(),
    maxWindow: z.number(),
    longFraction: z.number(),
  }),
  recurrentActivation: z.enum(["sigmoid", "hardSigmoid"]),
  unitForgetBias: z.boolean(),
  seed: z.number(),
  inputs: z.enum(NETWORK_INPUTS).optional(),
});

const tunedShape = z.looseObject({
  category: z.string(),
  config: configShape,
  tuned_at: z.string().min(1),
});

/**
 * The entry as a TunedConfig, when its category is `category`, its
 * config has every field with the right type and passes checkConfig.
 * Only what a training needs is checked; the descriptive fields are
 * passed on as they are.
 *
 * @param where The entry's name for messages (document path or file).
 * @throws CorruptArtifactError naming `where` and the field at fault.
 */
export function checkStoredTunedConfig(
  value: unknown,
  category: Category,
  where: string
): TunedConfig {
  const parsed = tunedShape.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join(".") || "the entry";
    throw new CorruptArtifactError(where, `${field}: ${issue.message}`);
  }
  if (parsed.data.category !== category) {
    throw new CorruptArtifactError(
      where,
      `category is ${JSON.stringify(parsed.data.category)}, ` +
        `expected "${category}"`
    );
  }
  try {
    checkConfig(parsed.data.config);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new CorruptArtifactError(where, error.message, { cause: error });
  }
  return parsed.data as unknown as TunedConfig;
}
