/**
 * Sample quantiles, defined once so that every interval in the project
 * means the same thing.
 */

/**
 * The p-quantile of `values` by linear interpolation between order
 * statistics (Hyndman and Fan's type 7, the default of R and NumPy): with
 * the n values sorted ascending as x[0..n-1], the position is
 * (n - 1) * p, and a fractional position interpolates between its two
 * neighbours. p = 0 is the minimum, p = 1 the maximum, and one value is
 * its own every quantile. [1, 2, 3, 4] at p = 0.1 → position 0.3 → 1.3.
 *
 * @param values finite numbers, at least one; not modified.
 * @param p probability in [0, 1], e.g. 0.1 for the lower end of 80 %.
 */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    throw new RangeError("cannot take a quantile of no values");
  }
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const fraction = position - below;
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}
