/** Unit, API and function tests; emulator tests run under emulators:exec. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Those need running emulators: see jest.emulator.config.js.
  testPathIgnorePatterns: ["/node_modules/", "/test/emulator/"],
  testTimeout: 120000,
};
