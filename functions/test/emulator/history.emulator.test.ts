/**
 * FirestoreHistorySource and writeHistoryToFirestore against the Firestore
 * emulator: field names with spaces, slashes and dots, whole-document
 * replacement, batching and bad documents, as a real database sees them.
 *
 * Runs only when FIRESTORE_EMULATOR_HOST is set (`npm test` at the repo
 * root starts the emulators; by hand, start cloud_firestore_emulator and
 * set FIRESTORE_EMULATOR_HOST and GCLOUD_PROJECT). Each test clears the
 * emigrantData datasets before and after, and touches nothing else. With
 * CFO_DATA_DIR set, the real tables are imported and read back too.
 */
import { existsSync } from "node:fs";

import { deleteApp, initializeApp, type App } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";

import { readCfoFolder } from "../../src/data/cfo-files";
import {
  FirestoreHistorySource,
} from "../../src/data/firestore-history-source";
import {
  writeHistoryToFirestore,
} from "../../src/data/firestore-history-writer";
import { syntheticHistory } from "../../src/data/synthetic-history";
import { CATEGORIES, CATEGORY_SPECS } from "../../src/domain/categories";
import { BadHistoryError } from "../../src/domain/errors";
import type { History } from "../../src/domain/history";

const emulatorHost = process.env.FIRESTORE_EMULATOR_HOST;
if (!emulatorHost) {
  console.warn(
    "SKIPPED Firestore history emulator tests: FIRESTORE_EMULATOR_HOST " +
      "is unset; run `npm test` at the repo root, which starts the emulators"
  );
}
const describeOnEmulator = emulatorHost ? describe : describe.skip;

const cfoDataDir = process.env.CFO_DATA_DIR;
const haveCfoData = cfoDataDir !== undefined && existsSync(cfoDataDir);

describeOnEmulator("Firestore history on the emulator", () => {
  let app: App;
  let db: Firestore;

  const clear = async () => {
    for (const category of CATEGORIES) {
      const dataset = CATEGORY_SPECS[category].dataset;
      await db.recursiveDelete(db.doc(`emigrantData/${dataset}`));
    }
  };

  beforeAll(() => {
    app = initializeApp(
      { projectId: process.env.GCLOUD_PROJECT ?? "demo-test" },
      `history-emulator-test-${Date.now()}`
    );
    db = getFirestore(app);
  });
  beforeEach(clear);
  afterEach(clear);
  afterAll(async () => {
    await deleteApp(app);
  });

  it("round-trips group names holding slashes, dots, spaces", async () => {
    const history: History = {
      years: [1988, 1989, 1990],
      groups: [
        "Elementary",
        "Post Graduate",
        "Not Reported / No Response",
        "St. Jude Academy",
      ],
      values: [
        [11859, 854, 0, 3],
        [10620, 924, 5, 0],
        [11611, 1062, 0, 7],
      ],
    };
    const writes = await writeHistoryToFirestore(db, "education", history, {
      dryRun: false,
    });
    expect(writes.map((w) => w.path)).toEqual([
      "emigrantData/education/years/1988",
      "emigrantData/education/years/1989",
      "emigrantData/education/years/1990",
    ]);

    // Stored flat: a dotted update path would have nested "St" → " Jude…".
    const stored = await db.doc("emigrantData/education/years/1989").get();
    expect(stored.data()).toEqual({
      Elementary: 10620,
      "Post Graduate": 924,
      "Not Reported / No Response": 5,
      "St. Jude Academy": 0,
    });

    const read = await new FirestoreHistorySource(db).read("education");
    expect(read).toEqual(history);
  });

  it("replaces each year document whole on a second import", async () => {
    await writeHistoryToFirestore(
      db,
      "sex",
      { years: [2000], groups: ["MALE", "FEMALE", "Old"], values: [[1, 2, 3]] },
      { dryRun: false }
    );
    await writeHistoryToFirestore(
      db,
      "sex",
      { years: [2000], groups: ["MALE", "FEMALE"], values: [[4, 5]] },
      { dryRun: false }
    );
    const stored = await db.doc("emigrantData/sex/years/2000").get();
    expect(stored.data()).toEqual({ MALE: 4, FEMALE: 5 });
  });

  it("writes every year across several batches", async () => {
    const history = syntheticHistory("origin", {
      fromYear: 1990,
      toYear: 2009,
      seed: 9,
    });
    await writeHistoryToFirestore(db, "origin", history, {
      dryRun: false,
      batchSize: 7,
    });
    const read = await new FirestoreHistorySource(db).read("origin");
    expect(read).toEqual(history);
  });

  it("writes nothing on a dry run", async () => {
    const history = syntheticHistory("sex", {
      fromYear: 2001,
      toYear: 2003,
      seed: 1,
    });
    const writes = await writeHistoryToFirestore(db, "sex", history, {
      dryRun: true,
    });
    expect(writes).toHaveLength(3);
    const snapshot = await db.collection("emigrantData/sex/years").get();
    expect(snapshot.size).toBe(0);
  });

  it("reads a category with no documents as an empty history", async () => {
    await expect(new FirestoreHistorySource(db).read("age")).resolves.toEqual(
      { years: [], groups: [], values: [] }
    );
  });

  it("counts a group a year lacks as 0", async () => {
    await db.doc("emigrantData/age/years/1981").set({ "14 - Below": 9 });
    await db.doc("emigrantData/age/years/1982").set({
      "15 - 19": 4,
      "14 - Below": 8,
    });
    const read = await new FirestoreHistorySource(db).read("age");
    expect(read).toEqual({
      years: [1981, 1982],
      groups: ["14 - Below", "15 - 19"],
      values: [
        [9, 0],
        [8, 4],
      ],
    });
  });

  it("names the year and group of a bad stored value", async () => {
    await db.doc("emigrantData/sex/years/1999").set({ MALE: 1, FEMALE: 2 });
    await db.doc("emigrantData/sex/years/2000").set({
      MALE: 3,
      FEMALE: "4,000",
    });
    const error = await new FirestoreHistorySource(db)
      .read("sex")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadHistoryError);
    expect((error as BadHistoryError).where).toEqual({
      year: "2000",
      group: "FEMALE",
    });
    expect((error as Error).message).toMatch(
      /emigrantData\/sex\/years\/2000: group "FEMALE": the string "4,000"/
    );
  });

  it("names a document whose id is not a year", async () => {
    await db.doc("emigrantData/sex/years/latest").set({ MALE: 1 });
    await expect(new FirestoreHistorySource(db).read("sex")).rejects.toThrow(
      /document id "latest" is not a four-digit year/
    );
  });

  (haveCfoData ? it : it.skip)(
    "imports the real CFO tables and reads them back unchanged",
    async () => {
      const { histories } = await readCfoFolder(cfoDataDir as string);
      const source = new FirestoreHistorySource(db);
      for (const category of CATEGORIES) {
        const history = histories[category];
        if (history === undefined) throw new Error(`no ${category} table`);
        await writeHistoryToFirestore(db, category, history, {
          dryRun: false,
        });
        await expect(source.read(category)).resolves.toEqual(history);
      }
    }
  );
});
