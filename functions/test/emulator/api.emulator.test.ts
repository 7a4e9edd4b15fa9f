/**
 * End to end on the Firebase emulators: a small history written to the
 * Firestore emulator is trained and forecast by the deployed-shape `api`
 * function on the functions emulator, over real HTTP.
 *
 * `npm test` at the repo root runs this file inside
 * `firebase emulators:exec --only firestore,functions,tasks,auth`, which
 * sets FIRESTORE_EMULATOR_HOST, FIREBASE_EMULATOR_HUB,
 * FIREBASE_AUTH_EMULATOR_HOST and GCLOUD_PROJECT; run any other way, the
 * suite is skipped with a message saying so.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { deleteApp, initializeApp, type App } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import { callJson, findApiBase, type JsonResponse } from "./functions-api";
import { adminIdToken } from "./id-tokens";
import {
  describeOnFunctionsEmulators,
  firestoreHost,
  hub,
  project,
} from "./emulator-guard";

const describeOnEmulators = describeOnFunctionsEmulators("emulator tests");

/** A short history: 15 years keep the default recipe's training brief. */
const FIRST_YEAR = 1996;
const LAST_YEAR = 2010;
const YEARS_AHEAD = 3;

/** Smooth, distinct trends so a broken scaler or group order shows. */
function sexHistory(): Map<number, { MALE: number; FEMALE: number }> {
  const rows = new Map<number, { MALE: number; FEMALE: number }>();
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const t = year - FIRST_YEAR;
    rows.set(year, {
      MALE: 21000 + 450 * t + (t % 3) * 120,
      FEMALE: 33000 + 820 * t - (t % 4) * 150,
    });
  }
  return rows;
}

/** The public routes, which take no token. */
function call(
  method: "GET" | "POST",
  url: string,
  body?: unknown
): Promise<JsonResponse> {
  return callJson(method, url, { body });
}

/** Empties the emulator's database so earlier runs and files leave nothing. */
async function clearFirestore(): Promise<void> {
  const url =
    `http://${firestoreHost}/emulator/v1/projects/${project}` +
    "/databases/(default)/documents";
  const response = await fetch(url, { method: "DELETE" });
  if (!response.ok) {
    throw new Error(`clearing the Firestore emulator: ${response.status}`);
  }
}

describeOnEmulators("api function on the emulators", () => {
  let app: App;
  let base: string;
  /** Training needs an admin's ID token, minted on the Auth emulator. */
  let idToken: string;

  beforeAll(async () => {
    base = await findApiBase(String(hub), String(project));
    await clearFirestore();
    app = initializeApp({ projectId: project }, "api-emulator-test");
    idToken = await adminIdToken(getAuth(app));
    const db = getFirestore(app);
    const years = db.collection("emigrantData").doc("sex").collection("years");
    const batch = db.batch();
    for (const [year, counts] of sexHistory()) {
      batch.set(years.doc(String(year)), counts);
    }
    await batch.commit();
  });

  afterAll(async () => {
    if (app) await deleteApp(app);
  });

  it("answers GET /api/health and GET /health", async () => {
    for (const route of ["/api/health", "/health"]) {
      const { status, body } = await call("GET", `${base}${route}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        status: "healthy",
        message: "API is running",
      });
      expect(typeof body.backend).toBe("string");
    }
  });

  it("says how to train a category that has no model", async () => {
    // Not sex: its "no model" answer could be cached for a few seconds.
    const { status, body } = await call("POST", `${base}/api/predict/age`, {
      years_ahead: 2,
    });
    expect(status).toBe(404);
    expect(String(body.error)).toMatch(/train/i);
  });

  let version = "";

  it("trains sex from the Firestore history over HTTP", async () => {
    const { status, body } = await callJson("POST", `${base}/api/train/sex`, {
      idToken,
    });
    expect(status).toBe(200);
    expect(typeof body.message).toBe("string");
    expect(Number.isFinite(body.final_loss)).toBe(true);
    expect(Number.isFinite(body.final_mae)).toBe(true);
    expect(typeof body.version).toBe("string");
    version = body.version as string;
    expect(version).not.toBe("");
  });

  it("keeps the artifacts in the LOCAL_MODEL_DIR it was given", () => {
    const modelDir = process.env.LOCAL_MODEL_DIR;
    if (!modelDir) {
      console.warn("LOCAL_MODEL_DIR unset: artifact location not checked");
      return;
    }
    const versionDir = path.join(modelDir, "models", "sex", version);
    expect(fs.existsSync(path.join(versionDir, "model.json"))).toBe(true);
  });

  it("serves the metadata of the trained model", async () => {
    const { status, body } = await call("GET", `${base}/model-info/sex`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      category: "sex",
      version,
      training_years: `${FIRST_YEAR} - ${LAST_YEAR}`,
      num_years: LAST_YEAR - FIRST_YEAR + 1,
      feature_names: ["MALE", "FEMALE"],
    });
    expect(Number.isNaN(Date.parse(String(body.last_trained)))).toBe(false);
  });

  it("forecasts the years after the history, whole and non-negative",
    async () => {
      const { status, body } = await call("POST", `${base}/api/predict/sex`, {
        years_ahead: YEARS_AHEAD,
      });
      expect(status).toBe(200);
      expect(body.category).toBe("sex");
      const years = body.predictions as {
        year: number;
        predictions: Record<string, number>;
      }[];
      expect(years.map((y) => y.year)).toEqual(
        Array.from({ length: YEARS_AHEAD }, (_, i) => LAST_YEAR + 1 + i)
      );
      for (const { predictions } of years) {
        expect(Object.keys(predictions)).toEqual(["MALE", "FEMALE"]);
        for (const count of Object.values(predictions)) {
          expect(Number.isInteger(count)).toBe(true);
          expect(count).toBeGreaterThanOrEqual(0);
        }
      }

      // The serving instance keeps the model: the same answer again.
      const again = await call("POST", `${base}/predict/sex`, {
        years_ahead: YEARS_AHEAD,
      });
      expect(again.body).toEqual(body);
    });

  it("rejects years_ahead 11 with a 400 naming the field", async () => {
    const { status, body } = await call("POST", `${base}/api/predict/sex`, {
      years_ahead: 11,
    });
    expect(status).toBe(400);
    expect(String(body.error)).toMatch(/years_ahead/);
  });

  it("refuses a body over 10 KB the platform already parsed", async () => {
    const res = await call("POST", `${base}/api/predict/sex`, {
      years_ahead: 2,
      pad: "x".repeat(11_000),
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/too large/);
  });

  it("rejects an unknown category with a 400", async () => {
    const { status, body } = await call("POST", `${base}/api/predict/sexx`, {
      years_ahead: 2,
    });
    expect(status).toBe(400);
    expect(String(body.error)).toMatch(/sexx/);
  });
});
