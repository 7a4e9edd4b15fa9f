import { FirestoreHistorySource } from "../data/firestore-history-source";
import { CATEGORIES, type Category } from "../domain/categories";
import { historyHash } from "../domain/history-hash";
import { firestore } from "../platform/firebase-services";
import { FirestoreModelRegistry } from "../storage/firestore-model-registry";
import { categoryArg, intFlag, parseCommandLine } from "./args";

const POLL_MS = 1000;

/**
 * `wait-fresh [category ...] [--timeout 300]`: waits until the serving
 * model of every category that has history was trained on exactly that
 * history (its history_hash matches), which is how the automatic
 * retraining says it has caught up with the last edits; or until the
 * category records bad history. `npm start` runs it after seeding.
 * Exits 1 on a bad history or a timeout, naming the categories.
 */
export async function waitFreshCommand(argv: string[]): Promise<number> {
  const { positionals, flags } = parseCommandLine(argv, {
    timeout: { type: "string" },
  });
  const timeoutMs =
    intFlag(flags, "timeout", { min: 1, max: 3600, fallback: 300 }) * 1000;
  const db = firestore();
  const history = new FirestoreHistorySource(db);
  const registry = new FirestoreModelRegistry(db);
  const pending = new Set<Category>(
    positionals.length ? positionals.map(categoryArg) : CATEGORIES
  );
  const startedAt = Date.now();
  const failed: string[] = [];

  while (pending.size > 0) {
    for (const category of [...pending]) {
      const current = await history.read(category);
      if (current.years.length === 0) {
        pending.delete(category);
        continue;
      }
      const [serving, status] = await Promise.all([
        registry.getServing(category),
        registry.getStatus(category),
      ]);
      const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
      if (serving?.history_hash === historyHash(current)) {
        pending.delete(category);
        process.stderr.write(
          `${category.padEnd(13)} fresh after ${seconds} s: version ` +
            `${serving.version}, ${serving.training_years}, trained in ` +
            `${(serving.training_ms / 1000).toFixed(1)} s\n`
        );
      } else if (
        status.last_error &&
        Date.parse(status.last_error.at) >= startedAt
      ) {
        pending.delete(category);
        failed.push(`${category}: ${status.last_error.message}`);
        process.stderr.write(
          `${category.padEnd(13)} FAILED: ${status.last_error.message}\n`
        );
      }
    }
    if (pending.size === 0) break;
    if (Date.now() - startedAt > timeoutMs) {
      process.stderr.write(
        `Timed out after ${timeoutMs / 1000} s waiting for ` +
          `${[...pending].join(", ")}; see the functions log\n`
      );
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return failed.length > 0 ? 1 : 0;
}
