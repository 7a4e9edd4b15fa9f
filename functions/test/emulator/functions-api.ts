/**
 * Reaching the `api` function on the functions emulator over real HTTP,
 * for the emulator tests. Addresses come from the emulator hub that
 * `firebase emulators:exec` names in FIREBASE_EMULATOR_HUB, so the suite
 * runs on whatever ports the firebase.json in use configures.
 */

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Sends a request and parses the JSON answer; non-JSON is an error. */
export async function callJson(
  method: "GET" | "POST",
  url: string,
  options: { body?: unknown; idToken?: string } = {}
): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.idToken) headers.authorization = `Bearer ${options.idToken}`;
  const response = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(
      `${method} ${url} answered ${response.status} with non-JSON: ` +
        text.slice(0, 300)
    );
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/**
 * `http://HOST:PORT/<project>/<region>/api`: the functions emulator's
 * address from the hub, the region from the function's own declaration as
 * the emulator lists it.
 */
export async function findApiBase(
  hub: string,
  project: string
): Promise<string> {
  const emulators = (await callJson("GET", `http://${hub}/emulators`)).body;
  const functions = emulators.functions as
    | { host: string; port: number }
    | undefined;
  if (!functions) {
    throw new Error(
      `the functions emulator is not running (hub ${hub} lists: ` +
        `${Object.keys(emulators).join(", ")})`
    );
  }
  const origin = `http://${functions.host}:${functions.port}`;
  const listing = (await callJson("GET", `${origin}/backends`)).body as {
    backends?: {
      functionTriggers?: {
        name: string;
        region: string;
        httpsTrigger?: object;
      }[];
    }[];
  };
  const triggers = (listing.backends ?? []).flatMap(
    (backend) => backend.functionTriggers ?? []
  );
  const api = triggers.find((t) => t.name === "api" && t.httpsTrigger);
  if (!api) {
    throw new Error(
      `no HTTPS function 'api' on the functions emulator; loaded: ` +
        `${triggers.map((t) => t.name).join(", ") || "none"}`
    );
  }
  return `${origin}/${project}/${api.region}/api`;
}
