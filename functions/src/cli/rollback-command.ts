import { stderrLogger } from "../domain/logger";
import { createFirebaseService } from "../platform/production-service";
import { categoryArg, parseCommandLine, UsageError } from "./args";

/**
 * `rollback <category> <version>`: serves a kept version again and pins
 * it (automatic retraining leaves the category alone until the next
 * explicit training), like POST /api/models/<category>/rollback.
 */
export async function rollbackCommand(argv: string[]): Promise<number> {
  const { positionals } = parseCommandLine(argv, {});
  if (positionals.length !== 2) {
    throw new UsageError("rollback takes a category and a version");
  }
  const category = categoryArg(positionals[0]);
  const service = createFirebaseService(
    process.env.MODEL_BUCKET ?? "",
    stderrLogger
  );
  const metadata = await service.rollback(category, positionals[1]);
  process.stdout.write(
    `${category} now serves ${metadata.version} ` +
      `(trained ${metadata.last_trained} on ${metadata.training_years}); ` +
      "automatic retraining is paused until the next `train`\n"
  );
  return 0;
}
