import type { Auth, UserRecord } from "firebase-admin/auth";
import { ServiceError } from "../domain/errors";

/** What a grant or a revoke did, for the CLI to report. */
export interface AdminChange {
  uid: string;
  email: string | undefined;
  /** Whether the user had `admin: true` before. */
  wasAdmin: boolean;
  /** The user's custom claims afterwards. */
  claims: Record<string, unknown>;
}

/**
 * Gives a user the custom claim `admin: true`, keeping their other claims.
 * The claim reaches the user's ID tokens the next time one is issued
 * (sign-in, or the client's hourly refresh), not before.
 */
export async function grantAdmin(
  auth: Auth,
  emailOrUid: string
): Promise<AdminChange> {
  const user = await findUser(auth, emailOrUid);
  const before = user.customClaims ?? {};
  const claims = { ...before, admin: true };
  await auth.setCustomUserClaims(user.uid, claims);
  return describe(user, before, claims);
}

/**
 * Removes the admin claim, keeping the user's other claims, and revokes
 * the user's refresh tokens: ID tokens already issued still carry the
 * claim for up to an hour, but the API checks revocation and refuses them.
 */
export async function revokeAdmin(
  auth: Auth,
  emailOrUid: string
): Promise<AdminChange> {
  const user = await findUser(auth, emailOrUid);
  const before = user.customClaims ?? {};
  const { admin: _dropped, ...claims } = before;
  // null clears the claims; an empty object would be stored as "{}".
  await auth.setCustomUserClaims(
    user.uid,
    Object.keys(claims).length > 0 ? claims : null
  );
  await auth.revokeRefreshTokens(user.uid);
  return describe(user, before, claims);
}

/**
 * An argument with an "@" is tried as an email first; uids may contain
 * one too, so a miss falls back to the uid.
 */
async function findUser(auth: Auth, emailOrUid: string): Promise<UserRecord> {
  if (emailOrUid.includes("@")) {
    const byEmail = await orNotFound(auth.getUserByEmail(emailOrUid));
    if (byEmail) return byEmail;
  }
  const byUid = await orNotFound(auth.getUser(emailOrUid));
  if (byUid) return byUid;
  throw new ServiceError(
    "not-found",
    `No user with the email or uid '${emailOrUid}'`
  );
}

/** Lookups that mean "no such user" rather than a failure. */
const MISSES = new Set([
  "auth/user-not-found",
  "auth/invalid-email",
  "auth/invalid-uid",
]);

async function orNotFound(
  lookup: Promise<UserRecord>
): Promise<UserRecord | undefined> {
  try {
    return await lookup;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && MISSES.has(code)) return undefined;
    throw error;
  }
}

function describe(
  user: UserRecord,
  before: Record<string, unknown>,
  claims: Record<string, unknown>
): AdminChange {
  return {
    uid: user.uid,
    email: user.email,
    wasAdmin: before.admin === true,
    claims,
  };
}
