/**
 * Made-up but plausible histories for demos and tests, when the real CFO
 * tables are not at hand. Each group gets its own level, trend and noise,
 * and all groups share a yearly swing (emigration rises and falls
 * together, as in 1998), so the series look like the real ones without
 * being them. Everything follows from the seed.
 */
import { CATEGORY_SPECS, type Category } from "../domain/categories";
import type { History } from "../domain/history";

export interface SyntheticHistoryOptions {
  /** First year, e.g. 1981. */
  fromYear: number;
  /** Last year, inclusive, e.g. 2015; not before fromYear. */
  toYear: number;
  /** Any integer; the same seed and category give the same history. */
  seed: number;
}

/** Lowest and highest starting count of a group, in people per year. */
const LEVEL_RANGE = [200, 20000] as const;
/** Yearly growth of a group's trend, as a fraction (-0.02 = -2%/year). */
const GROWTH_RANGE = [-0.02, 0.05] as const;
/** Spread of a group's own year-to-year noise (log scale). */
const NOISE_RANGE = [0.03, 0.1] as const;
/** Spread of the swing all groups share in a year (log scale). */
const SHARED_SWING = 0.06;

/**
 * A history for `category` with the dashboard's groups, one row per year
 * from `fromYear` to `toYear`; every count is a whole number of at least 1.
 * Throws RangeError on non-integer options or toYear < fromYear.
 */
export function syntheticHistory(
  category: Category,
  options: SyntheticHistoryOptions
): History {
  const { fromYear, toYear, seed } = options;
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`${name} must be a whole number, got ${value}`);
    }
  }
  if (toYear < fromYear) {
    throw new RangeError(`toYear ${toYear} is before fromYear ${fromYear}`);
  }

  const random = seededRandom(mixSeed(seed, category));
  const between = (range: readonly [number, number]) =>
    range[0] + (range[1] - range[0]) * random();

  const groups = [...CATEGORY_SPECS[category].groups];
  const shapes = groups.map(() => ({
    // Log-uniform, so small groups are as likely as large ones.
    level: Math.exp(
      Math.log(LEVEL_RANGE[0]) +
        (Math.log(LEVEL_RANGE[1]) - Math.log(LEVEL_RANGE[0])) * random()
    ),
    growth: between(GROWTH_RANGE),
    noise: between(NOISE_RANGE),
  }));

  const years: number[] = [];
  const values: number[][] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    const t = year - fromYear;
    const swing = SHARED_SWING * normal(random);
    years.push(year);
    values.push(
      shapes.map((shape) => {
        const trend = shape.level * Math.pow(1 + shape.growth, t);
        const wobble = Math.exp(swing + shape.noise * normal(random));
        return Math.max(1, Math.round(trend * wobble));
      })
    );
  }
  return { years, groups, values };
}

/** Folds the category name into the seed so categories differ. */
function mixSeed(seed: number, category: string): number {
  let hash = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < category.length; i += 1) {
    hash = Math.imul(hash ^ category.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A small 32-bit generator (mulberry32): uniform in [0, 1), good enough
 * for test data and identical on every platform, unlike Math.random.
 */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  const u = 1 - random(); // in (0, 1], so the log is finite
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
