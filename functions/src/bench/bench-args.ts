/**
 * The bench's command line:
 * `npm run bench [-- --json] [-- --data <folder>] [-- --categories a,b]
 * [-- --runs N] [-- --requests N] [-- --cold-runs N] [-- --edit-runs N]
 * [-- --heldout-years N] [-- --heldout-seeds N] [-- --backtest-seeds N]
 * [-- --no-emulators]`.
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { CATEGORIES, isCategory, type Category } from "../domain/categories";

export interface BenchArgs {
  json: boolean;
  /** Folder of CFO CSV tables; the synthetic sample where absent. */
  dataFolder: string;
  /** Whether --data was given (then a missing folder is an error). */
  dataGiven: boolean;
  categories: Category[];
  /** The category whose model the predict figures serve. */
  predictCategory: Category;
  runs: number;
  requests: number;
  coldRuns: number;
  editRuns: number;
  heldOutYears: number;
  /** Seeds each held-out WAPE is averaged over. */
  heldOutSeeds: number;
  /** Seeds of the rolling-origin backtest of both networks; 0 skips it. */
  backtestSeeds: number;
  emulators: boolean;
  /** How long to wait for busy emulator ports to free up, in seconds. */
  portWaitSeconds: number;
}

export const USAGE = `usage: npm run bench [-- options]
  --json                one JSON object on stdout (logs on stderr)
  --data <folder>       CFO CSV tables (default ../shared/data/cfo from
                        the repo root; synthetic data when it is absent)
  --categories a,b      categories to train (default: all seven)
  --predict-category c  model served by the predict figures (default:
                        age when benched, else the first category)
  --runs N              timed trainings per category and config (3)
  --requests N          warm predict requests (1000)
  --cold-runs N         cold starts (5)
  --edit-runs N         timed edits on the emulators (3)
  --heldout-years N     years held out for the WAPE check (5)
  --heldout-seeds N     seeds each held-out WAPE is averaged over (5)
  --backtest-seeds N    seeds of the rolling-origin backtest of both
                        networks (3; 0 skips it)
  --no-emulators        skip retrain_burst and retrain_edit_ms
  --port-wait S         wait up to S seconds for busy emulator ports (300)`;

export class BenchUsageError extends Error {}

function wholeNumber(
  raw: string | undefined,
  name: string,
  fallback: number,
  min: number
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new BenchUsageError(
      `--${name} must be a whole number >= ${min}, got "${raw}"`
    );
  }
  return value;
}

function categoryList(raw: string | undefined): Category[] {
  if (raw === undefined) return [...CATEGORIES];
  const names = raw.split(",").map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !isCategory(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new BenchUsageError(
      `--categories: unknown "${unknown.join(", ")}"; known: ` +
        CATEGORIES.join(", ")
    );
  }
  return [...new Set(names)] as Category[];
}

/**
 * @param argv the arguments after the script name.
 * @param repoRoot where the default data folder is resolved from.
 * @param cwd where a relative --data is resolved from (npm's INIT_CWD).
 * Returns null for --help.
 */
export function parseBenchArgs(
  argv: string[],
  repoRoot: string,
  cwd: string
): BenchArgs | null {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: "boolean" },
        data: { type: "string" },
        categories: { type: "string" },
        "predict-category": { type: "string" },
        runs: { type: "string" },
        requests: { type: "string" },
        "cold-runs": { type: "string" },
        "edit-runs": { type: "string" },
        "heldout-years": { type: "string" },
        "heldout-seeds": { type: "string" },
        "backtest-seeds": { type: "string" },
        "no-emulators": { type: "boolean" },
        "port-wait": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    throw new BenchUsageError(
      error instanceof Error ? error.message : String(error)
    );
  }
  if (values.help) return null;

  const categories = categoryList(values.categories);
  const predictRaw = values["predict-category"];
  if (predictRaw !== undefined && !isCategory(predictRaw)) {
    throw new BenchUsageError(`--predict-category: unknown "${predictRaw}"`);
  }
  const predictCategory =
    predictRaw ?? (categories.includes("age") ? "age" : categories[0]);
  return {
    json: values.json ?? false,
    dataFolder:
      values.data === undefined
        ? path.resolve(repoRoot, "..", "shared", "data", "cfo")
        : path.resolve(cwd, values.data),
    dataGiven: values.data !== undefined,
    categories,
    predictCategory,
    runs: wholeNumber(values.runs, "runs", 3, 1),
    requests: wholeNumber(values.requests, "requests", 1000, 1),
    coldRuns: wholeNumber(values["cold-runs"], "cold-runs", 5, 1),
    editRuns: wholeNumber(values["edit-runs"], "edit-runs", 3, 1),
    heldOutYears: wholeNumber(values["heldout-years"], "heldout-years", 5, 1),
    heldOutSeeds: wholeNumber(values["heldout-seeds"], "heldout-seeds", 5, 1),
    backtestSeeds: wholeNumber(
      values["backtest-seeds"],
      "backtest-seeds",
      3,
      0
    ),
    emulators: !(values["no-emulators"] ?? false),
    portWaitSeconds: wholeNumber(values["port-wait"], "port-wait", 300, 0),
  };
}
