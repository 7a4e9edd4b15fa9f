/**
 * CORS as a browser meets it: the listed origins get the headers that let
 * the page read the answer, a preflight is answered for them, and any
 * other origin gets no CORS header at all (the browser then blocks the
 * page from reading; the request itself is still answered as usual).
 */
import request from "supertest";
import type { Express } from "express";
import { appOver } from "../support/service-double";

const ORIGINS = "https://dash.example.org,http://localhost:*";

let app: Express;

beforeAll(() => {
  app = appOver(
    {
      predict: async () => ({ category: "sex", predictions: [] }),
      backend: async () => "cpu",
    },
    { corsOrigins: ORIGINS }
  );
});

function corsHeaders(headers: Record<string, string>): string[] {
  return Object.keys(headers).filter((h) => h.startsWith("access-control-"));
}

const preflight = (origin: string, path = "/api/predict/sex") =>
  request(app)
    .options(path)
    .set("Origin", origin)
    .set("Access-Control-Request-Method", "POST")
    .set("Access-Control-Request-Headers", "content-type,authorization");

describe("a preflight from an allowed origin", () => {
  test.each([
    "https://dash.example.org",
    "http://localhost:5173",
    "http://localhost",
  ])("%s gets 204 with the methods, headers and max age", async (origin) => {
    const res = await preflight(origin);
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(origin);
    expect(res.headers["access-control-allow-methods"]).toBe("GET,POST");
    // The dashboard sends JSON and, for admin routes, a bearer token.
    expect(res.headers["access-control-allow-headers"]).toMatch(
      /content-type/
    );
    expect(res.headers["access-control-allow-headers"]).toMatch(
      /authorization/
    );
    expect(res.headers["access-control-max-age"]).toBe("3600");
    expect(res.headers.vary).toMatch(/Origin/);
  });

  test("is answered on the admin routes too, before the token check",
    async () => {
      const res = await preflight("http://localhost:3000", "/api/train/sex");
      expect(res.status).toBe(204);
      expect(res.headers["access-control-allow-origin"]).toBe(
        "http://localhost:3000"
      );
    }
  );
});

describe("an origin that is not listed", () => {
  test.each([
    "https://evil.example",
    "https://dash.example.org.evil.example",
    "http://dash.example.org",
    "https://dash.example.org:8443",
    "http://localhost.evil.example",
    "null",
  ])("%s: a preflight carries no CORS header", async (origin) => {
    const res = await preflight(origin);
    expect(corsHeaders(res.headers)).toEqual([]);
    // Falls through to the route, which takes POST only: a JSON 405.
    expect(res.status).toBe(405);
    expect(res.body.error).toEqual(expect.any(String));
  });

  test("a simple request is answered without CORS headers", async () => {
    const res = await request(app)
      .post("/api/predict/sex")
      .set("Origin", "https://evil.example")
      .send({ years_ahead: 1 });
    expect(res.status).toBe(200);
    expect(corsHeaders(res.headers)).toEqual([]);
  });
});

describe("credentials", () => {
  test("are never allowed: the dashboard sends a bearer token, no cookies",
    async () => {
      const allowed = await preflight("https://dash.example.org");
      expect(allowed.headers["access-control-allow-credentials"]).toBe(
        undefined
      );
      const simple = await request(app)
        .get("/api/health")
        .set("Origin", "https://dash.example.org");
      expect(simple.headers["access-control-allow-origin"]).toBe(
        "https://dash.example.org"
      );
      expect(simple.headers["access-control-allow-credentials"]).toBe(
        undefined
      );
    }
  );
});

test("a request without Origin (curl, servers) gets no CORS headers",
  async () => {
    const res = await request(app).get("/api/health");
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  }
);
