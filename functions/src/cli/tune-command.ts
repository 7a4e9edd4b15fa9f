import * as path from "node:path";
import { CsvHistorySource } from "../data/csv-history-source";
import { FirestoreHistorySource } from "../data/firestore-history-source";
import type { Category } from "../domain/categories";
import { firestore } from "../platform/firebase-services";
import {
  FirestoreModelRegistry,
  TUNING_COLLECTION,
} from "../storage/firestore-model-registry";
import { categoryArg, intFlag, parseCommandLine, UsageError } from "./args";
import { runTune, type TuneDestination } from "./tune-session";

/** Minutes a tune may take unless --budget-minutes says otherwise. */
export const DEFAULT_TUNE_BUDGET_MINUTES = 10;

/**
 * `tune <category> [--csv <folder>] [--json] [--budget-minutes N]
 * [--save]`: backtests a grid of LSTM configurations and saves the best
 * as the category's configuration for its next training.
 *
 * Without --csv the history is Firestore's and the winner goes to the
 * registry the service reads (`mlTuning/<category>`), like `train`. With
 * --csv the tune is offline and saves nothing unless --save is given:
 * a configuration tuned on a folder of tables should not silently steer
 * a service that trains on other history.
 */
export async function tuneCommand(argv: string[]): Promise<number> {
  const { positionals, flags } = parseCommandLine(argv, {
    csv: { type: "string" },
    json: { type: "boolean" },
    "budget-minutes": { type: "string" },
    save: { type: "boolean" },
  });
  if (positionals.length !== 1) {
    throw new UsageError("tune takes exactly one category");
  }
  const category = categoryArg(positionals[0]);
  const budgetMinutes = intFlag(flags, "budget-minutes", {
    min: 1,
    max: 24 * 60,
    fallback: DEFAULT_TUNE_BUDGET_MINUTES,
  });
  const csv = typeof flags.csv === "string" ? flags.csv : null;
  if (flags.save && csv === null) {
    throw new UsageError(
      "--save goes with --csv; a tune of Firestore's history always saves"
    );
  }

  const where = firestoreTarget(category);
  let destination: TuneDestination;
  if (csv === null || flags.save) {
    destination = {
      registry: new FirestoreModelRegistry(firestore()),
      where,
    };
  } else {
    destination = {
      registry: null,
      reason: `--csv tunes offline; add --save to store it in ${where}`,
    };
  }
  try {
    return await runTune({
      category,
      history:
        csv === null
          ? new FirestoreHistorySource(firestore())
          : new CsvHistorySource(csv),
      historySource: csv === null ? "firestore" : `csv:${path.resolve(csv)}`,
      destination,
      budgetSeconds: budgetMinutes * 60,
      json: Boolean(flags.json),
    });
  } catch (error) {
    // Too short a history for the backtest's origins or windows.
    if (!(error instanceof RangeError)) throw error;
    process.stderr.write(`Error: ${error.message}\n`);
    return 1;
  }
}

/** The registry document, and which database it is in. */
function firestoreTarget(category: Category): string {
  const emulator = process.env.FIRESTORE_EMULATOR_HOST;
  return (
    `Firestore ${TUNING_COLLECTION}/${category}` +
    (emulator ? ` (emulator ${emulator})` : " (the project's database)")
  );
}
