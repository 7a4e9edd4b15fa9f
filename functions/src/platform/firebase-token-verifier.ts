import type { Auth } from "firebase-admin/auth";
import {
  InvalidTokenError,
  type TokenVerifier,
  type VerifiedCaller,
} from "../api/token-verifier";
import { ServiceError } from "../domain/errors";

/**
 * Firebase Auth ID tokens checked by the Admin SDK, revocation included:
 * `verifyIdToken(token, true)` also reads the user record, so a token
 * issued before `revokeRefreshTokens` (or to a user since disabled or
 * deleted) is refused even though its signature is still good.
 */
export class FirebaseTokenVerifier implements TokenVerifier {
  /** `auth` is called per check, so the Admin SDK loads on first use. */
  constructor(private readonly auth: () => Auth) {}

  async verify(token: string): Promise<VerifiedCaller> {
    try {
      const decoded = await this.auth().verifyIdToken(token, true);
      // Strictly true, as firestore.rules checks it: "true" is no admin.
      return { uid: decoded.uid, admin: decoded.admin === true };
    } catch (error) {
      throw translateAuthError(error);
    }
  }
}

/** What a refused token's Admin SDK code tells the client. */
const REFUSALS: Record<string, string> = {
  "auth/id-token-expired": "the token has expired; get a fresh one",
  "auth/id-token-revoked": "the token has been revoked; sign in again",
  "auth/user-disabled": "the user's account is disabled",
  "auth/user-not-found": "the token's user no longer exists",
  "auth/argument-error": "not a valid Firebase ID token for this project",
  "auth/invalid-id-token": "not a valid Firebase ID token for this project",
};

/** Failures that say nothing about the token: the check could not run. */
const UNREACHABLE = new Set([
  "app/network-error",
  "app/network-timeout",
  "auth/internal-error",
  "auth/quota-exceeded",
]);

/**
 * The SDK reports a failure to download Google's public keys as an
 * "argument-error", the code of a bad token; only its message tells the
 * two apart. Seen in firebase-admin 13 (utils/jwt.js).
 */
const KEY_FETCH_MESSAGE = /error fetching (public keys|json web keys)/i;

/**
 * Maps an Admin SDK error to what the HTTP layer expects: a refused token,
 * an unavailable service (503, worth a retry), or, for anything else (a
 * missing project id, a bug), the original error, which becomes a 500.
 */
export function translateAuthError(error: unknown): unknown {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined) return error;
  if (UNREACHABLE.has(code) || KEY_FETCH_MESSAGE.test(message)) {
    return new ServiceError(
      "unavailable",
      "Cannot check the ID token now: Firebase Auth is unreachable",
      { cause: error }
    );
  }
  const refusal = REFUSALS[code];
  if (refusal) return new InvalidTokenError(refusal, code.split("/")[1]);
  return error;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code } = error as { code?: unknown };
  return typeof code === "string" ? code : undefined;
}

/**
 * The verifier of the deployed functions. With FIREBASE_AUTH_EMULATOR_HOST
 * set the Admin SDK accepts unsigned tokens, which anyone can forge; the
 * functions emulator sets it together with FUNCTIONS_EMULATOR, so the
 * variable anywhere else (say, copied into a project's .env file) is a
 * mistake, and every admin request then fails with a 500 saying so.
 */
export function runtimeTokenVerifier(
  env: NodeJS.ProcessEnv,
  auth: () => Auth
): TokenVerifier {
  const emulatorHost = env.FIREBASE_AUTH_EMULATOR_HOST;
  if (emulatorHost && env.FUNCTIONS_EMULATOR !== "true") {
    return {
      verify: () =>
        Promise.reject(
          new Error(
            `FIREBASE_AUTH_EMULATOR_HOST (${emulatorHost}) is set outside ` +
              "the functions emulator: refusing every ID token"
          )
        ),
    };
  }
  return new FirebaseTokenVerifier(auth);
}
