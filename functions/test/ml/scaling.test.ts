import {
  fitMinMaxScaler,
  scaleRows,
  unscaleRows,
} from "../../src/ml/scaling";

describe("min-max scaling", () => {
  const rows = [
    [10, 0, 7],
    [30, 5, 7],
    [20, 10, 7],
  ];

  it("fits each column's own min and max", () => {
    expect(fitMinMaxScaler(rows)).toEqual({
      min: [10, 0, 7],
      max: [30, 10, 7],
    });
  });

  it("maps each column to [0, 1]", () => {
    const scaled = scaleRows(rows, fitMinMaxScaler(rows));
    expect(scaled.map((r) => r.slice(0, 2))).toEqual([
      [0, 0],
      [1, 0.5],
      [0.5, 1],
    ]);
  });

  it("scales a constant column to 0 and inverts it to the constant", () => {
    const scaler = fitMinMaxScaler(rows);
    const scaled = scaleRows(rows, scaler);
    expect(scaled.map((r) => r[2])).toEqual([0, 0, 0]);
    expect(scaled.flat().every(Number.isFinite)).toBe(true);
    expect(unscaleRows([[0.3, 0.3, 0.3]], scaler)[0][2]).toBe(7);
  });

  it("round-trips counts through scale and unscale", () => {
    const table = [
      [1523, 0, 88],
      [1710, 12, 88],
      [998, 3, 88],
      [2401, 7, 88],
    ];
    const scaler = fitMinMaxScaler(table);
    const back = unscaleRows(scaleRows(table, scaler), scaler);
    back.forEach((row, i) =>
      row.forEach((value, j) => expect(value).toBeCloseTo(table[i][j], 9))
    );
  });

  it("maps values beyond the fitted range beyond [0, 1]", () => {
    const scaler = fitMinMaxScaler([[0], [10]]);
    expect(scaleRows([[20], [-5]], scaler)).toEqual([[2], [-0.5]]);
  });

  it("rejects rows whose width differs from the scaler's", () => {
    const scaler = fitMinMaxScaler(rows);
    expect(() => scaleRows([[1, 2]], scaler)).toThrow(/2 columns.*3/);
    expect(() => fitMinMaxScaler([[1, 2], [3]])).toThrow(/1 columns/);
    expect(() => fitMinMaxScaler([])).toThrow(/zero rows/);
  });
});
