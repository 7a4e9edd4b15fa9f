import type { Firestore } from "firebase-admin/firestore";
import { isCategory, type Category } from "../domain/categories";
import type { TotalForecast } from "../domain/total-forecast";
import type { TunedConfig } from "../domain/tuned-config";
import { ServiceError } from "../domain/errors";
import { errorDetail } from "./error-detail";
import { modelPrefix } from "./version-paths";
import {
  newestFirst,
  type CategoryStatus,
  type ModelMetadata,
  type ModelRegistry,
  type SwitchGuard,
  type SwitchResult,
} from "./model-registry";
import {
  assertKnownCategory,
  checkStoredMetadata,
  checkStoredStatus,
  checkStoredTotals,
} from "./stored-metadata";
import { checkStoredTunedConfig } from "./stored-tuned-config";
import {
  decideLease,
  leaseFrom,
  type LeaseResult,
} from "./training-lease";

/** Collection holding one pointer document per category. */
export const MODEL_REGISTRY_COLLECTION = "mlModels";
/** Subcollection of a pointer document: one document per kept version. */
export const VERSIONS_SUBCOLLECTION = "versions";
/** Collection holding one status document per category. */
export const STATUS_COLLECTION = "mlStatus";
/** Document holding the yearly total forecast. */
export const TOTALS_DOCUMENT = "mlTotals/current";
/**
 * Collection holding one tuned configuration per category. Not under
 * mlModels, whose documents getAllServing reads as serving models.
 */
export const TUNING_COLLECTION = "mlTuning";
/** Collection holding one training lease per category, while training. */
export const LEASE_COLLECTION = "mlLeases";

/**
 * The production ModelRegistry, all outside the `emigrantData` tree that
 * triggers retraining (so writing here never triggers anything):
 *
 * - `mlModels/<category>`: the ModelMetadata of the serving model; its
 *   `version` field is the pointer.
 * - `mlModels/<category>/versions/<version>`: every kept version.
 * - `mlStatus/<category>`: the CategoryStatus (last error, history state).
 * - `mlTotals/current`: the yearly total forecast (coherent totals).
 * - `mlTuning/<category>`: the configuration `tune` chose, if any.
 * - `mlLeases/<category>`: who trains the category now, until when.
 */
export class FirestoreModelRegistry implements ModelRegistry {
  constructor(private readonly db: Firestore) {}

  async getServing(category: Category): Promise<ModelMetadata | null> {
    const ref = this.pointer(category);
    const snapshot = await this.call(`read ${ref.path}`, () => ref.get());
    if (!snapshot.exists) return null;
    return checkStoredMetadata(snapshot.data(), category, ref.path);
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
      all[doc.id] = checkStoredMetadata(doc.data(), doc.id, doc.ref.path);
    }
    return all;
  }

  /** Replaces the whole document, so no field of an older model lingers. */
  async setServing(metadata: ModelMetadata): Promise<void> {
    const ref = this.pointer(metadata.category);
    await this.call(`write ${ref.path}`, () => ref.set(metadata));
  }

  async switchServing(
    metadata: ModelMetadata,
    guard: SwitchGuard
  ): Promise<SwitchResult> {
    const ref = this.pointer(metadata.category);
    return this.call(`switch ${ref.path}`, () =>
      this.db.runTransaction(async (transaction) => {
        const snapshot = await transaction.get(ref);
        const current = snapshot.exists
          ? checkStoredMetadata(snapshot.data(), metadata.category, ref.path)
          : null;
        const refusal = guard(current);
        if (refusal !== null) {
          return { switched: false, reason: refusal, current };
        }
        transaction.set(ref, metadata);
        return { switched: true };
      })
    );
  }

  async recordVersion(metadata: ModelMetadata): Promise<void> {
    const ref = this.versionRef(metadata.category, metadata.version);
    await this.call(`write ${ref.path}`, () => ref.set(metadata));
  }

  async getVersion(
    category: Category,
    version: string
  ): Promise<ModelMetadata | null> {
    const ref = this.versionRef(category, version);
    const snapshot = await this.call(`read ${ref.path}`, () => ref.get());
    if (!snapshot.exists) return null;
    return checkStoredMetadata(snapshot.data(), category, ref.path);
  }

  async listVersions(category: Category): Promise<ModelMetadata[]> {
    const collection = this.pointer(category).collection(
      VERSIONS_SUBCOLLECTION
    );
    const snapshot = await this.call(`list ${collection.path}`, () =>
      collection.get()
    );
    return snapshot.docs
      .map((doc) => checkStoredMetadata(doc.data(), category, doc.ref.path))
      .sort(newestFirst);
  }

  async deleteVersion(category: Category, version: string): Promise<void> {
    const ref = this.versionRef(category, version);
    await this.call(`delete ${ref.path}`, () => ref.delete());
  }

  async getStatus(category: Category): Promise<CategoryStatus> {
    const ref = this.statusRef(category);
    const snapshot = await this.call(`read ${ref.path}`, () => ref.get());
    return checkStoredStatus(snapshot.data());
  }

  async updateStatus(
    category: Category,
    patch: Partial<CategoryStatus>
  ): Promise<void> {
    const ref = this.statusRef(category);
    await this.call(`write ${ref.path}`, () =>
      ref.set(patch, { merge: true })
    );
  }

  async getTotals(): Promise<TotalForecast | null> {
    const ref = this.db.doc(TOTALS_DOCUMENT);
    const snapshot = await this.call(`read ${TOTALS_DOCUMENT}`, () =>
      ref.get()
    );
    return checkStoredTotals(snapshot.data());
  }

  async setTotals(total: TotalForecast): Promise<void> {
    const ref = this.db.doc(TOTALS_DOCUMENT);
    await this.call(`write ${TOTALS_DOCUMENT}`, () => ref.set(total));
  }

  async getTunedConfig(category: Category): Promise<TunedConfig | null> {
    const ref = this.tunedRef(category);
    const snapshot = await this.call(`read ${ref.path}`, () => ref.get());
    if (!snapshot.exists) return null;
    return checkStoredTunedConfig(snapshot.data(), category, ref.path);
  }

  /** Replaces the whole document, so no field of an older tune lingers. */
  async setTunedConfig(tuned: TunedConfig): Promise<void> {
    const ref = this.tunedRef(tuned.category);
    await this.call(`write ${ref.path}`, () => ref.set(tuned));
  }

  async acquireTrainingLease(
    category: Category,
    holder: string,
    now: Date,
    ttlMs: number
  ): Promise<LeaseResult> {
    const ref = this.leaseRef(category);
    return this.call(`take ${ref.path}`, () =>
      this.db.runTransaction(async (transaction) => {
        const snapshot = await transaction.get(ref);
        const result = decideLease(
          leaseFrom(snapshot.data()),
          holder,
          now,
          ttlMs
        );
        if (result.acquired) transaction.set(ref, result.lease);
        return result;
      })
    );
  }

  async releaseTrainingLease(
    category: Category,
    holder: string
  ): Promise<void> {
    const ref = this.leaseRef(category);
    await this.call(`release ${ref.path}`, () =>
      this.db.runTransaction(async (transaction) => {
        const snapshot = await transaction.get(ref);
        if (leaseFrom(snapshot.data())?.holder === holder) {
          transaction.delete(ref);
        }
      })
    );
  }

  private pointer(category: Category) {
    assertKnownCategory(category);
    return this.db.collection(MODEL_REGISTRY_COLLECTION).doc(category);
  }

  private versionRef(category: Category, version: string) {
    // modelPrefix checks the version is one safe path segment.
    modelPrefix(category, version);
    return this.pointer(category)
      .collection(VERSIONS_SUBCOLLECTION)
      .doc(version);
  }

  private statusRef(category: Category) {
    assertKnownCategory(category);
    return this.db.collection(STATUS_COLLECTION).doc(category);
  }

  private leaseRef(category: Category) {
    assertKnownCategory(category);
    return this.db.collection(LEASE_COLLECTION).doc(category);
  }

  private tunedRef(category: Category) {
    assertKnownCategory(category);
    return this.db.collection(TUNING_COLLECTION).doc(category);
  }

  /** Runs a Firestore call, turning its failures into "unavailable". */
  private async call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      const detail = errorDetail(error);
      throw new ServiceError(
        "unavailable",
        `Firestore could not ${action}: ${detail}`,
        { cause: error }
      );
    }
  }
}
