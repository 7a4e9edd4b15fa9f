/**
 * Who may do what: reading is public, training and rollback need the ID
 * token of an admin. The app runs on real stores in a temporary directory;
 * only Firebase Auth, a network service, is replaced by FakeTokenVerifier.
 */
import { rm } from "node:fs/promises";
import * as path from "node:path";
import express, { type Express } from "express";
import request from "supertest";
import { createApp } from "../../src/api/app";
import { errorBoundary } from "../../src/api/http-errors";
import { admittedAdmin } from "../../src/api/require-admin";
import { CsvHistorySource } from "../../src/data/csv-history-source";
import { CATEGORY_SPECS } from "../../src/domain/categories";
import { type Logger, silentLogger } from "../../src/domain/logger";
import { ForecastService } from "../../src/service/forecast-service";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import {
  CFO_FILE_NAMES,
  folderWith,
  yearRowsCsv,
} from "../support/csv-fixtures";
import {
  BEARER,
  FakeTokenVerifier,
  TOKENS,
} from "../support/fake-token-verifier";
import { TINY_CONFIG } from "../support/tiny-config";

const SEX = CATEGORY_SPECS.sex.groups as string[];
const ROLLBACK_BODY = { version: "20260101T000000000Z-abcdef" };

/** Every log entry, to check what the guard says and what it leaves out. */
const logged: { message: string; context?: Record<string, unknown> }[] = [];
const recordingLogger: Logger = {
  debug: (message, context) => logged.push({ message, context }),
  info: (message, context) => logged.push({ message, context }),
  warn: (message, context) => logged.push({ message, context }),
  error: (message, context) => logged.push({ message, context }),
};

let dir: string;
let app: Express;
let verifier: FakeTokenVerifier;

beforeAll(async () => {
  dir = await folderWith({
    [CFO_FILE_NAMES.sex]: yearRowsCsv(SEX, 1990, 2015),
  });
  verifier = new FakeTokenVerifier();
  app = createApp({
    service: new ForecastService({
      history: new CsvHistorySource(dir),
      blobs: new LocalBlobStore(path.join(dir, "models")),
      registry: new FileModelRegistry(path.join(dir, "registry")),
      logger: silentLogger,
      config: TINY_CONFIG,
    }),
    logger: recordingLogger,
    corsOrigins: "http://localhost:*",
    version: "test",
    modelStore: dir,
    verifier,
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Nothing was trained: sex still has no model at all. */
async function expectNothingTrained(): Promise<void> {
  const info = await request(app).get("/api/model-info/sex");
  expect(info.status).toBe(404);
}

const ADMIN_REQUESTS = [
  ["/api/train/sex", undefined],
  ["/train/sex", undefined],
  ["/api/train/sex/", undefined],
  ["/API/Train/sex", undefined],
  ["/api/models/sex/rollback", ROLLBACK_BODY],
  ["/models/sex/rollback", ROLLBACK_BODY],
] as const;

describe("refused before anything starts", () => {
  test.each(ADMIN_REQUESTS)(
    "POST %s without a token → 401 with WWW-Authenticate",
    async (url, body) => {
      const res = await request(app).post(url).send(body);
      expect(res.status).toBe(401);
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer realm=/);
      expect(res.headers["content-type"]).toMatch(/application\/json/);
      expect(res.body.error).toMatch(/Authorization: Bearer/);
      await expectNothingTrained();
    }
  );

  test.each([
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["no token", "Bearer"],
    ["a blank token", "Bearer "],
    ["two words", `Bearer ${TOKENS.admin} extra`],
    ["a made-up scheme", `Token ${TOKENS.admin}`],
    ["9,000 characters", `Bearer ${"a".repeat(9000)}`],
    ["markup", "Bearer <script>"],
  ])("Authorization with %s → 401 invalid_request", async (_, header) => {
    const checkedBefore = verifier.checked.length;
    const res = await request(app)
      .post("/api/train/sex")
      .set("Authorization", header);
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toMatch(/invalid_request/);
    expect(res.body.error).toMatch(/Malformed Authorization header/);
    // Refused on its shape: the verifier (a network call) is not asked.
    expect(verifier.checked).toHaveLength(checkedBefore);
    await expectNothingTrained();
  });

  test.each([
    ["an invalid token", "Bearer not-a-token", /not a valid token/],
    ["a revoked token", BEARER.revoked, /revoked/],
  ])("%s → 401 invalid_token", async (_label, header, message) => {
    const res = await request(app)
      .post("/api/train/sex")
      .set("Authorization", header);
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toMatch(
      /^Bearer realm="[^"]+", error="invalid_token"$/
    );
    expect(res.body.error).toMatch(message);
    await expectNothingTrained();
  });

  test.each(ADMIN_REQUESTS)(
    "POST %s with a non-admin's token → 403",
    async (url, body) => {
      const res = await request(app)
        .post(url)
        .set("Authorization", BEARER.user)
        .send(body);
      expect(res.status).toBe(403);
      expect(res.headers["www-authenticate"]).toBeUndefined();
      expect(res.body.error).toMatch(/user-uid is not an admin/);
      await expectNothingTrained();
    }
  );

  test("Auth unreachable → 503 with Retry-After, not 401", async () => {
    const res = await request(app)
      .post("/api/train/sex")
      .set("Authorization", BEARER.authDown);
    expect(res.status).toBe(503);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(res.body.error).toMatch(/unreachable/);
    await expectNothingTrained();
  });

  test.each([
    ["malformed JSON", "application/json", '{"version": '],
    ["a body over 10 KB", "application/json", `"${"x".repeat(11_000)}"`],
    ["a form body", "application/x-www-form-urlencoded", "version=1"],
  ])("%s is not looked at without a token: 401, not 4xx", async (
    _label,
    type,
    body
  ) => {
    for (const [header, status] of [
      [undefined, 401],
      [BEARER.user, 403],
    ] as const) {
      const req = request(app)
        .post("/api/models/sex/rollback")
        .set("Content-Type", type);
      if (header) req.set("Authorization", header);
      expect((await req.send(body)).status).toBe(status);
    }
  });

  test("a bad category is not checked without a token: 401", async () => {
    const res = await request(app).post("/api/train/religion");
    expect(res.status).toBe(401);
  });

  test("the wrong method still gets 405, token or not", async () => {
    const res = await request(app).get("/api/train/sex");
    expect(res.status).toBe(405);
  });
});

describe("admins", () => {
  test("train, then roll back to what they trained", async () => {
    const trained = await request(app)
      .post("/api/train/sex")
      .set("Authorization", BEARER.admin);
    expect(trained.status).toBe(200);
    expect(trained.body.version).toEqual(expect.any(String));

    // The scheme is case-insensitive (RFC 7235).
    const rolledBack = await request(app)
      .post("/models/sex/rollback")
      .set("Authorization", `bearer ${TOKENS.admin}`)
      .send({ version: trained.body.version });
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body).toMatchObject({
      version: trained.body.version,
      pinned: true,
    });
  });

  test("are still validated like anyone: a bad body → 400", async () => {
    const res = await request(app)
      .post("/api/models/sex/rollback")
      .set("Authorization", BEARER.admin)
      .send({ version: "../../etc" });
    expect(res.status).toBe(400);
  });
});

describe("reading stays public", () => {
  test.each([
    ["get", "/api/health", undefined],
    ["get", "/api/model-info-all", undefined],
    ["post", "/api/predict-all", { years_ahead: 1 }],
  ] as const)(
    "%s %s needs no token and ignores a bad one",
    async (method, url, body) => {
      const anonymous = await request(app)[method](url).send(body);
      expect(anonymous.status).toBe(200);
      const withGarbage = request(app)[method](url);
      withGarbage.set("Authorization", "Bearer garbage");
      expect((await withGarbage.send(body)).status).toBe(200);
    }
  );
});

describe("browsers", () => {
  test("may send Authorization after a preflight", async () => {
    const res = await request(app)
      .options("/api/train/sex")
      .set("Origin", "http://localhost:5173")
      .set("Access-Control-Request-Method", "POST")
      .set("Access-Control-Request-Headers", "authorization, content-type");
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-headers"]).toMatch(
      /authorization/i
    );
  });

  test("can read a 401 from an allowed origin", async () => {
    const res = await request(app)
      .post("/api/train/sex")
      .set("Origin", "http://localhost:5173");
    expect(res.status).toBe(401);
    expect(res.headers["access-control-allow-origin"]).toBe(
      "http://localhost:5173"
    );
  });
});

describe("logs", () => {
  test("say who was allowed or refused and never hold a token", async () => {
    await request(app)
      .post("/api/train/sex")
      .set("Authorization", BEARER.user);
    const entries = JSON.stringify(logged);
    for (const token of Object.values(TOKENS)) {
      expect(entries).not.toContain(token);
    }
    expect(logged).toContainEqual({
      message: "admin route refused",
      context: {
        method: "POST",
        path: "/api/train/sex",
        reason: "not-admin",
        uid: "user-uid",
      },
    });
    expect(logged).toContainEqual({
      message: "admin route allowed",
      context: { method: "POST", path: "/api/train/sex", uid: "admin-uid" },
    });
  });
});

test("an admin handler reached without the guard fails closed", async () => {
  const bare = express();
  bare.post("/danger", (req, res) => {
    admittedAdmin(req);
    res.json({ done: true });
  });
  bare.use(errorBoundary(silentLogger));
  const res = await request(bare).post("/danger");
  expect(res.status).toBe(500);
  expect(res.body).toEqual({ error: "Internal server error" });
});
