import cors from "cors";
import express, { type Express, type Router } from "express";
import type { Logger } from "../domain/logger";
import type { ForecastService } from "../service/forecast-service";
import { bodySizeLimit } from "./body-limit";
import { chartRoute } from "./chart-route";
import { originMatcher } from "./cors-origins";
import { docsRoutes } from "./docs-route";
import { answerConditionally, entityTag } from "./etag";
import {
  errorBoundary,
  HttpError,
  methodNotAllowed,
  unknownPath,
} from "./http-errors";
import { openApiRoute } from "./openapi-route";
import { parseBody } from "./request-body";
import { admittedAdmin, requireAdmin } from "./require-admin";
import {
  categorySchema,
  describeIssues,
  predictBodySchema,
  rollbackBodySchema,
  trainBodySchema,
} from "./schemas";
import type { TokenVerifier } from "./token-verifier";

export interface AppOptions {
  service: ForecastService;
  logger: Logger;
  /** Comma-separated allowed origins; see cors-origins.ts. */
  corsOrigins: string;
  /** Service version reported by /api/health. */
  version: string;
  /** Where models are stored, reported by /api/health. */
  modelStore: string;
  /** Checks the ID tokens sent to the admin routes. */
  verifier: TokenVerifier;
}

/** Largest request body accepted, in bytes; valid bodies are far smaller. */
const BODY_LIMIT_BYTES = 10 * 1024;

/**
 * Routes that change what is served, or spend CPU on training: POST only,
 * for admins only (see require-admin.ts). Reading stays public. A new such
 * route (tuning, ...) is listed here and calls admittedAdmin() first, so
 * that forgetting this list fails closed.
 */
const ADMIN_ROUTES = ["/train/:category", "/models/:category/rollback"];

/**
 * The forecasting API as an express app. Each route is reachable with and
 * without the leading `/api`: a Hosting rewrite keeps the prefix, the
 * function's own URL strips it.
 */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  const allowed = originMatcher(options.corsOrigins);
  app.use(
    cors({
      origin: (origin, done) => done(null, !origin || allowed(origin)),
      methods: ["GET", "POST"],
      maxAge: 3600,
    })
  );
  // Before the body is parsed or checked: without an admin's token a
  // request gets 401 or 403 whatever its body, and starts nothing.
  app.post(
    ADMIN_ROUTES.flatMap((route) => [route, `/api${route}`]),
    requireAdmin(options.verifier, options.logger)
  );
  app.use(bodySizeLimit(BODY_LIMIT_BYTES));
  app.use(express.json({ limit: BODY_LIMIT_BYTES }));

  const routes = apiRoutes(options);
  app.use("/api", routes);
  app.use("/", routes);
  app.use(unknownPath);
  app.use(errorBoundary(options.logger));
  return app;
}

function apiRoutes(options: AppOptions): Router {
  const { service } = options;
  const router = express.Router();

  router
    .route("/health")
    .get(async (_req, res) => {
      res.json({
        status: "healthy",
        message: "API is running",
        version: options.version,
        // Loads TensorFlow.js if nothing has yet: health reports what this
        // instance trains on; forecasts never wait for it.
        backend: await service.backend(true),
        model_store: options.modelStore,
        node: process.version,
      });
    })
    .all(methodNotAllowed(["GET"]));

  router
    .route("/predict/:category")
    .post(async (req, res) => {
      const category = parseCategory(req.params.category);
      const body = parseBody(req, predictBodySchema, { required: true });
      const forecast = await service.predict(
        category,
        body.years_ahead,
        body.model
      );
      const tag = entityTag("predict", category, body, forecast);
      await answerConditionally(req, res, tag, () => {
        res.json(forecast);
      });
    })
    .all(methodNotAllowed(["POST"]));

  router
    .route("/predict-all")
    .post(async (req, res) => {
      const body = parseBody(req, predictBodySchema, { required: true });
      const all = await service.predictAll(body.years_ahead, body.model);
      const tag = entityTag("predict-all", body, all);
      await answerConditionally(req, res, tag, () => {
        res.json(all);
      });
    })
    .all(methodNotAllowed(["POST"]));

  router
    .route("/train/:category")
    .post(async (req, res) => {
      admittedAdmin(req);
      const category = parseCategory(req.params.category);
      parseBody(req, trainBodySchema, { required: false });
      res.json(await service.train(category));
    })
    .all(methodNotAllowed(["POST"]));

  router
    .route("/models/:category/rollback")
    .post(async (req, res) => {
      admittedAdmin(req);
      const category = parseCategory(req.params.category);
      const body = parseBody(req, rollbackBodySchema, { required: true });
      const metadata = await service.rollback(category, body.version);
      res.json({
        message: `'${category}' now serves version ${metadata.version}`,
        category,
        version: metadata.version,
        pinned: true,
      });
    })
    .all(methodNotAllowed(["POST"]));

  router
    .route("/model-info/:category")
    .get(async (req, res) => {
      const category = parseCategory(req.params.category);
      res.json(await service.modelInfo(category));
    })
    .all(methodNotAllowed(["GET"]));

  router
    .route("/model-info-all")
    .get(async (_req, res) => {
      res.json({ models: await service.modelInfoAll() });
    })
    .all(methodNotAllowed(["GET"]));

  // Documentation and charts: each loads what it needs on first use.
  router.use(
    openApiRoute(options.version),
    docsRoutes(),
    chartRoute(service)
  );

  return router;
}

function parseCategory(raw: string | undefined) {
  const result = categorySchema.safeParse(raw);
  if (!result.success) {
    throw new HttpError(400, describeIssues(result.error, raw));
  }
  return result.data;
}
