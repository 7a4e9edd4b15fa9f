/**
 * FirestoreModelRegistry's tuned configurations against a stand-in
 * database that keeps documents in a map: where they go and that what is
 * read back is checked. The registry's other calls meet a real Firestore
 * in the emulator suite.
 */
import type { Firestore } from "firebase-admin/firestore";
import { CorruptArtifactError } from "../../src/storage/corrupt-artifact-error";
import {
  FirestoreModelRegistry,
  TUNING_COLLECTION,
} from "../../src/storage/firestore-model-registry";
import { sampleTuned } from "../support/tuned-config-fixture";

/** Documents by path, behind collection(name).doc(id).get/set. */
function memoryDatabase(documents: Map<string, unknown>): Firestore {
  const collection = (name: string) => ({
    doc: (id: string) => {
      const path = `${name}/${id}`;
      return {
        path,
        get: () =>
          Promise.resolve({
            exists: documents.has(path),
            data: () => documents.get(path),
          }),
        set: (value: unknown) => {
          documents.set(path, structuredClone(value));
          return Promise.resolve();
        },
      };
    },
  });
  return { collection } as unknown as Firestore;
}

describe("FirestoreModelRegistry tuned configurations", () => {
  let documents: Map<string, unknown>;
  let registry: FirestoreModelRegistry;

  beforeEach(() => {
    documents = new Map();
    registry = new FirestoreModelRegistry(memoryDatabase(documents));
  });

  test("live in mlTuning/<category>, outside emigrantData and mlModels",
    async () => {
      expect(TUNING_COLLECTION).toBe("mlTuning");
      const tuned = sampleTuned("origin");
      await registry.setTunedConfig(tuned);
      expect([...documents.keys()]).toEqual(["mlTuning/origin"]);
      expect(await registry.getTunedConfig("origin")).toEqual(tuned);
      expect(await registry.getTunedConfig("age")).toBeNull();
    });

  test("an invalid document is a CorruptArtifactError naming its path",
    async () => {
      const tuned = sampleTuned("age");
      documents.set("mlTuning/age", {
        ...tuned,
        config: { ...tuned.config, learningRate: -1 },
      });
      const read = registry.getTunedConfig("age");
      await expect(read).rejects.toBeInstanceOf(CorruptArtifactError);
      await expect(read).rejects.toThrow(
        /mlTuning\/age: ForecastConfig.learningRate must be a finite number/
      );
    });

  test("an unknown category is refused without a call", async () => {
    await expect(registry.getTunedConfig("moon" as never)).rejects
      .toMatchObject({ kind: "invalid-argument" });
    expect(documents.size).toBe(0);
  });
});
