import { z } from "zod";
import { categorySchema } from "./schemas";
import { errorSchema } from "./response-schemas";
import { errorExamples } from "./openapi-examples";
import { ROUTES, type RouteSpec } from "./openapi-routes";

/**
 * The OpenAPI 3.1 document of the API, built from the route table and
 * the zod schemas the handlers validate with: there is no second,
 * hand-written copy of a request schema to drift. JSON Schema 2020-12
 * is OpenAPI 3.1's own dialect, so zod's output goes in as it is.
 */

type Json = Record<string, unknown>;

const SECURITY_SCHEME = "firebaseIdToken";

/** Name and wording of each error the API answers, by status. */
const ERRORS: Record<number, { name: string; description: string }> = {
  400: {
    name: "BadRequest",
    description:
      "Unknown category; years_ahead not a whole number from 1 to 10; " +
      "an unknown field or query parameter; malformed JSON",
  },
  401: {
    name: "Unauthorized",
    description:
      "No admin's ID token: none, a malformed Authorization header, or " +
      "a token that is invalid, expired or revoked",
  },
  403: {
    name: "Forbidden",
    description: "A valid ID token whose user lacks the admin: true claim",
  },
  404: {
    name: "NotFound",
    description:
      "No trained model for the category (the message says how to " +
      "train it), or no such kept version",
  },
  405: {
    name: "MethodNotAllowed",
    description: "The path exists but not with this method",
  },
  409: {
    name: "Conflict",
    description: "A training of the same category is already running",
  },
  413: { name: "PayloadTooLarge", description: "A body over 10 kB" },
  415: {
    name: "UnsupportedMediaType",
    description: "A body that is not application/json",
  },
  422: {
    name: "UnprocessableEntity",
    description:
      "History that cannot be trained on; the message names the year " +
      "and group",
  },
  503: {
    name: "ServiceUnavailable",
    description:
      "A dependency (Firestore, Storage, Firebase Auth) is unavailable",
  },
};

/** Headers some errors carry, by status. */
const ERROR_HEADERS: Record<number, Json> = {
  401: { "WWW-Authenticate": { $ref: "#/components/headers/WWWAuthenticate" } },
  405: { Allow: { $ref: "#/components/headers/Allow" } },
  503: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } },
};

/** The whole document; `version` is the service's. */
export function buildOpenApiDocument(version: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) {
    paths[route.path] = {
      ...paths[route.path],
      [route.method]: operation(route),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "CFO emigration forecasts",
      version,
      summary:
        "Forecasts of registered Filipino emigrants by category, with " +
        "intervals, models and charts",
      description:
        "Every path also answers without the leading `/api` (the " +
        "function's own URL strips it). Reading is open; training and " +
        "rollback need a Firebase ID token of a user with the custom " +
        "claim `admin: true`. Errors are JSON `{\"error\": \"...\"}`.",
    },
    // Relative to this document (…/api/openapi.json), so the same
    // document works on Hosting, the function's URL and the emulator.
    servers: [{ url: "..", description: "This deployment" }],
    tags: [
      { name: "forecasts", description: "Forecasts and charts" },
      { name: "models", description: "Serving models, training, rollback" },
      { name: "documentation", description: "Health and this document" },
    ],
    paths,
    components: {
      schemas: {
        Error: schemaOf(errorSchema, "output"),
      },
      responses: errorResponses(),
      headers: headers(),
      parameters: {
        category: {
          name: "category",
          in: "path",
          required: true,
          schema: schemaOf(categorySchema, "input"),
          example: "sex",
        },
        IfNoneMatch: {
          name: "If-None-Match",
          in: "header",
          required: false,
          description:
            "The ETag of an earlier answer: 304 without a body while " +
            "it still matches",
          schema: { type: "string" },
          example: '"3b1c0de2a9d84e7c5f60a1b2c3d4e5f6"',
        },
      },
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "A Firebase Auth ID token of this project whose user has " +
            "the custom claim admin: true (npm run cli -- grant-admin)",
        },
      },
    },
  };
}

function operation(route: RouteSpec): Json {
  const parameters: Json[] = [];
  if (route.path.includes("{category}")) {
    parameters.push({ $ref: "#/components/parameters/category" });
  }
  if (route.query) parameters.push(...queryParameters(route.query));
  if (route.conditional) {
    parameters.push({ $ref: "#/components/parameters/IfNoneMatch" });
  }

  const responses: Record<string, Json> = { "200": okResponse(route) };
  if (route.conditional) {
    responses["304"] = {
      description: "Not Modified: the If-None-Match ETag still matches",
      headers: cachingHeaders(),
    };
  }
  for (const status of [...route.errors, 405].sort((a, b) => a - b)) {
    responses[String(status)] = {
      $ref: `#/components/responses/${ERRORS[status].name}`,
    };
  }

  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: [route.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: route.body.required,
            content: {
              "application/json": {
                schema: schemaOf(route.body.schema, "input"),
                example: route.body.example,
              },
            },
          },
        }
      : {}),
    responses,
    ...(route.admin ? { security: [{ [SECURITY_SCHEME]: [] }] } : {}),
  };
}

function okResponse(route: RouteSpec): Json {
  const { answer } = route;
  const content =
    answer.kind === "json"
      ? {
          "application/json": {
            schema: schemaOf(answer.schema, "output"),
            example: answer.example,
          },
        }
      : { [answer.mediaType]: { schema: { type: "string" } } };
  return {
    description: answer.description,
    ...(route.conditional ? { headers: cachingHeaders() } : {}),
    content,
  };
}

/** One parameter per field of a query schema, with its default. */
function queryParameters(query: z.ZodObject): Json[] {
  const input = schemaOf(query, "input");
  const output = schemaOf(query, "output");
  const inputProps = input.properties as Record<string, Json>;
  const outputProps = output.properties as Record<string, Json>;
  const required = new Set((input.required as string[] | undefined) ?? []);
  return Object.keys(inputProps).map((name) => {
    // The input side of a preprocessed field loses its default and
    // description; the output side keeps both.
    const schema = { ...inputProps[name], ...outputProps[name] };
    const { description, examples, ...rest } = schema;
    return {
      name,
      in: "query",
      required: required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
      ...(Array.isArray(examples) ? { example: examples[0] as unknown } : {}),
    };
  });
}

function cachingHeaders(): Json {
  return {
    ETag: { $ref: "#/components/headers/ETag" },
    "Cache-Control": { $ref: "#/components/headers/CacheControl" },
  };
}

function errorResponses(): Json {
  return Object.fromEntries(
    Object.entries(ERRORS).map(([status, { name, description }]) => [
      name,
      {
        description,
        ...(ERROR_HEADERS[Number(status)]
          ? { headers: ERROR_HEADERS[Number(status)] }
          : {}),
        content: {
          "application/json": {
            schema: { $ref: "#/components/schemas/Error" },
            example: { error: errorExamples[Number(status)] },
          },
        },
      },
    ])
  );
}

function headers(): Json {
  const text = { schema: { type: "string" } };
  return {
    ETag: {
      description:
        "Strong validator of the answer: it changes with the model " +
        "version, the history, the request and the yearly totals",
      ...text,
    },
    CacheControl: {
      description: "How long a browser or CDN may reuse the answer",
      ...text,
    },
    WWWAuthenticate: { description: "The Bearer challenge", ...text },
    Allow: { description: "The methods the path takes", ...text },
    RetryAfter: {
      description: "Seconds to wait before trying again",
      schema: { type: "integer" },
    },
  };
}

/**
 * A zod schema as JSON Schema 2020-12. Requests are described as the
 * client sends them ("input": fields with a default are optional),
 * answers as the service produces them ("output").
 */
export function schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
  const generated = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    override: ({ jsonSchema }) => dropSafeIntegerBounds(jsonSchema),
  }) as Json;
  const { $schema: _dialect, ...rest } = generated;
  return rest;
}

/**
 * zod states every int's range as the safe integers; that says nothing
 * to a reader, so only bounds a schema sets itself are kept.
 */
function dropSafeIntegerBounds(json: Json): void {
  if (json.minimum === Number.MIN_SAFE_INTEGER) delete json.minimum;
  if (json.maximum === Number.MAX_SAFE_INTEGER) delete json.maximum;
}
