import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CsvHistorySource } from "../data/csv-history-source";
import type { HistorySource } from "../data/history-source";
import { BadHistoryError } from "../domain/errors";
import { historyUpTo } from "../domain/history";
import { stderrLogger } from "../domain/logger";
import { DEFAULT_CONFIG } from "../ml/config";
import { ForecastService } from "../service/forecast-service";
import { FileModelRegistry } from "../storage/file-model-registry";
import { LocalBlobStore } from "../storage/local-blob-store";
import { categoryArg, intFlag, parseCommandLine, UsageError } from "./args";
import { ProgressBar } from "./progress-bar";
import { MAX_YEARS_AHEAD, MIN_YEARS_AHEAD } from "../api/schemas";

/**
 * `forecast <category> --csv <folder> --until <year> --horizon <h>`:
 * trains on the CSV history up to a year and prints the forecast, with no
 * Firebase at all. It runs the very service the API runs, on a throwaway
 * local store, so `--json` prints exactly what the API would answer.
 */
export async function forecastCommand(argv: string[]): Promise<number> {
  const { positionals, flags } = parseCommandLine(argv, {
    csv: { type: "string" },
    until: { type: "string" },
    horizon: { type: "string" },
    json: { type: "boolean" },
  });
  if (positionals.length !== 1) {
    throw new UsageError("forecast takes exactly one category");
  }
  const category = categoryArg(positionals[0]);
  if (typeof flags.csv !== "string") {
    throw new UsageError("--csv <folder> is required");
  }
  const until = intFlag(flags, "until", { min: 1900, max: 2200 });
  const horizon = intFlag(flags, "horizon", {
    min: MIN_YEARS_AHEAD,
    max: MAX_YEARS_AHEAD,
  });

  const scratch = await mkdtemp(path.join(tmpdir(), "cfo-forecast-"));
  try {
    const service = new ForecastService({
      history: truncated(new CsvHistorySource(flags.csv), until),
      blobs: new LocalBlobStore(path.join(scratch, "models")),
      registry: new FileModelRegistry(path.join(scratch, "registry")),
      logger: stderrLogger,
    });
    const bar = new ProgressBar(category, DEFAULT_CONFIG.maxEpochs);
    const outcome = await service.train(category, (epoch, logs) =>
      bar.update(epoch + 1, logs.loss, logs.val_loss),
      "cli"
    );
    bar.done(`trained ${outcome.epochs_trained} epochs`);
    const body = await service.predict(category, horizon);
    if (flags.json) {
      process.stdout.write(JSON.stringify(body) + "\n");
    } else {
      printTable(body.predictions);
    }
    return 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The same source, keeping only the years up to and including `until`. */
function truncated(source: HistorySource, until: number): HistorySource {
  return {
    async read(category) {
      const full = await source.read(category);
      const history = historyUpTo(full, until);
      if (history.years.length === 0) {
        throw new BadHistoryError(
          `No ${category} history up to ${until}; the CSV starts in ` +
            `${full.years[0] ?? "no year"}`
        );
      }
      return history;
    },
  };
}

function printTable(
  predictions: { year: number; predictions: Record<string, number> }[]
): void {
  const groups = Object.keys(predictions[0]?.predictions ?? {});
  const width = Math.max(...groups.map((g) => g.length), 5);
  const header =
    "group".padEnd(width) +
    predictions.map((p) => String(p.year).padStart(9)).join("");
  const lines = groups.map(
    (group) =>
      group.padEnd(width) +
      predictions
        .map((p) => String(p.predictions[group]).padStart(9))
        .join("")
  );
  process.stdout.write([header, ...lines].join("\n") + "\n");
}
