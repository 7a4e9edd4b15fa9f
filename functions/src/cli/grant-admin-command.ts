import { stderrLogger } from "../domain/logger";
import {
  type AdminChange,
  grantAdmin,
  revokeAdmin,
} from "../platform/admin-claims";
import { auth } from "../platform/firebase-services";
import { parseCommandLine, UsageError } from "./args";

/**
 * `grant-admin <email-or-uid>`: gives an existing user the custom claim
 * `admin: true`, which the API's training and rollback routes require.
 */
export async function grantAdminCommand(argv: string[]): Promise<number> {
  const who = oneUser(argv, "grant-admin");
  const change = await grantAdmin(auth(), who);
  process.stdout.write(
    `${name(change)} is ${change.wasAdmin ? "still" : "now"} an admin; ` +
      "the claim reaches their ID tokens at the next sign-in or token " +
      "refresh\n"
  );
  return 0;
}

/**
 * `revoke-admin <email-or-uid>`: removes the claim and revokes the user's
 * refresh tokens, so ID tokens already issued stop opening admin routes.
 */
export async function revokeAdminCommand(argv: string[]): Promise<number> {
  const who = oneUser(argv, "revoke-admin");
  const change = await revokeAdmin(auth(), who);
  process.stdout.write(
    `${name(change)} is no longer an admin` +
      (change.wasAdmin ? "" : " (was not one)") +
      "; their tokens are revoked, so they must sign in again\n"
  );
  return 0;
}

function oneUser(argv: string[], command: string): string {
  const { positionals } = parseCommandLine(argv, {});
  if (positionals.length !== 1 || positionals[0].trim() === "") {
    throw new UsageError(`${command} takes one email or uid`);
  }
  // Which Auth is changed is worth saying before anything happens.
  const emulator = process.env.FIREBASE_AUTH_EMULATOR_HOST;
  stderrLogger.info("changing custom claims", {
    command,
    target: emulator
      ? `Auth emulator at ${emulator}`
      : "Firebase Auth of the project (Application Default Credentials)",
  });
  return positionals[0];
}

function name(change: AdminChange): string {
  return change.email ? `${change.email} (${change.uid})` : change.uid;
}
