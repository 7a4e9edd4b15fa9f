import { ServiceError } from "../domain/errors";

/**
 * A stored model artifact exists but cannot be used: unparsable JSON, a
 * missing field, weights of the wrong size. Retrying will not help, so the
 * kind is "bad-data" rather than "unavailable".
 */
export class CorruptArtifactError extends ServiceError {
  constructor(
    /** Where the artifact is, as the store names it (path or gs:// URI). */
    readonly artifact: string,
    problem: string,
    options?: { cause?: unknown }
  ) {
    super("bad-data", `Corrupt model artifact ${artifact}: ${problem}`, options);
    this.name = "CorruptArtifactError";
  }
}
