/**
 * Model files that no version record points at. A training writes a
 * version's files first and records the version after, so a training
 * killed in between (crash, timeout) leaves files in the store that are
 * never served and that no pruning of recorded versions would reach.
 * Pure: the caller lists the store and reads the registry.
 */
import type { Category } from "../domain/categories";
import { categoryFolder, versionStamp } from "./version-paths";

/**
 * How old a version must be before its unrecorded files count as left
 * behind: far longer than any training takes between its first write
 * and its record (seconds; the training lease is 90 s), so a training
 * still under way never loses its files.
 */
export const UNRECORDED_MIN_AGE_MS = 60 * 60 * 1000;

/** `20261203T201500123Z-4f9c2a` → its UTC instant, as newVersionId writes it. */
const VERSION_STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-/;

/**
 * When a version was made, from its id; null for an id newVersionId did
 * not make (an older or hand-made one), whose age is unknown.
 */
export function versionCreatedAt(version: string): Date | null {
  const match = VERSION_STAMP.exec(version);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, ms] = match.map(Number);
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  // Date.UTC rolls month 13 over into the next year: a stamp is only
  // valid if it reads back the same.
  return version.startsWith(`${versionStamp(at)}-`) ? at : null;
}

/**
 * Groups `paths` (blobs listed under `models/<category>`) by the version
 * folder they sit in and keeps the versions that are not in `recorded`
 * and were made at least `minAgeMs` before `now`. A version whose age
 * cannot be read from its id is kept out: better a stray file than a
 * deleted model.
 *
 * @returns version → its paths, for the versions left behind.
 */
export function unrecordedVersions(
  category: Category,
  paths: readonly string[],
  recorded: ReadonlySet<string>,
  now: Date,
  minAgeMs = UNRECORDED_MIN_AGE_MS
): Map<string, string[]> {
  const folder = `${categoryFolder(category)}/`;
  const leftBehind = new Map<string, string[]>();
  for (const path of paths) {
    if (!path.startsWith(folder)) continue;
    const version = path.slice(folder.length).split("/")[0];
    if (recorded.has(version)) continue;
    const madeAt = versionCreatedAt(version);
    if (madeAt === null) continue;
    if (now.getTime() - madeAt.getTime() < minAgeMs) continue;
    const files = leftBehind.get(version) ?? [];
    files.push(path);
    leftBehind.set(version, files);
  }
  return leftBehind;
}
