/**
 * A chart as a person sees it: served by the API, opened in headless
 * Chromium, screenshot to PNG and decoded. The picture must not be
 * blank, must show history and forecast in their colours, the forecast
 * to the right of the history, and the interval bands. Skips loudly
 * where Chromium is not installed.
 *
 * Set CHART_SCREENSHOTS to a directory to keep the PNGs for a look.
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PNG } from "pngjs";
import { readFileSync } from "node:fs";
import request from "supertest";
import { syntheticHistory } from "../../src/data/synthetic-history";
import type { Category } from "../../src/domain/categories";
import { findChromium, screenshot, skipLoudly } from "../support/chromium";
import { listen } from "../support/listen";
import { appOver } from "../support/service-double";
import { syntheticForecast } from "../support/synthetic-forecast";

const browser = findChromium();
if (!browser.found) skipLoudly(browser.reason);
const inBrowser = browser.found ? test : test.skip;

const histories = new Map(
  (["sex", "origin"] as Category[]).map((category, seed) => [
    category,
    syntheticHistory(category, { fromYear: 1988, toYear: 2015, seed }),
  ])
);

const app = appOver({
  predict: async (category: Category, yearsAhead: number) =>
    syntheticForecast(category, histories.get(category)!, yearsAhead),
  readHistory: async (category: Category) => histories.get(category),
});

let server: Awaited<ReturnType<typeof listen>> | null = null;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-chart-shot-"));
  if (browser.found) server = await listen(app);
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

type Rgb = [number, number, number];

/** Pixels within `tolerance` (sum of channel differences) of a colour. */
function near(png: PNG, colour: Rgb, tolerance: number) {
  const xs: number[] = [];
  for (let i = 0; i < png.data.length; i += 4) {
    const d =
      Math.abs(png.data[i] - colour[0]) +
      Math.abs(png.data[i + 1] - colour[1]) +
      Math.abs(png.data[i + 2] - colour[2]);
    if (d <= tolerance) xs.push((i / 4) % png.width);
  }
  return xs;
}

const rightmost = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), 0);

inBrowser.each(["sex", "origin"])(
  "the %s chart shows history, forecast and bands",
  async (category) => {
    if (!browser.found || !server) throw new Error("no browser or server");
    const url = `/api/chart/${category}.svg?years_ahead=5`;
    const svg = await request(app).get(url).buffer(true).parse((res, done) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => done(null, text));
    });
    const [, width, height] =
      /^<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg.body as string) ?? [];
    const file = path.join(dir, `${category}.png`);
    await screenshot(
      browser.executable,
      `${server.base}${url}`,
      { width: Number(width), height: Number(height) },
      file
    );
    const png = PNG.sync.read(readFileSync(file));
    if (process.env.CHART_SCREENSHOTS) {
      await copyFile(file, path.join(process.env.CHART_SCREENSHOTS, `${category}.png`));
    }
    expect(png.width).toBe(Number(width));

    const pixels = png.width * png.height;
    const inked = pixels - near(png, [255, 255, 255], 30).length;
    expect(inked / pixels).toBeGreaterThan(0.03);

    const history = near(png, [0x1d, 0x4e, 0x89], 60);
    const forecast = near(png, [0xc2, 0x41, 0x0c], 60);
    // The 80 % band, drawn over the 95 % band.
    const band80 = near(png, [0xf5, 0xa4, 0x75], 45);
    expect(history.length).toBeGreaterThan(300);
    expect(forecast.length).toBeGreaterThan(50);
    expect(band80.length).toBeGreaterThan(200);
    // Each panel ends with its forecast, right of where history stops
    // (the legend's swatches sit at the left, so compare right edges).
    expect(rightmost(forecast)).toBeGreaterThan(rightmost(history));
  }
);
