/**
 * Real answers against the response schemas the OpenAPI document is
 * built from: each documented JSON route is called with its own example
 * on a service with trained models, and what comes back must parse.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Express } from "express";
import request from "supertest";
import type { z } from "zod";
import { ROUTES } from "../../src/api/openapi-routes";
import {
  categoryForecastSchema,
  errorSchema,
  modelInfoSchema,
  predictAllSchema,
} from "../../src/api/response-schemas";
import { syntheticHistory } from "../../src/data/synthetic-history";
import { ForecastService } from "../../src/service/forecast-service";
import { BEARER } from "../support/fake-token-verifier";
import { MemoryHistorySource } from "../support/memory-history";
import { localService, testApp } from "../support/test-app";

let dir: string;
let app: Express;
let service: ForecastService;
let keptVersion: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-conform-"));
  const history = new MemoryHistorySource();
  const years = { fromYear: 1990, toYear: 2015 };
  history.set("sex", syntheticHistory("sex", { ...years, seed: 1 }));
  // Age has history but no model: predict-all lists it under errors.
  history.set("age", syntheticHistory("age", { ...years, seed: 2 }));
  service = localService(dir, history);
  app = testApp(service, dir);
  keptVersion = (await service.train("sex")).version;
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const jsonRoutes = ROUTES.filter((r) => r.answer.kind === "json");

test.each(jsonRoutes.map((r) => [r.method, r.path, r] as const))(
  "%s %s answers what its schema says",
  async (method, docPath, route) => {
    let req = request(app)[method](docPath.replace("{category}", "sex"));
    if (route.admin) req = req.set("Authorization", BEARER.admin);
    let body = route.body?.example;
    if (route.operationId === "rollback") body = { version: keptVersion };
    const res = body === undefined ? await req : await req.send(body as object);
    expect(res.status).toBe(200);
    if (route.answer.kind !== "json") return;
    const parsed = route.answer.schema.safeParse(res.body);
    expect(parsed.error).toBeUndefined();
  }
);

test("the service's own types fit the schemas", async () => {
  // Compile-time half of the check: these assignments only type-check
  // while what the service returns is what the schemas describe. (Not
  // model-info: its parts are interfaces, open to fields added later.)
  const forecast: z.input<typeof categoryForecastSchema> =
    await service.predict("sex", 2);
  const all: z.input<typeof predictAllSchema> = await service.predictAll(1);
  expect(categoryForecastSchema.safeParse(forecast).success).toBe(true);
  expect(predictAllSchema.safeParse(all).success).toBe(true);
  expect(all.errors.age).toEqual(expect.any(String));
  const info = await service.modelInfo("sex");
  expect(modelInfoSchema.safeParse(info).error).toBeUndefined();
});

test("a forecast has both interval levels in every year", async () => {
  const res = await request(app)
    .post("/api/predict/sex")
    .send({ years_ahead: 5 });
  const forecast = categoryForecastSchema.parse(res.body);
  for (const year of forecast.predictions) {
    expect(Object.keys(year.intervals ?? {}).sort()).toEqual(["80", "95"]);
  }
});

test.each([
  ["post", "/api/predict/age", 404, { years_ahead: 2 }],
  ["post", "/api/predict/sex", 400, { years_ahead: 0 }],
  ["post", "/api/train/sex", 401, {}],
  ["get", "/api/chart/planets.svg", 400, undefined],
  ["get", "/api/chart/sex.svg?years_ahead=11", 400, undefined],
] as const)("%s %s → %d with an error body", async (method, url, status, body) => {
  const req = request(app)[method](url);
  const res = body ? await req.send(body) : await req;
  expect(res.status).toBe(status);
  expect(errorSchema.safeParse(res.body).success).toBe(true);
});
