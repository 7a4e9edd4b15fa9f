import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import { NotFoundError, ServiceError } from "../domain/errors";
import { writeFileAtomic, fsErrorCode } from "./atomic-file";
import { assertValidBlobPath } from "./blob-path";
import { errorDetail } from "./error-detail";
import type { BlobStore } from "./blob-store";

/** Codes meaning "there is no blob file at this path". */
const MISSING_CODES = new Set(["ENOENT", "ENOTDIR", "EISDIR"]);

/**
 * A BlobStore on a local directory: blob `a/b/c` is the file
 * `<rootDir>/a/b/c`. Used on the emulators, where the Storage emulator
 * cannot start, and in tests. Writes are atomic per blob.
 */
export class LocalBlobStore implements BlobStore {
  readonly location: string;

  constructor(rootDir: string) {
    this.location = nodePath.resolve(rootDir);
  }

  async write(
    path: string,
    data: Uint8Array,
    _contentType: string
  ): Promise<void> {
    const file = this.fileFor(path);
    try {
      await writeFileAtomic(file, data);
    } catch (error) {
      throw new ServiceError(
        "unavailable",
        `Could not write blob ${path} to ${file}: ${errorDetail(error)}`,
        { cause: error }
      );
    }
  }

  async read(path: string): Promise<Uint8Array> {
    const file = this.fileFor(path);
    try {
      return new Uint8Array(await fs.readFile(file));
    } catch (error) {
      if (MISSING_CODES.has(fsErrorCode(error) ?? "")) {
        throw new NotFoundError(`Blob ${path} does not exist (no file ${file})`);
      }
      throw new ServiceError(
        "unavailable",
        `Could not read blob ${path} from ${file}: ${errorDetail(error)}`,
        { cause: error }
      );
    }
  }

  async exists(path: string): Promise<boolean> {
    const file = this.fileFor(path);
    try {
      return (await fs.stat(file)).isFile();
    } catch (error) {
      if (MISSING_CODES.has(fsErrorCode(error) ?? "")) return false;
      throw new ServiceError(
        "unavailable",
        `Could not check blob ${path} at ${file}: ${errorDetail(error)}`,
        { cause: error }
      );
    }
  }

  async delete(path: string): Promise<void> {
    const file = this.fileFor(path);
    try {
      await fs.rm(file, { force: true });
    } catch (error) {
      throw new ServiceError(
        "unavailable",
        `Could not delete blob ${path} at ${file}: ${errorDetail(error)}`,
        { cause: error }
      );
    }
  }

  async list(folder: string): Promise<string[]> {
    const root = this.fileFor(folder);
    let entries;
    try {
      entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
    } catch (error) {
      if (MISSING_CODES.has(fsErrorCode(error) ?? "")) return [];
      throw new ServiceError(
        "unavailable",
        `Could not list blobs in ${folder} at ${root}: ${errorDetail(error)}`,
        { cause: error }
      );
    }
    // Atomic writes stage a hidden temporary file beside the blob first.
    return entries
      .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
      .map((entry) =>
        nodePath
          .relative(this.location, nodePath.join(entry.parentPath, entry.name))
          .split(nodePath.sep)
          .join("/")
      );
  }

  private fileFor(path: string): string {
    assertValidBlobPath(path);
    return nodePath.join(this.location, ...path.split("/"));
  }
}
