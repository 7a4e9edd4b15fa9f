import { NotFoundError, ServiceError } from "../../src/domain/errors";
import { CheckedWrites } from "../../src/storage/checked-writes";
import { FaultyBlobStore } from "../support/fault-injection";
import { RecordingBlobStore } from "../support/recording-blob-store";

const bytes = (text: string) => new TextEncoder().encode(text);

function stores() {
  const inner = new RecordingBlobStore();
  const faulty = new FaultyBlobStore(inner);
  return { inner, faulty, checked: new CheckedWrites(faulty) };
}

test("passes writes through and verifies what reads back intact", async () => {
  const { inner, checked } = stores();
  await checked.write("a/1", bytes("one"), "text/plain");
  await checked.write("a/2", bytes("two"), "text/plain");
  await expect(checked.verify("v1")).resolves.toBeUndefined();
  expect(inner.writes).toEqual(["a/1", "a/2"]);
  expect(checked.location).toBe(inner.location);
});

test("a blob that differs from what was written is 'unavailable'", async () => {
  const { faulty, checked } = stores();
  faulty.corruptWrites = /2$/;
  await checked.write("a/1", bytes("one"), "text/plain");
  await checked.write("a/2", bytes("two"), "text/plain");
  const verify = checked.verify("v1");
  await expect(verify).rejects.toBeInstanceOf(ServiceError);
  await expect(verify).rejects.toMatchObject({ kind: "unavailable" });
  await expect(verify).rejects.toThrow("v1 did not read back as written: a/2");
});

test("a lost blob is 'unavailable', naming it", async () => {
  const { faulty, checked } = stores();
  faulty.dropWrites = /1$/;
  await checked.write("a/1", bytes("one"), "text/plain");
  const verify = checked.verify("v1");
  await expect(verify).rejects.toThrow("v1 did not read back: a/1 is missing");
  await expect(verify).rejects.not.toBeInstanceOf(NotFoundError);
});

test("the store's own outage passes through unchanged", async () => {
  const { faulty, checked } = stores();
  await checked.write("a/1", bytes("one"), "text/plain");
  faulty.failReads = /./;
  await expect(checked.verify("v1")).rejects.toThrow(/simulated outage/);
});

test("removeAll deletes newest first and reports what it could not",
  async () => {
    const { inner, faulty, checked } = stores();
    await checked.write("a/1", bytes("one"), "text/plain");
    await checked.write("a/2", bytes("two"), "text/plain");
    const deleted: string[] = [];
    const realDelete = inner.delete.bind(inner);
    inner.delete = async (path) => {
      deleted.push(path);
      await realDelete(path);
    };
    expect(await checked.removeAll()).toEqual([]);
    expect(deleted).toEqual(["a/2", "a/1"]);
    expect(inner.blobs.size).toBe(0);

    await checked.write("b/1", bytes("x"), "text/plain");
    faulty.failDeletes = true;
    expect(await checked.removeAll()).toEqual(["b/1"]);
  }
);
