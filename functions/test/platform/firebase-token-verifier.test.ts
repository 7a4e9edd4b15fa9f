/**
 * FirebaseTokenVerifier with the real Admin SDK: which of the SDK's
 * failures mean "refuse the token" (401) and which "Firebase Auth is
 * unreachable" (503). The SDK's error codes are its internals, so they are
 * provoked rather than assumed: in emulator mode the SDK reads the user
 * record from FIREBASE_AUTH_EMULATOR_HOST, which here is a small local
 * server (or a closed port) standing in for the network service. Real
 * tokens from the real Auth emulator: test/emulator/auth.emulator.test.ts.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { deleteApp, initializeApp, type App } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { InvalidTokenError } from "../../src/api/token-verifier";
import { ServiceError } from "../../src/domain/errors";
import {
  FirebaseTokenVerifier,
  runtimeTokenVerifier,
  translateAuthError,
} from "../../src/platform/firebase-token-verifier";

const PROJECT = "demo-verifier-test";

/** An unsigned ID token, as the Auth emulator issues them. */
function emulatorToken(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString("base64url");
  const payload = {
    iss: `https://securetoken.google.com/${PROJECT}`,
    aud: PROJECT,
    sub: "uid-1",
    user_id: "uid-1",
    auth_time: now - 60,
    iat: now - 60,
    exp: now + 3600,
    ...claims,
  };
  return `${part({ alg: "none", typ: "JWT" })}.${part(payload)}.`;
}

/** What the stand-in answers to the SDK's user-record lookup. */
let answer: { status: number; body: string };

function userRecord(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ users: [{ localId: "uid-1", ...fields }] });
}

let server: http.Server;
let serverHost: string;
let closedHost: string;
let app: App;
let verifier: FirebaseTokenVerifier;
const savedHost = process.env.FIREBASE_AUTH_EMULATOR_HOST;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A port that was free a moment ago: connecting to it is refused.
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedHost = `127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((resolve) => probe.close(resolve));

  app = initializeApp({ projectId: PROJECT }, "token-verifier-test");
  verifier = new FirebaseTokenVerifier(() => getAuth(app));
});

afterAll(async () => {
  if (savedHost === undefined) delete process.env.FIREBASE_AUTH_EMULATOR_HOST;
  else process.env.FIREBASE_AUTH_EMULATOR_HOST = savedHost;
  await deleteApp(app);
  await new Promise((resolve) => server.close(resolve));
});

describe("in emulator mode, against a stand-in for Firebase Auth", () => {
  beforeEach(() => {
    process.env.FIREBASE_AUTH_EMULATOR_HOST = serverHost;
    answer = { status: 200, body: userRecord() };
  });

  test("admin only when the token's claim is exactly true", async () => {
    await expect(
      verifier.verify(emulatorToken({ admin: true }))
    ).resolves.toEqual({ uid: "uid-1", admin: true });
    for (const admin of [undefined, false, "true", 1]) {
      await expect(
        verifier.verify(emulatorToken({ admin }))
      ).resolves.toEqual({ uid: "uid-1", admin: false });
    }
  });

  test.each([
    [
      "revoked since the token was issued",
      () => userRecord({ validSince: String(Math.floor(Date.now() / 1000)) }),
      "id-token-revoked",
    ],
    ["disabled", () => userRecord({ disabled: true }), "user-disabled"],
    ["deleted", () => JSON.stringify({}), "user-not-found"],
  ])("a token whose user was %s → InvalidTokenError", async (
    _label,
    body,
    reason
  ) => {
    answer = { status: 200, body: body() };
    const failure = await verifier
      .verify(emulatorToken({ admin: true }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidTokenError);
    expect((failure as InvalidTokenError).reason).toBe(reason);
  });

  test("an expired token → InvalidTokenError", async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    const failure = await verifier
      .verify(emulatorToken({ iat: past, auth_time: past, exp: past + 3600 }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidTokenError);
    expect((failure as InvalidTokenError).reason).toBe("id-token-expired");
  });

  test("a token for another project → InvalidTokenError", async () => {
    const failure = await verifier
      .verify(emulatorToken({ aud: "someone-else" }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidTokenError);
  });

  test("Auth answering 500 → unavailable, not a refusal", async () => {
    answer = { status: 500, body: '{"error":{"message":"BACKEND_ERROR"}}' };
    const failure = await verifier
      .verify(emulatorToken())
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceError);
    expect((failure as ServiceError).kind).toBe("unavailable");
  });

  test("Auth not listening → unavailable, not a refusal", async () => {
    process.env.FIREBASE_AUTH_EMULATOR_HOST = closedHost;
    // An Auth instance keeps the emulator host of its first request.
    const other = initializeApp({ projectId: PROJECT }, "closed-port-test");
    try {
      const failure = await new FirebaseTokenVerifier(() => getAuth(other))
        .verify(emulatorToken())
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as ServiceError).kind).toBe("unavailable");
    } finally {
      await deleteApp(other);
    }
  });
});

describe("outside emulator mode", () => {
  beforeEach(() => {
    delete process.env.FIREBASE_AUTH_EMULATOR_HOST;
  });

  test.each([
    ["garbage", "not-a-jwt"],
    ["an unsigned (forged) token", emulatorToken({ admin: true })],
  ])("%s is refused before any network call", async (_label, token) => {
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(
      InvalidTokenError
    );
  });
});

describe("translateAuthError", () => {
  test("a failed download of Google's keys is unavailability", () => {
    // The SDK reports it with the code of a bad token (firebase-admin 13).
    const error = Object.assign(
      new Error("Error fetching public keys for Google certs: socket hang up"),
      { code: "auth/argument-error" }
    );
    const translated = translateAuthError(error);
    expect(translated).toBeInstanceOf(ServiceError);
    expect((translated as ServiceError).kind).toBe("unavailable");
  });

  test("an error it does not know passes through, to become a 500", () => {
    const misconfigured = Object.assign(new Error("no project id"), {
      code: "auth/invalid-credential",
    });
    expect(translateAuthError(misconfigured)).toBe(misconfigured);
    const plain = new TypeError("bug");
    expect(translateAuthError(plain)).toBe(plain);
  });
});

describe("runtimeTokenVerifier", () => {
  test("refuses all tokens if the emulator host leaks out", async () => {
    const leaked = runtimeTokenVerifier(
      { FIREBASE_AUTH_EMULATOR_HOST: "127.0.0.1:9099" },
      () => getAuth(app)
    );
    await expect(
      leaked.verify(emulatorToken({ admin: true }))
    ).rejects.toThrow(/outside the functions emulator/);
  });

  test("uses the Admin SDK on the emulator and in production", () => {
    for (const env of [
      {
        FIREBASE_AUTH_EMULATOR_HOST: "127.0.0.1:9099",
        FUNCTIONS_EMULATOR: "true",
      },
      {},
    ]) {
      expect(runtimeTokenVerifier(env, () => getAuth(app))).toBeInstanceOf(
        FirebaseTokenVerifier
      );
    }
  });
});
