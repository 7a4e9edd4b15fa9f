/**
 * Simple exponential smoothing (SES): the forecast is a level that moves
 * toward each new year by a fraction alpha of the surprise. Flat over the
 * horizon, like naive, but less jumpy when years are noisy.
 */
import { minimiseOnInterval } from "./minimise";
import {
  checkAlpha,
  checkSeriesArgs,
  clipAtZero,
  flat,
} from "./series-checks";

/**
 * Bounds of the fitted alpha. Open at both ends: alpha = 0 would ignore
 * every year after the first, and alpha = 1 is naive itself.
 */
export const SES_ALPHA_BOUNDS = { lo: 0.001, hi: 0.999 } as const;

/** A smoothed series: its weight, its final level and in-sample error. */
export interface SesFit {
  /** Weight of the newest year in the level, 0..1; fitted, e.g. 0.8. */
  alpha: number;
  /** Level after the last year: the forecast for every horizon. */
  level: number;
  /** Sum of squared one-step errors, years 2..n, in counts squared. */
  sse: number;
}

/**
 * Runs SES over `series` with weight `alpha`. The level starts at the
 * first year, so the one-step forecast of year t is the level after year
 * t - 1 and the first year has no error.
 */
export function smoothSes(series: number[], alpha: number): SesFit {
  let level = series[0];
  let sse = 0;
  for (let t = 1; t < series.length; t++) {
    const error = series[t] - level;
    sse += error * error;
    level += alpha * error;
  }
  return { alpha, level, sse };
}

/**
 * SES with alpha chosen to minimise the in-sample squared one-step error
 * (grid plus golden-section on SES_ALPHA_BOUNDS). Under three years that
 * error does not depend on alpha (one year has none, two have y2 - y1
 * whatever alpha is), so alpha is 1 there: the last value.
 */
export function fitSes(series: number[]): SesFit {
  if (series.length < 3) return smoothSes(series, 1);
  const { x } = minimiseOnInterval(
    (alpha) => smoothSes(series, alpha).sse,
    SES_ALPHA_BOUNDS.lo,
    SES_ALPHA_BOUNDS.hi
  );
  return smoothSes(series, x);
}

/**
 * SES forecasts for horizons 1..horizon, clipped at 0. A constant series
 * forecasts the constant.
 *
 * @param series yearly counts, oldest first.
 * @param horizon years ahead, >= 1.
 * @param alpha a fixed weight in [0, 1]; omitted, it is fitted (fitSes).
 */
export function ses(
  series: number[],
  horizon: number,
  alpha?: number
): number[] {
  checkSeriesArgs(series, horizon);
  checkAlpha(alpha);
  const fit =
    alpha === undefined ? fitSes(series) : smoothSes(series, alpha);
  return clipAtZero(flat(fit.level, horizon));
}
