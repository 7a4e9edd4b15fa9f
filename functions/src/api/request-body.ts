import type { Request } from "express";
import type { z } from "zod";
import { HttpError } from "./http-errors";
import { describeIssues } from "./schemas";

/**
 * Validates a request's JSON body against a schema.
 *
 * `required: true` means the client must send a JSON object (possibly
 * `{}`); otherwise an absent body counts as `{}`. A body sent with another
 * content type is refused with 415, so a form post never passes for an
 * empty request.
 */
export function parseBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  { required }: { required: boolean }
): z.infer<S> {
  const body = jsonBody(req, required);
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new HttpError(400, describeIssues(result.error, body));
  }
  return result.data;
}

function jsonBody(req: Request, required: boolean): unknown {
  if (hasBody(req) && !req.is("application/json")) {
    throw new HttpError(
      415,
      "Request body must be JSON (Content-Type: application/json)"
    );
  }
  // Cloud Functions parses JSON itself and leaves {} for an empty body;
  // express.json() leaves undefined. Treat both as "nothing sent".
  const body: unknown = req.body;
  const absent =
    body === undefined || (isEmptyObject(body) && !hasBody(req));
  if (!absent) return body;
  if (required) {
    throw new HttpError(
      400,
      'Missing JSON request body; send for example {"years_ahead": 5}'
    );
  }
  return {};
}

function hasBody(req: Request): boolean {
  const length = Number(req.headers["content-length"] ?? 0);
  return length > 0 || req.headers["transfer-encoding"] !== undefined;
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 0
  );
}
