/**
 * ETag and Cache-Control on forecasts: stable while nothing changes,
 * new when the model version or the yearly totals change, and a 304
 * without a body when the client already holds the answer.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Express } from "express";
import request from "supertest";
import { syntheticHistory } from "../../src/data/synthetic-history";
import { ForecastService } from "../../src/service/forecast-service";
import { MemoryHistorySource } from "../support/memory-history";
import { localService, testApp } from "../support/test-app";

const YEARS = { fromYear: 1990, toYear: 2015 };
const ORIGIN = "http://localhost:5173";

let dir: string;
let app: Express;
let service: ForecastService;
let history: MemoryHistorySource;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-caching-"));
  history = new MemoryHistorySource();
  history.set("sex", syntheticHistory("sex", { ...YEARS, seed: 1 }));
  history.set("age", syntheticHistory("age", { ...YEARS, seed: 2 }));
  // Every request sees a new version or total at once.
  service = localService(dir, history, { pointerTtlMs: 0 });
  app = testApp(service, dir);
  await service.train("sex");
  await service.train("age");
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const predict = (body: object, ifNoneMatch?: string) => {
  const req = request(app).post("/api/predict/sex").set("Origin", ORIGIN);
  return (ifNoneMatch ? req.set("If-None-Match", ifNoneMatch) : req).send(body);
};

test("a forecast carries a strong ETag and may be cached briefly",
  async () => {
    const res = await predict({ years_ahead: 3 });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.headers["cache-control"]).toBe(
      "public, max-age=10, must-revalidate"
    );
    // The dashboard runs on another origin: its script may read the tag.
    expect(res.headers["access-control-expose-headers"]).toMatch(/ETag/);
  });

test("the same request gets the same tag and the same body", async () => {
  const first = await predict({ years_ahead: 3 });
  const second = await predict({ years_ahead: 3, model: "auto" });
  expect(second.headers.etag).toBe(first.headers.etag);
  expect(second.body).toEqual(first.body);
});

test("a matching If-None-Match gets 304 with no body", async () => {
  const { headers } = await predict({ years_ahead: 3 });
  for (const condition of [
    headers.etag,
    `W/${headers.etag}`,
    `"nope", ${headers.etag}`,
  ]) {
    const res = await predict({ years_ahead: 3 }, condition);
    expect(res.status).toBe(304);
    expect(res.text).toBe("");
    expect(res.headers.etag).toBe(headers.etag);
    expect(res.headers["cache-control"]).toMatch(/max-age/);
  }
  const other = await predict({ years_ahead: 3 }, '"something-else"');
  expect(other.status).toBe(200);
});

test("another request gets another tag", async () => {
  const base = await predict({ years_ahead: 3 });
  const longer = await predict({ years_ahead: 4 });
  expect(longer.headers.etag).not.toBe(base.headers.etag);
  // An old tag does not answer a different question.
  const res = await predict({ years_ahead: 4 }, base.headers.etag);
  expect(res.status).toBe(200);
  const lstm = await predict({ years_ahead: 3, model: "lstm" });
  expect(lstm.headers.etag !== base.headers.etag).toBe(
    JSON.stringify(lstm.body) !== JSON.stringify(base.body)
  );
});

test("a new model version changes the tag; the old one gets the new body",
  async () => {
    const before = await predict({ years_ahead: 2 });
    history.set("sex", syntheticHistory("sex", { ...YEARS, seed: 7 }));
    await service.train("sex");
    const after = await predict({ years_ahead: 2 }, before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.model_version).not.toBe(before.body.model_version);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

test("new yearly totals change the tag of a category whose model stayed",
  async () => {
    const ask = () =>
      request(app).post("/api/predict/age").send({ years_ahead: 2 });
    const before = await ask();
    expect(before.body.reconciled).toBe(true);
    // The totals come from the sex table: retrain it on other history.
    history.set("sex", syntheticHistory("sex", { ...YEARS, seed: 11 }));
    await service.train("sex");
    const after = await ask();
    expect(after.body.model_version).toBe(before.body.model_version);
    expect(after.body.predictions).not.toEqual(before.body.predictions);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

test("predict-all has a tag and answers 304 on a match", async () => {
  const ask = (tag?: string) => {
    const req = request(app).post("/api/predict-all");
    return (tag ? req.set("If-None-Match", tag) : req).send({ years_ahead: 1 });
  };
  const first = await ask();
  expect(first.status).toBe(200);
  expect(first.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
  expect((await ask(first.headers.etag)).status).toBe(304);
});

test("a preflight lets the dashboard send If-None-Match", async () => {
  const res = await request(app)
    .options("/api/predict/sex")
    .set("Origin", ORIGIN)
    .set("Access-Control-Request-Method", "POST")
    .set("Access-Control-Request-Headers", "content-type,if-none-match");
  expect(res.status).toBe(204);
  expect(res.headers["access-control-allow-headers"]).toMatch(/if-none-match/);
});

test("errors carry no caching headers", async () => {
  const res = await predict({ years_ahead: 11 });
  expect(res.status).toBe(400);
  expect(res.headers.etag).toBeUndefined();
  expect(res.headers["cache-control"]).toBeUndefined();
});
