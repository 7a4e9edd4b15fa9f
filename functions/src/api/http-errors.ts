import type { ErrorRequestHandler, RequestHandler } from "express";
import { type ErrorKind, ServiceError } from "../domain/errors";
import type { Logger } from "../domain/logger";
import { echo } from "./echo";

/** An error the HTTP layer raises itself, with its status decided. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
    this.name = "HttpError";
  }
}

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  "invalid-argument": 400,
  "not-found": 404,
  conflict: 409,
  "bad-data": 422,
  unavailable: 503,
};

/** 404 for any path no route matched. */
export const unknownPath: RequestHandler = (req) => {
  throw new HttpError(404, `No route for ${req.method} ${echo(req.path)}`);
};

/** 405 for a known path asked with a method it does not take. */
export function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req) => {
    throw new HttpError(
      405,
      `Method ${req.method} not allowed on ${echo(req.path)}; ` +
        `use ${allowed.join(" or ")}`,
      { Allow: allowed.join(", ") }
    );
  };
}

/**
 * The one error boundary of the app. Expected errors become a 4xx or 503
 * with `{ error }` naming what is wrong; anything else is a bug: logged
 * with its stack and answered with a generic 500 that leaks nothing.
 */
export function errorBoundary(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, message, headers } = classify(error);
    if (status >= 500) {
      logger.error("request failed", {
        method: req.method,
        path: req.path,
        status,
        error,
        stack: error instanceof Error ? error.stack : undefined,
      });
    }
    if (status === 503 && !headers["Retry-After"]) {
      headers["Retry-After"] = "30";
    }
    res.status(status).set(headers).json({ error: message });
  };
}

function classify(error: unknown): {
  status: number;
  message: string;
  headers: Record<string, string>;
} {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      message: error.message,
      headers: { ...error.headers },
    };
  }
  if (error instanceof ServiceError) {
    return {
      status: STATUS_BY_KIND[error.kind],
      message: error.message,
      headers: {},
    };
  }
  const parserError = bodyParserFailure(error);
  if (parserError) return { ...parserError, headers: {} };
  return { status: 500, message: "Internal server error", headers: {} };
}

/**
 * Errors thrown before a route runs: by express.json(), which gives them
 * a `type` and a `status`, by zlib while it inflates a compressed body
 * (a `Z_...` code), or by the router decoding a path parameter (a
 * URIError with status 400).
 */
function bodyParserFailure(
  error: unknown
): { status: number; message: string } | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { type, status, code, name } = error as {
    type?: string;
    status?: number;
    code?: unknown;
    name?: unknown;
  };
  if (name === "URIError" && status === 400) {
    return {
      status: 400,
      message: "Malformed percent-encoding in the request path",
    };
  }
  if (typeof code === "string" && code.startsWith("Z_")) {
    return {
      status: 400,
      message: "Request body does not decompress as its Content-Encoding says",
    };
  }
  switch (type) {
    case "entity.parse.failed":
      return { status: 400, message: "Malformed JSON in request body" };
    case "entity.too.large":
      return { status: 413, message: "Request body is too large" };
    case "encoding.unsupported":
    case "charset.unsupported":
      return { status: 415, message: "Unsupported request body encoding" };
    case "request.size.invalid":
      return {
        status: 400,
        message: "Request body length does not match Content-Length",
      };
    default:
      return typeof status === "number" && status >= 400 && status < 500
        ? { status, message: "Bad request body" }
        : undefined;
  }
}
