/**
 * predict_warm_ms: `POST /api/predict/<category>` through the express app
 * over real HTTP on a loopback port, one request at a time on one
 * keep-alive connection, after the model and its history are loaded.
 * Each sample runs from just before the request is written to the end of
 * the answer's body, so it includes express, JSON and the socket, not
 * only the forecast.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { createApp } from "../api/app";
import { refuseAllTokens } from "../api/token-verifier";
import type { Category } from "../domain/categories";
import { silentLogger } from "../domain/logger";
import type { ForecastService } from "../service/forecast-service";
import { modelVersionOf, postJson } from "./http-post";

export interface WarmPredictOptions {
  service: ForecastService;
  category: Category;
  /** Timed requests, e.g. 1000. */
  requests: number;
  /** Untimed requests first: JIT, caches, the first model load. */
  warmup: number;
  yearsAhead: number;
}

/** Starts the app on 127.0.0.1 and an ephemeral port. */
export function listenOnLoopback(
  handler: http.RequestListener
): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

export function urlOf(server: http.Server, route: string): string {
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}${route}`;
}

/** Per-request latencies in ms, in the order they ran. */
export async function measureWarmPredict(
  options: WarmPredictOptions
): Promise<number[]> {
  const app = createApp({
    service: options.service,
    logger: silentLogger,
    corsOrigins: "http://localhost:*",
    version: "bench",
    modelStore: options.service.modelStoreLocation,
    // Predict only: no admin route is called, so no token is accepted.
    verifier: refuseAllTokens,
  });
  const server = await listenOnLoopback(app);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = urlOf(server, `/api/predict/${options.category}`);
  const payload = { years_ahead: options.yearsAhead };
  try {
    for (let i = 0; i < options.warmup; i++) {
      modelVersionOf(await postJson(url, payload, agent));
    }
    const samples: number[] = [];
    for (let i = 0; i < options.requests; i++) {
      const startedAt = performance.now();
      const answer = await postJson(url, payload, agent);
      samples.push(performance.now() - startedAt);
      // Checked after the clock stops, but always: a fast 404 is no figure.
      if (answer.status !== 200) modelVersionOf(answer);
    }
    return samples;
  } finally {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}
