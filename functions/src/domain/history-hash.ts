import { createHash } from "node:crypto";
import type { History } from "./history";

/**
 * A content hash of a history: SHA-256 over its years, groups and counts
 * in a fixed JSON form, as 64 hex digits. Two reads of unchanged documents
 * hash the same however Firestore ordered them (a History is already in
 * year and group order), and any changed count, year or group changes it.
 */
export function historyHash(history: History): string {
  const canonical = JSON.stringify([
    history.years,
    history.groups,
    history.values,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}
