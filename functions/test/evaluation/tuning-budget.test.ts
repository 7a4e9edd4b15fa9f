import {
  MIN_TUNING_CANDIDATES,
  planTuning,
  wouldOverrun,
} from "../../src/evaluation/tuning-budget";

const CANDIDATES = ["a", "b", "c", "d", "e"];

describe("planTuning", () => {
  test("keeps everything when the estimate fits the budget", () => {
    const plan = planTuning(CANDIDATES, {
      fitsPerCandidate: 6,
      secondsPerFit: 2,
      budgetSeconds: 600,
    });
    expect(plan.kept).toEqual(CANDIDATES);
    expect(plan.trimmed).toEqual([]);
    expect(plan.estimatedSeconds).toBe(5 * 6 * 2);
    expect(plan.fullSeconds).toBe(60);
    expect(plan.refusal).toBeNull();
  });

  test("keeps the leading candidates the budget affords, in order", () => {
    // 12 s per candidate: 40 s afford 3 of them.
    const plan = planTuning(CANDIDATES, {
      fitsPerCandidate: 6,
      secondsPerFit: 2,
      budgetSeconds: 40,
    });
    expect(plan.kept).toEqual(["a", "b", "c"]);
    expect(plan.trimmed).toEqual(["d", "e"]);
    expect(plan.estimatedSeconds).toBe(36);
    expect(plan.fullSeconds).toBe(60);
    expect(plan.refusal).toBeNull();
  });

  test("refuses when fewer than two candidates fit, saying what would", () => {
    const plan = planTuning(CANDIDATES, {
      fitsPerCandidate: 6,
      secondsPerFit: 20,
      budgetSeconds: 200,
    });
    expect(MIN_TUNING_CANDIDATES).toBe(2);
    expect(plan.kept).toEqual(["a"]);
    expect(plan.refusal).toMatch(/one configuration takes about 120 s/);
    expect(plan.refusal).toMatch(/affords 1; comparing needs 2, about 4 min/);
  });

  test("a budget already spent affords nothing", () => {
    const plan = planTuning(CANDIDATES, {
      fitsPerCandidate: 1,
      secondsPerFit: 1,
      budgetSeconds: -5,
    });
    expect(plan.kept).toEqual([]);
    expect(plan.refusal).not.toBeNull();
  });

  test("rejects a cost that cannot be right", () => {
    const cost = { fitsPerCandidate: 6, secondsPerFit: 1, budgetSeconds: 60 };
    expect(() => planTuning(CANDIDATES, { ...cost, secondsPerFit: 0 }))
      .toThrow(RangeError);
    expect(() => planTuning(CANDIDATES, { ...cost, fitsPerCandidate: 0 }))
      .toThrow(RangeError);
  });
});

describe("wouldOverrun", () => {
  test("always lets the first candidate start", () => {
    expect(wouldOverrun(1000, 0, [])).toBe(false);
  });

  test("stops when the mean so far would pass the deadline", () => {
    expect(wouldOverrun(50, 100, [40, 60])).toBe(false);
    expect(wouldOverrun(51, 100, [40, 60])).toBe(true);
  });
});
