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
import { refuseOlderRead } from "../../src/service/category-trainer";
import {
  FirestoreModelRegistry,
  MODEL_REGISTRY_COLLECTION,
  STATUS_COLLECTION,
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

  const clear = async () => {
    await db.recursiveDelete(db.collection(MODEL_REGISTRY_COLLECTION));
    await db.recursiveDelete(db.collection(STATUS_COLLECTION));
  };

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

  it("keeps versions apart from the pointer, newest first", async () => {
    const older = sampleMetadata("age", "20260101T000000000Z-aaaaaa");
    const newer = sampleMetadata("age", "20260102T000000000Z-bbbbbb");
    await registry.recordVersion(newer);
    await registry.recordVersion(older);
    await registry.setServing(older);

    const listed = await registry.listVersions("age");
    expect(listed.map((v) => v.version)).toEqual([
      newer.version,
      older.version,
    ]);
    expect(await registry.getVersion("age", newer.version)).toEqual(newer);
    // The versions subcollection does not make the pointer read differently.
    expect(await registry.getAllServing()).toEqual({ age: older });

    await registry.deleteVersion("age", newer.version);
    expect(await registry.getVersion("age", newer.version)).toBeNull();
    expect(await registry.getServing("age")).toEqual(older);
  });

  it("switches in a transaction only when the guard allows", async () => {
    const base = sampleMetadata("sex", "20260101T000000000Z-000001");
    const later = {
      ...base,
      version: "20260101T000000000Z-000002",
      history_read_at: "2026-01-02T00:00:00.000Z",
    };
    const earlier = {
      ...base,
      version: "20260101T000000000Z-000003",
      history_read_at: "2026-01-01T00:00:00.000Z",
    };
    expect(await registry.switchServing(later, refuseOlderRead(later)))
      .toEqual({ switched: true });
    const refused = await registry.switchServing(
      earlier,
      refuseOlderRead(earlier)
    );
    expect(refused).toMatchObject({
      switched: false,
      reason: expect.stringMatching(/newer history/),
    });
    expect((await registry.getServing("sex"))?.version).toBe(later.version);
  });

  it("two guarded switches racing leave the newer read serving", async () => {
    const base = sampleMetadata("origin", "20260101T000000000Z-000001");
    const candidates = [3, 1, 2].map((day) => ({
      ...base,
      version: `2026010${day}T000000000Z-00000${day}`,
      history_read_at: `2026-01-0${day}T00:00:00.000Z`,
    }));
    await Promise.all(
      candidates.map((c) => registry.switchServing(c, refuseOlderRead(c)))
    );
    expect((await registry.getServing("origin"))?.history_read_at).toBe(
      "2026-01-03T00:00:00.000Z"
    );
  });

  it("merges status patches into mlStatus/<category>", async () => {
    expect((await registry.getStatus("education")).history).toBe("unknown");
    await registry.updateStatus("education", {
      last_edit_at: "2026-01-01T00:00:00.000Z",
    });
    await registry.updateStatus("education", {
      history: "present",
      last_error: {
        message: "year 2001, group X: -1 is negative",
        at: "2026-01-01T00:00:01.000Z",
        document: "emigrantData/education/years/2001",
      },
    });
    const status = await registry.getStatus("education");
    expect(status).toMatchObject({
      history: "present",
      last_edit_at: "2026-01-01T00:00:00.000Z",
      last_error: { document: "emigrantData/education/years/2001" },
      pinned_version: null,
    });
    await registry.updateStatus("education", { last_error: null });
    expect((await registry.getStatus("education")).last_error).toBeNull();
  });
});
