import { createHash } from "node:crypto";
import type { Request, Response } from "express";

/**
 * HTTP validators for forecasts, so that a browser, the dashboard's
 * client or a CDN can keep an answer and ask only whether it changed.
 */

/**
 * A forecast may be reused for this long without asking. An instance
 * already trusts its copy of the serving pointer for 10 s (see
 * ServingModels), so caching as long adds little staleness; after that
 * a cache revalidates with If-None-Match and gets a bodiless 304 while
 * nothing changed.
 */
export const FORECAST_CACHE_CONTROL = "public, max-age=10, must-revalidate";

/**
 * Bumped when an answer's format changes without its inputs changing
 * (a new field, a new chart style), so that caches holding the old
 * format miss.
 */
const FORMAT_REVISION = 1;

/**
 * A strong entity tag over everything an answer is computed from. The
 * caller passes those inputs; for a forecast they are the request and
 * the served body, which carries the model version (a version is
 * trained on one history, whose hash it records) and the counts after
 * scaling to the yearly totals, so a new version, a new total forecast
 * or another request each give another tag. Equal inputs give the same
 * bytes, which is what a strong tag promises.
 */
export function entityTag(...inputs: unknown[]): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([FORMAT_REVISION, ...inputs]))
    .digest("hex");
  return `"${digest.slice(0, 32)}"`;
}

/**
 * Whether an If-None-Match header names `tag`. RFC 9110 compares weakly
 * here: a W/ prefix is ignored, and `*` matches any current answer.
 */
export function noneMatchHits(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header
    .split(",")
    .map((candidate) => candidate.trim().replace(/^W\//, ""))
    .includes(tag);
}

/**
 * Sets the validators and answers 304 without a body when the client
 * already holds this answer; otherwise lets `send` write it. The tag is
 * exposed to scripts of the allowed origins, since the dashboard is one.
 *
 * predict is a POST that changes nothing (a query with a body), so it
 * gets a 304 like a GET instead of the 412 that RFC 9110 prescribes for
 * methods with side effects: the client reuses the forecast it holds.
 */
export async function answerConditionally(
  req: Request,
  res: Response,
  tag: string,
  send: () => void | Promise<void>
): Promise<void> {
  res.set({ ETag: tag, "Cache-Control": FORECAST_CACHE_CONTROL });
  // Only where CORS let the origin in: others get no CORS header at all.
  if (res.get("Access-Control-Allow-Origin")) {
    res.append("Access-Control-Expose-Headers", "ETag");
  }
  if (noneMatchHits(req.get("If-None-Match"), tag)) {
    res.status(304).end();
    return;
  }
  await send();
}
