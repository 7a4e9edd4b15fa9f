/**
 * Whether the Functions, Firestore and Auth emulators this suite needs
 * are running (`npm test` at the repo root starts them and sets these
 * variables), and a describe that skips loudly when they are not.
 */
import { authEmulatorHost } from "./id-tokens";

export const firestoreHost = process.env.FIRESTORE_EMULATOR_HOST;
export const hub = process.env.FIREBASE_EMULATOR_HUB;
export const project = process.env.GCLOUD_PROJECT;

const NEEDED = {
  FIRESTORE_EMULATOR_HOST: firestoreHost,
  FIREBASE_EMULATOR_HUB: hub,
  FIREBASE_AUTH_EMULATOR_HOST: authEmulatorHost,
  GCLOUD_PROJECT: project,
};

export const onFunctionsEmulators = Object.values(NEEDED).every(Boolean);

/** describe when the emulators run; else describe.skip, said loudly. */
export function describeOnFunctionsEmulators(what: string): jest.Describe {
  if (onFunctionsEmulators) return describe;
  const missing = Object.entries(NEEDED)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  console.warn(
    `SKIPPED ${what}: ${missing.join(", ")} unset; run \`npm test\` at ` +
      "the repo root, which starts the emulators"
  );
  return describe.skip;
}
