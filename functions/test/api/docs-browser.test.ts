/**
 * The docs page in a real headless Chromium: Swagger UI loads from the
 * function (no network beyond it), reads the document and lists every
 * route, with a lock on the two admin routes. Skips loudly where
 * Chromium is not installed.
 */
import { ROUTES } from "../../src/api/openapi-routes";
import { dumpDom, findChromium, skipLoudly } from "../support/chromium";
import { listen } from "../support/listen";
import { appOver } from "../support/service-double";

const browser = findChromium();
if (!browser.found) skipLoudly(browser.reason);
const inBrowser = browser.found ? test : test.skip;

let server: Awaited<ReturnType<typeof listen>> | null = null;

beforeAll(async () => {
  if (browser.found) server = await listen(appOver({}));
});

afterAll(async () => {
  await server?.close();
});

inBrowser.each(["/api/docs", "/docs"])(
  "%s lists every route of the document",
  async (page) => {
    if (!browser.found || !server) throw new Error("no browser or server");
    const dom = await dumpDom(browser.executable, `${server.base}${page}`);
    const listed = new Set(
      [...dom.matchAll(/class="opblock-summary-path" data-path="([^"]+)"/g)]
        .map((m) => m[1])
    );
    expect([...listed].sort()).toEqual(
      [...new Set(ROUTES.map((r) => r.path))].sort()
    );
    expect(dom).toContain("CFO emigration forecasts");
    const locks = dom.match(/class="authorization__btn"/g) ?? [];
    expect(locks).toHaveLength(ROUTES.filter((r) => r.admin).length);
  }
);
