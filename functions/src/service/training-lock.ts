import type { Category } from "../domain/categories";
import { ServiceError } from "../domain/errors";

/**
 * Lets one training run at a time in this process.
 *
 * Training replaces Math.random with a seeded generator for the length of
 * the fit (that is what makes it reproducible), so two trainings must never
 * overlap in one process. A second request for the category already
 * training is refused with a conflict; a request for another category
 * waits its turn.
 */
export class TrainingLock {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly active = new Set<Category>();

  async run<T>(category: Category, work: () => Promise<T>): Promise<T> {
    if (this.active.has(category)) {
      throw new ServiceError(
        "conflict",
        `A training of '${category}' is already running; ` +
          "try again when it has finished."
      );
    }
    this.active.add(category);
    const turn = this.tail.then(work, work);
    this.tail = turn.catch(() => undefined);
    try {
      return await turn;
    } finally {
      this.active.delete(category);
    }
  }

  isTraining(category: Category): boolean {
    return this.active.has(category);
  }
}
