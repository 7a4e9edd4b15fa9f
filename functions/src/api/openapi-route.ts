import express, { type Router } from "express";
import { methodNotAllowed } from "./http-errors";

/**
 * `GET /api/openapi.json`. The document is built on the first request
 * and kept: it changes only with a deploy, and building it converts
 * every schema, which no forecast should wait for at cold start.
 */
export function openApiRoute(version: string): Router {
  const router = express.Router();
  let document: Promise<string> | null = null;

  router
    .route("/openapi.json")
    .get(async (_req, res) => {
      document ??= import("./openapi")
        .then(({ buildOpenApiDocument }) =>
          JSON.stringify(buildOpenApiDocument(version))
        )
        .catch((error: unknown) => {
          // A failed build is a bug to log, not an answer to keep.
          document = null;
          throw error;
        });
      res
        .type("json")
        .set("Cache-Control", "public, max-age=300")
        .send(await document);
    })
    .all(methodNotAllowed(["GET"]));

  return router;
}
