import { isCategory, type Category } from "../domain/categories";
import { ServiceError } from "../domain/errors";
import type { TotalForecast } from "../domain/total-forecast";
import type {
  CategoryStatus,
  LastError,
  ModelMetadata,
} from "./model-registry";
import { CorruptArtifactError } from "./corrupt-artifact-error";

/**
 * Checks a registry entry read back from storage before it is trusted as
 * ModelMetadata. Only the fields a reader needs to find the model are
 * checked (category, version, last_trained); the rest is served as is, so
 * that fields added later do not break older readers.
 *
 * @param category The category the entry was stored under.
 * @param where The entry's name for messages (document path or file).
 * @throws CorruptArtifactError naming `where` and the field at fault.
 */
export function checkStoredMetadata(
  value: unknown,
  category: Category,
  where: string
): ModelMetadata {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CorruptArtifactError(where, "the entry is not an object");
  }
  const entry = value as Record<string, unknown>;
  if (entry.category !== category) {
    throw new CorruptArtifactError(
      where,
      `category is ${JSON.stringify(entry.category)}, expected "${category}"`
    );
  }
  for (const field of ["version", "last_trained"] as const) {
    if (typeof entry[field] !== "string" || entry[field] === "") {
      throw new CorruptArtifactError(
        where,
        `${field} is ${JSON.stringify(entry[field])}, expected a string`
      );
    }
  }
  return entry as unknown as ModelMetadata;
}

/**
 * Guards registry calls against a category that is not one of CATEGORIES
 * (it would otherwise become part of a file name or document path).
 *
 * @throws ServiceError("invalid-argument") naming the category.
 */
export function assertKnownCategory(category: string): void {
  if (!isCategory(category)) {
    throw new ServiceError(
      "invalid-argument",
      `Unknown category ${JSON.stringify(category)}`
    );
  }
}

/**
 * A category's status read back from storage, with defaults for fields
 * that are absent (an older or partly written entry) and anything of the
 * wrong type dropped rather than trusted.
 */
export function checkStoredStatus(value: unknown): CategoryStatus {
  const entry =
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  const text = (field: string): string | null =>
    typeof entry[field] === "string" ? entry[field] : null;
  const history = entry.history;
  return {
    last_error: lastErrorOf(entry.last_error),
    history:
      history === "present" || history === "deleted" ? history : "unknown",
    history_checked_at: text("history_checked_at"),
    last_edit_at: text("last_edit_at"),
    pinned_version: text("pinned_version"),
  };
}

function lastErrorOf(value: unknown): LastError | null {
  if (typeof value !== "object" || value === null) return null;
  const { message, at, document } = value as Record<string, unknown>;
  if (typeof message !== "string" || typeof at !== "string") return null;
  return {
    message,
    at,
    document: typeof document === "string" ? document : null,
  };
}

/**
 * The stored total forecast, or null when there is none or it is not
 * usable (then categories are served unscaled rather than wrongly).
 */
export function checkStoredTotals(value: unknown): TotalForecast | null {
  if (typeof value !== "object" || value === null) return null;
  const entry = value as Partial<TotalForecast>;
  const totals = entry.totals;
  if (
    typeof entry.method !== "string" ||
    typeof entry.source !== "string" ||
    !Number.isInteger(entry.last_history_year) ||
    !Array.isArray(totals) ||
    totals.length === 0 ||
    !totals.every((t) => typeof t === "number" && t >= 0 && isFinite(t))
  ) {
    return null;
  }
  return entry as TotalForecast;
}
