/**
 * The training lease of FirestoreModelRegistry on the Firestore emulator:
 * taken in a transaction, so of many instances asking at once exactly one
 * gets it; refused while live, taken over once expired, released only by
 * its holder. Uses a project id of its own, like the registry test.
 */
import { deleteApp, initializeApp, type App } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";
import {
  FirestoreModelRegistry,
  LEASE_COLLECTION,
} from "../../src/storage/firestore-model-registry";

const emulatorHost = process.env.FIRESTORE_EMULATOR_HOST;
if (!emulatorHost) {
  console.warn(
    "SKIPPED training lease emulator tests: FIRESTORE_EMULATOR_HOST is " +
      "unset; run `npm test` at the repo root, which starts the emulators"
  );
}
const describeOnEmulator = emulatorHost ? describe : describe.skip;

const T0 = new Date("2026-01-01T00:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const TTL = 60_000;

describeOnEmulator("training lease in Firestore", () => {
  let apps: App[];
  let db: Firestore;
  let registry: FirestoreModelRegistry;

  const clear = () => db.recursiveDelete(db.collection(LEASE_COLLECTION));

  beforeAll(() => {
    apps = [0, 1, 2].map((i) =>
      initializeApp(
        { projectId: "demo-lease-test" },
        `lease-emulator-test-${i}-${Date.now()}`
      )
    );
    db = getFirestore(apps[0]);
    registry = new FirestoreModelRegistry(db);
  });
  beforeEach(clear);
  afterAll(async () => {
    await clear();
    await Promise.all(apps.map((app) => deleteApp(app)));
  });

  it("is a document mlLeases/<category> while held", async () => {
    const taken = await registry.acquireTrainingLease("sex", "a", T0, TTL);
    expect(taken.acquired).toBe(true);
    const doc = await db.doc(`${LEASE_COLLECTION}/sex`).get();
    expect(doc.data()).toEqual({
      holder: "a",
      acquired_at: T0.toISOString(),
      expires_at: at(60).toISOString(),
    });
    await registry.releaseTrainingLease("sex", "a");
    expect((await db.doc(`${LEASE_COLLECTION}/sex`).get()).exists).toBe(false);
  });

  it("is refused while live, taken over once expired", async () => {
    await registry.acquireTrainingLease("sex", "a", T0, TTL);
    const refused = await registry.acquireTrainingLease("sex", "b", at(59), TTL);
    expect(refused).toMatchObject({ acquired: false, held: { holder: "a" } });
    const taken = await registry.acquireTrainingLease("sex", "b", at(61), TTL);
    expect(taken.acquired).toBe(true);
    // a's late release leaves b's lease alone.
    await registry.releaseTrainingLease("sex", "a");
    const doc = await db.doc(`${LEASE_COLLECTION}/sex`).get();
    expect(doc.get("holder")).toBe("b");
  });

  it("of ten instances asking at once, exactly one gets it", async () => {
    // Three Admin SDK apps stand for separate instances' clients.
    const registries = apps.map(
      (app) => new FirestoreModelRegistry(getFirestore(app))
    );
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        registries[i % registries.length].acquireTrainingLease(
          "age",
          `instance-${i}`,
          T0,
          TTL
        )
      )
    );
    const winners = results.filter((r) => r.acquired);
    expect(winners).toHaveLength(1);
    const doc = await db.doc(`${LEASE_COLLECTION}/age`).get();
    expect(winners[0]).toMatchObject({
      lease: { holder: doc.get("holder") },
    });
  });

  it("does not show up as a serving model", async () => {
    await registry.acquireTrainingLease("sex", "a", T0, TTL);
    expect(await registry.getAllServing()).toEqual({});
  });
});
