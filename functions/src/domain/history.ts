/**
 * The yearly history of one category: a dense table of counts with one row
 * per year (ascending, consecutive or not) and one column per group.
 */
export interface History {
  /** Years in ascending order, e.g. [1981, 1982, ..., 2015]. */
  years: number[];
  /** Group names in the dashboard's order; the columns of `values`. */
  groups: string[];
  /** values[i][j]: count of group j in years[i]; whole, non-negative. */
  values: number[][];
}

/**
 * The rows of `history` up to and including `lastYear` (all of them when
 * it is later than the last year). Rows are shared, not copied.
 */
export function historyUpTo(history: History, lastYear: number): History {
  const keep = history.years.filter((year) => year <= lastYear).length;
  return {
    years: history.years.slice(0, keep),
    groups: history.groups,
    values: history.values.slice(0, keep),
  };
}

/** One forecast year: a whole non-negative count per group. */
export interface YearForecast {
  year: number;
  predictions: Record<string, number>;
}
