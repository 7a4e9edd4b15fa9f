/**
 * The classic Theta method (Assimakopoulos and Nikolopoulos, 2000), which
 * won the M3 competition: split the series into two "theta lines", extend
 * each in the way that suits it, and average them.
 * - theta = 0: the least-squares straight line through the years; it
 *   carries the long-run trend and is extended as a line.
 * - theta = 2: 2 * series - that line; it doubles the year-to-year
 *   wiggles around the trend and is extended by SES.
 * Since SES is linear in its input, the average equals SES on the series
 * plus half the line's slope times a lag term (Hyndman and Billah, 2003).
 */
import { fitSes, smoothSes } from "./ses";
import { checkAlpha, checkSeriesArgs, clipAtZero } from "./series-checks";

/** A straight line over time index t = 1..n: intercept + slope * t. */
export interface TrendLine {
  /** Value at t = 0, in counts. */
  intercept: number;
  /** Change per year, in counts per year. */
  slope: number;
}

/**
 * Ordinary least-squares line through (t, series[t - 1]) for t = 1..n.
 * One year gives a flat line at that year.
 */
export function fitTrendLine(series: number[]): TrendLine {
  const n = series.length;
  const meanT = (n + 1) / 2;
  let meanY = 0;
  for (const value of series) meanY += value / n;
  let covariance = 0;
  let variance = 0;
  series.forEach((value, i) => {
    const dt = i + 1 - meanT;
    covariance += dt * (value - meanY);
    variance += dt * dt;
  });
  const slope = variance > 0 ? covariance / variance : 0;
  return { intercept: meanY - slope * meanT, slope };
}

/**
 * Theta forecasts for horizons 1..horizon, clipped at 0: half the trend
 * line at t = n + h plus half the SES level of the theta = 2 line. A
 * constant series forecasts the constant; on a straight line the theta = 2
 * line is the series itself, so the forecast grows at half the slope.
 *
 * @param series yearly counts, oldest first.
 * @param horizon years ahead, >= 1.
 * @param alpha a fixed SES weight for the theta = 2 line, in [0, 1];
 *   omitted, it is fitted on that line (fitSes).
 */
export function theta(
  series: number[],
  horizon: number,
  alpha?: number
): number[] {
  checkSeriesArgs(series, horizon);
  checkAlpha(alpha);
  const n = series.length;
  const line = fitTrendLine(series);
  const thetaTwo = series.map(
    (value, i) => 2 * value - (line.intercept + line.slope * (i + 1))
  );
  const smoothed =
    alpha === undefined ? fitSes(thetaTwo) : smoothSes(thetaTwo, alpha);
  return clipAtZero(
    Array.from({ length: horizon }, (_, i) => {
      const trend = line.intercept + line.slope * (n + i + 1);
      return 0.5 * trend + 0.5 * smoothed.level;
    })
  );
}
