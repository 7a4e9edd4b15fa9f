import type { Request, RequestHandler } from "express";
import type { Logger } from "../domain/logger";
import { readBearerToken } from "./bearer-token";
import { HttpError } from "./http-errors";
import {
  InvalidTokenError,
  type TokenVerifier,
  type VerifiedCaller,
} from "./token-verifier";

/** Named in WWW-Authenticate, as RFC 6750 suggests; nothing checks it. */
const REALM = "cfo-forecast";

/** Requests the guard let through, with the admin who sent them. */
const admitted = new WeakMap<Request, VerifiedCaller>();

/**
 * Lets a request through only with `Authorization: Bearer <ID token>` of
 * a user whose token carries `admin: true`:
 *
 * - no header, a malformed one, or a token the verifier refuses: 401 with
 *   `WWW-Authenticate: Bearer ...`;
 * - a valid token without the claim: 403;
 * - the verifier unable to check now: its ServiceError("unavailable")
 *   passes on to the error boundary, which answers 503 with Retry-After.
 *
 * It reads nothing but the header, so mounted before the body parser it
 * decides before the body is parsed or looked at.
 */
export function requireAdmin(
  verifier: TokenVerifier,
  logger: Logger
): RequestHandler {
  return async (req, _res, next) => {
    const where = { method: req.method, path: req.path };
    const bearer = readBearerToken(req.headers.authorization);
    if (bearer.kind === "missing") {
      logger.info("admin route refused", { ...where, reason: "no-token" });
      throw unauthenticated(
        "This route needs an admin's Firebase ID token: " +
          "Authorization: Bearer <token>",
        `realm="${REALM}"`
      );
    }
    if (bearer.kind === "malformed") {
      logger.info("admin route refused", { ...where, reason: "malformed" });
      throw unauthenticated(
        "Malformed Authorization header; expected Bearer <ID token>",
        `realm="${REALM}", error="invalid_request"`
      );
    }

    const caller = await verifyOrRefuse(verifier, bearer.token, where, logger);
    if (!caller.admin) {
      // A real user reaching for an admin route: worth a warning.
      logger.warn("admin route refused", {
        ...where,
        reason: "not-admin",
        uid: caller.uid,
      });
      throw new HttpError(
        403,
        `User ${caller.uid} is not an admin; this route needs the ` +
          "custom claim admin: true"
      );
    }
    admitted.set(req, caller);
    logger.info("admin route allowed", { ...where, uid: caller.uid });
    next();
  };
}

/**
 * The admin the guard let this request through for. Admin handlers call
 * it first: a route added to the router but not to the guarded list then
 * fails closed (a 500 naming the bug) instead of running for anyone.
 */
export function admittedAdmin(req: Request): VerifiedCaller {
  const caller = admitted.get(req);
  if (!caller) {
    throw new Error(
      `${req.method} ${req.path} reached an admin handler without ` +
        "passing requireAdmin; add the route to the guarded list"
    );
  }
  return caller;
}

async function verifyOrRefuse(
  verifier: TokenVerifier,
  token: string,
  where: { method: string; path: string },
  logger: Logger
): Promise<VerifiedCaller> {
  try {
    return await verifier.verify(token);
  } catch (error) {
    if (!(error instanceof InvalidTokenError)) throw error;
    logger.info("admin route refused", { ...where, reason: error.reason });
    throw unauthenticated(
      `Invalid ID token: ${error.message}`,
      `realm="${REALM}", error="invalid_token"`
    );
  }
}

function unauthenticated(message: string, challenge: string): HttpError {
  return new HttpError(401, message, {
    "WWW-Authenticate": `Bearer ${challenge}`,
  });
}
