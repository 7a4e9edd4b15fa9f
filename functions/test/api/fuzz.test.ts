/**
 * Hostile input at volume: hundreds of generated bad requests against the
 * express app over real local stores with a trained model. Every one must
 * be refused with a 4xx JSON `{ error }`, none may reach a 5xx, and the
 * app must still answer health and a valid forecast afterwards.
 *
 * The generator is seeded (FUZZ_SEED, default below), so a failure names
 * the request and the seed that reproduce it.
 */
import { rm } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import type { Express } from "express";
import request from "supertest";
import { CsvHistorySource } from "../../src/data/csv-history-source";
import { CATEGORIES, CATEGORY_SPECS } from "../../src/domain/categories";
import {
  CFO_FILE_NAMES,
  folderWith,
  yearRowsCsv,
} from "../support/csv-fixtures";
import { BEARER } from "../support/fake-token-verifier";
import { localService, testApp } from "../support/test-app";

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const REQUESTS = 360;

/** A small, fast, seeded generator (mulberry32). */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)];
    },
  };
}
type Rng = ReturnType<typeof seeded>;

interface BadRequest {
  kind: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const JSON_TYPE = { "Content-Type": "application/json" };

/** Bodies that fail validation whatever the route. */
const BAD_VALUES: unknown[] = [
  0, 11, -1, 2.5, 1e308, -0.0001, "5", "", "NaN", null, true, [], [5],
  {}, { n: 5 }, "١", "５",
];

/** A category name that is not one, in many spellings. */
function badCategory(rng: Rng): string {
  const real = rng.pick(CATEGORIES);
  const variants = [
    () => real.toUpperCase(),
    () => `${real}%20`,
    () => `%20${real}`,
    () => `${real}%00`,
    () => `${real}x`,
    () => encodeURIComponent("✈️ destination"),
    () => encodeURIComponent("سن"),
    () => encodeURIComponent("age\u200b"),
    () => encodeURIComponent("\u202esex"),
    () => "%E0%A4%A",
    () => "%",
    () => "%FF%FE",
    () => "%252e%252e",
    () => "..%2f..%2fetc%2fpasswd",
    () => "a".repeat(1 + rng.int(6000)),
    () => encodeURIComponent("😀".repeat(1 + rng.int(400))),
    () => encodeURIComponent("<script>alert(1)</script>"),
    () => "constructor",
    () => "__proto__",
    () => "hasOwnProperty",
    () => "toString",
    () => String(rng.int(1e9)),
  ];
  return rng.pick(variants)();
}

/** Nested JSON `depth` deep, arrays or objects. */
function nested(depth: number, arrays: boolean): string {
  return arrays
    ? "[".repeat(depth) + "]".repeat(depth)
    : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

const GENERATORS: ((rng: Rng) => BadRequest)[] = [
  // Wrong methods on every known route.
  (rng) => {
    const routes = [
      ["/api/health", ["post", "put", "patch", "delete"]],
      ["/api/predict/sex", ["get", "put", "patch", "delete"]],
      ["/predict-all", ["get", "put", "delete"]],
      ["/api/train/sex", ["get", "put", "delete"]],
      ["/api/models/sex/rollback", ["get", "patch"]],
      ["/api/model-info/sex", ["post", "put", "delete"]],
      ["/api/model-info-all", ["post", "patch", "put"]],
    ] as const;
    const [route, methods] = rng.pick(routes);
    return { kind: "wrong method", method: rng.pick(methods), path: route };
  },
  // Paths no route has.
  (rng) => ({
    kind: "unknown path",
    method: rng.pick(["get", "post"] as const),
    path: rng.pick([
      "/",
      "/api",
      "/api/",
      "/api/predict",
      "/api/predict/sex/extra",
      "/api/train",
      "/api/models/sex",
      "/api/models/sex/rollback/now",
      "/api/../../etc/passwd",
      "/api/%2e%2e/%2e%2e/etc/passwd",
      "//api//health//x",
      "/.env",
      "/admin",
      "/api/model-info-all/more",
      `/api/${"x/".repeat(200)}`,
      `/api/${encodeURIComponent("😀")}`,
      "/api/health%00",
    ]),
  }),
  // Unknown, odd or very long categories.
  (rng) => ({
    kind: "bad category",
    method: "post",
    path: `/api/predict/${badCategory(rng)}`,
    headers: JSON_TYPE,
    body: JSON.stringify({ years_ahead: 1 + rng.int(10) }),
  }),
  (rng) => ({
    kind: "bad category",
    method: "get",
    path: `/api/model-info/${badCategory(rng)}`,
  }),
  // Values of the wrong type or range.
  (rng) => ({
    kind: "wrong type",
    method: "post",
    path: rng.pick(["/api/predict/sex", "/api/predict-all", "/predict/age"]),
    headers: JSON_TYPE,
    body: JSON.stringify({ years_ahead: rng.pick(BAD_VALUES) }),
  }),
  (rng) => ({
    kind: "wrong type",
    method: "post",
    path: "/api/predict/sex",
    headers: JSON_TYPE,
    body: JSON.stringify({
      years_ahead: 1 + rng.int(10),
      model: rng.pick(["LSTM", "", "theta", 1, null, ["auto"], "auto "]),
    }),
  }),
  // Unknown fields, prototype keys, bodies that are not objects.
  (rng) => ({
    kind: "unknown field",
    method: "post",
    path: rng.pick(["/api/predict/sex", "/api/predict-all"]),
    headers: JSON_TYPE,
    body: rng.pick([
      '{"years_ahead": 2, "yearsAhead": 2}',
      '{"__proto__": {"admin": true}}',
      '{"constructor": {"prototype": {"x": 1}}}',
      '{"years_ahead": 2, "years_ahead ": 3}',
      `{"${"k".repeat(2000)}": 1}`,
      "[]",
      '"years_ahead"',
      "42",
      "null",
      "true",
    ]),
  }),
  // Malformed JSON.
  (rng) => ({
    kind: "malformed JSON",
    method: "post",
    path: "/api/predict/sex",
    headers: JSON_TYPE,
    body: rng.pick([
      '{"years_ahead": ',
      "{years_ahead: 2}",
      "{'years_ahead': 2}",
      '{"years_ahead": 2,}',
      '{"years_ahead": 0x5}',
      '{"years_ahead": NaN}',
      '{"years_ahead": Infinity}',
      "\u0000",
      "}{",
      '{"a": "\\uZZZZ"}',
    ]),
  }),
  // Deeply nested JSON, within the size limit.
  (rng) => ({
    kind: "deep JSON",
    method: "post",
    path: rng.pick(["/api/predict/sex", "/api/predict-all"]),
    headers: JSON_TYPE,
    body: nested(100 + rng.int(1100), rng.next() < 0.5),
  }),
  // Bodies over 10 KB: large values, many keys, long arrays.
  (rng) => {
    const size = 10_300 + rng.int(200_000);
    return {
      kind: "oversize",
      method: "post",
      path: rng.pick(["/api/predict/sex", "/api/predict-all"]),
      headers: JSON_TYPE,
      body: rng.pick([
        () => JSON.stringify({ years_ahead: 2, pad: "x".repeat(size) }),
        () => JSON.stringify({ years_ahead: Array(Math.ceil(size / 2)).fill(1) }),
        () => nested(Math.ceil(size / 2), true),
      ])(),
    };
  },
  // A gzip bomb: small on the wire, far over the limit inflated.
  (rng) => ({
    kind: "gzip bomb",
    method: "post",
    path: "/api/predict/sex",
    headers: { ...JSON_TYPE, "Content-Encoding": "gzip" },
    body: gzipSync(
      Buffer.from(`{"years_ahead": 2, "pad": "${" ".repeat(
        200_000 + rng.int(800_000)
      )}"}`)
    ),
  }),
  // Wrong content types.
  (rng) => ({
    kind: "content type",
    method: "post",
    path: rng.pick(["/api/predict/sex", "/api/predict-all"]),
    headers: {
      "Content-Type": rng.pick([
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        "text/json",
        "application/javascript",
        "application/octet-stream",
        "image/png",
        "application/jsonx",
      ]),
    },
    body: rng.pick(['{"years_ahead": 2}', "years_ahead=2", "<x>2</x>"]),
  }),
  // Wrong encodings and charsets.
  (rng) => {
    const choice = rng.int(6);
    const bad = '{"years_ahead": "two"}';
    switch (choice) {
      case 0:
        return {
          kind: "encoding",
          method: "post",
          path: "/api/predict/sex",
          headers: { ...JSON_TYPE, "Content-Encoding": "gzip" },
          body: Buffer.from('{"years_ahead": 2}'),
        };
      case 1:
        return {
          kind: "encoding",
          method: "post",
          path: "/api/predict/sex",
          headers: {
            ...JSON_TYPE,
            "Content-Encoding": rng.pick(["compress", "zstd", "x-fancy"]),
          },
          body: bad,
        };
      case 2:
        return {
          kind: "encoding",
          method: "post",
          path: "/api/predict/sex",
          headers: {
            "Content-Type": `application/json; charset=${rng.pick([
              "latin1",
              "shift_jis",
              "ebcdic",
              "iso-8859-1",
            ])}`,
          },
          body: '{"years_ahead": 2}',
        };
      case 3:
        return {
          kind: "encoding",
          method: "post",
          path: "/api/predict/sex",
          headers: { "Content-Type": "application/json; charset=utf-16le" },
          body: Buffer.from(bad, "utf16le"),
        };
      case 4:
        return {
          kind: "encoding",
          method: "post",
          path: "/api/predict/sex",
          headers: JSON_TYPE,
          body: Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]),
        };
      default:
        return {
          kind: "encoding",
          method: "post",
          path: "/api/predict/sex",
          headers: JSON_TYPE,
          body: gzipSync(Buffer.from(bad)),
        };
    }
  },
  // Odd headers on requests that are bad anyway.
  (rng) => ({
    kind: "odd headers",
    method: "post",
    path: `/api/predict/${rng.pick(["sex", "age", "planets"])}`,
    headers: {
      ...JSON_TYPE,
      Accept: rng.pick(["text/html", "application/xml", "*/*;q=0", "x"]),
      "X-Forwarded-For": Array(200).fill("10.0.0.1").join(", "),
      "X-HTTP-Method-Override": "DELETE",
      Origin: rng.pick(["https://evil.example", "null", "file://"]),
      Authorization: rng.pick(["Bearer", "Basic Zm9vOmJhcg==", "x".repeat(4000)]),
      Cookie: `session=${"c".repeat(2000)}`,
      Range: "bytes=0-1",
    },
    body: JSON.stringify({ years_ahead: rng.pick([0, "1", 12]) }),
  }),
  // Admin routes with broken or missing tokens, and bad bodies with a
  // good one.
  (rng) => {
    const token = rng.pick([
      undefined,
      "",
      "Bearer",
      "Bearer ",
      "Bearer admin.token.sig.forged",
      "Basic YWRtaW46YWRtaW4=",
      "Bearer user.token.sig",
      "Bearer revoked.token.sig",
      `Bearer ${"e".repeat(3000)}`,
      "Bearer a.b.c\u00e9",
    ]);
    return {
      kind: "admin",
      method: "post",
      path: rng.pick(["/api/train/sex", "/api/models/sex/rollback"]),
      headers: token === undefined ? JSON_TYPE : {
        ...JSON_TYPE,
        Authorization: token,
      },
      body: "{}",
    };
  },
  (rng) => ({
    kind: "admin",
    method: "post",
    path: rng.pick([
      "/api/models/sex/rollback",
      `/api/models/${badCategory(rng)}/rollback`,
    ]),
    headers: { ...JSON_TYPE, Authorization: BEARER.admin },
    body: JSON.stringify({
      version: rng.pick([
        "../../etc/passwd",
        "",
        "v".repeat(200),
        "20260101T000000000Z-nothere",
        5,
        null,
      ]),
    }),
  }),
];

let dir: string;
let app: Express;

beforeAll(async () => {
  dir = await folderWith({
    [CFO_FILE_NAMES.sex]: yearRowsCsv(
      CATEGORY_SPECS.sex.groups as string[],
      1990,
      2015
    ),
  });
  app = testApp(localService(dir, new CsvHistorySource(dir)), dir);
  const trained = await request(app)
    .post("/api/train/sex")
    .set("Authorization", BEARER.admin);
  expect(trained.status).toBe(200);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function send(spec: BadRequest): request.Test {
  let req = request(app)[spec.method](spec.path);
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    req = req.set(name, value);
  }
  if (spec.body === undefined) return req;
  // superagent would serialise a Buffer sent as JSON into
  // {"type":"Buffer",...}; the bytes must go out as they are.
  return Buffer.isBuffer(spec.body)
    ? req.serialize((body: unknown) => body as string).send(spec.body)
    : req.send(spec.body);
}

test(`${REQUESTS} generated bad requests: all 4xx JSON with an error`,
  async () => {
    const rng = seeded(SEED);
    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const spec = GENERATORS[i % GENERATORS.length](rng);
      const res = await send(spec);
      byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
      const json = /^application\/json/.test(
        String(res.headers["content-type"])
      );
      const ok =
        res.status >= 400 &&
        res.status < 500 &&
        json &&
        typeof res.body?.error === "string" &&
        res.body.error.length > 0 &&
        // Says what is wrong without echoing kilobytes of input back.
        res.body.error.length <= 300;
      if (!ok) {
        const shown = spec.path.length > 80
          ? `${spec.path.slice(0, 80)}...`
          : spec.path;
        failures.push(
          `#${i} ${spec.kind}: ${spec.method.toUpperCase()} ${shown} ` +
            `${JSON.stringify(spec.headers ?? {}).slice(0, 120)} → ` +
            `${res.status} ${String(res.headers["content-type"])} ` +
            res.text.slice(0, 120)
        );
      }
    }
    const fiveHundreds = [...byStatus]
      .filter(([status]) => status >= 500)
      .reduce((n, [, count]) => n + count, 0);
    const counts = [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(" ");
    console.log(
      `fuzz: ${REQUESTS} bad requests (seed ${SEED}): ${counts}; ` +
        `${fiveHundreds} × 5xx, ${failures.length} not a JSON 4xx`
    );
    expect(failures).toEqual([]);
    expect(fiveHundreds).toBe(0);

    const health = await request(app).get("/api/health");
    expect(health.status).toBe(200);
    const forecast = await request(app)
      .post("/api/predict/sex")
      .send({ years_ahead: 3 });
    expect(forecast.status).toBe(200);
    expect(forecast.body.predictions).toHaveLength(3);
  }
);
