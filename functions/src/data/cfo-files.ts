/**
 * Reads CFO CSV files from disk into one history per category: a whole
 * folder (as the data is published) or a single file. Used by the offline
 * CLI, the importer and CsvHistorySource; it imports no Firebase.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";

import { CATEGORIES, type Category } from "../domain/categories";
import {
  BadHistoryError,
  NotFoundError,
  ServiceError,
} from "../domain/errors";
import type { History } from "../domain/history";
import { classifyCfoFileName } from "./cfo-file-category";
import { categoryHistoryFromTable } from "./cfo-groups";
import { readCfoTable } from "./cfo-table";

/** A file that was left out, and why. */
export interface SkippedFile {
  /** Path of the file, as found. */
  file: string;
  reason: string;
}

/** Which file holds each category, before any file is parsed. */
export interface CfoFolderListing {
  files: Partial<Record<Category, string>>;
  skipped: SkippedFile[];
}

/** Histories read from CFO files, per category. */
export interface CfoReadResult {
  histories: Partial<Record<Category, History>>;
  /** The file each history was read from. */
  files: Partial<Record<Category, string>>;
  skipped: SkippedFile[];
}

/**
 * Finds the table file of each category in `folder` by file name
 * (cfo-file-category.ts), in name order, without reading the files.
 * Throws NotFoundError when the folder does not exist, BadHistoryError when
 * two files claim the same category (one of them must go), and a
 * ServiceError "unavailable" for other file-system failures.
 */
export async function listCfoFolder(
  folder: string
): Promise<CfoFolderListing> {
  const names = await withFsErrors(folder, "folder", () => readdir(folder));
  const listing: CfoFolderListing = { files: {}, skipped: [] };
  for (const name of [...names].sort()) {
    const path = join(folder, name);
    const kind = classifyCfoFileName(name);
    if (kind.kind === "skip") {
      listing.skipped.push({ file: path, reason: kind.reason });
      continue;
    }
    const info = await withFsErrors(path, "file", () => stat(path));
    if (!info.isFile()) {
      listing.skipped.push({ file: path, reason: "not a regular file" });
      continue;
    }
    const earlier = listing.files[kind.category];
    if (earlier !== undefined) {
      throw new BadHistoryError(
        `${folder}: both ${basename(earlier)} and ${name} hold the ` +
          `${kind.category} table; keep only one`
      );
    }
    listing.files[kind.category] = path;
  }
  return listing;
}

/**
 * Reads and parses one category's table file (CfoTableError on bad
 * content, NotFoundError when the file is missing).
 */
export async function readCfoCategoryFile(
  category: Category,
  path: string
): Promise<History> {
  const text = await withFsErrors(path, "file", () => readFile(path, "utf8"));
  return categoryHistoryFromTable(category, readCfoTable(text, path), path);
}

/**
 * Reads every category table in `folder`. Files whose names mark no
 * category (or a province table) are listed in `skipped`; a file that
 * should be a table but cannot be read as one fails the whole read with a
 * CfoTableError naming the file, year and group.
 */
export async function readCfoFolder(folder: string): Promise<CfoReadResult> {
  const listing = await listCfoFolder(folder);
  const result: CfoReadResult = {
    histories: {},
    files: listing.files,
    skipped: listing.skipped,
  };
  for (const category of CATEGORIES) {
    const path = listing.files[category];
    if (path === undefined) continue;
    result.histories[category] = await readCfoCategoryFile(category, path);
  }
  return result;
}

/**
 * Reads a single CFO file. Its category comes from its name; a name that
 * marks none (or a province table) gives an empty result with the file in
 * `skipped`.
 */
export async function readCfoFile(path: string): Promise<CfoReadResult> {
  const kind = classifyCfoFileName(path);
  if (kind.kind === "skip") {
    return {
      histories: {},
      files: {},
      skipped: [{ file: path, reason: kind.reason }],
    };
  }
  const history = await readCfoCategoryFile(kind.category, path);
  return {
    histories: { [kind.category]: history },
    files: { [kind.category]: path },
    skipped: [],
  };
}

/** Names the path in file-system errors, keeping the cause. */
async function withFsErrors<T>(
  path: string,
  what: "file" | "folder",
  action: () => Promise<T>
): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new NotFoundError(`CFO data ${what} ${path} does not exist`);
    }
    if (code === "ENOTDIR") {
      throw new NotFoundError(`CFO data ${what} ${path} is not a folder`);
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServiceError(
      "unavailable",
      `cannot read CFO data ${what} ${path}: ${reason}`,
      { cause: error }
    );
  }
}
