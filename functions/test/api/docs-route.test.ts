/**
 * The docs page and the renderer's files, served by the function itself:
 * no script or style from another host, each file with its type.
 */
import type { Express } from "express";
import request from "supertest";
import { appOver } from "../support/service-double";

let app: Express;

beforeAll(() => {
  app = appOver({});
});

test.each(["/api/docs", "/docs"])(
  "%s is an HTML page loading only files of its own",
  async (url) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["content-security-policy"]).toMatch(
      /default-src 'self'/
    );
    const sources = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map(
      (m) => m[1]
    );
    expect(sources).toEqual(
      expect.arrayContaining([
        "docs/assets/swagger-ui-bundle.js",
        "docs/assets/start.js",
        "docs/assets/swagger-ui.css",
      ])
    );
    // Relative links only: nothing from a CDN or another host.
    for (const source of sources) expect(source).not.toMatch(/^(https?:)?\/\//);
  }
);

test.each([
  ["swagger-ui-bundle.js", /^text\/javascript/],
  ["swagger-ui.css", /^text\/css/],
  ["favicon-32x32.png", /^image\/png/],
  ["start.js", /^text\/javascript/],
])("the page's file %s is served as %s", async (file, type) => {
  const res = await request(app)
    .get(`/api/docs/assets/${file}`)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => done(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(type);
  expect(res.headers["cache-control"]).toMatch(/max-age=\d+/);
  expect((res.body as Buffer).length).toBeGreaterThan(100);
});

test("the start script points Swagger UI at the document, no validator",
  async () => {
    const res = await request(app).get("/api/docs/assets/start.js");
    expect(res.text).toContain('url: "openapi.json"');
    expect(res.text).toContain("validatorUrl: null");
  });

test("another file of the package is not served", async () => {
  const res = await request(app).get("/api/docs/assets/package.json");
  expect(res.status).toBe(404);
  expect(res.body.error).toMatch(/No documentation file/);
  const up = await request(app).get("/api/docs/assets/..%2Fpackage.json");
  expect(up.status).toBe(404);
});

test("a trailing slash is sent back to the page's own address", async () => {
  const res = await request(app).get("/api/docs/");
  expect(res.status).toBe(301);
  expect(res.headers.location).toBe("../docs");
});

test("POST on the page is a 405", async () => {
  const res = await request(app).post("/api/docs").send({});
  expect(res.status).toBe(405);
  expect(res.headers.allow).toBe("GET");
});
