import type { Firestore } from "firebase-admin/firestore";
import { isCategory, type Category } from "../domain/categories";
import { ServiceError } from "../domain/errors";
import { errorDetail } from "./error-detail";
import type { ModelMetadata, ModelRegistry } from "./model-registry";
import { assertKnownCategory, checkStoredMetadata } from "./stored-metadata";

/** Collection holding one pointer document per category. */
export const MODEL_REGISTRY_COLLECTION = "mlModels";

/**
 * The production ModelRegistry: document `mlModels/<category>` holds the
 * ModelMetadata of the serving model, and its `version` field is the
 * pointer. Switching versions is one document write, which Firestore
 * applies atomically.
 */
export class FirestoreModelRegistry implements ModelRegistry {
  constructor(private readonly db: Firestore) {}

  async getServing(category: Category): Promise<ModelMetadata | null> {
    assertKnownCategory(category);
    const path = `${MODEL_REGISTRY_COLLECTION}/${category}`;
    const snapshot = await this.call(`read ${path}`, () =>
      this.db.collection(MODEL_REGISTRY_COLLECTION).doc(category).get()
    );
    if (!snapshot.exists) return null;
    return checkStoredMetadata(snapshot.data(), category, path);
  }

  /**
   * Every category's serving model, in one query. Documents whose id is
   * not a known category are left out.
   */
  async getAllServing(): Promise<Partial<Record<Category, ModelMetadata>>> {
    const snapshot = await this.call(`list ${MODEL_REGISTRY_COLLECTION}`, () =>
      this.db.collection(MODEL_REGISTRY_COLLECTION).get()
    );
    const all: Partial<Record<Category, ModelMetadata>> = {};
    for (const doc of snapshot.docs) {
      if (!isCategory(doc.id)) continue;
      all[doc.id] = checkStoredMetadata(
        doc.data(),
        doc.id,
        `${MODEL_REGISTRY_COLLECTION}/${doc.id}`
      );
    }
    return all;
  }

  /** Replaces the whole document, so no field of an older model lingers. */
  async setServing(metadata: ModelMetadata): Promise<void> {
    assertKnownCategory(metadata.category);
    const path = `${MODEL_REGISTRY_COLLECTION}/${metadata.category}`;
    await this.call(`write ${path}`, () =>
      this.db
        .collection(MODEL_REGISTRY_COLLECTION)
        .doc(metadata.category)
        .set(metadata)
    );
  }

  /** Runs a Firestore call, turning its failures into "unavailable". */
  private async call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const detail = errorDetail(error);
      throw new ServiceError(
        "unavailable",
        `Firestore could not ${action}: ${detail}`,
        { cause: error }
      );
    }
  }
}
