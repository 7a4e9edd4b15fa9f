/**
 * Errors the service expects and knows how to answer. Each carries a kind
 * that the HTTP layer maps to a status code; anything that is not a
 * ServiceError is a bug and becomes a 500 with a generic message.
 */

export type ErrorKind =
  | "invalid-argument" // 400: the request names something wrong
  | "not-found" // 404: no such category, route or model
  | "conflict" // 409: the operation cannot run now (e.g. already training)
  | "bad-data" // 422: the stored history cannot be used as it is
  | "unavailable"; // 503: a dependency failed; retrying may help

export class ServiceError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options);
    this.name = "ServiceError";
  }
}

/** The history of a category is malformed or too short to train on. */
export class BadHistoryError extends ServiceError {
  constructor(
    message: string,
    /** The year document and group at fault, where one is to blame. */
    readonly where?: { year?: string; group?: string }
  ) {
    super("bad-data", message);
    this.name = "BadHistoryError";
  }
}

/** A blob or model that should exist does not. */
export class NotFoundError extends ServiceError {
  constructor(message: string) {
    super("not-found", message);
    this.name = "NotFoundError";
  }
}
