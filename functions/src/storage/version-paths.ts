/**
 * Names of model versions and their folders in the blob store. Kept apart
 * from the artifact code, which needs TensorFlow.js, so that the registry
 * and the serving path can name versions without loading it.
 */

import { createHash, randomBytes } from "node:crypto";
import { isCategory, type Category } from "../domain/categories";
import { ServiceError } from "../domain/errors";

/**
 * What a version may look like: one safe path segment. newVersionId makes
 * ids like 20261203T201500123Z-4f9c2a; the check is looser so that ids
 * from older or hand-made registries still load, but it keeps a version
 * read back from the registry from ever reaching outside its folder.
 */
const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * A new immutable model version id such as `20261203T201500123Z-4f9c2a`.
 * Ids sort by creation time (UTC, millisecond precision) as plain strings.
 * The suffix is random, or, given `contentHint`, derived from it, so that
 * saving the same content at the same instant yields the same id.
 */
export function newVersionId(now: Date, contentHint?: string): string {
  if (Number.isNaN(now.getTime())) {
    throw new Error("newVersionId needs a valid Date, got Invalid Date");
  }
  const stamp = versionStamp(now);
  const suffix =
    contentHint === undefined
      ? randomBytes(3).toString("hex")
      : createHash("sha256").update(contentHint).digest("hex").slice(0, 6);
  return `${stamp}-${suffix}`;
}

/**
 * The time part of a version id: 2026-12-03T20:15:00.123Z becomes
 * 20261203T201500123Z. Ids made at later instants sort later.
 */
export function versionStamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, "");
}

/**
 * The folder of all of a category's versions in the blob store,
 * `models/<category>`, without a trailing slash (as BlobStore.list takes
 * it). Only known categories have one.
 */
export function categoryFolder(category: Category): string {
  if (!isCategory(category)) {
    throw new ServiceError(
      "invalid-argument",
      `Unknown category ${JSON.stringify(category)}`
    );
  }
  return `models/${category}`;
}

/**
 * The folder of one model version in the blob store:
 * `models/<category>/<version>/`, with a trailing slash.
 *
 * @throws ServiceError("invalid-argument") for an unknown category or a
 *   version that is not a single safe path segment.
 */
export function modelPrefix(category: Category, version: string): string {
  const folder = categoryFolder(category);
  if (!VERSION_PATTERN.test(version)) {
    throw new ServiceError(
      "invalid-argument",
      `Invalid model version ${JSON.stringify(version)} for ${category}: ` +
        "expected letters, digits, '.', '_' or '-' (up to 100), " +
        "like 20261203T201500123Z-4f9c2a"
    );
  }
  return `${folder}/${version}/`;
}
