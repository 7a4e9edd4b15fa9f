/**
 * How FirestoreModelRegistry reports a failing database. Its reads and
 * writes against a real Firestore are tested on the emulator
 * (test/emulator/registry.emulator.test.ts); here a stand-in database
 * fails every call the way the client does when the backend is down.
 */
import type { Firestore } from "firebase-admin/firestore";
import { ServiceError } from "../../src/domain/errors";
import { FirestoreModelRegistry } from "../../src/storage/firestore-model-registry";
import { sampleMetadata } from "../support/storage-fixtures";

/** gRPC status 14, what the Firestore client throws when it cannot connect. */
function unavailableError(): Error {
  return Object.assign(new Error("14 UNAVAILABLE: No connection established"), {
    code: 14,
  });
}

/** A database whose every document and collection call rejects. */
function downDatabase(): Firestore {
  const fail = () => Promise.reject(unavailableError());
  const collection = (name: string) => ({
    path: name,
    get: fail,
    doc: (id: string) => ({ path: `${name}/${id}`, get: fail, set: fail }),
  });
  return { collection } as unknown as Firestore;
}

describe("FirestoreModelRegistry when Firestore fails", () => {
  const registry = new FirestoreModelRegistry(downDatabase());

  test.each([
    ["getServing", () => registry.getServing("age"), "read mlModels/age"],
    ["getAllServing", () => registry.getAllServing(), "list mlModels"],
    [
      "setServing",
      () => registry.setServing(sampleMetadata("sex", "v1")),
      "write mlModels/sex",
    ],
  ])("%s is 'unavailable', naming the path and keeping the cause", async (
    _,
    act,
    action
  ) => {
    const error = await act().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ kind: "unavailable" });
    expect((error as Error).message).toBe(
      `Firestore could not ${action}: 14 UNAVAILABLE: No connection established`
    );
    expect((error as Error).cause).toMatchObject({ code: 14 });
  });

  test("an unknown category is refused without a call", async () => {
    await expect(registry.getServing("moon" as never)).rejects.toMatchObject({
      kind: "invalid-argument",
    });
  });
});
