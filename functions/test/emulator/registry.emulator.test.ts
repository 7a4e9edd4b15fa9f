/**
 * FirestoreModelRegistry against the Firestore emulator: the pointer
 * documents in mlModels, whole-document replacement, the collection read,
 * and stray or malformed documents.
 *
 * Runs only when FIRESTORE_EMULATOR_HOST is set (`npm test` at the repo
 * root starts the emulators; by hand, start cloud_firestore_emulator and
 * set FIRESTORE_EMULATOR_HOST). The tests use a project id of their own,
 * which the emulator keeps apart, so they never touch the mlModels
 * documents other suites train into.
 */
import { deleteApp, initializeApp, type App } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";
import { CorruptArtifactError } from "../../src/storage/corrupt-artifact-error";
import {
  FirestoreModelRegistry,
  MODEL_REGISTRY_COLLECTION,
} from "../../src/storage/firestore-model-registry";
import { sampleMetadata } from "../support/storage-fixtures";

const emulatorHost = process.env.FIRESTORE_EMULATOR_HOST;
if (!emulatorHost) {
  console.warn(
    "SKIPPED model registry emulator tests: FIRESTORE_EMULATOR_HOST is " +
      "unset; run `npm test` at the repo root, which starts the emulators"
  );
}
const describeOnEmulator = emulatorHost ? describe : describe.skip;

describeOnEmulator("FirestoreModelRegistry on the emulator", () => {
  let app: App;
  let db: Firestore;
  let registry: FirestoreModelRegistry;

  const clear = () =>
    db.recursiveDelete(db.collection(MODEL_REGISTRY_COLLECTION));

  beforeAll(() => {
    app = initializeApp(
      { projectId: "demo-registry-test" },
      `registry-emulator-test-${Date.now()}`
    );
    db = getFirestore(app);
    registry = new FirestoreModelRegistry(db);
  });
  beforeEach(clear);
  afterEach(clear);
  afterAll(async () => {
    await deleteApp(app);
  });

  it("serves nothing before any model is registered", async () => {
    expect(await registry.getServing("age")).toBeNull();
    expect(await registry.getAllServing()).toEqual({});
  });

  it("stores the metadata as mlModels/<category> and reads it back", async () => {
    const metadata = sampleMetadata("destination", "20260101T000000000Z-0a0b0c");
    await registry.setServing(metadata);

    expect(await registry.getServing("destination")).toEqual(metadata);
    const raw = await db.doc(`${MODEL_REGISTRY_COLLECTION}/destination`).get();
    expect(raw.data()).toEqual(metadata);
    expect(await registry.getServing("age")).toBeNull();
  });

  it("switching versions replaces the whole document", async () => {
    const old = {
      ...sampleMetadata("sex", "v-old"),
      retired_field: "from an older service",
    };
    await registry.setServing(old);
    const next = sampleMetadata("sex", "v-new");
    await registry.setServing(next);

    const served = await registry.getServing("sex");
    expect(served).toEqual(next);
    expect(served).not.toHaveProperty("retired_field");
  });

  it("getAllServing reads every category's pointer at once", async () => {
    const age = sampleMetadata("age", "v1");
    const occupation = sampleMetadata("occupation", "v2");
    await registry.setServing(age);
    await registry.setServing(occupation);
    // A document that is not a category is not a model.
    await db.doc(`${MODEL_REGISTRY_COLLECTION}/notes`).set({ text: "hi" });

    expect(await registry.getAllServing()).toEqual({ age, occupation });
  });

  it("a malformed pointer names the document and field", async () => {
    await db
      .doc(`${MODEL_REGISTRY_COLLECTION}/origin`)
      .set({ ...sampleMetadata("origin", "v1"), version: 42 });

    const read = registry.getServing("origin");
    await expect(read).rejects.toBeInstanceOf(CorruptArtifactError);
    await expect(read).rejects.toThrow(
      `${MODEL_REGISTRY_COLLECTION}/origin: version is 42, expected a string`
    );
    await expect(registry.getAllServing()).rejects.toThrow(
      `${MODEL_REGISTRY_COLLECTION}/origin`
    );
  });
});
