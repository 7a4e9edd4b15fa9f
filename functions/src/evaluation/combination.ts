/**
 * "Comb": the equal-weight average of SES, damped trend and Theta, the
 * benchmark of the M4 competition. Averaging lets the members' errors
 * partly cancel, so it is rarely far from the best of them.
 */
import { dampedTrend } from "./damped-trend";
import { checkSeriesArgs } from "./series-checks";
import { ses } from "./ses";
import { theta } from "./theta";

/**
 * Mean of the fitted SES, damped-trend and Theta forecasts for horizons
 * 1..horizon. Each member is already clipped at 0, so the mean is too.
 *
 * @param series yearly counts, oldest first.
 * @param horizon years ahead, >= 1.
 */
export function combination(series: number[], horizon: number): number[] {
  checkSeriesArgs(series, horizon);
  const members = [
    ses(series, horizon),
    dampedTrend(series, horizon),
    theta(series, horizon),
  ];
  return members[0].map(
    (_, h) => members.reduce((sum, member) => sum + member[h], 0) / 3
  );
}
