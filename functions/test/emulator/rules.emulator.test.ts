/**
 * firestore.rules and storage.rules, as a client SDK meets them: requests
 * from an anonymous visitor, a signed-in user without the admin claim,
 * one whose claim is false or the string "true", and an admin, against
 * the Firestore emulator with the rules file loaded from the repository.
 *
 * The project is the one in .firebaserc, so the functions emulator of
 * `npm test` sees these writes. They go to a dataset that belongs to no
 * category, which the history trigger logs and ignores (nothing retrains),
 * and the tests delete only the documents they write: other emulator test
 * files run in the same emulator, one file at a time.
 *
 * Storage rules need the Storage emulator, which downloads its rules
 * runtime on first start and so cannot start offline; those tests run
 * only when FIREBASE_STORAGE_EMULATOR_HOST is set and are skipped loudly
 * otherwise.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestContext,
  type RulesTestEnvironment,
  type TokenOptions,
} from "@firebase/rules-unit-testing";
import { setLogLevel } from "firebase/firestore";

import { CATEGORIES, CATEGORY_SPECS } from "../../src/domain/categories";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

/** A client's Firestore (the compat API the test contexts hand out). */
type ClientDb = ReturnType<RulesTestContext["firestore"]>;
/** Makes the Firestore of one kind of user, fresh per call. */
type Client = () => ClientDb;

const firestoreHost = process.env.FIRESTORE_EMULATOR_HOST;
if (!firestoreHost) {
  console.warn(
    "SKIPPED Firestore rules tests: FIRESTORE_EMULATOR_HOST is unset; run " +
      "`npm test` at the repo root, which starts the emulators"
  );
}
const describeOnFirestore = firestoreHost ? describe : describe.skip;

const storageHost = process.env.FIREBASE_STORAGE_EMULATOR_HOST;
if (!storageHost) {
  console.warn(
    "SKIPPED storage rules tests: FIREBASE_STORAGE_EMULATOR_HOST is unset " +
      "(the Storage emulator downloads its rules runtime when it starts, " +
      "which fails offline; start it with `--only storage` where it can)"
  );
}
const testOnStorage = storageHost ? test : test.skip;

/** The project id `firebase` uses here, so that rules and data match. */
function defaultProject(): string {
  const file = path.join(REPO_ROOT, ".firebaserc");
  const rc = JSON.parse(readFileSync(file, "utf8")) as {
    projects?: { default?: string };
  };
  const project = rc.projects?.default;
  if (!project) throw new Error(`${file} names no default project`);
  return project;
}

/** `127.0.0.1:8080` → host and port, as initializeTestEnvironment takes. */
function hostAndPort(value: string): { host: string; port: number } {
  const url = new URL(`http://${value}`);
  const port = Number(url.port);
  if (!Number.isInteger(port) || port <= 0) {
    throw new Error(`no port in emulator address ${JSON.stringify(value)}`);
  }
  return { host: url.hostname, port };
}

function readRules(file: string): string {
  return readFileSync(path.join(REPO_ROOT, file), "utf8");
}

/** No category reads this dataset, so its writes retrain nothing. */
const DATASET = "rulesTest";
const YEARS = `emigrantData/${DATASET}/years`;

/** The bound on fields per year document in firestore.rules. */
const MAX_GROUPS = 24;

/** Labels as the dashboard has them: spaces, slashes, dots, brackets. */
const GOOD_YEAR = {
  "14 - Below": 1520,
  "Not Reported / No Response": 0,
  "Autonomous Region in Muslim Mindanao (ARMM)": 37,
  "Pres. Roxas Dist.": 4,
};

/** `count` fields named g0, g1, ...; every value 1. */
function groupsOf(count: number): Record<string, number> {
  const year: Record<string, number> = {};
  for (let i = 0; i < count; i++) year[`g${i}`] = 1;
  return year;
}

/** Documents a test may create; deleted before and after each test. */
const WRITTEN = [
  `${YEARS}/2015`,
  `${YEARS}/2016`,
  `${YEARS}/19x9`,
  `${YEARS}/20155`,
  `${YEARS}/201`,
  `emigrantData/${DATASET}`,
  `emigrantData/${DATASET}/notes/2015`,
  // Denied writes; listed in case a broken rule lets one through.
  "mlModels/rulesProbe",
  "mlModels/rulesProbe/versions/20260101T000000000Z-000000",
  "mlTotals/rulesProbe",
  "mlStatus/rulesProbe",
  "dashboardUsers/rulesProbe",
];

describeOnFirestore("firestore.rules on the Firestore emulator", () => {
  let env: RulesTestEnvironment;

  const anonymous: Client = () => env.unauthenticatedContext().firestore();
  const signedIn = (claims?: TokenOptions): ClientDb =>
    env.authenticatedContext("rules-user", claims).firestore();
  const admin: Client = () => signedIn({ admin: true });

  /** Writes with the rules off, as the Admin SDK would. */
  async function seed(
    docPath: string,
    data: Record<string, unknown>
  ): Promise<void> {
    await env.withSecurityRulesDisabled(async (context: RulesTestContext) => {
      await context.firestore().doc(docPath).set(data);
    });
  }

  /**
   * Deletes only what exists: the emulator reports a delete of a missing
   * year document to the history trigger too, which would then run once
   * per listed path before every test.
   */
  async function removeWritten(): Promise<void> {
    await env.withSecurityRulesDisabled(async (context: RulesTestContext) => {
      const db = context.firestore();
      const snapshots = await Promise.all(
        WRITTEN.map((docPath) => db.doc(docPath).get())
      );
      await Promise.all(
        snapshots
          .filter((snapshot) => snapshot.exists)
          .map((snapshot) => snapshot.ref.delete())
      );
    });
  }

  beforeAll(async () => {
    // The client SDK logs a warning with a stack for every denied write;
    // here denials are the expected outcome, and assertFails checks them.
    setLogLevel("error");
    env = await initializeTestEnvironment({
      projectId: defaultProject(),
      firestore: {
        rules: readRules("firestore.rules"),
        ...hostAndPort(firestoreHost as string),
      },
    });
  });
  beforeEach(removeWritten);
  afterAll(async () => {
    if (!env) return;
    await removeWritten();
    await env.cleanup();
  });

  describe("emigrantData: reads", () => {
    test("anyone reads a year document", async () => {
      await seed(`${YEARS}/2015`, GOOD_YEAR);
      const snapshot = await assertSucceeds(
        anonymous().doc(`${YEARS}/2015`).get()
      );
      expect(snapshot.data()).toEqual(GOOD_YEAR);
    });

    test("anyone lists the years of a dataset", async () => {
      await seed(`${YEARS}/2015`, GOOD_YEAR);
      await seed(`${YEARS}/2016`, GOOD_YEAR);
      const query = await assertSucceeds(anonymous().collection(YEARS).get());
      expect(query.docs.map((doc) => doc.id)).toEqual(["2015", "2016"]);
    });

    test("anyone reads the dataset document itself", async () => {
      await assertSucceeds(anonymous().doc(`emigrantData/${DATASET}`).get());
    });

    test("a signed-in user without the claim reads too", async () => {
      await seed(`${YEARS}/2015`, GOOD_YEAR);
      await assertSucceeds(signedIn().doc(`${YEARS}/2015`).get());
    });
  });

  describe("emigrantData: who may write a year", () => {
    test.each<[string, Client]>([
      ["an anonymous visitor", anonymous],
      ["a signed-in user without the claim", () => signedIn()],
      ["a user whose claim is false", () => signedIn({ admin: false })],
      ["a user whose claim is the string true", () =>
        signedIn({ admin: "true" }),
      ],
    ])("%s may not create one", async (_who, db) => {
      await assertFails(db().doc(`${YEARS}/2015`).set(GOOD_YEAR));
    });

    test("an admin creates one; labels hold / . and spaces", async () => {
      await assertSucceeds(admin().doc(`${YEARS}/2015`).set(GOOD_YEAR));
      const snapshot = await anonymous().doc(`${YEARS}/2015`).get();
      expect(snapshot.data()).toEqual(GOOD_YEAR);
    });

    test("an admin writes the largest category's year in full", async () => {
      const largest = Math.max(
        ...CATEGORIES.map((c) => CATEGORY_SPECS[c].groups.length)
      );
      // The rules' bound must leave room for every category's groups.
      expect(largest).toBeLessThanOrEqual(MAX_GROUPS);
      const regions = Object.fromEntries(
        CATEGORY_SPECS.origin.groups.map((group, i) => [group, 1000 + i])
      );
      await assertSucceeds(admin().doc(`${YEARS}/2015`).set(regions));
    });

    test("an admin writes up to the bound, not past it", async () => {
      const db = admin();
      await assertSucceeds(db.doc(`${YEARS}/2015`).set(groupsOf(MAX_GROUPS)));
      await assertFails(
        db.doc(`${YEARS}/2016`).set(groupsOf(MAX_GROUPS + 1))
      );
    });

    test("a bad count is found in any position up to the bound", async () => {
      // The rules check values by position, so try each one in turn.
      const db = admin();
      for (let i = 0; i < MAX_GROUPS; i++) {
        const year = { ...groupsOf(MAX_GROUPS), [`g${i}`]: -1 };
        await assertFails(db.doc(`${YEARS}/2015`).set(year));
      }
    });

    test("an admin updates a count and adds a group", async () => {
      await seed(`${YEARS}/2015`, GOOD_YEAR);
      const db = admin();
      await assertSucceeds(
        db.doc(`${YEARS}/2015`).update({ "14 - Below": 1600 })
      );
      await assertSucceeds(
        db.doc(`${YEARS}/2015`).set({ OTHERS: 12 }, { merge: true })
      );
      const snapshot = await db.doc(`${YEARS}/2015`).get();
      expect(snapshot.get("OTHERS")).toBe(12);
    });

    test("a non-admin may not update one", async () => {
      await seed(`${YEARS}/2015`, GOOD_YEAR);
      await assertFails(
        signedIn().doc(`${YEARS}/2015`).set({ OTHERS: 1 }, { merge: true })
      );
    });
  });

  describe("emigrantData: what an admin may write", () => {
    test.each<[string, unknown]>([
      ["a negative count", -1],
      ["a fractional count", 2.5],
      ["a count as a string", "5"],
      ["null", null],
      ["a boolean", true],
      ["a nested map", { MALE: 1 }],
      ["a list", [1, 2]],
      ["a count too large to be an integer", 1e20],
    ])("refuses %s", async (_what, bad) => {
      const year = { MALE: 10, FEMALE: bad };
      await assertFails(admin().doc(`${YEARS}/2015`).set(year));
    });

    test("refuses an empty year", async () => {
      await assertFails(admin().doc(`${YEARS}/2015`).set({}));
    });

    test.each(["19x9", "20155", "201"])(
      "refuses the year id %s",
      async (year) => {
        await assertFails(admin().doc(`${YEARS}/${year}`).set(GOOD_YEAR));
      }
    );

    test("refuses an update that adds a negative count", async () => {
      await seed(`${YEARS}/2015`, GOOD_YEAR);
      const added = { OTHERS: -3 };
      await assertFails(
        admin().doc(`${YEARS}/2015`).set(added, { merge: true })
      );
    });

    test("checks the whole document, not only the changed field", async () => {
      // A bad value the Admin SDK wrote must be fixed in the same write.
      await seed(`${YEARS}/2015`, { MALE: 10, FEMALE: "n/a" });
      const db = admin();
      await assertFails(db.doc(`${YEARS}/2015`).update({ MALE: 11 }));
      await assertSucceeds(
        db.doc(`${YEARS}/2015`).update({ MALE: 11, FEMALE: 9 })
      );
    });

    test("refuses writes outside the year documents", async () => {
      const db = admin();
      await assertFails(db.doc(`emigrantData/${DATASET}`).set({ n: 1 }));
      await assertFails(
        db.doc(`emigrantData/${DATASET}/notes/2015`).set({ n: 1 })
      );
    });
  });

  describe("emigrantData: deletes", () => {
    test("an admin deletes a year", async () => {
      await seed(`${YEARS}/2015`, GOOD_YEAR);
      await assertSucceeds(admin().doc(`${YEARS}/2015`).delete());
      const snapshot = await anonymous().doc(`${YEARS}/2015`).get();
      expect(snapshot.exists).toBe(false);
    });

    test("an admin deletes a malformed year the Admin SDK wrote", async () => {
      await seed(`${YEARS}/19x9`, { MALE: -1 });
      await assertSucceeds(admin().doc(`${YEARS}/19x9`).delete());
    });

    test.each<[string, Client]>([
      ["an anonymous visitor", anonymous],
      ["a signed-in user without the claim", () => signedIn()],
      ["a user whose claim is false", () => signedIn({ admin: false })],
    ])("%s may not delete one", async (_who, db) => {
      await seed(`${YEARS}/2015`, GOOD_YEAR);
      await assertFails(db().doc(`${YEARS}/2015`).delete());
    });
  });

  describe("the model registry and totals", () => {
    const pointer = "mlModels/rulesProbe";
    const version = `${pointer}/versions/20260101T000000000Z-000000`;

    test("anyone reads pointers, kept versions and totals", async () => {
      const db = anonymous();
      await assertSucceeds(db.doc(pointer).get());
      await assertSucceeds(db.doc(version).get());
      await assertSucceeds(db.collection("mlModels").get());
      await assertSucceeds(db.doc("mlTotals/current").get());
    });

    test.each<[string, Client]>([
      ["an admin", admin],
      ["a signed-in user", () => signedIn()],
      ["an anonymous visitor", anonymous],
    ])("%s may not write them", async (_who, db) => {
      const client = db();
      await assertFails(client.doc(pointer).set({ version: "x" }));
      await assertFails(client.doc(version).set({ version: "x" }));
      await assertFails(client.doc("mlTotals/rulesProbe").set({ n: 1 }));
    });

    test("an admin may not delete them", async () => {
      const db = admin();
      await assertFails(db.doc(pointer).delete());
      await assertFails(db.doc("mlTotals/current").delete());
    });
  });

  describe("service-only and unknown paths", () => {
    test.each<[string, Client]>([
      ["an admin", admin],
      ["an anonymous visitor", anonymous],
    ])("%s neither reads nor writes mlStatus", async (_who, db) => {
      const client = db();
      await assertFails(client.doc("mlStatus/sex").get());
      await assertFails(client.collection("mlStatus").get());
      await assertFails(client.doc("mlStatus/rulesProbe").set({ n: 1 }));
    });

    test.each<[string, Client]>([
      ["an admin", admin],
      ["an anonymous visitor", anonymous],
    ])("%s neither reads nor writes another collection", async (_who, db) => {
      const client = db();
      await assertFails(client.doc("dashboardUsers/rulesProbe").get());
      await assertFails(client.doc("dashboardUsers/rulesProbe").set({ n: 1 }));
    });
  });
});

describe("storage.rules on the Storage emulator", () => {
  let env: RulesTestEnvironment | undefined;

  /** A kept version's file, present, so that only the rules refuse it. */
  const artifact = "models/sex/20260101T000000000Z-000000/model.json";

  beforeAll(async () => {
    if (!storageHost) return;
    env = await initializeTestEnvironment({
      projectId: defaultProject(),
      storage: {
        rules: readRules("storage.rules"),
        ...hostAndPort(storageHost),
      },
    });
    await env.withSecurityRulesDisabled(async (context) => {
      await context.storage().ref(artifact).putString("{}");
    });
  });
  afterAll(async () => {
    if (!env) return;
    // Not clearStorage(): with a Storage emulator the service keeps its
    // models in the same buckets.
    await env.withSecurityRulesDisabled(async (context) => {
      await context.storage().ref(artifact).delete();
    });
    await env.cleanup();
  });

  testOnStorage("no client reads or writes a model artifact", async () => {
    const testEnv = env as RulesTestEnvironment;
    for (const context of [
      testEnv.unauthenticatedContext(),
      testEnv.authenticatedContext("rules-admin", { admin: true }),
    ]) {
      const file = context.storage().ref(artifact);
      await assertFails(file.getDownloadURL());
      await assertFails(file.getMetadata());
      await assertFails(Promise.resolve(file.putString("[]")));
      await assertFails(file.delete());
    }
  });

  testOnStorage("no client reads or writes anywhere else", async () => {
    const testEnv = env as RulesTestEnvironment;
    const context = testEnv.authenticatedContext("rules-admin", {
      admin: true,
    });
    const file = context.storage().ref("uploads/rules-probe.txt");
    await assertFails(Promise.resolve(file.putString("probe")));
    await assertFails(file.getMetadata());
  });
});
