import { dirname, join } from "node:path";
import express, { type Router } from "express";
import { echo } from "./echo";
import { HttpError, methodNotAllowed } from "./http-errors";

/**
 * `GET /api/docs`: the OpenAPI document rendered by Swagger UI, whose
 * files come from the swagger-ui-dist package inside the function. No
 * CDN is reached, so the page works on the emulator and offline.
 *
 * Nothing is read at import: the package is located and its files are
 * read only when the page is asked for, off every forecast's path.
 */

/** The renderer's files the page uses, by the name it asks for. */
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

/**
 * Starts Swagger UI on the document next to the page. Served as a file
 * rather than inline, so the page's Content-Security-Policy can forbid
 * inline scripts. No validator badge: it would call an outside service.
 */
const START_SCRIPT = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    docExpansion: "list"
  });
});
`;

// Relative links resolve against /api/docs (or /docs on the function's
// own URL) to the files below and to /api/openapi.json.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CFO emigration forecasts API</title>
<link rel="stylesheet" href="docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="docs/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script>
<script src="docs/assets/start.js"></script>
</body>
</html>
`;

/** Only this origin's files; Swagger UI styles inline and uses data: icons. */
const PAGE_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "frame-ancestors 'none'",
].join("; ");

/** The renderer changes only with a deploy; a day of caching is safe. */
const ASSET_CACHE_CONTROL = "public, max-age=86400";

let assetRoot: string | null = null;

function swaggerUiDirectory(): string {
  assetRoot ??= dirname(require.resolve("swagger-ui-dist/package.json"));
  return assetRoot;
}

export function docsRoutes(): Router {
  const router = express.Router();

  router
    .route("/docs")
    .get((req, res) => {
      // At /api/docs/ the relative links would point one level too deep.
      if (req.path.endsWith("/")) {
        res.redirect(301, "../docs");
        return;
      }
      res
        .type("html")
        .set({
          "Content-Security-Policy": PAGE_POLICY,
          "Cache-Control": "public, max-age=300",
        })
        .send(PAGE);
    })
    .all(methodNotAllowed(["GET"]));

  router
    .route("/docs/assets/:file")
    .get((req, res, next) => {
      const { file } = req.params;
      if (file === "start.js") {
        res
          .type("text/javascript; charset=utf-8")
          .set("Cache-Control", ASSET_CACHE_CONTROL)
          .send(START_SCRIPT);
        return;
      }
      const type = ASSETS[file];
      if (!type) throw new HttpError(404, `No documentation file ${echo(file)}`);
      res.sendFile(
        join(swaggerUiDirectory(), file),
        {
          headers: {
            "Content-Type": type,
            "Cache-Control": ASSET_CACHE_CONTROL,
          },
        },
        (error) => {
          // The package ships these files: failing to send one is a
          // broken deploy (a 500 with its stack), not the client's fault.
          if (error) next(new Error(`docs asset ${file}: ${error.message}`));
        }
      );
    })
    .all(methodNotAllowed(["GET"]));

  return router;
}
