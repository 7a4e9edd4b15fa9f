/**
 * Seeded randomness for reproducible training.
 *
 * Why Math.random is replaced instead of seeding every op: a tfjs Dropout
 * layer given a seed draws the SAME mask on every call, which removes the
 * regularising noise. Dropout is therefore left unseeded, and while a
 * training runs Math.random (which tfjs uses to seed unseeded random ops
 * and to shuffle batches) is swapped for a seeded generator. Together with
 * seeded initializers this makes weights and forecasts bit-identical on one
 * backend.
 */

/** A source of floats uniform in [0, 1). */
export type RandomSource = () => number;

const TWO_POW_32 = 4294967296;
/** Largest seed tfjs ops take safely (int32); 0 would mean "unseeded". */
const MAX_OP_SEED = 2147483647;

/**
 * A small, fast, seeded generator: a Weyl sequence (adding the golden-ratio
 * constant) passed through the 32-bit MurmurHash3 finaliser. Good enough
 * statistically for seeding ops and shuffling; not cryptographic.
 *
 * @param seed any finite number; equal seeds give equal streams.
 */
export function createRandomSource(seed: number): RandomSource {
  if (!Number.isFinite(seed)) {
    throw new RangeError(`seed must be a finite number, got ${seed}`);
  }
  // Fold fractional or large seeds into 32 bits without losing either part.
  let state = (Math.trunc(seed) ^ Math.round((seed % 1) * TWO_POW_32)) >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z = (z ^ (z >>> 16)) >>> 0;
    return z / TWO_POW_32;
  };
}

/**
 * Derives `count` op seeds from one configuration seed. Each is a whole
 * number in [1, 2^31 - 1]: tfjs treats a seed of 0 as "no seed".
 */
export function deriveOpSeeds(seed: number, count: number): number[] {
  const next = createRandomSource(seed);
  return Array.from(
    { length: count },
    () => 1 + Math.floor(next() * (MAX_OP_SEED - 1))
  );
}

/** Every seed one training uses, all derived from ForecastConfig.seed. */
export interface TrainingSeeds {
  lstm1Kernel: number;
  lstm1Recurrent: number;
  lstm2Kernel: number;
  lstm2Recurrent: number;
  denseKernel: number;
  /** Seeds the Math.random replacement (dropout masks, shuffling). */
  mathRandom: number;
}

/**
 * The seeds of one training, drawn in turn from one stream: the
 * Math.random generator then starts from its own seed instead of
 * replaying the numbers that became the initializers' seeds.
 */
export function deriveTrainingSeeds(seed: number): TrainingSeeds {
  const [
    lstm1Kernel,
    lstm1Recurrent,
    lstm2Kernel,
    lstm2Recurrent,
    denseKernel,
    mathRandom,
  ] = deriveOpSeeds(seed, 6);
  return {
    lstm1Kernel,
    lstm1Recurrent,
    lstm2Kernel,
    lstm2Recurrent,
    denseKernel,
    mathRandom,
  };
}

/** The tail of the queue of seeded sections; see withSeededMathRandom. */
let queueTail: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` with Math.random replaced by a generator seeded with `seed`,
 * and restores the original Math.random afterwards, also when `fn` throws.
 *
 * Calls are queued, one at a time per process: two overlapping sections
 * would otherwise draw from each other's stream and could restore
 * Math.random in the wrong order, leaving it seeded for good.
 *
 * Anything else in the process that calls Math.random while `fn` awaits
 * draws from the seeded stream too; it stays deterministic only when
 * nothing else does.
 */
export function withSeededMathRandom<T>(
  seed: number,
  fn: () => Promise<T>
): Promise<T> {
  const seeded = createRandomSource(seed);
  const run = queueTail.then(async () => {
    const original = Math.random;
    Math.random = seeded;
    try {
      return await fn();
    } finally {
      Math.random = original;
    }
  });
  queueTail = run.catch(() => undefined);
  return run;
}
