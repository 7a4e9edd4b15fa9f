import type { BacktestResult } from "../../src/evaluation/backtest";
import { chooseMethod } from "../../src/evaluation/choose-method";
import type { ScoreRow } from "../../src/evaluation/score-table";

/** A backtest result whose table holds only the given overall scores. */
function resultOf(
  scores: Record<string, { mase: number | null; wape: number | null }>
): BacktestResult {
  const table: ScoreRow[] = [];
  for (const [method, { mase, wape }] of Object.entries(scores)) {
    const row = (metric: ScoreRow["metric"], overall: number | null) => ({
      method,
      metric,
      byHorizon: [overall],
      overall,
      points: 1,
    });
    table.push(row("wape", wape), row("smape", 10), row("mase", mase));
  }
  return {
    origins: [2010],
    maxHorizon: 1,
    methods: Object.keys(scores),
    table,
    errors: [],
    skipped: [],
  };
}

describe("chooseMethod", () => {
  test("chooses the lowest pooled MASE and ranks the rest", () => {
    const choice = chooseMethod(
      resultOf({
        naive: { mase: 1.2, wape: 0.1 },
        theta: { mase: 0.9, wape: 0.3 },
        drift: { mase: 1.0, wape: 0.05 },
      })
    );
    expect(choice.method).toBe("theta");
    expect(choice.score).toEqual({
      method: "theta",
      mase: 0.9,
      wape: 0.3,
      smape: 10,
    });
    expect(choice.ranking.map((r) => r.method)).toEqual([
      "theta",
      "drift",
      "naive",
    ]);
  });

  test("breaks a MASE tie by WAPE, then by the method order", () => {
    const byWape = chooseMethod(
      resultOf({
        naive: { mase: 1, wape: 0.2 },
        // Equal but for rounding noise: still a tie.
        ses: { mase: 1 + 1e-14, wape: 0.1 },
      })
    );
    expect(byWape.method).toBe("ses");

    const tied = resultOf({
      naive: { mase: 1, wape: 0.1 },
      ses: { mase: 1, wape: 0.1 },
    });
    expect(chooseMethod(tied).method).toBe("naive");
    expect(chooseMethod(tied, { order: ["ses", "naive"] }).method).toBe(
      "ses"
    );
  });

  test("a missing WAPE loses a MASE tie", () => {
    const choice = chooseMethod(
      resultOf({
        naive: { mase: 1, wape: null },
        drift: { mase: 1, wape: 0.5 },
      })
    );
    expect(choice.method).toBe("drift");
  });

  test("leaves out methods without a MASE, and throws if none has one", () => {
    const choice = chooseMethod(
      resultOf({
        lstm: { mase: null, wape: null },
        naive: { mase: 1.5, wape: 0.2 },
      })
    );
    expect(choice.method).toBe("naive");
    expect(choice.ineligible).toEqual(["lstm"]);
    expect(choice.ranking).toHaveLength(1);
    expect(() =>
      chooseMethod(resultOf({ lstm: { mase: null, wape: 0.1 } }))
    ).toThrow(/no method has a MASE/);
  });
});

describe("chooseMethod with an incumbent", () => {
  const incumbent = { method: "naive", margin: 0.05 };
  const scores = (theta: number) =>
    resultOf({
      naive: { mase: 1.0, wape: 0.1 },
      theta: { mase: theta, wape: 0.1 },
    });

  test("keeps the incumbent when the best leads by less than the margin",
    () => {
      const choice = chooseMethod(scores(0.96), { incumbent });
      expect(choice.method).toBe("naive");
      expect(choice.score.mase).toBe(1.0);
      // The ranking still shows who scored best.
      expect(choice.ranking[0].method).toBe("theta");
    });

  test("serves the best once it leads by more than the margin", () => {
    expect(chooseMethod(scores(0.94), { incumbent }).method).toBe("theta");
  });

  test("a lead of exactly the margin is not enough", () => {
    expect(chooseMethod(scores(0.95), { incumbent }).method).toBe("naive");
  });

  test("an incumbent without a score gives way to the best", () => {
    const result = resultOf({
      naive: { mase: null, wape: null },
      theta: { mase: 2, wape: 0.1 },
    });
    expect(chooseMethod(result, { incumbent }).method).toBe("theta");
  });

  test.each([-0.1, 1, Number.NaN])("refuses a margin of %p", (margin) => {
    expect(() =>
      chooseMethod(scores(0.9), { incumbent: { method: "naive", margin } })
    ).toThrow(/incumbent margin must be in \[0, 1\)/);
  });
});
