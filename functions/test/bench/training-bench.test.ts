import {
  mergeWorkerReports,
  splitCategories,
} from "../../src/bench/training-bench";
import type {
  CategoryAccuracy,
  WorkerReport,
} from "../../src/bench/training-protocol";

const runs = (ms: number) => ({ ms: [ms], epochs: [10] });

function worker(over: Partial<WorkerReport>): WorkerReport {
  return {
    backend: "wasm",
    warmupMs: 0,
    timing: {},
    accuracy: {},
    peakRssSampledMb: 100,
    maxRssMb: 110,
    ...over,
  };
}

const checked = (wape: number): CategoryAccuracy => ({
  heldOutWape: { seeds: [42], served: [wape], baseline: [wape + 0.1] },
  heldOutNote: null,
  backtest: null,
  backtestNote: "--backtest-seeds 0",
});

describe("splitCategories", () => {
  test("deals the categories out in turn", () => {
    expect(
      splitCategories(["age", "sex", "origin", "education", "occupation"], 2)
    ).toEqual([
      ["age", "origin", "occupation"],
      ["sex", "education"],
    ]);
  });

  test("never makes an empty share", () => {
    expect(splitCategories(["sex"], 2)).toEqual([["sex"]]);
  });
});

describe("mergeWorkerReports", () => {
  const timing = worker({
    warmupMs: 50,
    timing: { age: { served: runs(200), baseline: runs(2000) },
      sex: { served: runs(100), baseline: runs(900) } },
    peakRssSampledMb: 250,
    maxRssMb: 260,
  });

  test("joins each timed category with its accuracy figures", () => {
    const merged = mergeWorkerReports(timing, [
      worker({ accuracy: { sex: checked(0.1) }, maxRssMb: 300 }),
      worker({ accuracy: { age: checked(0.2) }, peakRssSampledMb: 280 }),
    ]);
    expect(merged.perCategory.age?.served.ms).toEqual([200]);
    expect(merged.perCategory.age?.heldOutWape.served).toEqual([0.2]);
    expect(merged.perCategory.sex?.heldOutWape.served).toEqual([0.1]);
    expect(merged.warmupMs).toBe(50);
    expect(merged.peakRssSampledMb).toBe(280);
    expect(merged.maxRssMb).toBe(300);
  });

  test("says so when no worker checked a category", () => {
    const merged = mergeWorkerReports(timing, [
      worker({ accuracy: { sex: checked(0.1) } }),
    ]);
    expect(merged.perCategory.age?.heldOutWape.served).toEqual([]);
    expect(merged.perCategory.age?.heldOutNote).toMatch(/no accuracy worker/);
  });

  test("refuses workers on different backends", () => {
    expect(() =>
      mergeWorkerReports(timing, [worker({ backend: "cpu" })])
    ).toThrow(/wasm and cpu/);
  });
});
