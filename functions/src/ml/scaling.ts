/**
 * Per-group min-max scaling to [0, 1], the same transform as the seed
 * service's MinMaxScaler. The network sees scaled counts; forecasts are
 * turned back into counts with the inverse.
 */

/** Per-column minimum and maximum, in counts; JSON-serialisable. */
export interface MinMaxScaler {
  min: number[];
  max: number[];
}

/**
 * Fits a scaler on `rows` (one row per year, one column per group). The
 * caller passes the training years only, so no future value leaks in.
 */
export function fitMinMaxScaler(rows: number[][]): MinMaxScaler {
  if (rows.length === 0) {
    throw new RangeError("Cannot fit a scaler on zero rows");
  }
  const width = rows[0].length;
  const min = new Array<number>(width).fill(Infinity);
  const max = new Array<number>(width).fill(-Infinity);
  for (const row of rows) {
    checkWidth(row, width);
    row.forEach((value, j) => {
      min[j] = Math.min(min[j], value);
      max[j] = Math.max(max[j], value);
    });
  }
  return { min, max };
}

/**
 * Maps counts to [0, 1] per column (values outside the fitted range map
 * outside [0, 1]). A constant column (min === max) maps to 0 instead of
 * dividing by zero.
 */
export function scaleRows(
  rows: number[][],
  scaler: MinMaxScaler
): number[][] {
  const width = scaler.min.length;
  return rows.map((row) => {
    checkWidth(row, width);
    return row.map((value, j) => {
      const range = scaler.max[j] - scaler.min[j];
      return range === 0 ? 0 : (value - scaler.min[j]) / range;
    });
  });
}

/**
 * Maps scaled values back to counts. A constant column comes back as its
 * constant, whatever the scaled value (its range is zero).
 */
export function unscaleRows(
  rows: number[][],
  scaler: MinMaxScaler
): number[][] {
  const width = scaler.min.length;
  return rows.map((row) => {
    checkWidth(row, width);
    return row.map(
      (value, j) => scaler.min[j] + value * (scaler.max[j] - scaler.min[j])
    );
  });
}

function checkWidth(row: number[], width: number): void {
  if (row.length !== width) {
    throw new RangeError(
      `Row has ${row.length} columns, the scaler has ${width}`
    );
  }
}
