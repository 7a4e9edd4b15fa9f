/**
 * Who may do what, end to end: real ID tokens from the Auth emulator sent
 * to the `api` function on the functions emulator, whose Admin SDK checks
 * them against that same Auth emulator (the functions emulator passes it
 * FIREBASE_AUTH_EMULATOR_HOST). Nothing is mocked.
 *
 * No token → 401; a signed-in user without the claim → 403; an admin
 * (claim set by `npm run cli -- grant-admin`) trains and rolls back; the
 * same admin after `revoke-admin` → 401 with the old token, 403 with a
 * new one. grant/revoke keep a user's other custom claims.
 *
 * `npm test` at the repo root runs this file inside
 * `firebase emulators:exec --only firestore,functions,tasks,auth`; run any
 * other way, the suite is skipped with a message saying so.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { deleteApp, initializeApp, type App } from "firebase-admin/app";
import { type Auth, getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import { grantAdmin, revokeAdmin } from "../../src/platform/admin-claims";
import { callJson, findApiBase } from "./functions-api";
import {
  createTestUser,
  signIn,
  type TestUser,
} from "./id-tokens";
import {
  describeOnFunctionsEmulators,
  hub,
  project,
} from "./emulator-guard";

const describeOnEmulators = describeOnFunctionsEmulators("auth emulator tests");

const CLI = path.resolve(__dirname, "..", "..", "..", "scripts", "cli.js");
const runFile = promisify(execFile);

/** Sex, the smallest category: 15 years keep the training short. */
const FIRST_YEAR = 1996;
const LAST_YEAR = 2010;

/** `node scripts/cli.js <args>` as an operator runs it; its stdout. */
async function cli(...args: string[]): Promise<string> {
  try {
    const { stdout } = await runFile(process.execPath, [CLI, ...args], {
      env: process.env,
    });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`cli ${args.join(" ")} failed: ${stderr}`, {
      cause: error,
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Replaces whatever sex history earlier files left with a known one. */
async function seedSexHistory(app: App): Promise<void> {
  const db = getFirestore(app);
  await db.recursiveDelete(db.doc("emigrantData/sex"));
  const years = db.collection("emigrantData/sex/years");
  const batch = db.batch();
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const t = year - FIRST_YEAR;
    batch.set(years.doc(String(year)), {
      MALE: 20500 + 430 * t + (t % 3) * 110,
      FEMALE: 32000 + 790 * t - (t % 4) * 140,
    });
  }
  await batch.commit();
}

describeOnEmulators("admin routes with real ID tokens", () => {
  let app: App;
  let auth: Auth;
  let base: string;
  let admin: TestUser;
  let adminToken: string;
  /** When the admin's token was issued: revocation works in seconds. */
  let adminSignedInAt: number;
  let userToken: string;
  let trainedVersion = "";

  beforeAll(async () => {
    base = await findApiBase(String(hub), String(project));
    app = initializeApp({ projectId: project }, "auth-emulator-test");
    auth = getAuth(app);
    await seedSexHistory(app);

    admin = await createTestUser(auth, "admin");
    const granted = await cli("grant-admin", admin.email);
    expect(granted).toMatch(`${admin.email} (${admin.uid}) is now an admin`);
    adminToken = await signIn(admin);
    adminSignedInAt = Date.now();

    userToken = await signIn(await createTestUser(auth, "user"));
  });

  afterAll(async () => {
    if (app) await deleteApp(app);
  });

  it.each([
    ["/api/train/sex", undefined],
    ["/api/models/sex/rollback", { version: "20260101T000000000Z-abcdef" }],
  ])("POST %s without a token → 401", async (route, body) => {
    const res = await callJson("POST", `${base}${route}`, { body });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
    expect(String(res.body.error)).toMatch(/ID token/);
  });

  it("refuses a token the Auth emulator did not issue → 401", async () => {
    const res = await callJson("POST", `${base}/api/train/sex`, {
      idToken: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/invalid_token/);
  });

  it.each([
    ["/api/train/sex", undefined],
    ["/api/models/sex/rollback", { version: "20260101T000000000Z-abcdef" }],
  ])("POST %s with a signed-in non-admin → 403", async (route, body) => {
    const res = await callJson("POST", `${base}${route}`, {
      body,
      idToken: userToken,
    });
    expect(res.status).toBe(403);
    expect(String(res.body.error)).toMatch(/not an admin/);
  });

  it("lets the admin train sex, answering the new version", async () => {
    const res = await callJson("POST", `${base}/api/train/sex`, {
      idToken: adminToken,
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toEqual(expect.stringMatching(/sex/));
    expect(Number.isFinite(res.body.final_loss)).toBe(true);
    expect(typeof res.body.version).toBe("string");
    trainedVersion = String(res.body.version);

    const info = await callJson("GET", `${base}/api/model-info/sex`);
    expect(info.status).toBe(200);
    expect(info.body.training_years).toBe(`${FIRST_YEAR} - ${LAST_YEAR}`);
    const versions = info.body.versions as { version: string }[];
    expect(versions.map((v) => v.version)).toContain(trainedVersion);
  });

  it("lets the admin roll back to a kept version", async () => {
    expect(trainedVersion).not.toBe("");
    const res = await callJson("POST", `${base}/api/models/sex/rollback`, {
      body: { version: trainedVersion },
      idToken: adminToken,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: trainedVersion, pinned: true });
  });

  it("refuses the admin's token once revoke-admin ran → 401", async () => {
    // Revocation compares whole seconds: the token must predate it.
    await sleep(Math.max(0, adminSignedInAt + 1100 - Date.now()));
    const revoked = await cli("revoke-admin", admin.uid);
    expect(revoked).toMatch(`${admin.email} (${admin.uid}) is no longer`);

    const old = await callJson("POST", `${base}/api/train/sex`, {
      idToken: adminToken,
    });
    expect(old.status).toBe(401);
    expect(String(old.body.error)).toMatch(/revoked/);

    // Signing in again works, but the claim is gone.
    const fresh = await callJson("POST", `${base}/api/train/sex`, {
      idToken: await signIn(admin),
    });
    expect(fresh.status).toBe(403);
  });

  it("grant and revoke keep the user's other custom claims", async () => {
    const user = await createTestUser(auth, "claims");
    await auth.setCustomUserClaims(user.uid, { region: "NCR", tier: 2 });

    const granted = await grantAdmin(auth, user.email);
    expect(granted).toMatchObject({ uid: user.uid, wasAdmin: false });
    expect((await auth.getUser(user.uid)).customClaims).toEqual({
      region: "NCR",
      tier: 2,
      admin: true,
    });

    const revoked = await revokeAdmin(auth, user.uid);
    expect(revoked.wasAdmin).toBe(true);
    const after = await auth.getUser(user.uid);
    expect(after.customClaims).toEqual({ region: "NCR", tier: 2 });
    expect(after.tokensValidAfterTime).toEqual(expect.any(String));
  });

  it("grant-admin names an unknown user and changes nothing", async () => {
    await expect(cli("grant-admin", "nobody@example.test")).rejects.toThrow(
      /No user with the email or uid 'nobody@example.test'/
    );
  });
});
