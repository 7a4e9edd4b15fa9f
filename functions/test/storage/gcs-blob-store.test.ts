import { NotFoundError, ServiceError } from "../../src/domain/errors";
import { GcsBlobStore } from "../../src/storage/gcs-blob-store";
import {
  startFakeGcsServer,
  storageForFakeServer,
  type FakeGcsServer,
} from "../support/fake-gcs-server";

const BUCKET = "demo-test.appspot.com";

describe("GcsBlobStore against a fake Cloud Storage server", () => {
  let server: FakeGcsServer;

  beforeAll(async () => {
    server = await startFakeGcsServer({ buckets: [BUCKET] });
  });

  afterAll(async () => {
    await server.close();
  });

  afterEach(() => {
    server.stopFailing();
    server.requests.length = 0;
  });

  const storeWithRetries = (retries: number) =>
    new GcsBlobStore(storageForFakeServer(server, retries).bucket(BUCKET));

  test("location is the gs:// URI of the bucket", () => {
    expect(storeWithRetries(0).location).toBe(`gs://${BUCKET}`);
  });

  test("round trip: write, exists, read, with one single-request upload", async () => {
    const store = storeWithRetries(0);
    const bytes = new Uint8Array(300).map((_, i) => (i * 7) % 256);

    await store.write("models/age/v1/weights.bin", bytes, "application/x-x");

    expect(await store.exists("models/age/v1/weights.bin")).toBe(true);
    expect(await store.read("models/age/v1/weights.bin")).toEqual(bytes);
    expect(server.getObject(BUCKET, "models/age/v1/weights.bin")).toEqual(
      bytes
    );
    const uploads = server.requests.filter((r) => r.method === "POST");
    expect(uploads).toEqual([
      {
        method: "POST",
        path: `/upload/storage/v1/b/${BUCKET}/o`,
        query: { uploadType: "multipart", name: "models/age/v1/weights.bin" },
      },
    ]);
  });

  test("the content type reaches the server", async () => {
    const store = storeWithRetries(0);
    await store.write("x/model.json", new Uint8Array([123, 125]), "application/json");
    const [metadata] = await storageForFakeServer(server)
      .bucket(BUCKET)
      .file("x/model.json")
      .getMetadata();
    expect(metadata.contentType).toBe("application/json");
  });

  test("an empty blob round-trips", async () => {
    const store = storeWithRetries(0);
    await store.write("empty.bin", new Uint8Array(0), "application/octet-stream");
    expect(await store.read("empty.bin")).toEqual(new Uint8Array(0));
  });

  test("a missing blob: exists is false, read is NotFoundError with its gs:// URI", async () => {
    const store = storeWithRetries(0);
    expect(await store.exists("models/sex/none/model.json")).toBe(false);

    const read = store.read("models/sex/none/model.json");
    await expect(read).rejects.toBeInstanceOf(NotFoundError);
    await expect(read).rejects.toThrow(
      `gs://${BUCKET}/models/sex/none/model.json`
    );
  });

  test.each([
    ["read", (s: GcsBlobStore) => s.read("a/b.bin")],
    ["exists", (s: GcsBlobStore) => s.exists("a/b.bin")],
    ["write", (s: GcsBlobStore) => s.write("a/b.bin", new Uint8Array([1]), "t")],
  ])("a 503 on %s is ServiceError 'unavailable' keeping the cause", async (_, act) => {
    server.putObject(BUCKET, "a/b.bin", new Uint8Array([9]));
    server.failNext(Infinity, 503);

    const error = await act(storeWithRetries(0)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServiceError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ kind: "unavailable" });
    expect((error as Error).message).toContain(`gs://${BUCKET}/a/b.bin`);
    expect((error as Error).message).toContain("503");
    expect((error as Error).cause).toMatchObject({ code: 503 });
  });

  test("the client's retry rides out one 503 on a read", async () => {
    server.putObject(BUCKET, "flaky.bin", new Uint8Array([4, 2]));
    server.failNext(1, 503);

    const bytes = await storeWithRetries(1).read("flaky.bin");

    expect(bytes).toEqual(new Uint8Array([4, 2]));
    expect(server.requests.map((r) => r.path)).toEqual([
      `/storage/v1/b/${BUCKET}/o/flaky.bin`,
      `/storage/v1/b/${BUCKET}/o/flaky.bin`,
    ]);
  });

  test("a write does not switch off retries of later reads", async () => {
    // File.save() of client 7.x turns the shared autoRetry off for good;
    // the store must put it back.
    const store = storeWithRetries(1);
    await store.write("first.bin", new Uint8Array([1]), "t");
    server.failNext(1, 503);

    expect(await store.read("first.bin")).toEqual(new Uint8Array([1]));
  });

  test("a bucket that does not exist: read is NotFoundError", async () => {
    const store = new GcsBlobStore(
      storageForFakeServer(server).bucket("no-such-bucket")
    );
    await expect(store.read("m.json")).rejects.toThrow(
      "gs://no-such-bucket/m.json"
    );
    await expect(store.read("m.json")).rejects.toBeInstanceOf(NotFoundError);
  });

  test("list names every blob in a folder, over several pages", async () => {
    const store = storeWithRetries(0);
    const names = ["a.json", "b.bin", "deeper/c.json"].map(
      (name) => `models/sex/v9/${name}`
    );
    for (const name of names) await store.write(name, new Uint8Array([1]), "t");
    await store.write("models/sex/v90/x.json", new Uint8Array([1]), "t");
    server.requests.length = 0;

    // v9, not v90: the folder ends at a slash.
    expect((await store.list("models/sex/v9")).sort()).toEqual(names);
    const pages = server.requests.filter((r) => r.query.prefix !== undefined);
    expect(pages.length).toBeGreaterThan(1);
    expect(await store.list("models/nothing")).toEqual([]);
    await expect(store.list("models/")).rejects.toThrow("empty segment");
  });

  test("bad paths are refused before any request", async () => {
    const store = storeWithRetries(0);
    await expect(store.read("../x")).rejects.toThrow('"../x"');
    await expect(
      store.write("/abs", new Uint8Array([1]), "t")
    ).rejects.toThrow("absolute");
    await expect(store.exists("a//b")).rejects.toThrow("empty segment");
    expect(server.requests).toEqual([]);
  });
});
