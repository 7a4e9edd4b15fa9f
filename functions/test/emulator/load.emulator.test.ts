/**
 * The bounded load test (src/bench/load-test.ts) against the api function
 * on the functions emulator: sex is trained over HTTP with an admin's ID
 * token, then 2,000 forecasts are asked for, 20 at a time, from 127.0.0.1.
 * Every answer must be a 200 forecast; the figures are printed.
 *
 * Runs inside `firebase emulators:exec --only
 * firestore,functions,tasks,auth` (see api.emulator.test.ts); skipped
 * otherwise.
 */
import { deleteApp, initializeApp, type App } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import { formatLoadReport, runLoad } from "../../src/bench/load-test";
import { callJson, findApiBase } from "./functions-api";
import { adminIdToken } from "./id-tokens";
import {
  describeOnFunctionsEmulators,
  hub,
  project,
} from "./emulator-guard";

const describeOnEmulators = describeOnFunctionsEmulators("load test");

describeOnEmulators("load on the api function", () => {
  let app: App;
  let base: string;

  beforeAll(async () => {
    base = await findApiBase(String(hub), String(project));
    app = initializeApp({ projectId: project }, `load-test-${Date.now()}`);
    const years = getFirestore(app)
      .collection("emigrantData")
      .doc("sex")
      .collection("years");
    const batch = getFirestore(app).batch();
    for (let year = 1996; year <= 2012; year++) {
      const t = year - 1996;
      batch.set(years.doc(String(year)), {
        MALE: 22000 + 500 * t + (t % 3) * 90,
        FEMALE: 34000 + 760 * t - (t % 4) * 130,
      });
    }
    await batch.commit();
    const idToken = await adminIdToken(getAuth(app));
    const trained = await callJson("POST", `${base}/api/train/sex`, {
      idToken,
    });
    expect(trained.status).toBe(200);
  });

  afterAll(async () => {
    if (app) await deleteApp(app);
  });

  it("answers 2,000 forecasts at concurrency 20 without an error",
    async () => {
      const report = await runLoad({
        apiBase: base,
        category: "sex",
        requests: 2000,
        concurrency: 20,
        // The emulator starts a worker process per request in flight.
        warmupRequests: 400,
        yearsAhead: 2,
        requestTimeoutMs: 10_000,
        deadlineMs: 150_000,
      });
      console.log(formatLoadReport(report));
      expect(report.errorSamples).toEqual([]);
      expect(report.errors).toBe(0);
      expect(report.statuses).toEqual({ 200: 2000 });
    },
    480_000
  );
});
