import express, { type Request, type Router } from "express";
import { historyHash } from "../domain/history-hash";
import type { ForecastService } from "../service/forecast-service";
import { parseCategory } from "./category-param";
import { answerConditionally, entityTag } from "./etag";
import { HttpError, methodNotAllowed } from "./http-errors";
import { describeIssues, forecastQuerySchema } from "./schemas";

/**
 * An SVG is a document that could run script; this one never needs to,
 * so a browser opening it directly is told to run none.
 */
const SVG_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
  "X-Content-Type-Options": "nosniff",
};

/**
 * `GET /api/chart/<category>.svg?years_ahead=n&model=auto`: the
 * category's history and served forecast as a chart, for analysts and
 * for an <img> in the dashboard.
 *
 * The validators come before the drawing: a cache that already holds
 * the chart gets its 304 without Vega being loaded or run. The tag
 * covers the forecast (model version, totals) and the history as read
 * now, so an edit not yet retrained still shows up in the chart.
 */
export function chartRoute(service: ForecastService): Router {
  const router = express.Router();

  router
    .route("/chart/:category.svg")
    .get(async (req, res) => {
      const category = parseCategory(req.params.category);
      const query = parseQuery(req);
      const [forecast, history] = await Promise.all([
        service.predict(category, query.years_ahead, query.model),
        service.readHistory(category),
      ]);
      const tag = entityTag("chart", query, forecast, historyHash(history));
      await answerConditionally(req, res, tag, async () => {
        const { categoryChartSvg } = await import("../chart/category-chart");
        const svg = await categoryChartSvg(history, forecast);
        res.type("image/svg+xml").set(SVG_HEADERS).send(svg);
      });
    })
    .all(methodNotAllowed(["GET"]));

  return router;
}

function parseQuery(req: Request) {
  const result = forecastQuerySchema.safeParse(req.query);
  if (!result.success) {
    throw new HttpError(400, describeIssues(result.error, req.query));
  }
  return result.data;
}
