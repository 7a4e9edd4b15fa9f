/**
 * GET /api/chart/<category>.svg on a service with all seven categories
 * trained (tiny LSTM, synthetic history): the chart of every category
 * has its panels, axis titles, legend, forecast lines and bands; the
 * query is validated like predict's body; validators allow caching.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Express } from "express";
import request from "supertest";
import { syntheticHistory } from "../../src/data/synthetic-history";
import { CATEGORIES } from "../../src/domain/categories";
import { MemoryHistorySource } from "../support/memory-history";
import { localService, testApp } from "../support/test-app";

const YEARS = { fromYear: 1988, toYear: 2015 };

let dir: string;
let app: Express;
let history: MemoryHistorySource;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-chart-"));
  history = new MemoryHistorySource();
  CATEGORIES.forEach((category, seed) =>
    history.set(category, syntheticHistory(category, { ...YEARS, seed }))
  );
  const service = localService(dir, history);
  for (const category of CATEGORIES) await service.train(category);
  app = testApp(service, dir);
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The text of every <text> element, entities decoded. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&")
  );
}

const count = (svg: string, pattern: RegExp) =>
  (svg.match(new RegExp(pattern, "g")) ?? []).length;

const chart = (url: string) =>
  request(app)
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => done(null, text));
    });

test.each(CATEGORIES)("the chart of %s has a panel per group", async (category) => {
  const res = await chart(`/api/chart/${category}.svg?years_ahead=5`);
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^image\/svg\+xml/);
  const svg = res.body as string;
  expect(svg).toMatch(/^<svg [^>]*width="\d+" height="\d+"/);

  const { groups } = await history.read(category);
  const words = texts(svg);
  // One panel header per group, the groups' full names.
  for (const group of groups) expect(words).toContain(group);
  // Axis titles on the panels and one legend for the whole chart.
  expect(words).toContain("Year");
  expect(words).toContain("Emigrants");
  for (const entry of ["History", "Forecast", "80 % interval", "95 % interval"]) {
    expect(words.filter((w) => w === entry)).toHaveLength(1);
  }
  expect(words.join(" ")).toMatch(/5-year forecast/);

  // A history and a forecast line per panel, the forecast dashed, and
  // two bands (95 % and 80 %) under it.
  expect(count(svg, /class="mark-line role-mark/)).toBe(2 * groups.length);
  expect(count(svg, /stroke-dasharray="6,4"/)).toBe(groups.length);
  expect(count(svg, /class="mark-area role-mark/)).toBe(2 * groups.length);
});

test("the chart answers without /api and with the default horizon",
  async () => {
    const res = await chart("/chart/sex.svg");
    expect(res.status).toBe(200);
    expect(texts(res.body as string).join(" ")).toMatch(/5-year forecast/);
  });

test("an SVG may not run script where it is opened", async () => {
  const res = await chart("/api/chart/sex.svg?years_ahead=2");
  expect(res.headers["content-security-policy"]).toMatch(/default-src 'none'/);
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  expect(res.body as string).not.toMatch(/<script/i);
});

test.each([
  ["years_ahead=0", /^years_ahead must be a whole number from 1 to 10/],
  ["years_ahead=11", /whole number from 1 to 10 \(got "11"\)/],
  ["years_ahead=2.5", /whole number/],
  ["years_ahead=0x5", /whole number/],
  ["years_ahead=", /whole number/],
  ["years_ahead=3&years_ahead=4", /whole number/],
  ["model=theta", /^model must be one of: auto, lstm/],
  ["color=red", /^Unknown query parameter 'color'/],
])("?%s → 400 naming the problem", async (query, message) => {
  const res = await request(app).get(`/api/chart/sex.svg?${query}`);
  expect(res.status).toBe(400);
  expect(res.body.error).toMatch(message);
});

test.each([
  ["/api/chart/planets.svg", 400, /Unknown category 'planets'/],
  ["/api/chart/sex", 404, /No route/],
  ["/api/chart/sex.png", 404, /No route/],
])("%s → %d", async (url, status, message) => {
  const res = await request(app).get(url);
  expect(res.status).toBe(status);
  expect(res.body.error).toMatch(message);
});

test("POST on a chart is a 405", async () => {
  const res = await request(app).post("/api/chart/sex.svg").send({});
  expect(res.status).toBe(405);
  expect(res.headers.allow).toBe("GET");
});

test("a chart is cacheable: same tag, 304, a new tag after an edit",
  async () => {
    const url = "/api/chart/civil_status.svg?years_ahead=3";
    const first = await chart(url);
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers["cache-control"]).toMatch(/^public, max-age=\d+/);
    const again = await chart(url);
    expect(again.headers.etag).toBe(first.headers.etag);

    const cached = await request(app)
      .get(url)
      .set("If-None-Match", first.headers.etag);
    expect(cached.status).toBe(304);
    expect(cached.text).toBe("");

    const other = await chart("/api/chart/civil_status.svg?years_ahead=4");
    expect(other.headers.etag).not.toBe(first.headers.etag);

    // An edited history shows in the chart before any retraining.
    history.set(
      "civil_status",
      syntheticHistory("civil_status", { ...YEARS, seed: 99 })
    );
    const edited = await request(app)
      .get(url)
      .set("If-None-Match", first.headers.etag);
    expect(edited.status).toBe(200);
    expect(edited.headers.etag).not.toBe(first.headers.etag);
  });
