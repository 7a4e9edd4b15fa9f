/**
 * The service and the express app as the API tests build them: real
 * local stores under a test's temporary directory, the tiny LSTM, no
 * logs, and the fake token verifier (a stand-in for Firebase Auth, which
 * the emulator tests use for real).
 */
import * as path from "node:path";
import type { Express } from "express";
import { createApp, type AppOptions } from "../../src/api/app";
import type { HistorySource } from "../../src/data/history-source";
import { silentLogger } from "../../src/domain/logger";
import {
  ForecastService,
  type ForecastServiceOptions,
} from "../../src/service/forecast-service";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import { FakeTokenVerifier } from "./fake-token-verifier";
import { TINY_CONFIG } from "./tiny-config";

/** A service on `dir`/models and `dir`/registry. */
export function localService(
  dir: string,
  history: HistorySource,
  overrides: Partial<ForecastServiceOptions> = {}
): ForecastService {
  return new ForecastService({
    history,
    blobs: new LocalBlobStore(path.join(dir, "models")),
    registry: new FileModelRegistry(path.join(dir, "registry")),
    logger: silentLogger,
    config: TINY_CONFIG,
    ...overrides,
  });
}

/** The app around `service`, allowing localhost origins. */
export function testApp(
  service: ForecastService,
  modelStore: string,
  overrides: Partial<AppOptions> = {}
): Express {
  return createApp({
    service,
    logger: silentLogger,
    corsOrigins: "http://localhost:*",
    version: "test",
    modelStore,
    verifier: new FakeTokenVerifier(),
    ...overrides,
  });
}
