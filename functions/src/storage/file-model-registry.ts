import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import { CATEGORIES, type Category } from "../domain/categories";
import type { TotalForecast } from "../domain/total-forecast";
import type { TunedConfig } from "../domain/tuned-config";
import { ServiceError } from "../domain/errors";
import { fsErrorCode, writeFileAtomic } from "./atomic-file";
import { CorruptArtifactError } from "./corrupt-artifact-error";
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

/**
 * One queue per file for the whole process, so that two registries on
 * the same directory (two services in one process, as tests build them)
 * still take turns.
 */
const FILE_QUEUES = new Map<string, Promise<unknown>>();

/**
 * A ModelRegistry in a local directory, for the CLI and tests:
 * `<category>.json` (the pointer), `<category>.status.json`,
 * `<category>.tuned.json` (the tuned configuration),
 * `<category>.lease.json` (the training lease, while training),
 * `versions/<category>/<version>.json` and `totals.json`. Each write
 * replaces its file atomically, so a reader sees the old content or the
 * new one.
 *
 * switchServing, updateStatus and the training lease are atomic within
 * one process only (an in-process queue per file); the Firestore registry
 * is the one to share between processes.
 */
export class FileModelRegistry implements ModelRegistry {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = nodePath.resolve(dir);
  }

  async getServing(category: Category): Promise<ModelMetadata | null> {
    const file = this.pointerFile(category);
    const parsed = await this.readJson(file, category);
    return parsed === null ? null : checkStoredMetadata(parsed, category, file);
  }

  async getAllServing(): Promise<Partial<Record<Category, ModelMetadata>>> {
    const all: Partial<Record<Category, ModelMetadata>> = {};
    for (const category of CATEGORIES) {
      const metadata = await this.getServing(category);
      if (metadata) all[category] = metadata;
    }
    return all;
  }

  async setServing(metadata: ModelMetadata): Promise<void> {
    const file = this.pointerFile(metadata.category);
    await this.serially(file, () =>
      this.writeJson(file, metadata, metadata.category)
    );
  }

  async switchServing(
    metadata: ModelMetadata,
    guard: SwitchGuard
  ): Promise<SwitchResult> {
    const file = this.pointerFile(metadata.category);
    return this.serially(file, async (): Promise<SwitchResult> => {
      const current = await this.getServing(metadata.category);
      const refusal = guard(current);
      if (refusal !== null) return { switched: false, reason: refusal, current };
      await this.writeJson(file, metadata, metadata.category);
      return { switched: true };
    });
  }

  async recordVersion(metadata: ModelMetadata): Promise<void> {
    const file = this.versionFile(metadata.category, metadata.version);
    await this.writeJson(file, metadata, metadata.category);
  }

  async getVersion(
    category: Category,
    version: string
  ): Promise<ModelMetadata | null> {
    const file = this.versionFile(category, version);
    const parsed = await this.readJson(file, category);
    return parsed === null ? null : checkStoredMetadata(parsed, category, file);
  }

  async listVersions(category: Category): Promise<ModelMetadata[]> {
    assertKnownCategory(category);
    const dir = nodePath.join(this.dir, "versions", category);
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch (error) {
      if (fsErrorCode(error) === "ENOENT") return [];
      throw this.unavailable(`list ${dir}`, category, error);
    }
    const versions: ModelMetadata[] = [];
    for (const name of names.filter((n) => n.endsWith(".json"))) {
      const found = await this.getVersion(category, name.slice(0, -5));
      if (found) versions.push(found);
    }
    return versions.sort(newestFirst);
  }

  async deleteVersion(category: Category, version: string): Promise<void> {
    const file = this.versionFile(category, version);
    try {
      await fs.rm(file, { force: true });
    } catch (error) {
      throw this.unavailable(`delete ${file}`, category, error);
    }
  }

  async getStatus(category: Category): Promise<CategoryStatus> {
    return checkStoredStatus(
      await this.readJson(this.statusFile(category), category)
    );
  }

  async updateStatus(
    category: Category,
    patch: Partial<CategoryStatus>
  ): Promise<void> {
    const file = this.statusFile(category);
    await this.serially(file, async () => {
      const status = await this.getStatus(category);
      await this.writeJson(file, { ...status, ...patch }, category);
    });
  }

  async getTotals(): Promise<TotalForecast | null> {
    const file = nodePath.join(this.dir, "totals.json");
    return checkStoredTotals(await this.readJson(file, "sex"));
  }

  async setTotals(total: TotalForecast): Promise<void> {
    const file = nodePath.join(this.dir, "totals.json");
    await this.writeJson(file, total, total.source);
  }

  async getTunedConfig(category: Category): Promise<TunedConfig | null> {
    const file = this.tunedFile(category);
    const parsed = await this.readJson(file, category);
    return parsed === null
      ? null
      : checkStoredTunedConfig(parsed, category, file);
  }

  async setTunedConfig(tuned: TunedConfig): Promise<void> {
    const file = this.tunedFile(tuned.category);
    await this.writeJson(file, tuned, tuned.category);
  }

  async acquireTrainingLease(
    category: Category,
    holder: string,
    now: Date,
    ttlMs: number
  ): Promise<LeaseResult> {
    const file = this.leaseFile(category);
    return this.serially(file, async () => {
      const result = decideLease(
        leaseFrom(await this.readLease(file, category)),
        holder,
        now,
        ttlMs
      );
      if (result.acquired) await this.writeJson(file, result.lease, category);
      return result;
    });
  }

  async releaseTrainingLease(
    category: Category,
    holder: string
  ): Promise<void> {
    const file = this.leaseFile(category);
    await this.serially(file, async () => {
      const lease = leaseFrom(await this.readLease(file, category));
      if (lease?.holder !== holder) return;
      try {
        await fs.rm(file, { force: true });
      } catch (error) {
        throw this.unavailable(`delete ${file}`, category, error);
      }
    });
  }

  /** A lease file that does not parse counts as no lease (leaseFrom). */
  private async readLease(file: string, category: Category) {
    try {
      return await this.readJson(file, category);
    } catch (error) {
      if (error instanceof CorruptArtifactError) return null;
      throw error;
    }
  }

  private leaseFile(category: Category): string {
    assertKnownCategory(category);
    return nodePath.join(this.dir, `${category}.lease.json`);
  }

  private pointerFile(category: Category): string {
    assertKnownCategory(category);
    return nodePath.join(this.dir, `${category}.json`);
  }

  private statusFile(category: Category): string {
    assertKnownCategory(category);
    return nodePath.join(this.dir, `${category}.status.json`);
  }

  private tunedFile(category: Category): string {
    assertKnownCategory(category);
    return nodePath.join(this.dir, `${category}.tuned.json`);
  }

  private versionFile(category: Category, version: string): string {
    // modelPrefix checks the version is one safe path segment.
    modelPrefix(category, version);
    return nodePath.join(this.dir, "versions", category, `${version}.json`);
  }

  /** Runs `work` after every earlier call for the same file has ended. */
  private serially<T>(file: string, work: () => Promise<T>): Promise<T> {
    const previous = FILE_QUEUES.get(file) ?? Promise.resolve();
    const turn = previous.then(work, work);
    FILE_QUEUES.set(
      file,
      turn.catch(() => undefined)
    );
    return turn;
  }

  /** The parsed file, or null when it does not exist. */
  private async readJson(
    file: string,
    category: Category
  ): Promise<unknown> {
    let text: string;
    try {
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      if (fsErrorCode(error) === "ENOENT") return null;
      throw this.unavailable(`read ${file}`, category, error);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new CorruptArtifactError(file, "not valid JSON", { cause: error });
    }
  }

  private async writeJson(
    file: string,
    value: unknown,
    category: Category
  ): Promise<void> {
    try {
      await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
    } catch (error) {
      throw this.unavailable(`write ${file}`, category, error);
    }
  }

  private unavailable(
    action: string,
    category: Category,
    error: unknown
  ): ServiceError {
    return new ServiceError(
      "unavailable",
      `Could not ${action} (${category} registry)`,
      { cause: error }
    );
  }
}
