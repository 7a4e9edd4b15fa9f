/**
 * Reading `Authorization: Bearer <token>` (RFC 6750, section 2.1).
 */

/**
 * Firebase ID tokens are a little over 1 kB, more with large custom
 * claims (limited to 1000 bytes). Anything far longer is not one, and is
 * refused before it reaches the Admin SDK.
 */
const MAX_TOKEN_CHARS = 8192;

/**
 * The scheme is case-insensitive (RFC 7235); the credentials are one
 * token68 (base64url JWTs fit it), with nothing after them.
 */
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export type BearerToken =
  | { kind: "missing" }
  | { kind: "malformed" }
  | { kind: "present"; token: string };

/** Classifies an Authorization header value (undefined when absent). */
export function readBearerToken(header: string | undefined): BearerToken {
  if (header === undefined || header.trim() === "") {
    return { kind: "missing" };
  }
  if (header.length > MAX_TOKEN_CHARS + "Bearer ".length) {
    return { kind: "malformed" };
  }
  const match = BEARER.exec(header.trim());
  return match ? { kind: "present", token: match[1] } : { kind: "malformed" };
}
