import { z } from "zod";
import * as examples from "./openapi-examples";
import {
  categoryForecastSchema,
  healthSchema,
  modelInfoAllSchema,
  modelInfoSchema,
  predictAllSchema,
  rollbackOutcomeSchema,
  trainOutcomeSchema,
} from "./response-schemas";
import {
  forecastQuerySchema,
  predictBodySchema,
  rollbackBodySchema,
  trainBodySchema,
} from "./schemas";

/**
 * Every route of the API as the OpenAPI document describes it: what it
 * takes (the zod schemas the handlers validate with), what it answers
 * and which errors it can give. openapi.ts turns this table into the
 * document; the tests send each route's example and check the answer
 * against its schema, and check that the routes marked `admin` are the
 * ones that refuse a request without a token.
 */

/** A JSON answer, checked by the tests against `schema`. */
export interface JsonAnswer {
  kind: "json";
  description: string;
  schema: z.ZodType;
  example: unknown;
}

/** An answer that is not JSON (a page, a picture, the document). */
export interface OtherAnswer {
  kind: "other";
  description: string;
  mediaType: string;
}

export interface RouteSpec {
  method: "get" | "post";
  /** OpenAPI path, with the `/api` prefix the dashboard uses. */
  path: string;
  operationId: string;
  summary: string;
  description: string;
  tag: "forecasts" | "models" | "documentation";
  /** Needs an admin's ID token (ADMIN_ROUTES in app.ts). */
  admin: boolean;
  /** Parameters of the query string, validated by this schema. */
  query?: z.ZodObject;
  body?: { schema: z.ZodType; required: boolean; example: unknown };
  answer: JsonAnswer | OtherAnswer;
  /** Answers with an ETag and honours If-None-Match (304). */
  conditional: boolean;
  /** Error statuses besides 405, which every route can answer. */
  errors: number[];
}

/** Whatever fails while serving a forecast from a model. */
const SERVING_ERRORS = [400, 404, 503];
/** A JSON body can be too large, not JSON, or malformed. */
const BODY_ERRORS = [400, 413, 415];

export const ROUTES: readonly RouteSpec[] = [
  {
    method: "get",
    path: "/api/health",
    operationId: "health",
    summary: "Whether the service runs, and on what",
    description:
      "Loads TensorFlow.js on an instance that has not yet, to report " +
      "the backend it would train on.",
    tag: "documentation",
    admin: false,
    answer: {
      kind: "json",
      description: "The service is running",
      schema: healthSchema,
      example: examples.healthExample,
    },
    conditional: false,
    errors: [],
  },
  {
    method: "post",
    path: "/api/predict/{category}",
    operationId: "predict",
    summary: "Forecast of one category",
    description:
      "One entry per year after the last year of history, a whole " +
      "count per group in the dashboard's order, with 80 % and 95 % " +
      "intervals. Send `If-None-Match` with the ETag of an earlier " +
      "answer to get 304 while the forecast is unchanged.",
    tag: "forecasts",
    admin: false,
    body: {
      schema: predictBodySchema,
      required: true,
      example: { years_ahead: 2, model: "auto" },
    },
    answer: {
      kind: "json",
      description: "The forecast",
      schema: categoryForecastSchema,
      example: examples.forecastExample,
    },
    conditional: true,
    errors: [...new Set([...SERVING_ERRORS, ...BODY_ERRORS])],
  },
  {
    method: "post",
    path: "/api/predict-all",
    operationId: "predictAll",
    summary: "Forecasts of every category",
    description:
      "A category that cannot be forecast is listed under `errors` " +
      "instead of failing the whole answer.",
    tag: "forecasts",
    admin: false,
    body: {
      schema: predictBodySchema,
      required: true,
      example: { years_ahead: 1 },
    },
    answer: {
      kind: "json",
      description: "Forecasts and failures, by category",
      schema: predictAllSchema,
      example: examples.predictAllExample,
    },
    conditional: true,
    errors: [...BODY_ERRORS, 503],
  },
  {
    method: "get",
    path: "/api/chart/{category}.svg",
    operationId: "chart",
    summary: "Chart of a category's history and forecast (SVG)",
    description:
      "One panel per group: history as a solid line, the forecast " +
      "dashed, the 80 % and 95 % intervals as bands. Rendered on the " +
      "server; cacheable by a CDN or the browser (ETag, Cache-Control).",
    tag: "forecasts",
    admin: false,
    query: forecastQuerySchema,
    answer: {
      kind: "other",
      description: "The chart",
      mediaType: "image/svg+xml",
    },
    conditional: true,
    errors: SERVING_ERRORS,
  },
  {
    method: "post",
    path: "/api/train/{category}",
    operationId: "train",
    summary: "Train a new version now (admin)",
    description:
      "Trains on the category's whole history and serves the new " +
      "version, unless a training that read newer history finished " +
      "first. Lifts a rollback's pin. Takes seconds to minutes.",
    tag: "models",
    admin: true,
    body: { schema: trainBodySchema, required: false, example: {} },
    answer: {
      kind: "json",
      description: "The new version and its training figures",
      schema: trainOutcomeSchema,
      example: examples.trainExample,
    },
    conditional: false,
    errors: [...BODY_ERRORS, 401, 403, 409, 422, 503],
  },
  {
    method: "post",
    path: "/api/models/{category}/rollback",
    operationId: "rollback",
    summary: "Serve a kept version again (admin)",
    description:
      "Checks that the version loads, serves it and pins it: automatic " +
      "retraining leaves the category alone until the next explicit " +
      "training.",
    tag: "models",
    admin: true,
    body: {
      schema: rollbackBodySchema,
      required: true,
      example: { version: "20261204T043246970Z-cad0c8" },
    },
    answer: {
      kind: "json",
      description: "The version now served",
      schema: rollbackOutcomeSchema,
      example: examples.rollbackExample,
    },
    conditional: false,
    errors: [...BODY_ERRORS, 401, 403, 404, 503],
  },
  {
    method: "get",
    path: "/api/model-info/{category}",
    operationId: "modelInfo",
    summary: "The serving model of a category",
    description:
      "Its training figures, the backtest behind the served method, " +
      "the kept versions and the state of the category's history.",
    tag: "models",
    admin: false,
    answer: {
      kind: "json",
      description: "Metadata of the serving model",
      schema: modelInfoSchema,
      example: examples.modelInfoExample,
    },
    conditional: false,
    errors: SERVING_ERRORS,
  },
  {
    method: "get",
    path: "/api/model-info-all",
    operationId: "modelInfoAll",
    summary: "The serving model of every category",
    description: "As model-info, without the lists of kept versions.",
    tag: "models",
    admin: false,
    answer: {
      kind: "json",
      description: "Metadata by category; untrained ones are left out",
      schema: modelInfoAllSchema,
      example: examples.modelInfoAllExample,
    },
    conditional: false,
    errors: [503],
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "openapi",
    summary: "This document",
    description: "OpenAPI 3.1, generated from the request schemas.",
    tag: "documentation",
    admin: false,
    answer: {
      kind: "other",
      description: "The OpenAPI document",
      mediaType: "application/json",
    },
    conditional: false,
    errors: [],
  },
  {
    method: "get",
    path: "/api/docs",
    operationId: "docs",
    summary: "This documentation as a web page",
    description: "Swagger UI, served by the function itself.",
    tag: "documentation",
    admin: false,
    answer: {
      kind: "other",
      description: "The page",
      mediaType: "text/html",
    },
    conditional: false,
    errors: [],
  },
];
