/**
 * The emulator suite: test/emulator/*.emulator.test.ts, run by `npm test`
 * at the repo root inside `firebase emulators:exec` (Firestore + Functions).
 * The tests share one Firestore and one functions emulator, so they run
 * one file at a time (the root script passes --runInBand as well).
 */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/emulator"],
  testMatch: ["**/*.emulator.test.ts"],
  maxWorkers: 1,
  // Training with the default recipe over HTTP takes tens of seconds.
  testTimeout: 240000,
};
