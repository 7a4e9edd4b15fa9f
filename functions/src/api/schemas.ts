import { z } from "zod";
import { CATEGORIES } from "../domain/categories";
import { MAX_YEARS_AHEAD } from "../domain/forecast-horizon";
import { MODEL_CHOICES } from "../domain/served-methods";
import { echo } from "./echo";

/**
 * Every request parameter and body the API accepts, as zod schemas. The
 * handlers validate with these and nothing else, so this file is the one
 * description of the API's input.
 */

export const MIN_YEARS_AHEAD = 1;
export { MAX_YEARS_AHEAD };
export const DEFAULT_YEARS_AHEAD = 5;

const YEARS_AHEAD_RULE =
  `years_ahead must be a whole number from ${MIN_YEARS_AHEAD} ` +
  `to ${MAX_YEARS_AHEAD}`;

export const categorySchema = z.enum(CATEGORIES, {
  error: (issue) =>
    `Unknown category '${echo(String(issue.input))}'; expected one of: ` +
    CATEGORIES.join(", "),
});

const yearsAheadNumber = z
  .number({ error: YEARS_AHEAD_RULE })
  .int({ error: YEARS_AHEAD_RULE })
  .min(MIN_YEARS_AHEAD, { error: YEARS_AHEAD_RULE })
  .max(MAX_YEARS_AHEAD, { error: YEARS_AHEAD_RULE });

const YEARS_AHEAD_META = {
  description:
    "Years to forecast after the last year of history, " +
    `${MIN_YEARS_AHEAD} to ${MAX_YEARS_AHEAD}`,
  examples: [3],
};

const modelChoice = z
  .enum(MODEL_CHOICES, {
    error: `model must be one of: ${MODEL_CHOICES.join(", ")}`,
  })
  .default("auto")
  .meta({
    description:
      '"auto": the method the category\'s backtest chose; ' +
      '"lstm": the category\'s LSTM whatever the backtest says',
    examples: ["auto"],
  });

/** `POST /api/predict/<category>` and `POST /api/predict-all`. */
export const predictBodySchema = z.strictObject(
  {
    years_ahead: yearsAheadNumber
      .default(DEFAULT_YEARS_AHEAD)
      .meta(YEARS_AHEAD_META),
    model: modelChoice,
  },
  { error: unknownOrNotObject }
);

/**
 * The query of `GET /api/chart/<category>.svg`: the predict body's
 * fields, as a query string carries them. Only plain digits become a
 * number, so "0x5", " 5" or "5.0" fail as they would in a body.
 */
export const forecastQuerySchema = z.strictObject(
  {
    years_ahead: z
      .preprocess(digitsToNumber, yearsAheadNumber)
      .default(DEFAULT_YEARS_AHEAD)
      .meta(YEARS_AHEAD_META),
    model: modelChoice,
  },
  { error: unknownQueryParameter }
);

/** `POST /api/train/<category>`: no options yet, so an empty object. */
export const trainBodySchema = z.strictObject(
  {},
  { error: unknownOrNotObject }
);

const VERSION_RULE =
  "version must be a model version id such as 20261203T201500123Z-4f9c2a";

/** `POST /api/models/<category>/rollback`: the kept version to serve. */
export const rollbackBodySchema = z.strictObject(
  {
    version: z
      .string({ error: VERSION_RULE })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { error: VERSION_RULE })
      .meta({
        description: "A kept version, as model-info lists them",
        examples: ["20261204T043246970Z-cad0c8"],
      }),
  },
  { error: unknownOrNotObject }
);

export type PredictBody = z.infer<typeof predictBodySchema>;

function digitsToNumber(value: unknown): unknown {
  return typeof value === "string" && /^[0-9]{1,3}$/.test(value)
    ? Number(value)
    : value;
}

function unknownQueryParameter(issue: {
  code?: string;
  keys?: string[];
}): string {
  if (issue.code === "unrecognized_keys" && issue.keys) {
    const names = issue.keys.map((k) => `'${echo(k)}'`).join(", ");
    return `Unknown query parameter ${names}`;
  }
  return "Malformed query string";
}

function unknownOrNotObject(issue: {
  code?: string;
  keys?: string[];
}): string {
  if (issue.code === "unrecognized_keys" && issue.keys) {
    const names = issue.keys.map((k) => `'${echo(k)}'`).join(", ");
    return `Unknown field ${names} in request body`;
  }
  return "Request body must be a JSON object";
}

/**
 * One readable sentence for a failed validation: each problem once,
 * prefixed by the field it concerns, with the value that was sent.
 */
export function describeIssues(
  error: z.ZodError,
  input: unknown
): string {
  const sentences = error.issues.map((issue) => {
    const field = issue.path.join(".");
    const sent = field ? valueAt(input, issue.path) : undefined;
    const shown =
      sent === undefined ? "" : ` (got ${echo(JSON.stringify(sent))})`;
    return `${issue.message}${shown}`;
  });
  return [...new Set(sentences)].join("; ");
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
