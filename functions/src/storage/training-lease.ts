/**
 * The training lease of a category: which process may train it now. A
 * TrainingLock (service/training-lock.ts) keeps one process from
 * training a category twice at once; the lease, kept in the registry,
 * does the same across instances, tasks and the CLI, so that the CPU of a
 * training is never spent twice for one category.
 *
 * A lease ends at `expires_at` even if its holder never gives it back (a
 * crash, a timeout), so a dead holder blocks its category for at most
 * one lease period. A holder that is still training renews it.
 */

export interface TrainingLease {
  /** Opaque id of the process that holds it. */
  holder: string;
  /** ISO time the holder first took it. */
  acquired_at: string;
  /** ISO time after which anyone may take it. */
  expires_at: string;
}

export type LeaseResult =
  | { acquired: true; lease: TrainingLease }
  | { acquired: false; held: TrainingLease };

/**
 * The lease as stored, or null when there is none. A record that is not
 * a lease counts as none: it is a hint for scheduling, and a damaged one
 * must not stop every training of the category for good.
 */
export function leaseFrom(value: unknown): TrainingLease | null {
  if (typeof value !== "object" || value === null) return null;
  const { holder, acquired_at, expires_at } = value as Record<string, unknown>;
  if (typeof holder !== "string" || holder === "") return null;
  if (typeof acquired_at !== "string" || typeof expires_at !== "string") {
    return null;
  }
  if (Number.isNaN(Date.parse(expires_at))) return null;
  return { holder, acquired_at, expires_at };
}

/**
 * Decides, from the stored lease, whether `holder` gets it at `now` for
 * `ttlMs`: yes when there is none, it has expired, or `holder` already
 * holds it (a renewal keeps the first acquired_at). The registries call
 * this inside their atomic section and store `lease` when acquired.
 */
export function decideLease(
  current: TrainingLease | null,
  holder: string,
  now: Date,
  ttlMs: number
): LeaseResult {
  const live =
    current !== null && Date.parse(current.expires_at) > now.getTime();
  if (live && current.holder !== holder) {
    return { acquired: false, held: current };
  }
  return {
    acquired: true,
    lease: {
      holder,
      acquired_at:
        live && current.holder === holder
          ? current.acquired_at
          : now.toISOString(),
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
    },
  };
}
