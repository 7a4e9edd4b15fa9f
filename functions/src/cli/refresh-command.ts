import { stderrLogger } from "../domain/logger";
import { createFirebaseService } from "../platform/production-service";
import { refreshAllModels } from "../service/nightly-refresh";
import { categoryArg, intFlag, parseCommandLine } from "./args";

/**
 * `refresh [category ...] [--max-age-days 30] [--keep 5] [--json]`: the
 * nightly work now, against Firestore and the model store. Prints one
 * line per category (or the report as JSON on stdout); exits 1 when a
 * category failed.
 */
export async function refreshCommand(argv: string[]): Promise<number> {
  const { positionals, flags } = parseCommandLine(argv, {
    "max-age-days": { type: "string" },
    keep: { type: "string" },
    json: { type: "boolean" },
  });
  const options = {
    categories: positionals.length ? positionals.map(categoryArg) : undefined,
    maxModelAgeDays: intFlag(flags, "max-age-days", {
      min: 0,
      max: 3650,
      fallback: 30,
    }),
    versionsKept: intFlag(flags, "keep", { min: 1, max: 100, fallback: 5 }),
  };
  const service = createFirebaseService(
    process.env.MODEL_BUCKET ?? "",
    stderrLogger
  );
  let report;
  try {
    report = await refreshAllModels(service, stderrLogger, options);
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n`);
    return 1;
  }
  if (flags.json) {
    process.stdout.write(JSON.stringify({ categories: report }) + "\n");
  } else {
    for (const row of report) {
      process.stdout.write(
        `${row.category.padEnd(13)} ${row.outcome.padEnd(16)}` +
          `${row.version ?? ""}` +
          (row.pruned.length ? `  pruned ${row.pruned.length}` : "") +
          (row.error ? `  ${row.error}` : "") +
          "\n"
      );
    }
  }
  return 0;
}
