import { NotFoundError } from "../../src/domain/errors";
import type { BlobStore } from "../../src/storage/blob-store";

/**
 * An in-memory BlobStore that remembers the order of writes, for tests
 * that check what is written when. Can be told to fail the write of a
 * given path, to simulate a save cut short.
 */
export class RecordingBlobStore implements BlobStore {
  readonly location = "memory://test";
  readonly blobs = new Map<string, Uint8Array>();
  readonly contentTypes = new Map<string, string>();
  /** Paths in the order they were written. */
  readonly writes: string[] = [];
  /** Writes of a path ending with this string throw. */
  failWritesEndingWith: string | null = null;

  async write(path: string, data: Uint8Array, contentType: string) {
    if (this.failWritesEndingWith && path.endsWith(this.failWritesEndingWith)) {
      throw new Error(`simulated failure writing ${path}`);
    }
    this.writes.push(path);
    this.blobs.set(path, new Uint8Array(data));
    this.contentTypes.set(path, contentType);
  }

  async read(path: string): Promise<Uint8Array> {
    const data = this.blobs.get(path);
    if (!data) throw new NotFoundError(`Blob ${path} does not exist`);
    return new Uint8Array(data);
  }

  async exists(path: string): Promise<boolean> {
    return this.blobs.has(path);
  }

  async delete(path: string): Promise<void> {
    this.blobs.delete(path);
  }

  async list(folder: string): Promise<string[]> {
    return [...this.blobs.keys()].filter((p) => p.startsWith(`${folder}/`));
  }

  /** The blob parsed as JSON; throws if it is missing. */
  json(path: string): unknown {
    const data = this.blobs.get(path);
    if (!data) throw new Error(`no blob ${path}`);
    return JSON.parse(new TextDecoder().decode(data));
  }

  putText(path: string, text: string): void {
    this.blobs.set(path, new TextEncoder().encode(text));
  }
}
