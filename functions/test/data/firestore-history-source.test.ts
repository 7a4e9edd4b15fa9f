/**
 * FirestoreHistorySource against hand-made stand-ins for the few Firestore
 * calls it makes; the real database is exercised in
 * test/emulator/history.emulator.test.ts.
 */
import type { Firestore } from "firebase-admin/firestore";

import {
  FirestoreHistorySource,
} from "../../src/data/firestore-history-source";
import { BadHistoryError, ServiceError } from "../../src/domain/errors";

/** A Firestore whose years collections hold `docs` (or whose get fails). */
function fakeDb(
  get: () => Promise<{ id: string; data: () => Record<string, unknown> }[]>,
  visited: string[] = []
): Firestore {
  return {
    collection: (root: string) => ({
      doc: (dataset: string) => ({
        collection: (sub: string) => ({
          get: async () => {
            visited.push(`${root}/${dataset}/${sub}`);
            return { docs: await get() };
          },
        }),
      }),
    }),
  } as unknown as Firestore;
}

const doc = (id: string, data: Record<string, unknown>) => ({
  id,
  data: () => data,
});

describe("FirestoreHistorySource", () => {
  it("reads emigrantData/<dataset>/years for the category", async () => {
    const visited: string[] = [];
    const db = fakeDb(
      () =>
        Promise.resolve([
          doc("1989", { Single: 5, Married: 6 }),
          doc("1988", { Married: 4, Single: 3 }),
        ]),
      visited
    );
    const history = await new FirestoreHistorySource(db).read("civil_status");
    expect(visited).toEqual(["emigrantData/civilStatus/years"]);
    expect(history).toEqual({
      years: [1988, 1989],
      groups: ["Single", "Married"],
      values: [
        [3, 4],
        [5, 6],
      ],
    });
  });

  it("turns a Firestore failure into 'unavailable' + cause", async () => {
    const cause = new Error("14 UNAVAILABLE: connection refused");
    const db = fakeDb(() => Promise.reject(cause));
    const error = await new FirestoreHistorySource(db)
      .read("destination")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).not.toBeInstanceOf(BadHistoryError);
    expect((error as ServiceError).kind).toBe("unavailable");
    expect((error as ServiceError).cause).toBe(cause);
    expect((error as Error).message).toMatch(
      /emigrantData\/majorDestination\/years.*connection refused/
    );
  });

  it("lets bad data out as BadHistoryError, not 'unavailable'", async () => {
    const db = fakeDb(() => Promise.resolve([doc("1990", { MALE: "x" })]));
    const read = new FirestoreHistorySource(db).read("sex");
    await expect(read).rejects.toBeInstanceOf(BadHistoryError);
    await expect(new FirestoreHistorySource(db).read("sex")).rejects.toThrow(
      /years\/1990: group "MALE"/
    );
  });
});
