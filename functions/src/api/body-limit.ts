import type { RequestHandler } from "express";
import { HttpError } from "./http-errors";

/**
 * Refuses a request body larger than `maxBytes` with 413.
 *
 * express.json() enforces its own limit only when it parses the body
 * itself. On Cloud Functions (and its emulator) the platform has already
 * parsed the body, with a limit of megabytes, before the app sees it, and
 * express.json() then skips the request. So the size is checked here from
 * what the platform kept (`rawBody`) or, failing that, the declared length.
 */
export function bodySizeLimit(maxBytes: number): RequestHandler {
  return (req, _res, next) => {
    const raw = (req as { rawBody?: Buffer }).rawBody;
    const size = raw?.length ?? Number(req.headers["content-length"] ?? 0);
    if (size > maxBytes) {
      throw new HttpError(
        413,
        `Request body is too large: ${size} bytes, at most ${maxBytes}`
      );
    }
    next();
  };
}
