import { createHash } from "node:crypto";
import { NotFoundError, ServiceError } from "../domain/errors";
import type { BlobStore } from "./blob-store";

/**
 * A BlobStore that passes writes through to another one and remembers a
 * digest of each, so that a caller can read everything back before it
 * relies on it, or remove it all when it gives up.
 *
 * A model version must never be recorded when one of its files is not
 * what was written (an upload cut short, a proxy that mangled it, a lost
 * write): serving would then fail on it later, when it is the serving
 * version. Reading back a few small files once per training is cheap.
 */
export class CheckedWrites implements BlobStore {
  readonly location: string;
  /** Digest of each written path, in the order written. */
  private readonly digests = new Map<string, string>();

  constructor(private readonly store: BlobStore) {
    this.location = store.location;
  }

  async write(path: string, data: Uint8Array, contentType: string) {
    await this.store.write(path, data, contentType);
    this.digests.set(path, digest(data));
  }

  read(path: string): Promise<Uint8Array> {
    return this.store.read(path);
  }

  exists(path: string): Promise<boolean> {
    return this.store.exists(path);
  }

  delete(path: string): Promise<void> {
    this.digests.delete(path);
    return this.store.delete(path);
  }

  list(folder: string): Promise<string[]> {
    return this.store.list(folder);
  }

  /**
   * Reads back every written blob and compares it with what was written.
   *
   * @throws ServiceError "unavailable" naming the first blob that is
   *   missing or differs (writing again may well succeed), or the store's
   *   own error.
   */
  async verify(what: string): Promise<void> {
    for (const [path, expected] of this.digests) {
      let found: string;
      try {
        found = digest(await this.store.read(path));
      } catch (error) {
        if (error instanceof ServiceError && error.kind === "unavailable") {
          throw error;
        }
        // The store's message may hold a local path; the blob's suffices.
        const problem =
          error instanceof NotFoundError ? "is missing" : "cannot be read";
        throw new ServiceError(
          "unavailable",
          `${what} did not read back: ${path} ${problem}`,
          { cause: error }
        );
      }
      if (found !== expected) {
        throw new ServiceError(
          "unavailable",
          `${what} did not read back as written: ${path} differs`
        );
      }
    }
  }

  /**
   * Deletes what was written, newest first, as far as the store lets it;
   * returns the paths it could not delete. Never throws: it runs while
   * another error is on its way up.
   */
  async removeAll(): Promise<string[]> {
    const left: string[] = [];
    for (const path of [...this.digests.keys()].reverse()) {
      try {
        await this.store.delete(path);
      } catch {
        left.push(path);
      }
    }
    this.digests.clear();
    return left;
  }
}

function digest(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
