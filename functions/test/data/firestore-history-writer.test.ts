/**
 * writeHistoryToFirestore against a stand-in that records batches; the
 * real database is exercised in test/emulator/history.emulator.test.ts.
 */
import type { Firestore } from "firebase-admin/firestore";

import {
  writeHistoryToFirestore,
  type HistoryWrite,
} from "../../src/data/firestore-history-writer";
import { syntheticHistory } from "../../src/data/synthetic-history";
import { BadHistoryError, ServiceError } from "../../src/domain/errors";
import type { History } from "../../src/domain/history";

interface Recorder {
  db: Firestore;
  /** Committed batches: each a list of [path, data, options]. */
  batches: [string, unknown, unknown][][];
}

/** A Firestore that records batch sets; commit number `failAt` fails. */
function recordingDb(failAt?: number): Recorder {
  const recorder: Recorder = { db: undefined as never, batches: [] };
  let commits = 0;
  recorder.db = {
    doc: (path: string) => ({ path }),
    batch: () => {
      const sets: [string, unknown, unknown][] = [];
      return {
        set: (ref: { path: string }, data: unknown, options?: unknown) => {
          sets.push([ref.path, data, options]);
        },
        commit: () => {
          commits += 1;
          if (commits === failAt) {
            return Promise.reject(new Error("DEADLINE_EXCEEDED"));
          }
          recorder.batches.push(sets);
          return Promise.resolve([]);
        },
      };
    },
  } as unknown as Firestore;
  return recorder;
}

/** A Firestore that fails the test if touched at all. */
const untouchableDb = new Proxy(
  {},
  {
    get: (_, name) => {
      throw new Error(`dry run touched Firestore (${String(name)})`);
    },
  }
) as Firestore;

const EDUCATION: History = {
  years: [1988, 1989],
  groups: ["Elementary", "Not Reported / No Response", "Post Graduate"],
  values: [
    [11859, 0, 854],
    [10620, 5, 924],
  ],
};

describe("writeHistoryToFirestore", () => {
  it("returns one whole-document write per year on a dry run", async () => {
    const writes = await writeHistoryToFirestore(
      untouchableDb,
      "education",
      EDUCATION,
      { dryRun: true }
    );
    expect(writes).toEqual<HistoryWrite[]>([
      {
        path: "emigrantData/education/years/1988",
        data: {
          Elementary: 11859,
          "Not Reported / No Response": 0,
          "Post Graduate": 854,
        },
      },
      {
        path: "emigrantData/education/years/1989",
        data: {
          Elementary: 10620,
          "Not Reported / No Response": 5,
          "Post Graduate": 924,
        },
      },
    ]);
  });

  it("sets whole documents without merge, keeping odd names flat", async () => {
    const recorder = recordingDb();
    const history: History = {
      years: [2000],
      groups: ["A.B", "C/D", "E F"],
      values: [[1, 2, 3]],
    };
    await writeHistoryToFirestore(recorder.db, "sex", history, {
      dryRun: false,
    });
    expect(recorder.batches).toEqual([
      [
        [
          "emigrantData/sex/years/2000",
          { "A.B": 1, "C/D": 2, "E F": 3 },
          undefined,
        ],
      ],
    ]);
  });

  it("commits in batches of at most 500 documents", async () => {
    const recorder = recordingDb();
    const history = syntheticHistory("sex", {
      fromYear: 1000,
      toYear: 2100,
      seed: 5,
    });
    const writes = await writeHistoryToFirestore(
      recorder.db,
      "sex",
      history,
      { dryRun: false }
    );
    expect(writes).toHaveLength(1101);
    expect(recorder.batches.map((b) => b.length)).toEqual([500, 500, 101]);
    expect(recorder.batches.flat().map(([path]) => path)).toEqual(
      writes.map((w) => w.path)
    );
  });

  it("honours a smaller batch size and refuses one above 500", async () => {
    const recorder = recordingDb();
    await writeHistoryToFirestore(recorder.db, "education", EDUCATION, {
      dryRun: false,
      batchSize: 1,
    });
    expect(recorder.batches).toHaveLength(2);
    await expect(
      writeHistoryToFirestore(recorder.db, "education", EDUCATION, {
        dryRun: false,
        batchSize: 501,
      })
    ).rejects.toThrow(/batchSize must be a whole number from 1 to 500/);
  });

  it("reports how far it got when a commit fails", async () => {
    const recorder = recordingDb(2);
    const error = await writeHistoryToFirestore(
      recorder.db,
      "education",
      EDUCATION,
      { dryRun: false, batchSize: 1 }
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).kind).toBe("unavailable");
    expect((error as ServiceError).cause).toEqual(
      new Error("DEADLINE_EXCEEDED")
    );
    expect((error as Error).message).toMatch(
      /after 1 of 2 year documents .*years\/1989 to .*years\/1989 were not/
    );
  });

  it.each<[string, History, RegExp, object]>([
    [
      "a negative count",
      { years: [1988], groups: ["MALE"], values: [[-1]] },
      /year 1988, group "MALE": -1 is negative/,
      { year: "1988", group: "MALE" },
    ],
    [
      "a fractional count",
      { years: [1988], groups: ["MALE"], values: [[0.5]] },
      /0\.5 is not a whole number/,
      { year: "1988", group: "MALE" },
    ],
    [
      "years out of order",
      { years: [1989, 1988], groups: ["MALE"], values: [[1], [2]] },
      /year 1988 follows 1989/,
      { year: "1988" },
    ],
    [
      "a short row",
      { years: [1988], groups: ["MALE", "FEMALE"], values: [[1]] },
      /year 1988 has 1 counts for 2 groups/,
      { year: "1988" },
    ],
    [
      "a repeated group",
      { years: [1988], groups: ["MALE", "MALE"], values: [[1, 2]] },
      /group "MALE" is empty or repeated/,
      { group: "MALE" },
    ],
  ])("writes nothing from a history with %s", async (_, history, message,
    where) => {
    const recorder = recordingDb();
    const write = writeHistoryToFirestore(recorder.db, "sex", history, {
      dryRun: false,
    });
    await expect(write).rejects.toBeInstanceOf(BadHistoryError);
    await expect(write).rejects.toThrow(message);
    await expect(write).rejects.toMatchObject({ where });
    expect(recorder.batches).toEqual([]);
  });
});
