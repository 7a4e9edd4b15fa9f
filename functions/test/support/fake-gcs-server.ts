/**
 * A tiny in-memory stand-in for the Cloud Storage JSON API, served over real
 * HTTP on 127.0.0.1, so that tests exercise the @google-cloud/storage client
 * end to end (request building, uploads, hash checks, retries, error
 * parsing) without mocking any of its methods.
 *
 * It speaks only the calls the client makes for the blob store:
 *   POST /upload/storage/v1/b/<bucket>/o?uploadType=multipart|media&name=…
 *   GET  /storage/v1/b/<bucket>/o/<name>            (metadata, exists)
 *   GET  /storage/v1/b/<bucket>/o/<name>?alt=media  (download)
 *   GET  /download/storage/v1/b/<bucket>/o/<name>?alt=media
 *   DELETE /storage/v1/b/<bucket>/o/<name>
 *   GET  /storage/v1/b/<bucket>/o?prefix=…&pageToken=…  (listing, in pages
 *        of LIST_PAGE_SIZE so that the client's paging is exercised)
 * Anything else gets a 501 naming the route, so a client change shows up as
 * a clear test failure rather than a silent pass.
 */
import { createHash } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { Storage } from "@google-cloud/storage";

/** One request as the client sent it, for tests and debugging. */
export interface RecordedRequest {
  method: string;
  /** Decoded path, without the query string. */
  path: string;
  query: Record<string, string>;
}

export interface FakeGcsServer {
  /** Base URL to give the client as `apiEndpoint`. */
  readonly endpoint: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Stores an object directly, as if uploaded earlier. */
  putObject(bucket: string, name: string, data: Uint8Array): void;
  /** The stored bytes of an object, or undefined. */
  getObject(bucket: string, name: string): Uint8Array | undefined;
  /**
   * Answers the next `count` requests (any route) with `status` and a JSON
   * error body, as the real API does when it is overloaded. Infinity makes
   * every request fail until `stopFailing()`.
   */
  failNext(count: number, status?: number): void;
  stopFailing(): void;
  close(): Promise<void>;
}

export interface FakeGcsOptions {
  /** Buckets that exist; requests naming any other bucket get a 404. */
  buckets: string[];
  /** Print each request to stderr (handy while developing). */
  log?: boolean;
}

interface StoredObject {
  data: Buffer;
  contentType: string;
  generation: number;
  created: string;
}

/** Starts the server on a random free port of 127.0.0.1. */
export async function startFakeGcsServer(
  options: FakeGcsOptions
): Promise<FakeGcsServer> {
  const objects = new Map<string, Map<string, StoredObject>>();
  for (const bucket of options.buckets) objects.set(bucket, new Map());
  const requests: RecordedRequest[] = [];
  let failuresLeft = 0;
  let failureStatus = 503;
  let nextGeneration = 1;

  const store = (
    bucket: string,
    name: string,
    data: Buffer,
    contentType: string
  ): StoredObject => {
    const entry: StoredObject = {
      data,
      contentType,
      generation: nextGeneration++,
      created: new Date().toISOString(),
    };
    bucketObjects(objects, bucket).set(name, entry);
    return entry;
  };

  const handle = async (
    req: http.IncomingMessage,
    res: http.ServerResponse
  ): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = decodeURIComponent(url.pathname);
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? "GET";
    requests.push({ method, path, query });
    if (options.log) process.stderr.write(`fake-gcs ${method} ${req.url}\n`);

    const body = await readBody(req);
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      sendError(res, failureStatus, "Backend Error", "backendError");
      return;
    }

    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(path);
    if (upload && method === "POST") {
      const bucket = upload[1];
      if (!objects.has(bucket)) return sendNoBucket(res, bucket);
      const parsed = parseUpload(req, body, query);
      if (typeof parsed === "string") {
        sendError(res, 400, parsed, "invalid");
        return;
      }
      const entry = store(bucket, parsed.name, parsed.data, parsed.type);
      sendJson(res, 200, objectResource(bucket, parsed.name, entry));
      return;
    }

    const listing = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(path);
    if (listing && method === "GET") {
      const bucket = listing[1];
      const inBucket = objects.get(bucket);
      if (!inBucket) return sendNoBucket(res, bucket);
      sendJson(res, 200, listPage(bucket, inBucket, query));
      return;
    }

    // The object name is everything after /o/, slashes included, since the
    // client percent-encodes them and we decoded the whole path above.
    const object =
      /^(?:\/download)?\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(path);
    if (object && (method === "GET" || method === "DELETE")) {
      const [, bucket, name] = object;
      const inBucket = objects.get(bucket);
      if (!inBucket) return sendNoBucket(res, bucket);
      const entry = inBucket.get(name);
      if (!entry) {
        const message = `No such object: ${bucket}/${name}`;
        sendError(res, 404, message, "notFound");
        return;
      }
      if (method === "DELETE") {
        inBucket.delete(name);
        res.writeHead(204).end();
      } else if (query.alt === "media") {
        sendMedia(res, entry);
      } else {
        sendJson(res, 200, objectResource(bucket, name, entry));
      }
      return;
    }

    const message = `fake-gcs does not implement ${method} ${path}`;
    sendError(res, 501, message, "notImplemented");
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      sendError(res, 500, String(error), "internalError");
    });
  });
  await new Promise<void>((resolve) => {
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    putObject(bucket, name, data) {
      store(bucket, name, Buffer.from(data), "application/octet-stream");
    },
    getObject(bucket, name) {
      const entry = objects.get(bucket)?.get(name);
      return entry ? new Uint8Array(entry.data) : undefined;
    },
    failNext(count, status = 503) {
      failuresLeft = count;
      failureStatus = status;
    },
    stopFailing() {
      failuresLeft = 0;
    },
    close() {
      // The client keeps sockets alive; without this close() would wait
      // for them to time out.
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

/**
 * A client pointed at the fake server. A custom apiEndpoint makes the client
 * skip authentication (useAuthWithCustomEndpoint defaults to false), so no
 * credentials are looked up.
 *
 * `retries` is how many times the client retries a failed idempotent call
 * (0 turns retrying off). Each retry then waits one second: the shortest
 * the client allows, since File.save() hands maxRetryDelay to async-retry,
 * which rejects a maximum below its one-second minimum.
 */
export function storageForFakeServer(
  server: FakeGcsServer,
  retries = 0
): Storage {
  // With STORAGE_EMULATOR_HOST set (as under `firebase emulators:exec`),
  // the constructor takes that host as its base URL for JSON API calls,
  // whatever apiEndpoint says; hide it while the client is built.
  const emulatorHost = process.env.STORAGE_EMULATOR_HOST;
  delete process.env.STORAGE_EMULATOR_HOST;
  try {
    return new Storage({
      apiEndpoint: server.endpoint,
      projectId: "demo-test",
      useAuthWithCustomEndpoint: false,
      retryOptions: {
        autoRetry: retries > 0,
        maxRetries: retries,
        maxRetryDelay: 1,
      },
    });
  } finally {
    if (emulatorHost !== undefined) {
      process.env.STORAGE_EMULATOR_HOST = emulatorHost;
    }
  }
}

function bucketObjects(
  objects: Map<string, Map<string, StoredObject>>,
  bucket: string
): Map<string, StoredObject> {
  const found = objects.get(bucket);
  if (!found) throw new Error(`fake-gcs: no bucket ${bucket}`);
  return found;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Name, bytes and type of an upload, or a message saying what is wrong. */
function parseUpload(
  req: http.IncomingMessage,
  body: Buffer,
  query: Record<string, string>
): { name: string; data: Buffer; type: string } | string {
  const contentType = req.headers["content-type"] ?? "";
  if (query.uploadType === "media") {
    if (!query.name) return "Required parameter: name";
    return { name: query.name, data: body, type: contentType };
  }
  if (query.uploadType !== "multipart") {
    return `unsupported uploadType ${query.uploadType}`;
  }
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return "multipart upload without a boundary";
  const parts = splitMultipart(body, boundary);
  if (parts.length !== 2) {
    return `multipart upload has ${parts.length} parts, expected 2`;
  }
  const [metaPart, mediaPart] = parts;
  const metadata = JSON.parse(metaPart.body.toString("utf8")) as {
    name?: string;
    contentType?: string;
  };
  const name = metadata.name ?? query.name;
  if (!name) return "Required parameter: name";
  const type =
    metadata.contentType ?? mediaPart.headers["content-type"] ?? "";
  return { name, data: mediaPart.body, type };
}

interface MultipartPart {
  headers: Record<string, string>;
  body: Buffer;
}

/** Splits a multipart/related body into its parts (RFC 2046). */
function splitMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    // "--" right after the delimiter marks the end of the body.
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") {
      break;
    }
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    // Each part sits between "\r\n" after the delimiter and "\r\n" before
    // the next one.
    const raw = body.subarray(afterDelimiter + 2, next - 2);
    const headerEnd = raw.indexOf("\r\n\r\n");
    const headerText = raw.subarray(0, Math.max(headerEnd, 0)).toString();
    const headers: Record<string, string> = {};
    for (const line of headerText.split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) {
        const key = line.slice(0, colon).trim().toLowerCase();
        headers[key] = line.slice(colon + 1).trim();
      }
    }
    parts.push({ headers, body: raw.subarray(headerEnd + 4) });
    start = next;
  }
  return parts;
}

function objectResource(
  bucket: string,
  name: string,
  entry: StoredObject
): Record<string, string> {
  const id = `${bucket}/${name}/${entry.generation}`;
  return {
    kind: "storage#object",
    id,
    name,
    bucket,
    generation: String(entry.generation),
    metageneration: "1",
    contentType: entry.contentType,
    size: String(entry.data.length),
    md5Hash: md5Base64(entry.data),
    crc32c: crc32cBase64(entry.data),
    etag: Buffer.from(id).toString("base64"),
    timeCreated: entry.created,
    updated: entry.created,
  };
}

/** Sends the bytes with the hash headers the client validates against. */
function sendMedia(res: http.ServerResponse, entry: StoredObject): void {
  res.writeHead(200, {
    "content-type": entry.contentType || "application/octet-stream",
    "content-length": String(entry.data.length),
    "x-goog-hash":
      `crc32c=${crc32cBase64(entry.data)},md5=${md5Base64(entry.data)}`,
    "x-goog-stored-content-encoding": "identity",
    "x-goog-generation": String(entry.generation),
  });
  res.end(entry.data);
}

function sendNoBucket(res: http.ServerResponse, bucket: string): void {
  const message = `The specified bucket does not exist: ${bucket}`;
  sendError(res, 404, message, "notFound");
}

/** An error body shaped like the real API's. */
function sendError(
  res: http.ServerResponse,
  status: number,
  message: string,
  reason: string
): void {
  sendJson(res, status, {
    error: {
      code: status,
      message,
      errors: [{ message, domain: "global", reason }],
    },
  });
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  value: unknown
): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json; charset=UTF-8",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function md5Base64(data: Buffer): string {
  return createHash("md5").update(data).digest("base64");
}

/** CRC-32C (Castagnoli), reflected polynomial 0x82F63B78. */
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

/** The object's CRC-32C as the API reports it: big-endian, base64. */
function crc32cBase64(data: Buffer): string {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc = CRC32C_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out.toString("base64");
}

/** Objects per listing page; tiny, so that two blobs already page. */
const LIST_PAGE_SIZE = 2;

/** One page of a listing: names in order, the token of the next page. */
function listPage(
  bucket: string,
  inBucket: Map<string, StoredObject>,
  query: Record<string, string>
): object {
  const prefix = query.prefix ?? "";
  const names = [...inBucket.keys()].filter((n) => n.startsWith(prefix)).sort();
  const start = Number(query.pageToken ?? "0");
  const size = Math.min(Number(query.maxResults) || Infinity, LIST_PAGE_SIZE);
  const page = names.slice(start, start + size);
  const next = start + size < names.length ? String(start + size) : undefined;
  return {
    kind: "storage#objects",
    items: page.map((name) => {
      const entry = inBucket.get(name) as StoredObject;
      return objectResource(bucket, name, entry);
    }),
    ...(next === undefined ? {} : { nextPageToken: next }),
  };
}
