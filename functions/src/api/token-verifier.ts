/**
 * What the HTTP layer needs to know about a caller's ID token, and no
 * more: who it is and whether it may change what is served. The Firebase
 * implementation lives in platform/, so that this layer and the service
 * stay testable without Firebase Auth.
 */

/** The caller a valid, unrevoked ID token names. */
export interface VerifiedCaller {
  uid: string;
  /** True only when the token carries the custom claim `admin: true`. */
  admin: boolean;
}

/**
 * Checks an ID token. Resolves with the caller when the token is valid;
 * rejects with InvalidTokenError when the token itself is unacceptable
 * (malformed, forged, expired, revoked, its user disabled or deleted),
 * and with a ServiceError of kind "unavailable" when it cannot be checked
 * right now. Anything else it throws is treated as a bug.
 */
export interface TokenVerifier {
  verify(token: string): Promise<VerifiedCaller>;
}

/** The token was checked and refused; the client should get a new one. */
export class InvalidTokenError extends Error {
  constructor(
    message: string,
    /** A short machine-readable cause for logs, e.g. "expired". */
    readonly reason: string
  ) {
    super(message);
    this.name = "InvalidTokenError";
  }
}

/**
 * For apps that serve no admin route in practice (benchmarks): every
 * token is refused, so a forgotten verifier can never open a door.
 */
export const refuseAllTokens: TokenVerifier = {
  verify: () =>
    Promise.reject(
      new InvalidTokenError("No token is accepted here", "no-verifier")
    ),
};
