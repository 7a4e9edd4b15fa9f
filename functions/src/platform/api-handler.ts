import type { Request, Response } from "express";
import { createApp } from "../api/app";
import { SERVICE_VERSION } from "../version";
import { auth } from "./firebase-services";
import { runtimeTokenVerifier } from "./firebase-token-verifier";
import { corsOrigins } from "./params";
import { cloudLogger, sharedFirebaseService } from "./production-service";

let app: ReturnType<typeof createApp> | undefined;

/**
 * The `api` function's handler. The express app, the Admin SDK and the
 * model store are built on the first request of an instance, not at
 * import, and reused by every later request.
 */
export function handleApiRequest(req: Request, res: Response): void {
  app ??= buildApp();
  app(req, res);
}

function buildApp(): ReturnType<typeof createApp> {
  const { service } = sharedFirebaseService();
  return createApp({
    service,
    logger: cloudLogger,
    corsOrigins: corsOrigins.value(),
    version: SERVICE_VERSION,
    modelStore: service.modelStoreLocation,
    verifier: runtimeTokenVerifier(process.env, auth),
  });
}
