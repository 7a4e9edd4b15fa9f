/**
 * A minimal JSON POST over node:http, for timing requests with as little
 * client overhead as possible. A keep-alive agent with one socket makes
 * sequential requests reuse one connection, as a browser would.
 */
import * as http from "node:http";

export interface PostAnswer {
  status: number;
  body: string;
}

/**
 * @param timeoutMs when set, a request with no answer after this long
 *   fails with an error saying so, instead of waiting for ever.
 */
export function postJson(
  url: string,
  payload: unknown,
  agent?: http.Agent,
  timeoutMs?: number
): Promise<PostAnswer> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
          })
        );
        response.on("error", reject);
      }
    );
    request.on("error", reject);
    if (timeoutMs !== undefined) {
      request.setTimeout(timeoutMs, () =>
        request.destroy(new Error(`no answer within ${timeoutMs} ms`))
      );
    }
    request.end(body);
  });
}

/** The model_version of a predict answer, or throws naming the answer. */
export function modelVersionOf(answer: PostAnswer): string {
  if (answer.status === 200) {
    const parsed = JSON.parse(answer.body) as { model_version?: unknown };
    if (typeof parsed.model_version === "string") return parsed.model_version;
  }
  throw new Error(
    `predict answered ${answer.status}: ${answer.body.slice(0, 200)}`
  );
}
