/**
 * The message of a caught error, for wrapping it in a clearer one. Read
 * off the object rather than via `instanceof Error`, which fails for errors
 * made in another realm (node internals under jest, for one).
 */
export function errorDetail(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === "string" && message !== "") return message;
  }
  return String(error);
}
