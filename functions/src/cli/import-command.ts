import { stat } from "node:fs/promises";
import { readCfoFile, readCfoFolder } from "../data/cfo-files";
import { writeHistoryToFirestore } from "../data/firestore-history-writer";
import { syntheticHistory } from "../data/synthetic-history";
import { CATEGORIES, type Category } from "../domain/categories";
import type { History } from "../domain/history";
import { firestore } from "../platform/firebase-services";
import {
  categoryArg,
  intFlag,
  parseCommandLine,
  UsageError,
} from "./args";

/** Seed of the demo's synthetic history: fixed, so every demo is alike. */
const SYNTHETIC_SEED = 2015;

/**
 * `import <file-or-folder> [--category c] [--dry-run]` and
 * `import --synthetic [--from y] [--to y]`: loads histories into
 * `emigrantData/<dataset>/years/<year>`, one whole document per year.
 * Everything is parsed and checked before the first write.
 */
export async function importCommand(argv: string[]): Promise<number> {
  const { positionals, flags } = parseCommandLine(argv, {
    category: { type: "string" },
    "dry-run": { type: "boolean" },
    synthetic: { type: "boolean" },
    from: { type: "string" },
    to: { type: "string" },
  });
  const only =
    typeof flags.category === "string"
      ? categoryArg(flags.category)
      : undefined;

  const histories = flags.synthetic
    ? syntheticHistories(flags, only)
    : await csvHistories(positionals, only);
  const categories = Object.keys(histories) as Category[];
  if (categories.length === 0) {
    throw new UsageError("nothing to import: no table matched");
  }

  const dryRun = Boolean(flags["dry-run"]);
  const db = dryRun ? undefined : firestore();
  for (const category of categories) {
    const history = histories[category] as History;
    const writes = await writeHistoryToFirestore(
      db as FirebaseFirestore.Firestore,
      category,
      history,
      { dryRun }
    );
    if (dryRun) {
      for (const write of writes) {
        process.stdout.write(`${write.path} ${JSON.stringify(write.data)}\n`);
      }
    }
    process.stderr.write(
      `${dryRun ? "would write" : "wrote"} ${writes.length} year documents` +
        ` of ${category} (${history.years[0]}-${history.years.at(-1)}, ` +
        `${history.groups.length} groups)` +
        `${flags.synthetic ? " [SYNTHETIC sample data]" : ""}\n`
    );
  }
  return 0;
}

function syntheticHistories(
  flags: Record<string, string | boolean | undefined>,
  only: Category | undefined
): Partial<Record<Category, History>> {
  const fromYear = intFlag(flags, "from", {
    min: 1900,
    max: 2200,
    fallback: 1981,
  });
  const toYear = intFlag(flags, "to", { min: fromYear, max: 2200, fallback: 2015 });
  const histories: Partial<Record<Category, History>> = {};
  for (const category of only ? [only] : CATEGORIES) {
    histories[category] = syntheticHistory(category, {
      fromYear,
      toYear,
      seed: SYNTHETIC_SEED,
    });
  }
  return histories;
}

async function csvHistories(
  positionals: string[],
  only: Category | undefined
): Promise<Partial<Record<Category, History>>> {
  if (positionals.length !== 1) {
    throw new UsageError(
      "import takes one file or folder (or --synthetic)"
    );
  }
  const target = positionals[0];
  const isFolder = (await stat(target)).isDirectory();
  const result = isFolder
    ? await readCfoFolder(target)
    : await readCfoFile(target);
  for (const skipped of result.skipped) {
    process.stderr.write(`skipped ${skipped.file}: ${skipped.reason}\n`);
  }
  if (!only) return result.histories;
  const history = result.histories[only];
  return history ? { [only]: history } : {};
}
