/**
 * The exported `api` function itself, as Cloud Functions would call it:
 * firebase-functions-test sets up the project environment, supertest sends
 * real HTTP requests to the function's (req, res) handler.
 *
 * No Firestore runs here (the emulator suite covers that), so these tests
 * use the routes that answer without the database, and the function's
 * deploy-time options.
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { RequestListener } from "node:http";
import { tmpdir } from "node:os";
import * as path from "node:path";
import functionsTest from "firebase-functions-test";
import request from "supertest";

const testEnv = functionsTest({ projectId: "demo-cfo-forecast" });
let modelDir: string;
// Loaded after the environment is set, as the runtime would.
let api: typeof import("../../src/index").api;
// The function is typed for express requests; supertest hands it plain
// Node ones, which the express app inside upgrades itself.
let listener: RequestListener;

beforeAll(async () => {
  modelDir = await mkdtemp(path.join(tmpdir(), "cfo-fn-"));
  process.env.LOCAL_MODEL_DIR = modelDir;
  ({ api } = await import("../../src/index"));
  listener = api as unknown as RequestListener;
});

afterAll(async () => {
  delete process.env.LOCAL_MODEL_DIR;
  testEnv.cleanup();
  await rm(modelDir, { recursive: true, force: true });
});

test("is one HTTPS function in asia-southeast1 sized for training", () => {
  const endpoint = api.__endpoint;
  expect(endpoint.httpsTrigger).toBeDefined();
  expect(String(endpoint.region)).toMatch(/SERVICE_REGION|asia-southeast1/);
  // Sized by params whose defaults are a training's 1 GiB and 540 s
  // (test/platform/function-limits.test.ts checks the values).
  expect(String(endpoint.availableMemoryMb)).toBe("params.API_MEMORY_MB");
  expect(String(endpoint.timeoutSeconds)).toBe("params.API_TIMEOUT_SECONDS");
});

test("answers /api/health and /health with the backend in use", async () => {
  for (const url of ["/api/health", "/health"]) {
    const res = await request(listener).get(url);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("healthy");
    expect(res.body.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(res.body.backend).toEqual(expect.any(String));
    expect(res.body.model_store).toBe(modelDir);
  }
});

test("rejects bad input before touching the database", async () => {
  const unknown = await request(listener)
    .post("/api/predict/planets")
    .send({ years_ahead: 2 });
  expect(unknown.status).toBe(400);
  const tooFar = await request(listener)
    .post("/api/predict/age")
    .send({ years_ahead: 11 });
  expect(tooFar.status).toBe(400);
  expect(tooFar.body.error).toMatch(/years_ahead/);
  const wrongMethod = await request(listener).get("/api/train/age");
  expect(wrongMethod.status).toBe(405);
});

test("refuses training without an admin's ID token", async () => {
  const anonymous = await request(listener).post("/api/train/age");
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers["www-authenticate"]).toMatch(/^Bearer/);
  // Checked by the Admin SDK, which refuses it without a network call.
  const forged = await request(listener)
    .post("/api/models/age/rollback")
    .set("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJhZG1pbiI6dHJ1ZX0.")
    .send({ version: "20260101T000000000Z-abcdef" });
  expect(forged.status).toBe(401);
  expect(forged.body.error).toMatch(/Invalid ID token/);
});
