/**
 * Real Firebase ID tokens from the Auth emulator, for emulator tests that
 * call the admin routes. Users are made with the Admin SDK, the admin
 * claim is set by the grant-admin code, and tokens come from the
 * emulator's email/password sign-in endpoint, as a client SDK gets them.
 */
import { randomUUID } from "node:crypto";
import type { Auth } from "firebase-admin/auth";
import { grantAdmin } from "../../src/platform/admin-claims";

/** Set by `firebase emulators:exec` when the auth emulator runs. */
export const authEmulatorHost = process.env.FIREBASE_AUTH_EMULATOR_HOST;

export interface TestUser {
  uid: string;
  email: string;
  password: string;
}

/** A new email/password user on the Auth emulator. */
export async function createTestUser(
  auth: Auth,
  label: string
): Promise<TestUser> {
  const email = `${label}-${randomUUID()}@example.test`;
  const password = `pw-${randomUUID()}`;
  const { uid } = await auth.createUser({ email, password });
  return { uid, email, password };
}

/**
 * Signs in through the emulator's REST API and returns the ID token. The
 * emulator takes any API key. A token carries the claims the user had
 * when it was issued, so sign in again after changing them.
 */
export async function signIn(user: TestUser): Promise<string> {
  if (!authEmulatorHost) {
    throw new Error("FIREBASE_AUTH_EMULATOR_HOST is unset: no auth emulator");
  }
  const url =
    `http://${authEmulatorHost}/identitytoolkit.googleapis.com/v1/` +
    "accounts:signInWithPassword?key=any";
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: user.email,
      password: user.password,
      returnSecureToken: true,
    }),
  });
  const body = (await response.json()) as { idToken?: string };
  if (!response.ok || !body.idToken) {
    throw new Error(
      `signing in ${user.email} on the auth emulator: ${response.status} ` +
        JSON.stringify(body)
    );
  }
  return body.idToken;
}

/** An ID token of a fresh user who has the admin claim. */
export async function adminIdToken(auth: Auth): Promise<string> {
  const user = await createTestUser(auth, "admin");
  await grantAdmin(auth, user.uid);
  return signIn(user);
}
