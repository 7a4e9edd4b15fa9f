/**
 * The cold instance of predict_cold_ms: a fresh process that loads the
 * functions' module graph (lib/index.js, as the runtime does before the
 * first request), then, like platform/api-handler.ts, builds the service
 * and the express app on the first request, but on local stores: a
 * LocalBlobStore and a FileModelRegistry instead of Storage and
 * Firestore. The model, its preprocessing and the tfjs backend are all
 * loaded by that first predict. Exits when the bench says "exit".
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { Express } from "express";
import type { ColdChildMessage } from "./cold-protocol";

const [blobsDir, registryDir] = process.argv.slice(2);

function tell(message: ColdChildMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  // What a cold instance loads before it can answer anything.
  await import("../index");
  const { createApp } = await import("../api/app");
  const { refuseAllTokens } = await import("../api/token-verifier");
  const { silentLogger } = await import("../domain/logger");
  const { localService, memoryHistorySource } = await import(
    "./model-store"
  );

  let app: Express | undefined;
  const server = http.createServer((req, res) => {
    // Built on first use, as handleApiRequest does.
    app ??= createApp({
      service: localService(
        { blobs: blobsDir, registry: registryDir },
        // Predict never reads history; a cold instance would not either.
        memoryHistorySource({}),
        silentLogger
      ),
      logger: silentLogger,
      corsOrigins: "http://localhost:*",
      version: "bench",
      modelStore: blobsDir,
      // Predict only: no admin route is called, so no token is accepted.
      verifier: refuseAllTokens,
    });
    app(req, res);
  });
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    tell({ kind: "listening", port, bootMs: performance.now() });
  });
  process.on("message", (message) => {
    if (message === "exit") process.exit(0);
  });
}

main().catch((error: unknown) => {
  tell({
    kind: "error",
    message: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});
