import type { Category } from "../domain/categories";
import { ServiceError } from "../domain/errors";
import type { Logger } from "../domain/logger";
import type { ModelRegistry } from "../storage/model-registry";

export interface LeaseOptions {
  registry: Pick<
    ModelRegistry,
    "acquireTrainingLease" | "releaseTrainingLease"
  >;
  logger: Logger;
  /** This process's id as a lease holder. */
  holder: string;
  /**
   * How long a lease lasts without renewal, in ms. A crashed holder
   * blocks its category for at most this long. Typical: 300 000.
   */
  ttlMs: number;
  now: () => Date;
}

/**
 * Runs one training of `category` under its training lease (see
 * storage/training-lease.ts): refused with a conflict (409) when another
 * process holds it, renewed every third of its period while `work` runs,
 * released when `work` ends however it ends.
 *
 * Renewal rides on the event loop, so a training that kept the loop busy
 * for a whole lease period could lose its lease; the pointer switch stays
 * guarded (the newer history wins), only CPU would be spent twice.
 */
export async function withTrainingLease<T>(
  category: Category,
  options: LeaseOptions,
  work: () => Promise<T>
): Promise<T> {
  const { registry, logger, holder, ttlMs, now } = options;
  const taken = await registry.acquireTrainingLease(
    category,
    holder,
    now(),
    ttlMs
  );
  if (!taken.acquired) {
    logger.info("training lease held elsewhere", {
      category,
      expiresAt: taken.held.expires_at,
    });
    throw new ServiceError(
      "conflict",
      `A training of '${category}' is already running on another ` +
        "instance; try again when it has finished (its lease ends by " +
        `${taken.held.expires_at} at the latest).`
    );
  }
  const renewal = setInterval(() => {
    void renew(category, options);
  }, Math.max(1000, Math.floor(ttlMs / 3)));
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    try {
      await registry.releaseTrainingLease(category, holder);
    } catch (error) {
      // It expires on its own; the training's own outcome matters more.
      logger.warn("training lease not released", { category, error });
    }
  }
}

async function renew(category: Category, options: LeaseOptions) {
  const { registry, logger, holder, ttlMs, now } = options;
  try {
    const renewed = await registry.acquireTrainingLease(
      category,
      holder,
      now(),
      ttlMs
    );
    if (!renewed.acquired) {
      logger.warn("training lease lost", {
        category,
        expiresAt: renewed.held.expires_at,
      });
    }
  } catch (error) {
    logger.warn("training lease not renewed", { category, error });
  }
}
