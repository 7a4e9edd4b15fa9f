import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import { CATEGORIES, type Category } from "../domain/categories";
import { ServiceError } from "../domain/errors";
import { fsErrorCode, writeFileAtomic } from "./atomic-file";
import { CorruptArtifactError } from "./corrupt-artifact-error";
import type { ModelMetadata, ModelRegistry } from "./model-registry";
import { assertKnownCategory, checkStoredMetadata } from "./stored-metadata";

/**
 * A ModelRegistry in a local directory, one `<category>.json` file per
 * category, for the CLI and tests. Each switch rewrites the file
 * atomically, so a reader sees the old pointer or the new one.
 */
export class FileModelRegistry implements ModelRegistry {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = nodePath.resolve(dir);
  }

  async getServing(category: Category): Promise<ModelMetadata | null> {
    const file = this.fileFor(category);
    let text: string;
    try {
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      if (fsErrorCode(error) === "ENOENT") return null;
      throw new ServiceError(
        "unavailable",
        `Could not read the ${category} registry entry ${file}`,
        { cause: error }
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new CorruptArtifactError(file, "not valid JSON", { cause: error });
    }
    return checkStoredMetadata(parsed, category, file);
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
    const file = this.fileFor(metadata.category);
    try {
      await writeFileAtomic(file, `${JSON.stringify(metadata, null, 2)}\n`);
    } catch (error) {
      throw new ServiceError(
        "unavailable",
        `Could not write the ${metadata.category} registry entry ${file}`,
        { cause: error }
      );
    }
  }

  private fileFor(category: Category): string {
    assertKnownCategory(category);
    return nodePath.join(this.dir, `${category}.json`);
  }
}
