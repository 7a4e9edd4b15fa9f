import { ServiceError } from "../../src/domain/errors";
import type { Category } from "../../src/domain/categories";
import type { History } from "../../src/domain/history";
import type { HistorySource } from "../../src/data/history-source";
import type { BlobStore } from "../../src/storage/blob-store";
import type { ModelRegistry } from "../../src/storage/model-registry";

/**
 * Test doubles that put faults at the service's two boundaries, Cloud
 * Storage (BlobStore) and Firestore (ModelRegistry, HistorySource), over
 * real local stores that do the actual work. A fault is thrown the way
 * the production adapter throws it (GcsBlobStore, the Firestore classes
 * wrap their client's failures as ServiceError "unavailable"), so the
 * code above sees exactly what an outage looks like.
 */

function outage(what: string): ServiceError {
  return new ServiceError("unavailable", `simulated outage: ${what}`);
}

/** A BlobStore that fails, mangles or loses operations on demand. */
export class FaultyBlobStore implements BlobStore {
  readonly location: string;
  /** Reads of matching paths throw "unavailable". */
  failReads: RegExp | null = null;
  /** After this many more writes succeed, every write throws. */
  failWritesAfter: number | null = null;
  /** Writes of matching paths store damaged bytes and report success. */
  corruptWrites: RegExp | null = null;
  /** Writes of matching paths are acknowledged but never stored. */
  dropWrites: RegExp | null = null;
  /** Deletes throw "unavailable" (a process killed cannot clean up). */
  failDeletes = false;
  /** Paths written through this store (stored or not), in order. */
  readonly writes: string[] = [];
  failedReads = 0;

  constructor(readonly inner: BlobStore) {
    this.location = inner.location;
  }

  /** Ends every fault. */
  heal(): void {
    this.failReads = null;
    this.failWritesAfter = null;
    this.corruptWrites = null;
    this.dropWrites = null;
    this.failDeletes = false;
  }

  async write(path: string, data: Uint8Array, contentType: string) {
    if (this.failWritesAfter !== null) {
      if (this.failWritesAfter <= 0) throw outage(`write ${path}`);
      this.failWritesAfter -= 1;
    }
    this.writes.push(path);
    if (this.dropWrites?.test(path)) return;
    const stored = this.corruptWrites?.test(path)
      ? data.slice(0, Math.floor(data.length / 2))
      : data;
    await this.inner.write(path, stored, contentType);
  }

  async read(path: string): Promise<Uint8Array> {
    if (this.failReads?.test(path)) {
      this.failedReads += 1;
      throw outage(`read ${path}`);
    }
    return this.inner.read(path);
  }

  exists(path: string): Promise<boolean> {
    return this.inner.exists(path);
  }

  async delete(path: string): Promise<void> {
    if (this.failDeletes) throw outage(`delete ${path}`);
    await this.inner.delete(path);
  }

  list(folder: string): Promise<string[]> {
    return this.inner.list(folder);
  }
}

/**
 * A ModelRegistry whose named methods throw "unavailable" while failing;
 * every call is passed to the real registry otherwise.
 */
export class FaultyRegistry {
  readonly registry: ModelRegistry;
  private readonly failing = new Set<string>();
  /** Calls by method name, failed ones included. */
  readonly calls: string[] = [];

  constructor(inner: ModelRegistry) {
    this.registry = new Proxy(inner, {
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== "function") return value;
        const name = String(key);
        return (...args: unknown[]) => {
          this.calls.push(name);
          if (this.failing.has(name) || this.failing.has("*")) {
            return Promise.reject(outage(`Firestore ${name}`));
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  /** Makes these methods fail; "*" makes every one fail. */
  fail(...methods: (keyof ModelRegistry | "*")[]): void {
    for (const method of methods) this.failing.add(method);
  }

  heal(): void {
    this.failing.clear();
  }
}

/** A HistorySource that throws "unavailable" while `down` is set. */
export class FaultyHistory implements HistorySource {
  down = false;
  reads = 0;

  constructor(private readonly inner: HistorySource) {}

  async read(category: Category): Promise<History> {
    this.reads += 1;
    if (this.down) throw outage(`Firestore read of ${category} history`);
    return this.inner.read(category);
  }
}
