import type { Express } from "express";
import { createApp } from "../../src/api/app";
import type { Logger } from "../../src/domain/logger";
import { silentLogger } from "../../src/domain/logger";
import type { ForecastService } from "../../src/service/forecast-service";
import { FakeTokenVerifier } from "./fake-token-verifier";

/**
 * The express app over a stand-in for the ForecastService: each method a
 * test gives answers as it says, any other one throws. For tests of the
 * HTTP layer alone (CORS, the error boundary) that need no model.
 */
export function appOver(
  methods: Partial<Record<keyof ForecastService, unknown>>,
  options: { corsOrigins?: string; logger?: Logger } = {}
): Express {
  const service = new Proxy(methods, {
    get(target, key) {
      if (key in target) return target[key as keyof typeof target];
      if (key === "modelStoreLocation") return "memory://double";
      return () => {
        throw new Error(`service double: ${String(key)} not given`);
      };
    },
  }) as unknown as ForecastService;
  return createApp({
    service,
    logger: options.logger ?? silentLogger,
    corsOrigins: options.corsOrigins ?? "http://localhost:*",
    version: "test",
    modelStore: "memory://double",
    verifier: new FakeTokenVerifier(),
  });
}

/** A Logger that keeps every entry, for tests that assert on logs. */
export class RecordingLogger implements Logger {
  readonly entries: {
    severity: string;
    message: string;
    context: Record<string, unknown>;
  }[] = [];

  debug(message: string, context: Record<string, unknown> = {}) {
    this.entries.push({ severity: "debug", message, context });
  }
  info(message: string, context: Record<string, unknown> = {}) {
    this.entries.push({ severity: "info", message, context });
  }
  warn(message: string, context: Record<string, unknown> = {}) {
    this.entries.push({ severity: "warn", message, context });
  }
  error(message: string, context: Record<string, unknown> = {}) {
    this.entries.push({ severity: "error", message, context });
  }
}
