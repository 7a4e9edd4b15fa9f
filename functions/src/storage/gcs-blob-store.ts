import type { Bucket } from "@google-cloud/storage";
import { NotFoundError, ServiceError } from "../domain/errors";
import { assertValidBlobPath } from "./blob-path";
import { errorDetail } from "./error-detail";
import type { BlobStore } from "./blob-store";

/**
 * A BlobStore on a Cloud Storage bucket. Blobs are small (a model's weights
 * are kilobytes to a few megabytes), so uploads are single-request
 * (`resumable: false`) and downloads go to memory. Retries of transient
 * failures are left to the client's own retry policy.
 */
export class GcsBlobStore implements BlobStore {
  readonly location: string;

  constructor(private readonly bucket: Bucket) {
    this.location = `gs://${bucket.name}`;
  }

  async write(
    path: string,
    data: Uint8Array,
    contentType: string
  ): Promise<void> {
    assertValidBlobPath(path);
    // File.save() (client 7.x) sets the shared client's
    // retryOptions.autoRetry to false for an upload without preconditions
    // and never sets it back, which would silently end retries of every
    // later read. Put the setting back once the upload is over.
    const retryOptions = this.bucket.storage.retryOptions;
    const autoRetry = retryOptions.autoRetry;
    try {
      await this.bucket.file(path).save(data, {
        contentType,
        resumable: false,
      });
    } catch (error) {
      throw this.unavailable("write", path, error);
    } finally {
      retryOptions.autoRetry = autoRetry;
    }
  }

  async read(path: string): Promise<Uint8Array> {
    assertValidBlobPath(path);
    try {
      const [contents] = await this.bucket.file(path).download();
      return new Uint8Array(
        contents.buffer,
        contents.byteOffset,
        contents.byteLength
      );
    } catch (error) {
      if (httpStatusOf(error) === 404) {
        throw new NotFoundError(`Blob ${this.uriOf(path)} does not exist`);
      }
      throw this.unavailable("read", path, error);
    }
  }

  async exists(path: string): Promise<boolean> {
    assertValidBlobPath(path);
    try {
      const [found] = await this.bucket.file(path).exists();
      return found;
    } catch (error) {
      throw this.unavailable("check", path, error);
    }
  }

  async delete(path: string): Promise<void> {
    assertValidBlobPath(path);
    try {
      await this.bucket.file(path).delete({ ignoreNotFound: true });
    } catch (error) {
      throw this.unavailable("delete", path, error);
    }
  }

  async list(folder: string): Promise<string[]> {
    assertValidBlobPath(folder);
    try {
      // autoPaginate (the default) follows every page of the listing.
      const [files] = await this.bucket.getFiles({ prefix: `${folder}/` });
      return files.map((file) => file.name);
    } catch (error) {
      throw this.unavailable("list", `${folder}/`, error);
    }
  }

  /** `gs://<bucket>/<path>`, the name people paste into gsutil. */
  uriOf(path: string): string {
    return `${this.location}/${path}`;
  }

  private unavailable(
    action: string,
    path: string,
    error: unknown
  ): ServiceError {
    const status = httpStatusOf(error);
    const detail = errorDetail(error);
    return new ServiceError(
      "unavailable",
      `Could not ${action} ${this.uriOf(path)}` +
        `${status ? ` (HTTP ${status})` : ""}: ${detail}`,
      { cause: error }
    );
  }
}

/** The HTTP status the client attached to an error, if any. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, response } = error as {
    code?: unknown;
    response?: { statusCode?: unknown };
  };
  if (typeof code === "number") return code;
  const status = response?.statusCode;
  return typeof status === "number" ? status : undefined;
}
