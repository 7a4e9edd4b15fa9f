import { parseArgs } from "node:util";
import { type Category, isCategory, CATEGORIES } from "../domain/categories";

/** A mistake in how the CLI was called; printed with the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  import <file-or-folder> [--category c] [--dry-run]
      Load CFO CSV tables into Firestore (the emulator when
      FIRESTORE_EMULATOR_HOST is set).
  import --synthetic [--from 1981] [--to 2015] [--category c] [--dry-run]
      Load generated sample history (synthetic, for demos and tests).
  train [category ...]
      Train the given categories (default: all) from Firestore into the
      model store and point the registry at the new versions.
  forecast <category> --csv <folder> --until <year> --horizon <h> [--json]
      Offline: train on the CSV years up to --until and print the forecast.
      With --json, print exactly the body of POST /api/predict/<category>.
  backtest [category ...] [--csv <folder>] [--json] [--origins 2006-2011]
           [--origin-count 6] [--horizon 5] [--skip-lstm] [--lstm-variants]
      Rolling-origin backtest of every method and of the served pipeline
      (model choice, coherent totals, intervals); CSV or Firestore.
      --lstm-variants adds the LSTM on log counts and a mean of 3 seeds.
  tune <category> [--csv <folder> [--save]] [--json] [--budget-minutes 10]
      Backtest a grid of LSTM configurations within the time budget, rank
      them and save the best for the category's next training (Firestore
      mlTuning/<category>; with --csv only when --save is given).
  refresh [category ...] [--max-age-days 30] [--keep 5] [--json]
      The nightly work now: retrain what changed (or is older than
      --max-age-days), then delete versions beyond the newest --keep.
  rollback <category> <version>
      Serve a kept version again; automatic retraining pauses for the
      category until the next train.
  wait-fresh [category ...] [--timeout 300]
      Wait until every serving model was trained on its category's
      current history (the retraining after an edit has caught up).
  grant-admin <email-or-uid>
      Give an existing user the admin claim that POST /api/train and
      rollback require (the Auth emulator when FIREBASE_AUTH_EMULATOR_HOST
      is set).
  revoke-admin <email-or-uid>
      Remove the admin claim and revoke the user's refresh tokens, so
      tokens already issued stop opening admin routes.

Categories: ${CATEGORIES.join(", ")}`;

export type Flags = Record<string, string | boolean | undefined>;

/** Splits argv into positional arguments and the known flags. */
export function parseCommandLine(
  argv: string[],
  options: Record<string, { type: "string" | "boolean" }>
): { positionals: string[]; flags: Flags } {
  try {
    const parsed = parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    });
    return { positionals: parsed.positionals, flags: parsed.values };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function categoryArg(value: string): Category {
  if (!isCategory(value)) {
    throw new UsageError(
      `Unknown category '${value}'; expected one of: ${CATEGORIES.join(", ")}`
    );
  }
  return value;
}

/** A whole-number flag, required or defaulted, within [min, max]. */
export function intFlag(
  flags: Flags,
  name: string,
  range: { min: number; max: number; fallback?: number }
): number {
  const raw = flags[name];
  if (raw === undefined) {
    if (range.fallback !== undefined) return range.fallback;
    throw new UsageError(`--${name} is required`);
  }
  const value = Number(raw);
  if (
    typeof raw !== "string" ||
    !Number.isInteger(value) ||
    value < range.min ||
    value > range.max
  ) {
    throw new UsageError(
      `--${name} must be a whole number from ${range.min} to ${range.max}` +
        ` (got ${JSON.stringify(raw)})`
    );
  }
  return value;
}
