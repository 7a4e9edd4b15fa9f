import type { History } from "../../src/domain/history";
import {
  seriesHistory,
  totalSeries,
} from "../../src/evaluation/total-series";

describe("totalSeries", () => {
  test("sums each year's groups", () => {
    const history: History = {
      years: [2001, 2002],
      groups: ["A", "B", "C"],
      values: [
        [1, 2, 3],
        [0, 10, 5],
      ],
    };
    expect(totalSeries(history)).toEqual({
      years: [2001, 2002],
      series: [6, 15],
    });
  });

  test("wraps a series as a one-group history", () => {
    expect(seriesHistory({ years: [1, 2], series: [5, 7] })).toEqual({
      years: [1, 2],
      groups: ["total"],
      values: [[5], [7]],
    });
  });
});
