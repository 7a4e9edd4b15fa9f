import { ServiceError } from "../domain/errors";

/**
 * Checks that a blob path is relative, slash-separated and free of `.`,
 * `..` and empty segments, so that it names the same blob in every store
 * and can never escape a local store's root directory.
 *
 * @throws ServiceError("invalid-argument") naming the path and the fault.
 */
export function assertValidBlobPath(path: string): void {
  const fault = blobPathFault(path);
  if (fault) {
    throw new ServiceError(
      "invalid-argument",
      `Invalid blob path ${JSON.stringify(path)}: ${fault}`
    );
  }
}

function blobPathFault(path: string): string | null {
  if (path.length === 0) return "it is empty";
  if (path.startsWith("/")) return "it is absolute (starts with /)";
  if (/^[A-Za-z]:/.test(path)) return "it is absolute (has a drive letter)";
  if (path.includes("\\")) return "it contains a backslash";
  if (path.includes("\0")) return "it contains a NUL character";
  const segments = path.split("/");
  if (segments.some((s) => s === "")) return "it has an empty segment";
  if (segments.some((s) => s === "." || s === "..")) {
    return "it has a . or .. segment";
  }
  return null;
}
