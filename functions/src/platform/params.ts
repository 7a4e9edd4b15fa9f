import { defineInt, defineString } from "firebase-functions/params";
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

export const retrainWindowSeconds = defineInt("RETRAIN_DELAY_SECONDS", {
  default: 60,
  description:
    "Edits of one category within this many seconds coalesce into one " +
    "retraining, which runs when the window ends.",
});

export const retrainQuietSeconds = defineInt("RETRAIN_QUIET_SECONDS", {
  default: 5,
  description:
    "A retraining waits until no edit of its category arrived for this " +
    "many seconds before reading the history.",
});

export const refreshSchedule = defineString("REFRESH_SCHEDULE", {
  default: "0 3 * * *",
  description: "When the nightly refresh runs (cron syntax).",
});

export const refreshTimeZone = defineString("REFRESH_TIME_ZONE", {
  default: "Asia/Manila",
  description: "Time zone of REFRESH_SCHEDULE.",
});

export const modelMaxAgeDays = defineInt("MODEL_MAX_AGE_DAYS", {
  default: 30,
  description:
    "The nightly refresh retrains a model this many days old even when " +
    "its history did not change.",
});

export const modelVersionsKept = defineInt("MODEL_VERSIONS_KEPT", {
  default: 5,
  description:
    "Model versions kept per category; older ones are deleted nightly " +
    "(the serving one never is).",
});
