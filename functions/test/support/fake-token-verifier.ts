import {
  InvalidTokenError,
  type TokenVerifier,
  type VerifiedCaller,
} from "../../src/api/token-verifier";
import { ServiceError } from "../../src/domain/errors";

/**
 * A stand-in for Firebase Auth, which is a network service: fixed token
 * strings stand for the callers and failures the real verifier reports.
 * This mocks the network boundary only; the real Admin SDK verifier is
 * tested on the Auth emulator (test/emulator/auth.emulator.test.ts) and
 * against a local stand-in server (test/platform/).
 */
export const TOKENS = {
  admin: "admin.token.sig",
  user: "user.token.sig",
  /** A token whose user had its refresh tokens revoked. */
  revoked: "revoked.token.sig",
  /** Checking this one finds Firebase Auth unreachable. */
  authDown: "down.token.sig",
} as const;

/** `Authorization` header values for the tokens above. */
export const BEARER = {
  admin: `Bearer ${TOKENS.admin}`,
  user: `Bearer ${TOKENS.user}`,
  revoked: `Bearer ${TOKENS.revoked}`,
  authDown: `Bearer ${TOKENS.authDown}`,
} as const;

export class FakeTokenVerifier implements TokenVerifier {
  /** Every token asked about, in order. */
  readonly checked: string[] = [];

  verify(token: string): Promise<VerifiedCaller> {
    this.checked.push(token);
    switch (token) {
      case TOKENS.admin:
        return Promise.resolve({ uid: "admin-uid", admin: true });
      case TOKENS.user:
        return Promise.resolve({ uid: "user-uid", admin: false });
      case TOKENS.revoked:
        return Promise.reject(
          new InvalidTokenError("the token has been revoked", "revoked")
        );
      case TOKENS.authDown:
        return Promise.reject(
          new ServiceError("unavailable", "Firebase Auth is unreachable")
        );
      default:
        return Promise.reject(
          new InvalidTokenError("not a valid token", "argument-error")
        );
    }
  }
}
