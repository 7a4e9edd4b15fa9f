import { HttpsError } from "firebase-functions/v2/https";
import { BadHistoryError, ServiceError } from "../../src/domain/errors";
import { asRetry } from "../../src/platform/retrain-task-handler";

test.each([
  ["conflict", "aborted"],
  ["unavailable", "unavailable"],
] as const)("a %s becomes an HttpsError %s, retried quietly", (kind, code) => {
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  try {
    const error = asRetry(new ServiceError(kind, "busy elsewhere"));
    expect(error).toBeInstanceOf(HttpsError);
    expect((error as HttpsError).code).toBe(code);
    expect((error as HttpsError).message).toBe("busy elsewhere");
  } finally {
    warn.mockRestore();
  }
});

test("bad history and bugs pass through unchanged", () => {
  const bad = new BadHistoryError("year 2015: negative");
  const bug = new Error("boom");
  expect(asRetry(bad)).toBe(bad);
  expect(asRetry(bug)).toBe(bug);
});
