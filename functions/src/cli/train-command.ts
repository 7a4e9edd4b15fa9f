import { CATEGORIES, type Category } from "../domain/categories";
import { stderrLogger } from "../domain/logger";
import { DEFAULT_CONFIG } from "../ml/config";
import { createFirebaseService } from "../platform/production-service";
import type { ForecastService } from "../service/forecast-service";
import { categoryArg, parseCommandLine } from "./args";
import { ProgressBar } from "./progress-bar";

/**
 * `train [category ...]`: trains from Firestore into the model store, one
 * category after another, like the seed's train_all_models.py. Returns the
 * process exit code: 1 when any category failed.
 */
export async function trainCommand(argv: string[]): Promise<number> {
  const { positionals } = parseCommandLine(argv, {});
  const categories = positionals.length
    ? positionals.map(categoryArg)
    : [...CATEGORIES];
  const service = createFirebaseService(
    process.env.MODEL_BUCKET ?? "",
    stderrLogger
  );
  const failures = await trainAll(service, categories);
  return failures > 0 ? 1 : 0;
}

/** Trains each category with a progress bar; prints a summary table. */
export async function trainAll(
  service: ForecastService,
  categories: Category[]
): Promise<number> {
  const rows: string[] = [];
  let failures = 0;
  for (const category of categories) {
    const bar = new ProgressBar(category, DEFAULT_CONFIG.maxEpochs);
    try {
      const outcome = await service.train(category, (epoch, logs) =>
        bar.update(epoch + 1, logs.loss, logs.val_loss),
        "cli"
      );
      bar.done(
        `done in ${(outcome.training_ms / 1000).toFixed(1)} s, ` +
          `${outcome.epochs_trained} epochs, version ${outcome.version}`
      );
      rows.push(
        [
          category.padEnd(13),
          `${(outcome.training_ms / 1000).toFixed(1)} s`.padStart(8),
          String(outcome.epochs_trained).padStart(6),
          outcome.final_loss.toFixed(5).padStart(10),
          (outcome.val_loss?.toFixed(5) ?? "-").padStart(10),
          `  ${outcome.version}`,
        ].join("")
      );
    } catch (error) {
      failures += 1;
      bar.done(`FAILED: ${(error as Error).message}`);
      rows.push(`${category.padEnd(13)}  FAILED: ${(error as Error).message}`);
    }
  }
  process.stderr.write(
    "\ncategory         time epochs  final_loss  val_loss  version\n" +
      rows.join("\n") +
      `\n${categories.length - failures} trained, ${failures} failed\n`
  );
  return failures;
}
