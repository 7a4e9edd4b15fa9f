/**
 * The OpenAPI document: valid OpenAPI 3.1 (checked by a validator
 * library), built from the handlers' own schemas, and listing exactly
 * the routes the app serves, with the admin routes secured.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import type { Express } from "express";
import request from "supertest";
import { ROUTES } from "../../src/api/openapi-routes";
import { errorSchema } from "../../src/api/response-schemas";
import { predictBodySchema } from "../../src/api/schemas";
import { appOver } from "../support/service-double";

type Json = Record<string, any>;

let app: Express;
let doc: Json;

beforeAll(async () => {
  app = appOver({});
  const res = await request(app).get("/api/openapi.json");
  expect(res.status).toBe(200);
  doc = res.body as Json;
});

/** The concrete URL of a documented path, for category "sex". */
const urlOf = (docPath: string) => docPath.replace("{category}", "sex");

function validate(document: unknown): Promise<Json> {
  const script = path.join(__dirname, "../support/validate-openapi.mjs");
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [script],
      { timeout: 60_000 },
      (error, stdout) => {
        if (error) reject(error);
        else resolve(JSON.parse(stdout) as Json);
      }
    );
    child.stdin?.end(JSON.stringify(document));
  });
}

test.each(["/api/openapi.json", "/openapi.json"])(
  "%s serves the document as JSON",
  async (url) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.body).toEqual(doc);
  }
);

test("validates as OpenAPI 3.1", async () => {
  const result = await validate(doc);
  expect(result.errors).toBeNull();
  expect(result.valid).toBe(true);
  expect(result.version).toBe("3.1");
  expect(doc.openapi).toBe("3.1.0");
});

test("the validator does refuse a broken document", async () => {
  // Without this, a validator that accepts anything would pass above.
  // (A response needs a description.)
  const broken = {
    ...doc,
    paths: { "/api/health": { get: { responses: { "200": {} } } } },
  };
  const result = await validate(broken);
  expect(result.valid).toBe(false);
});

test("request bodies come from the zod schemas the handlers use", () => {
  const body =
    doc.paths["/api/predict/{category}"].post.requestBody.content[
      "application/json"
    ].schema;
  expect(body).toEqual({
    type: "object",
    properties: {
      years_ahead: expect.objectContaining({
        type: "integer",
        minimum: 1,
        maximum: 10,
        default: 5,
      }),
      model: expect.objectContaining({
        type: "string",
        enum: ["auto", "lstm"],
        default: "auto",
      }),
    },
    additionalProperties: false,
  });
  for (const route of ROUTES) {
    if (!route.body) continue;
    // Each documented example is a body the handler accepts.
    expect(route.body.schema.safeParse(route.body.example).success).toBe(true);
  }
  expect(predictBodySchema.safeParse({ years_ahead: 11 }).success).toBe(false);
});

test("the chart's query parameters say their range and default", () => {
  const params = doc.paths["/api/chart/{category}.svg"].get.parameters;
  const yearsAhead = params.find((p: Json) => p.name === "years_ahead");
  expect(yearsAhead).toMatchObject({
    in: "query",
    required: false,
    schema: { type: "integer", minimum: 1, maximum: 10, default: 5 },
  });
});

/**
 * Every route the express app has, as `METHOD /api/path`, read from its
 * router: what the document must list. Left out: the admin guard, which
 * is mounted on a list of paths ahead of the routes, and the docs
 * page's own script and style files.
 */
function appRoutes(): Set<string> {
  const found = new Set<string>();
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        if (typeof layer.route.path !== "string") continue;
        if (layer.route.path.startsWith("/docs/assets/")) continue;
        const methods = Object.keys(layer.route.methods).filter(
          (m) => m !== "_all"
        );
        const docPath =
          "/api" + String(layer.route.path).replace(/:(\w+)/g, "{$1}");
        for (const method of methods) found.add(`${method} ${docPath}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as any).router.stack);
  return found;
}

test("lists exactly the routes the app serves", () => {
  const documented = new Set<string>();
  for (const [docPath, item] of Object.entries(doc.paths as Json)) {
    for (const method of Object.keys(item)) {
      documented.add(`${method} ${docPath}`);
    }
  }
  expect([...documented].sort()).toEqual([...appRoutes()].sort());
  expect(documented.size).toBe(ROUTES.length);
});

test.each(ROUTES.map((r) => [r.method, r.path] as const))(
  "%s %s: the other method gets 405, as documented",
  async (method, docPath) => {
    const other = method === "get" ? "post" : "get";
    const res = await request(app)[other](urlOf(docPath));
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(method.toUpperCase());
    expect(doc.paths[docPath][method].responses["405"]).toBeDefined();
  }
);

test.each(ROUTES.map((r) => [r.method, r.path, r.admin] as const))(
  "%s %s: secured in the document exactly when it needs a token",
  async (method, docPath, admin) => {
    const operation = doc.paths[docPath][method];
    const res = await request(app)[method](urlOf(docPath)).send({});
    if (admin) {
      expect(res.status).toBe(401);
      expect(operation.security).toEqual([{ firebaseIdToken: [] }]);
      expect(operation.responses).toHaveProperty("401");
      expect(operation.responses).toHaveProperty("403");
    } else {
      expect(res.status).not.toBe(401);
      expect(operation.security).toBeUndefined();
    }
  }
);

test("the bearer scheme is Firebase ID tokens", () => {
  expect(doc.components.securitySchemes.firebaseIdToken).toMatchObject({
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
});

test("every answer and error has an example that fits its schema", () => {
  for (const route of ROUTES) {
    const ok = doc.paths[route.path][route.method].responses["200"];
    expect(ok.content).toBeDefined();
    if (route.answer.kind === "json") {
      const parsed = route.answer.schema.safeParse(route.answer.example);
      expect(parsed.error).toBeUndefined();
      expect(ok.content["application/json"].example).toEqual(
        route.answer.example
      );
    }
  }
  for (const response of Object.values(doc.components.responses as Json)) {
    const example = response.content["application/json"].example;
    expect(errorSchema.safeParse(example).success).toBe(true);
  }
});

test("documents every error status the README lists", () => {
  const statuses = new Set<string>();
  for (const item of Object.values(doc.paths as Json)) {
    for (const operation of Object.values(item as Json)) {
      Object.keys(operation.responses).forEach((s) => statuses.add(s));
    }
  }
  for (const status of [400, 401, 403, 404, 405, 409, 413, 415, 422, 503]) {
    expect(statuses).toContain(String(status));
  }
  expect(
    doc.components.responses.ServiceUnavailable.headers
  ).toHaveProperty("Retry-After");
  expect(doc.components.responses.Unauthorized.headers).toHaveProperty(
    "WWW-Authenticate"
  );
});

test("forecasts document their caching", () => {
  for (const route of ROUTES.filter((r) => r.conditional)) {
    const operation = doc.paths[route.path][route.method];
    expect(operation.responses["304"]).toBeDefined();
    expect(operation.responses["200"].headers).toHaveProperty("ETag");
    expect(operation.parameters).toContainEqual({
      $ref: "#/components/parameters/IfNoneMatch",
    });
  }
});
