/**
 * Entry point of the Cloud Functions codebase: options and exports only.
 * Each handler lives in platform/ and builds what it needs on first use.
 */
import { setGlobalOptions } from "firebase-functions/v2";
import { onRequest } from "firebase-functions/v2/https";
import { handleApiRequest } from "./platform/api-handler";
import { serviceRegion } from "./platform/params";

setGlobalOptions({ region: serviceRegion, maxInstances: 10 });

/** The forecasting HTTP API: /api/health, /api/predict/<category>, ... */
export const api = onRequest(
  {
    // Training runs inside POST /api/train for now: it needs the memory
    // and the time of a training, not of a forecast.
    memory: "1GiB",
    timeoutSeconds: 540,
    concurrency: 8,
    cpu: 1,
  },
  handleApiRequest
);
