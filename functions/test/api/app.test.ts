import { readFile, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import request from "supertest";
import type { Express } from "express";
import { createApp } from "../../src/api/app";
import { CsvHistorySource } from "../../src/data/csv-history-source";
import { CATEGORY_SPECS } from "../../src/domain/categories";
import { silentLogger } from "../../src/domain/logger";
import { ForecastService } from "../../src/service/forecast-service";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import { CFO_FILE_NAMES, folderWith, yearRowsCsv } from "../support/csv-fixtures";
import { BEARER, FakeTokenVerifier } from "../support/fake-token-verifier";
import { TINY_CONFIG } from "../support/tiny-config";
import { localService, testApp } from "../support/test-app";

const SEX = CATEGORY_SPECS.sex.groups as string[];
const AGE = CATEGORY_SPECS.age.groups as string[];

let dir: string;
let app: Express;
let service: ForecastService;

beforeAll(async () => {
  dir = await folderWith({
    [CFO_FILE_NAMES.sex]: yearRowsCsv(SEX, 1990, 2015),
    // Age has history but is never trained: the "no model" case.
    [CFO_FILE_NAMES.age]: yearRowsCsv(AGE, 1990, 2015),
  });
  service = localService(dir, new CsvHistorySource(dir));
  app = testApp(service, dir);
  const trained = await request(app)
    .post("/api/train/sex")
    .set("Authorization", BEARER.admin);
  expect(trained.status).toBe(200);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("GET /api/health", () => {
  test.each(["/api/health", "/health"])("%s answers healthy", async (url) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "healthy",
      message: "API is running",
      version: "test",
    });
    expect(["tensorflow", "wasm", "cpu"]).toContain(res.body.backend);
  });
});

describe("POST /api/train/<category>", () => {
  test("answers the loss, mae and a new version, and serves it", async () => {
    const res = await request(app)
      .post("/api/train/sex")
      .set("Authorization", BEARER.admin)
      .send({});
    expect(res.status).toBe(200);
    expect(res.body.message).toEqual(expect.any(String));
    expect(res.body.final_loss).toEqual(expect.any(Number));
    expect(res.body.final_mae).toEqual(expect.any(Number));
    const info = await request(app).get("/api/model-info/sex");
    expect(info.body.version).toBe(res.body.version);
  });

  test("a second training of the same category at once gets 409", async () => {
    const [a, b] = await Promise.all([
      request(app).post("/api/train/sex").set("Authorization", BEARER.admin),
      request(app).post("/api/train/sex").set("Authorization", BEARER.admin),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.error).toMatch(/already running/);
  });

  test("bad history fails with 422 and keeps the serving model", async () => {
    const before = await request(app).get("/api/model-info/sex");
    const file = path.join(dir, CFO_FILE_NAMES.sex);
    const good = await readFile(file, "utf8");
    await writeFile(file, good.replace(/\n2003,\d+,/, "\n2003,lots,"));
    try {
      const res = await request(app)
        .post("/api/train/sex")
        .set("Authorization", BEARER.admin);
      expect(res.status).toBe(422);
      expect(res.body.error).toMatch(/2003/);
      expect(res.body.error).toMatch(/MALE/);
      const after = await request(app).get("/api/model-info/sex");
      expect(after.body.version).toBe(before.body.version);
      const forecast = await request(app)
        .post("/api/predict/sex")
        .send({ years_ahead: 1 });
      expect(forecast.status).toBe(200);
    } finally {
      await writeFile(file, good);
    }
  });

  test("too short a history fails with 422 saying how many years", async () => {
    const short = await folderWith({
      [CFO_FILE_NAMES.sex]: yearRowsCsv(SEX, 2013, 2015),
    });
    const shortService = new ForecastService({
      history: new CsvHistorySource(short),
      blobs: new LocalBlobStore(path.join(short, "models")),
      registry: new FileModelRegistry(path.join(short, "registry")),
      logger: silentLogger,
      config: TINY_CONFIG,
    });
    const shortApp = createApp({
      service: shortService,
      logger: silentLogger,
      corsOrigins: "",
      version: "test",
      modelStore: short,
      verifier: new FakeTokenVerifier(),
    });
    const res = await request(shortApp)
      .post("/api/train/sex")
      .set("Authorization", BEARER.admin);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/3 years/);
    await rm(short, { recursive: true, force: true });
  });
});

describe("POST /api/predict/<category>", () => {
  test("forecasts the years after the history, groups in order", async () => {
    const res = await request(app)
      .post("/api/predict/sex")
      .send({ years_ahead: 3 });
    expect(res.status).toBe(200);
    expect(res.body.category).toBe("sex");
    expect(res.body.predictions.map((p: { year: number }) => p.year)).toEqual(
      [2016, 2017, 2018]
    );
    for (const year of res.body.predictions) {
      expect(Object.keys(year.predictions)).toEqual(SEX);
      for (const count of Object.values(year.predictions)) {
        expect(Number.isInteger(count)).toBe(true);
        expect(count).toBeGreaterThanOrEqual(0);
      }
    }
  });

  test("years_ahead defaults to 5, and the route works without /api", async () => {
    const res = await request(app).post("/predict/sex").send({});
    expect(res.status).toBe(200);
    expect(res.body.predictions).toHaveLength(5);
  });

  test("repeated forecasts from a warm model are identical", async () => {
    const body = { years_ahead: 10 };
    const first = await request(app).post("/api/predict/sex").send(body);
    const second = await request(app).post("/api/predict/sex").send(body);
    expect(second.body).toEqual(first.body);
  });

  test("a category with no trained model gets 404 saying how to train", async () => {
    const res = await request(app)
      .post("/api/predict/age")
      .send({ years_ahead: 2 });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/POST \/api\/train\/age/);
  });

  test("forecasting leaves no tensors behind", async () => {
    await request(app).post("/api/predict/sex").send({ years_ahead: 2 });
    const before = tf.memory().numTensors;
    await request(app).post("/api/predict/sex").send({ years_ahead: 10 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("bad requests are 4xx with an error naming what is wrong", () => {
  const json = (body: string) =>
    request(app)
      .post("/api/predict/sex")
      .set("Content-Type", "application/json")
      .send(body);

  test.each([
    ["0", 0],
    ["11", 11],
    ["2.5", 2.5],
    ['"5"', "5"],
    ["null", null],
  ])("years_ahead %s → 400", async (_label, value) => {
    const res = await request(app)
      .post("/api/predict/sex")
      .send({ years_ahead: value });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/years_ahead/);
    expect(res.body.error).toMatch(/1 to 10/);
  });

  test("unknown category → 400 naming it and the valid ones", async () => {
    const res = await request(app)
      .post("/api/predict/religion")
      .send({ years_ahead: 2 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/religion/);
    expect(res.body.error).toMatch(/civil_status/);
  });

  test("unknown category on model-info and train → 400", async () => {
    expect((await request(app).get("/api/model-info/x")).status).toBe(400);
    const train = await request(app)
      .post("/api/train/x")
      .set("Authorization", BEARER.admin);
    expect(train.status).toBe(400);
  });

  test("malformed JSON → 400", async () => {
    const res = await json('{"years_ahead": ');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/Malformed JSON/);
  });

  test("missing body → 400 saying a JSON body is needed", async () => {
    const res = await request(app).post("/api/predict/sex");
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/Missing JSON request body/);
  });

  test("a JSON array or string body → 400", async () => {
    expect((await json("[5]")).status).toBe(400);
    expect((await json('"five"')).status).toBe(400);
  });

  test("unknown field → 400 naming it", async () => {
    const res = await request(app)
      .post("/api/predict/sex")
      .send({ years_ahead: 2, yearsAhead: 2 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/'yearsAhead'/);
  });

  test("a non-JSON body → 415", async () => {
    const res = await request(app)
      .post("/api/predict/sex")
      .set("Content-Type", "text/plain")
      .send("years_ahead=5");
    expect(res.status).toBe(415);
  });

  test("a body over 10 KB → 413", async () => {
    const res = await json(JSON.stringify({ pad: "x".repeat(11_000) }));
    expect(res.status).toBe(413);
  });

  test.each([
    ["get", "/api/predict/sex", "POST"],
    ["get", "/api/train/sex", "POST"],
    ["post", "/api/health", "GET"],
    ["delete", "/api/model-info/sex", "GET"],
    ["put", "/api/predict-all", "POST"],
  ] as const)("%s %s → 405 allowing %s", async (method, url, allow) => {
    const res = await request(app)[method](url);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body.error).toMatch(/not allowed/);
  });

  test("unknown path → 404 JSON", async () => {
    const res = await request(app).get("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/No route/);
  });
});

describe("POST /api/predict-all", () => {
  test("forecasts what it can and names why the rest failed", async () => {
    const res = await request(app)
      .post("/api/predict-all")
      .send({ years_ahead: 2 });
    expect(res.status).toBe(200);
    expect(res.body.predictions.sex).toHaveLength(2);
    expect(res.body.errors.age).toMatch(/No trained model/);
    expect(Object.keys(res.body.errors)).toHaveLength(6);
  });

  test("validates its body like predict", async () => {
    const res = await request(app)
      .post("/api/predict-all")
      .send({ years_ahead: 0 });
    expect(res.status).toBe(400);
  });
});

describe("GET /api/model-info", () => {
  test("describes the serving model with the Flask API's fields", async () => {
    const res = await request(app).get("/api/model-info/sex");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      category: "sex",
      training_years: "1990 - 2015",
      num_years: 26,
      num_features: 2,
      feature_names: SEX,
      epochs_trained: expect.any(Number),
      final_loss: expect.any(Number),
      final_mae: expect.any(Number),
      config: expect.objectContaining({ lstm1Units: 4 }),
    });
    expect(new Date(res.body.last_trained).toISOString()).toBe(
      res.body.last_trained
    );
    for (const key of ["val_loss", "val_mae", "num_samples", "backend"]) {
      expect(res.body).toHaveProperty(key);
    }
  });

  test("an untrained category → 404", async () => {
    const res = await request(app).get("/api/model-info/age");
    expect(res.status).toBe(404);
  });

  test("model-info-all lists the trained categories", async () => {
    const res = await request(app).get("/api/model-info-all");
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.models)).toEqual(["sex"]);
  });
});

describe("CORS", () => {
  test("allows a listed origin", async () => {
    const res = await request(app)
      .get("/api/health")
      .set("Origin", "http://localhost:5173");
    expect(res.headers["access-control-allow-origin"]).toBe(
      "http://localhost:5173"
    );
  });

  test("does not allow other origins", async () => {
    const res = await request(app)
      .get("/api/health")
      .set("Origin", "https://evil.example");
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });

  test("answers a preflight", async () => {
    const res = await request(app)
      .options("/api/predict/sex")
      .set("Origin", "http://localhost:3000")
      .set("Access-Control-Request-Method", "POST")
      .set("Access-Control-Request-Headers", "content-type");
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-methods"]).toMatch(/POST/);
  });
});
