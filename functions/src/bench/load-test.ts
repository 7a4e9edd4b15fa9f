/**
 * A bounded load test of the forecast route: a fixed number of
 * `POST <api>/api/predict/<category>` requests, a fixed number in flight,
 * against a server on this machine only. It measures what one instance
 * of the api function answers from memory, and counts every answer that
 * is not a forecast as an error.
 */
import * as http from "node:http";
import { performance } from "node:perf_hooks";
import { postJson } from "./http-post";
import { roundTo, summarizePercentiles, type PercentileSummary } from "./stats";

export interface LoadOptions {
  /** The api function's base URL, e.g. http://127.0.0.1:5001/p/r/api. */
  apiBase: string;
  category: string;
  /** Requests to send in all. Typical: 2000. */
  requests: number;
  /** Requests in flight at once. Typical: 20. */
  concurrency: number;
  /**
   * Requests sent first at the same concurrency and not counted, so the
   * figures are of a warm server. The functions emulator runs each
   * request in a worker process of its own and starts one per request in
   * flight; starting twenty on a small machine takes seconds. Typical:
   * 20 × concurrency.
   */
  warmupRequests?: number;
  /** One request fails after this long without an answer, in ms. */
  requestTimeoutMs: number;
  /** No request starts after this long from the first, in ms. */
  deadlineMs: number;
  yearsAhead: number;
}

export interface LoadReport {
  url: string;
  requests: number;
  concurrency: number;
  /** Answers that were not a 200 forecast, and requests never sent. */
  errors: number;
  /** The first few errors, for the log. */
  errorSamples: string[];
  statuses: Record<string, number>;
  durationMs: number;
  requestsPerSecond: number;
  /** Latency of every answered request, in ms. */
  latencyMs: PercentileSummary | null;
  /** The warm-up requests and how many of them were not a forecast. */
  warmup: { requests: number; errors: number };
}

/** Upper bounds, so a typo cannot turn the test into a flood. */
export const MAX_REQUESTS = 20_000;
export const MAX_CONCURRENCY = 100;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/**
 * The predict URL for `options`, refusing anything but loopback and
 * bounds beyond the maxima: this tool must never load someone's server.
 */
export function predictUrl(options: LoadOptions): string {
  const url = new URL(
    `${options.apiBase.replace(/\/+$/, "")}/api/predict/` +
      encodeURIComponent(options.category)
  );
  if (url.protocol !== "http:" || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new RangeError(
      `the load test runs against this machine only (http://127.0.0.1); ` +
        `refusing ${url.origin}`
    );
  }
  const { requests, concurrency } = options;
  if (!(Number.isInteger(requests) && requests >= 1 && requests <= MAX_REQUESTS)) {
    throw new RangeError(`requests must be 1 to ${MAX_REQUESTS}: ${requests}`);
  }
  if (
    !(
      Number.isInteger(concurrency) &&
      concurrency >= 1 &&
      concurrency <= MAX_CONCURRENCY
    )
  ) {
    throw new RangeError(
      `concurrency must be 1 to ${MAX_CONCURRENCY}: ${concurrency}`
    );
  }
  return url.toString();
}

/** Why an answer is not a forecast of `yearsAhead` years, or null. */
export function answerProblem(
  status: number,
  body: string,
  yearsAhead: number
): string | null {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 120)}`;
  try {
    const parsed = JSON.parse(body) as { predictions?: unknown };
    if (
      Array.isArray(parsed.predictions) &&
      parsed.predictions.length === yearsAhead
    ) {
      return null;
    }
    return "200 without the forecast asked for";
  } catch {
    return "200 with a body that is not JSON";
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const url = predictUrl(options);
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: options.concurrency,
  });
  try {
    const warmupRequests = options.warmupRequests ?? 0;
    // Cold starts are what the warm-up absorbs, so it waits for them: a
    // request given up on would keep its worker busy and make the
    // emulator start yet another one.
    const warmup =
      warmupRequests > 0
        ? await sendAll(url, agent, {
            ...options,
            requests: warmupRequests,
            requestTimeoutMs: Math.max(options.requestTimeoutMs, 120_000),
            deadlineMs: Math.max(options.deadlineMs, 300_000),
          })
        : null;
    const phase = await sendAll(url, agent, options);
    return {
      url,
      requests: options.requests,
      concurrency: options.concurrency,
      errors: phase.errors,
      errorSamples: phase.errorSamples,
      statuses: phase.statuses,
      durationMs: roundTo(phase.durationMs, 1),
      requestsPerSecond: roundTo((phase.sent / phase.durationMs) * 1000, 1),
      latencyMs:
        phase.latencies.length > 0
          ? summarizePercentiles(phase.latencies, 2)
          : null,
      warmup: { requests: warmupRequests, errors: warmup?.errors ?? 0 },
    };
  } finally {
    agent.destroy();
  }
}

interface Phase {
  sent: number;
  errors: number;
  errorSamples: string[];
  statuses: Record<string, number>;
  latencies: number[];
  durationMs: number;
}

/** `options.requests` requests, `options.concurrency` in flight. */
async function sendAll(
  url: string,
  agent: http.Agent,
  options: LoadOptions
): Promise<Phase> {
  const phase: Phase = {
    sent: 0,
    errors: 0,
    errorSamples: [],
    statuses: {},
    latencies: [],
    durationMs: 0,
  };
  const noteError = (problem: string) => {
    phase.errors += 1;
    if (phase.errorSamples.length < 5) phase.errorSamples.push(problem);
  };
  const started = performance.now();

  const worker = async () => {
    while (phase.sent < options.requests) {
      if (performance.now() - started > options.deadlineMs) return;
      phase.sent += 1;
      const sent = performance.now();
      try {
        const answer = await postJson(
          url,
          { years_ahead: options.yearsAhead },
          agent,
          options.requestTimeoutMs
        );
        phase.latencies.push(performance.now() - sent);
        phase.statuses[answer.status] =
          (phase.statuses[answer.status] ?? 0) + 1;
        const problem = answerProblem(
          answer.status,
          answer.body,
          options.yearsAhead
        );
        if (problem) noteError(problem);
      } catch (error) {
        phase.statuses.network = (phase.statuses.network ?? 0) + 1;
        noteError(error instanceof Error ? error.message : String(error));
      }
    }
  };

  await Promise.all(
    Array.from({ length: options.concurrency }, () => worker())
  );
  phase.durationMs = performance.now() - started;
  const unsent = options.requests - phase.sent;
  if (unsent > 0) {
    phase.errors += unsent;
    phase.errorSamples.push(
      `${unsent} requests not sent within ${options.deadlineMs} ms`
    );
  }
  return phase;
}

/** One line a person reads: counts, latency percentiles, throughput. */
export function formatLoadReport(report: LoadReport): string {
  const latency = report.latencyMs
    ? `p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, ` +
      `max ${report.latencyMs.max} ms`
    : "no answers";
  return (
    `load: ${report.requests} requests to ${report.url} at concurrency ` +
    `${report.concurrency}: ${report.errors} errors; ${latency}; ` +
    `${report.requestsPerSecond} req/s over ` +
    `${roundTo(report.durationMs / 1000, 2)} s (after ` +
    `${report.warmup.requests} warm-up requests, ` +
    `${report.warmup.errors} of them errors)`
  );
}
