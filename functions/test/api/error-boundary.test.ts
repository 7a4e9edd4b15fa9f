/**
 * The app's one error boundary, route by route: a service that fails the
 * way it is expected to (ServiceError) is answered with its status and
 * message; one that fails like a bug (a plain Error, a thrown string) is
 * logged with its stack and answered 500 with a generic message that
 * carries nothing of the failure.
 */
import request from "supertest";
import { ServiceError } from "../../src/domain/errors";
import type { ForecastService } from "../../src/service/forecast-service";
import { BEARER } from "../support/fake-token-verifier";
import { appOver, RecordingLogger } from "../support/service-double";

/** What a bug might put in an error: a path, a key, a stack. */
const SECRET_DETAIL =
  "ENOENT: /srv/secret/dir/key.json (token=abc123) at Object.<anonymous>";

type Route = {
  name: string;
  method: keyof ForecastService;
  send: (app: ReturnType<typeof appOver>) => request.Test;
};

const ROUTES: Route[] = [
  {
    name: "GET /api/health",
    method: "backend",
    send: (app) => request(app).get("/api/health"),
  },
  {
    name: "POST /api/predict/sex",
    method: "predict",
    send: (app) =>
      request(app).post("/api/predict/sex").send({ years_ahead: 2 }),
  },
  {
    name: "POST /predict-all",
    method: "predictAll",
    send: (app) => request(app).post("/predict-all").send({}),
  },
  {
    name: "POST /api/train/age",
    method: "train",
    send: (app) =>
      request(app).post("/api/train/age").set("Authorization", BEARER.admin),
  },
  {
    name: "POST /api/models/sex/rollback",
    method: "rollback",
    send: (app) =>
      request(app)
        .post("/api/models/sex/rollback")
        .set("Authorization", BEARER.admin)
        .send({ version: "20260101T000000000Z-abcdef" }),
  },
  {
    name: "GET /api/model-info/origin",
    method: "modelInfo",
    send: (app) => request(app).get("/api/model-info/origin"),
  },
  {
    name: "GET /model-info-all",
    method: "modelInfoAll",
    send: (app) => request(app).get("/model-info-all"),
  },
];

const byName = ROUTES.map((route) => [route.name, route] as const);

describe.each(byName)("%s", (_name, route) => {
  test("a plain Error → 500, generic, logged with its stack", async () => {
    const logger = new RecordingLogger();
    const bug = new Error(SECRET_DETAIL);
    const app = appOver(
      {
        [route.method]: async () => {
          throw bug;
        },
      },
      { logger }
    );
    const res = await route.send(app);
    expect(res.status).toBe(500);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: "Internal server error" });
    expect(res.text).not.toMatch(/secret|token|ENOENT|at Object|\.ts|\/srv/);
    const logged = logger.entries.filter((e) => e.severity === "error");
    expect(logged).toHaveLength(1);
    expect(logged[0].message).toBe("request failed");
    expect(logged[0].context.error).toBe(bug);
    expect(logged[0].context.stack).toMatch(/error-boundary\.test\.ts/);
  });

  test("a thrown non-Error → 500, generic", async () => {
    const app = appOver({
      [route.method]: async () => {
        throw SECRET_DETAIL;
      },
    });
    const res = await route.send(app);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: "Internal server error" });
  });

  test("a dependency down → 503 with Retry-After and the message",
    async () => {
      const app = appOver({
        [route.method]: async () => {
          throw new ServiceError("unavailable", "Firestore is unavailable");
        },
      });
      const res = await route.send(app);
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("30");
      expect(res.body).toEqual({ error: "Firestore is unavailable" });
    }
  );
});

test.each([
  ["invalid-argument", 400],
  ["not-found", 404],
  ["conflict", 409],
  ["bad-data", 422],
  ["unavailable", 503],
] as const)("a ServiceError of kind %s → %i, not logged as a failure",
  async (kind, status) => {
    const logger = new RecordingLogger();
    const app = appOver(
      {
        predict: async () => {
          throw new ServiceError(kind, `it is ${kind}`);
        },
      },
      { logger }
    );
    const res = await request(app)
      .post("/api/predict/sex")
      .send({ years_ahead: 1 });
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: `it is ${kind}` });
    const errors = logger.entries.filter((e) => e.severity === "error");
    expect(errors).toHaveLength(status >= 500 ? 1 : 0);
  }
);

test("a synchronous throw is caught by the same boundary", async () => {
  const app = appOver({
    modelInfoAll: () => {
      throw new TypeError("Cannot read properties of undefined");
    },
  });
  const res = await request(app).get("/api/model-info-all");
  expect(res.status).toBe(500);
  expect(res.body).toEqual({ error: "Internal server error" });
});

test("the app keeps answering after a bug", async () => {
  let calls = 0;
  const app = appOver({
    predict: async () => {
      calls += 1;
      if (calls === 1) throw new Error("first call fails");
      return { category: "sex", predictions: [] };
    },
  });
  const send = () =>
    request(app).post("/api/predict/sex").send({ years_ahead: 1 });
  expect((await send()).status).toBe(500);
  expect((await send()).status).toBe(200);
});
