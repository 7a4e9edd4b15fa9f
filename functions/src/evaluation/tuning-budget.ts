/**
 * How many grid configurations a tune can afford. Every configuration
 * costs one LSTM fit per backtest origin, so one timed fit prices the
 * whole tune. The fit timed is the grid's first configuration, the
 * largest network with the longest window, so the others should mostly
 * cost less; early stopping makes any one fit vary, which is why the run
 * itself also stops at the deadline (wouldOverrun). A budget keeps the
 * leading configurations that fit in it (the grid is ordered for that,
 * see tuning-grid.ts) and names the rest.
 */

/** Fewer configurations than this compare nothing worth saving. */
export const MIN_TUNING_CANDIDATES = 2;

export interface TuningCostModel {
  /** LSTM fits one configuration's backtest makes: one per origin. */
  fitsPerCandidate: number;
  /** Measured (or assumed) seconds of one fit, > 0. */
  secondsPerFit: number;
  /** Seconds the tune may take from here on. */
  budgetSeconds: number;
}

export interface TuningPlan<T> {
  /** The leading candidates that fit in the budget, in grid order. */
  kept: T[];
  /** The candidates left out, in grid order. */
  trimmed: T[];
  /** Estimated seconds of the kept candidates. */
  estimatedSeconds: number;
  /** Estimated seconds of every candidate, trimmed ones included. */
  fullSeconds: number;
  /**
   * Why the tune should not run at all (fewer than
   * MIN_TUNING_CANDIDATES fit), or null.
   */
  refusal: string | null;
}

/**
 * Splits `candidates` into those the budget affords and those it does
 * not, from the estimated cost of each.
 */
export function planTuning<T>(
  candidates: readonly T[],
  cost: TuningCostModel
): TuningPlan<T> {
  const { fitsPerCandidate, secondsPerFit, budgetSeconds } = cost;
  if (!(secondsPerFit > 0 && Number.isFinite(secondsPerFit))) {
    throw new RangeError(`secondsPerFit must be > 0, got ${secondsPerFit}`);
  }
  if (!Number.isInteger(fitsPerCandidate) || fitsPerCandidate < 1) {
    throw new RangeError(
      `fitsPerCandidate must be a whole number >= 1, got ${fitsPerCandidate}`
    );
  }
  const perCandidate = fitsPerCandidate * secondsPerFit;
  const affordable = Math.max(0, Math.floor(budgetSeconds / perCandidate));
  const count = Math.min(candidates.length, affordable);
  const refusal =
    count >= Math.min(MIN_TUNING_CANDIDATES, candidates.length)
      ? null
      : `one configuration takes about ${Math.round(perCandidate)} s ` +
        `(${fitsPerCandidate} fits of ~${secondsPerFit.toFixed(1)} s), ` +
        `so a budget of ${Math.round(budgetSeconds)} s affords ${count}; ` +
        `comparing needs ${MIN_TUNING_CANDIDATES}, about ` +
        `${Math.ceil((MIN_TUNING_CANDIDATES * perCandidate) / 60)} min`;
  return {
    kept: candidates.slice(0, count),
    trimmed: candidates.slice(count),
    estimatedSeconds: count * perCandidate,
    fullSeconds: candidates.length * perCandidate,
    refusal,
  };
}

/**
 * Whether starting one more candidate would likely run past `deadlineMs`,
 * judging by the mean time of the candidates done so far. The first one
 * always starts: the plan already judged it affordable.
 */
export function wouldOverrun(
  nowMs: number,
  deadlineMs: number,
  doneMs: readonly number[]
): boolean {
  if (doneMs.length === 0) return false;
  const mean = doneMs.reduce((sum, ms) => sum + ms, 0) / doneMs.length;
  return nowMs + mean > deadlineMs;
}
