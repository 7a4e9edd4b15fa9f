/**
 * The histories the bench trains on: the CFO tables of a folder, read as
 * the service reads them, or the generated sample where a table (or the
 * whole folder) is missing. Every category says which it got.
 */
import { existsSync } from "node:fs";
import { readCfoFolder } from "../data/cfo-files";
import { syntheticHistory } from "../data/synthetic-history";
import type { Category } from "../domain/categories";
import type { History } from "../domain/history";

/** Years and seed of the generated stand-in: like the CFO's 1981-2015. */
const SYNTHETIC = { fromYear: 1981, toYear: 2015, seed: 2015 } as const;

export interface BenchData {
  histories: Partial<Record<Category, History>>;
  /** Per category: the CSV file read, or "synthetic". */
  sources: Partial<Record<Category, string>>;
  /** One line for the report, e.g. "CFO tables in /work/shared/data/cfo". */
  description: string;
  /** The folder, when CFO tables were read: the emulators import it. */
  folder: string | null;
}

export async function loadBenchData(
  folder: string,
  categories: readonly Category[]
): Promise<BenchData> {
  const found = existsSync(folder) ? await readCfoFolder(folder) : null;
  const data: BenchData = {
    histories: {},
    sources: {},
    description: "",
    folder: found ? folder : null,
  };
  for (const category of categories) {
    const history = found?.histories[category];
    const file = found?.files[category];
    if (history !== undefined && file !== undefined) {
      data.histories[category] = history;
      data.sources[category] = file;
    } else {
      data.histories[category] = syntheticHistory(category, SYNTHETIC);
      data.sources[category] = "synthetic";
    }
  }
  const synthetic = categories.filter((c) => data.sources[c] === "synthetic");
  data.description =
    found === null
      ? `SYNTHETIC histories (${folder} does not exist)`
      : synthetic.length === 0
        ? `CFO tables in ${folder}`
        : `CFO tables in ${folder}; SYNTHETIC for ${synthetic.join(", ")}`;
  return data;
}
