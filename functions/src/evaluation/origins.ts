/**
 * Which years a rolling-origin backtest forecasts from. An origin is the
 * last year a method may see; its forecasts are scored on the years after
 * it, so the final year of the history can never be one.
 */
import type { History } from "../domain/history";

/** Origins used unless told otherwise: the last 6 usable years. */
export const DEFAULT_ORIGIN_COUNT = 6;

/** How to pick origins: explicit years, or the last `count` usable ones. */
export type OriginChoice =
  | { years: readonly number[] }
  | { count: number };

/**
 * The origin years, ascending. `{ count: K }` gives the last K years that
 * have at least one later year (fewer when the history is short);
 * `{ years }` must name years of the history other than its last one.
 * Throws RangeError for anything else.
 */
export function chooseOrigins(
  history: History,
  choice: OriginChoice = { count: DEFAULT_ORIGIN_COUNT }
): number[] {
  const { years } = history;
  const usable = years.slice(0, -1);
  if ("count" in choice) {
    const { count } = choice;
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(
        `origin count must be a whole number >= 1, got ${count}`
      );
    }
    return usable.slice(-count);
  }
  if (choice.years.length === 0) {
    throw new RangeError("no origin years were given");
  }
  const chosen = [...new Set(choice.years)].sort((a, b) => a - b);
  for (const year of chosen) {
    if (!usable.includes(year)) {
      const span = `${years[0]}-${years[years.length - 1]}`;
      throw new RangeError(
        `origin ${year} is not a year of ${span} with a year after it`
      );
    }
  }
  return chosen;
}
