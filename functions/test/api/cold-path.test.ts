/**
 * What a forecast's cold start does not pay for: the OpenAPI builder,
 * Vega and Vega-Lite are loaded on the first request that needs them.
 */
import request from "supertest";
import { appOver } from "../support/service-double";
import { sexHistory } from "../support/memory-history";
import { syntheticForecast } from "../support/synthetic-forecast";

const mockLoaded = new Set<string>();

jest.mock("vega", () => {
  mockLoaded.add("vega");
  return jest.requireActual("vega");
});
jest.mock("vega-lite", () => {
  mockLoaded.add("vega-lite");
  return jest.requireActual("vega-lite");
});
jest.mock("../../src/api/openapi", () => {
  mockLoaded.add("openapi");
  return jest.requireActual("../../src/api/openapi");
});

const history = sexHistory(1990, 2015);
const app = appOver({
  predict: async () => syntheticForecast("sex", history, 3),
  readHistory: async () => history,
  backend: async () => "cpu",
});

test("health and predict load neither charts nor the document", async () => {
  expect((await request(app).get("/api/health")).status).toBe(200);
  const forecast = await request(app)
    .post("/api/predict/sex")
    .send({ years_ahead: 3 });
  expect(forecast.status).toBe(200);
  expect([...mockLoaded]).toEqual([]);
});

test("the document is built when first asked for", async () => {
  expect((await request(app).get("/api/openapi.json")).status).toBe(200);
  expect(mockLoaded).toContain("openapi");
  expect(mockLoaded).not.toContain("vega");
});

test("Vega is loaded by the first chart", async () => {
  const res = await request(app).get("/api/chart/sex.svg?years_ahead=3");
  expect(res.status).toBe(200);
  expect(mockLoaded).toContain("vega");
  expect(mockLoaded).toContain("vega-lite");
});
