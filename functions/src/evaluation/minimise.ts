/**
 * Deterministic minimisation of a function of one bounded parameter: a
 * grid first, so that a sum of squared errors with more than one dip
 * cannot trap the search, then golden-section search next to the best
 * grid point to sharpen it.
 */

/** 1 / golden ratio, about 0.618: the interval shrinks by this per step. */
const INVERSE_GOLDEN = (Math.sqrt(5) - 1) / 2;

/** A parameter value and the objective there. */
export interface Minimum {
  x: number;
  value: number;
}

/** How finely to search; the defaults suit smoothing weights in (0, 1). */
export interface SearchOptions {
  /** Grid intervals over [lo, hi]; default 100 (steps of 0.01 on (0, 1)). */
  gridSteps?: number;
  /** Stop golden-section once the bracket is this narrow; default 1e-6. */
  tolerance?: number;
}

/**
 * Golden-section search for a minimum of `f` on [lo, hi], assuming `f` has
 * a single dip there. Returns the midpoint of the final bracket.
 */
export function goldenSection(
  f: (x: number) => number,
  lo: number,
  hi: number,
  tolerance = 1e-6
): Minimum {
  let a = lo;
  let b = hi;
  let c = b - INVERSE_GOLDEN * (b - a);
  let d = a + INVERSE_GOLDEN * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tolerance) {
    // Keep the side holding the lower inner point; the other inner point
    // is reused, so each step costs one evaluation.
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INVERSE_GOLDEN * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INVERSE_GOLDEN * (b - a);
      fd = f(d);
    }
  }
  const x = (a + b) / 2;
  return { x, value: f(x) };
}

/**
 * Minimises `f` on [lo, hi]: the best of gridSteps + 1 evenly spaced
 * points (the first one on ties, so flat objectives give `lo`), refined by
 * golden-section within one grid step either side. The refined point is
 * kept only when it is strictly better, so the result never loses to the
 * grid.
 */
export function minimiseOnInterval(
  f: (x: number) => number,
  lo: number,
  hi: number,
  options: SearchOptions = {}
): Minimum {
  const steps = options.gridSteps ?? 100;
  const step = (hi - lo) / steps;
  let best: Minimum = { x: lo, value: f(lo) };
  for (let i = 1; i <= steps; i++) {
    const x = lo + i * step;
    const value = f(x);
    if (value < best.value) best = { x, value };
  }
  const refined = goldenSection(
    f,
    Math.max(lo, best.x - step),
    Math.min(hi, best.x + step),
    options.tolerance
  );
  return refined.value < best.value ? refined : best;
}
