import { FAST_LSTM, FAST_LSTM_DIFFERENCES } from "../../src/ml/config";
import {
  countsFromOutputs,
  inputsOf,
  minimumTrainingYears,
  networkRows,
} from "../../src/ml/network-inputs";
import { minimumYears } from "../../src/ml/windowing";

const COUNTS = [
  [100, 7],
  [120, 3],
  [90, 3],
];

describe("networkRows", () => {
  it("passes counts through, copied, for levels", () => {
    const rows = networkRows(COUNTS, "levels");
    expect(rows).toEqual(COUNTS);
    rows[0][0] = -1;
    expect(COUNTS[0][0]).toBe(100);
  });

  it("takes log(1 + count) for logs", () => {
    expect(networkRows([[0, Math.E - 1]], "logs")).toEqual([[0, 1]]);
  });

  it("gives each year's change from the year before for differences", () => {
    expect(networkRows(COUNTS, "differences")).toEqual([
      [20, -4],
      [-30, 0],
    ]);
  });
});

describe("countsFromOutputs", () => {
  it("takes a levels network's outputs as the counts", () => {
    expect(countsFromOutputs([[5, 6]], "levels", [1, 1])).toEqual([[5, 6]]);
  });

  it("adds predicted changes up from the last counts", () => {
    const outputs = [
      [10, -2],
      [5, -2],
      [0, 1],
    ];
    expect(countsFromOutputs(outputs, "differences", [90, 3])).toEqual([
      [100, 1],
      [105, -1],
      [105, 0],
    ]);
  });

  it("takes exp(output) - 1 for logs", () => {
    expect(countsFromOutputs([[0, 1]], "logs", [9, 9])).toEqual([
      [0, Math.E - 1],
    ]);
  });

  it("inverts networkRows: the actual changes give the actual counts", () => {
    const changes = networkRows(COUNTS, "differences");
    expect(countsFromOutputs(changes, "differences", COUNTS[0])).toEqual(
      COUNTS.slice(1)
    );
    const logs = networkRows(COUNTS, "logs");
    countsFromOutputs(logs, "logs", []).forEach((row, i) =>
      row.forEach((value, j) => expect(value).toBeCloseTo(COUNTS[i][j], 9))
    );
  });
});

describe("inputsOf and minimumTrainingYears", () => {
  it("reads a configuration without inputs as levels", () => {
    expect(inputsOf(FAST_LSTM)).toBe("levels");
    expect(inputsOf(FAST_LSTM_DIFFERENCES)).toBe("differences");
  });

  it("needs one year more for differences", () => {
    const levels = minimumYears(FAST_LSTM.window);
    expect(levels).not.toBeNull();
    expect(minimumTrainingYears(FAST_LSTM)).toBe(levels);
    expect(minimumTrainingYears(FAST_LSTM_DIFFERENCES)).toBe(
      (levels as number) + 1
    );
  });

  it("is null when the window rule never trains", () => {
    const never = {
      ...FAST_LSTM_DIFFERENCES,
      window: { ...FAST_LSTM.window, minWindow: 1000, maxWindow: 1000,
        shortHistoryYears: 2000 },
    };
    expect(minimumTrainingYears(never)).toBeNull();
  });
});
