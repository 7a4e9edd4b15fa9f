/**
 * A flat store of immutable blobs addressed by slash-separated paths such as
 * `models/age/20260101T000000Z-ab12/model.json`. Cloud Storage in
 * production, a local directory on the emulators (where the Storage
 * emulator cannot start) and in tests.
 */
export interface BlobStore {
  /** Where the blobs live, for logs and model-info: `gs://b` or a path. */
  readonly location: string;
  write(path: string, data: Uint8Array, contentType: string): Promise<void>;
  /** Throws NotFoundError (domain/errors) when the blob does not exist. */
  read(path: string): Promise<Uint8Array>;
  exists(path: string): Promise<boolean>;
  /** Removes a blob; removing one that does not exist is not an error. */
  delete(path: string): Promise<void>;
  /**
   * The paths of every blob inside `folder` (a valid blob path, without a
   * trailing slash), at any depth, in no set order; none when there are
   * none. For housekeeping, not for serving: it may be slow.
   */
  list(folder: string): Promise<string[]>;
}
