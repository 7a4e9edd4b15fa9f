import { defineString } from "firebase-functions/params";
import { LOCALHOST_ORIGINS } from "../api/cors-origins";

/**
 * Deploy-time configuration. Values come from functions/.env.<project> or
 * the deploy prompt; read them with .value() inside handlers only.
 */

export const serviceRegion = defineString("SERVICE_REGION", {
  default: "asia-southeast1",
  description: "Region every function of this service is deployed to.",
});

export const corsOrigins = defineString("CORS_ORIGINS", {
  default: LOCALHOST_ORIGINS,
  description:
    "Comma-separated browser origins allowed to call the API; " +
    "host:* allows any port, * allows all.",
});

export const modelBucket = defineString("MODEL_BUCKET", {
  default: "",
  description:
    "Cloud Storage bucket for model artifacts; empty means the " +
    "project's default bucket.",
});
