import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { NotFoundError, ServiceError } from "../../src/domain/errors";
import { LocalBlobStore } from "../../src/storage/local-blob-store";

describe("LocalBlobStore", () => {
  let root: string;
  let store: LocalBlobStore;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "local-blob-store-"));
    store = new LocalBlobStore(root);
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  test("reads back exactly the bytes written, in nested folders", async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await store.write("models/age/v1/weights.bin", bytes, "x/y");

    expect(await store.read("models/age/v1/weights.bin")).toEqual(bytes);
    expect(await store.exists("models/age/v1/weights.bin")).toBe(true);
    const onDisk = await fs.readFile(
      path.join(root, "models", "age", "v1", "weights.bin")
    );
    expect(new Uint8Array(onDisk)).toEqual(bytes);
  });

  test("an overwrite replaces the content and leaves no temp file", async () => {
    await store.write("a/b.json", new TextEncoder().encode("old"), "t");
    await store.write("a/b.json", new TextEncoder().encode("new!"), "t");

    expect(new TextDecoder().decode(await store.read("a/b.json"))).toBe(
      "new!"
    );
    expect(await fs.readdir(path.join(root, "a"))).toEqual(["b.json"]);
  });

  test("location is the absolute root directory", () => {
    const relative = new LocalBlobStore("some/dir");
    expect(relative.location).toBe(path.resolve("some/dir"));
    expect(store.location).toBe(path.resolve(root));
  });

  test("reading a missing blob is a NotFoundError naming the path", async () => {
    const read = store.read("models/sex/nope/model.json");
    await expect(read).rejects.toBeInstanceOf(NotFoundError);
    await expect(read).rejects.toThrow("models/sex/nope/model.json");
  });

  test("a folder is not a blob", async () => {
    await store.write("dir/file.txt", new Uint8Array([1]), "t");
    expect(await store.exists("dir")).toBe(false);
    await expect(store.read("dir")).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.exists("dir/missing.txt")).toBe(false);
    // A path that runs through a file instead of a folder (ENOTDIR).
    expect(await store.exists("dir/file.txt/below")).toBe(false);
  });

  test.each([
    ["", "empty"],
    ["/etc/passwd", "absolute"],
    ["C:/x", "absolute"],
    ["models/../../outside", ". or .."],
    ["./model.json", ". or .."],
    ["models//model.json", "empty segment"],
    ["models/", "empty segment"],
    ["models\\age", "backslash"],
  ])("rejects the path %j (%s) before touching disk", async (bad, why) => {
    const bytes = new Uint8Array([1]);
    for (const attempt of [
      store.write(bad, bytes, "t"),
      store.read(bad),
      store.exists(bad),
    ]) {
      await expect(attempt).rejects.toThrow(ServiceError);
      await expect(attempt).rejects.toThrow(JSON.stringify(bad));
      await expect(attempt).rejects.toThrow(why);
    }
    expect(await fs.readdir(root)).toEqual([]);
  });

  test("a write that cannot happen is 'unavailable' naming the path", async () => {
    // A file where the store needs a folder.
    await fs.writeFile(path.join(root, "blocker"), "x");
    const write = store.write("blocker/model.json", new Uint8Array([1]), "t");
    await expect(write).rejects.toMatchObject({ kind: "unavailable" });
    await expect(write).rejects.toThrow("blocker/model.json");
  });

  test("list names every blob in a folder, at any depth", async () => {
    const names = ["models/sex/v9/a.json", "models/sex/v9/deeper/b.bin"];
    for (const name of names) await store.write(name, new Uint8Array([1]), "t");
    await store.write("models/sex/v90/x.json", new Uint8Array([1]), "t");
    // A staging file an interrupted atomic write left behind is no blob.
    await fs.writeFile(path.join(root, "models/sex/v9/.a.json.1.tmp"), "x");

    expect((await store.list("models/sex/v9")).sort()).toEqual(names);
    expect(await store.list("models/nothing")).toEqual([]);
    await expect(store.list("../x")).rejects.toThrow('"../x"');
  });
});
