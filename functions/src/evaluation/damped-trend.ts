/**
 * Holt's linear method with a damped trend: a level and a slope, both
 * smoothed, and a slope that fades by a factor phi per year ahead, so
 * long forecasts level off instead of running away with the last trend.
 */
import { minimiseOnInterval } from "./minimise";
import { checkSeriesArgs, clipAtZero } from "./series-checks";

/** Smoothing and damping weights. */
export interface DampedParameters {
  /** Weight of the newest year in the level, 0..1; e.g. 0.9. */
  alpha: number;
  /** Weight of the newest level change in the slope, 0..1; e.g. 0.1. */
  beta: number;
  /** Share of the slope kept per year ahead, 0.8..0.98; e.g. 0.9. */
  phi: number;
}

/** A smoothed series: its parameters, final state and in-sample error. */
export interface DampedFit extends DampedParameters {
  /** Level after the last year, in counts. */
  level: number;
  /** Slope after the last year, in counts per year. */
  trend: number;
  /** Sum of squared one-step errors, years 3..n, in counts squared. */
  sse: number;
}

/**
 * Search bounds. Phi stops at 0.98: closer to 1 the trend barely fades
 * and the method turns into plain Holt, which overshoots on these series;
 * below 0.8 the trend is gone within a few years.
 */
export const DAMPED_BOUNDS = {
  alpha: { lo: 0.01, hi: 0.99 },
  beta: { lo: 0.01, hi: 0.99 },
  phi: { lo: 0.8, hi: 0.98 },
} as const;

/** Parameters of a series too short for its error to depend on them. */
const SHORT_SERIES_PARAMETERS: DampedParameters = {
  alpha: 0.5,
  beta: 0.1,
  phi: DAMPED_BOUNDS.phi.hi,
};

/** Coarse grid values per parameter before the coordinate search. */
const COARSE_POINTS = 5;

/** Upper bound on coordinate-search rounds; most converge in 2 or 3. */
const MAX_ROUNDS = 6;

/** Grid intervals of each one-parameter search within a round. */
const COORDINATE_GRID_STEPS = 40;

/**
 * Runs the damped-trend recursions over `series`. The first two years fix
 * the start exactly (level = year 2, slope = year 2 - year 1), so errors
 * are counted from year 3. Each year t: the one-step forecast is
 * level + phi * slope; the level moves toward year t by alpha of the
 * error; the slope moves toward the level's change by beta.
 */
export function smoothDamped(
  series: number[],
  parameters: DampedParameters
): DampedFit {
  const { alpha, beta, phi } = parameters;
  if (series.length === 1) {
    return { ...parameters, level: series[0], trend: 0, sse: 0 };
  }
  let level = series[1];
  let trend = series[1] - series[0];
  let sse = 0;
  for (let t = 2; t < series.length; t++) {
    const predicted = level + phi * trend;
    const error = series[t] - predicted;
    sse += error * error;
    const nextLevel = predicted + alpha * error;
    trend = beta * (nextLevel - level) + (1 - beta) * phi * trend;
    level = nextLevel;
  }
  return { ...parameters, level, trend, sse };
}

/**
 * Fits alpha, beta and phi within DAMPED_BOUNDS by least in-sample
 * squared one-step error: the best point of a 5 x 5 x 5 grid, then rounds
 * of one-parameter searches (minimiseOnInterval) until a round no longer
 * lowers the error. Deterministic. Under three years there is no error
 * to fit and fixed parameters are used (phi = 0.98).
 */
export function fitDamped(series: number[]): DampedFit {
  if (series.length < 3) {
    return smoothDamped(series, SHORT_SERIES_PARAMETERS);
  }
  const sse = (p: DampedParameters) => smoothDamped(series, p).sse;
  let best = { ...SHORT_SERIES_PARAMETERS };
  let bestSse = Infinity;
  for (const alpha of coarseGrid(DAMPED_BOUNDS.alpha)) {
    for (const beta of coarseGrid(DAMPED_BOUNDS.beta)) {
      for (const phi of coarseGrid(DAMPED_BOUNDS.phi)) {
        const value = sse({ alpha, beta, phi });
        if (value < bestSse) {
          best = { alpha, beta, phi };
          bestSse = value;
        }
      }
    }
  }

  const names = ["alpha", "beta", "phi"] as const;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = bestSse;
    for (const name of names) {
      const { lo, hi } = DAMPED_BOUNDS[name];
      const found = minimiseOnInterval(
        (x) => sse({ ...best, [name]: x }),
        lo,
        hi,
        { gridSteps: COORDINATE_GRID_STEPS }
      );
      if (found.value < bestSse) {
        best = { ...best, [name]: found.x };
        bestSse = found.value;
      }
    }
    // Relative, because the error is in counts squared (up to ~1e9).
    if (before - bestSse <= 1e-10 * Math.max(1, before)) break;
  }
  return smoothDamped(series, best);
}

/**
 * Damped-trend forecasts for horizons 1..horizon, clipped at 0: level +
 * (phi + phi^2 + ... + phi^h) * slope. A constant series has no slope and
 * forecasts the constant.
 *
 * @param series yearly counts, oldest first.
 * @param horizon years ahead, >= 1.
 * @param parameters fixed weights; omitted, they are fitted (fitDamped).
 */
export function dampedTrend(
  series: number[],
  horizon: number,
  parameters?: DampedParameters
): number[] {
  checkSeriesArgs(series, horizon);
  const fit =
    parameters === undefined
      ? fitDamped(series)
      : smoothDamped(series, parameters);
  const forecasts: number[] = [];
  let damping = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    power *= fit.phi;
    damping += power;
    forecasts.push(fit.level + damping * fit.trend);
  }
  return clipAtZero(forecasts);
}

/** COARSE_POINTS evenly spaced values from lo to hi, both included. */
function coarseGrid(bounds: { lo: number; hi: number }): number[] {
  const { lo, hi } = bounds;
  return Array.from(
    { length: COARSE_POINTS },
    (_, i) => lo + ((hi - lo) * i) / (COARSE_POINTS - 1)
  );
}
