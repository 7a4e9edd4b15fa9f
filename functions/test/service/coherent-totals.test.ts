/**
 * Coherent totals and model choice through the whole service: seven
 * categories trained on local stores, served scaled to one yearly total,
 * with the backtest behind each choice in model-info.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CATEGORIES } from "../../src/domain/categories";
import { silentLogger } from "../../src/domain/logger";
import { syntheticHistory } from "../../src/data/synthetic-history";
import { ForecastService } from "../../src/service/forecast-service";
import type { ServedYear } from "../../src/service/served-forecast";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import { MemoryHistorySource } from "../support/memory-history";
import { TINY_CONFIG } from "../support/tiny-config";

let dir: string;
let history: MemoryHistorySource;
let registry: FileModelRegistry;
let blobs: LocalBlobStore;

function service(reconcileTotals = true): ForecastService {
  return new ForecastService({
    history,
    blobs,
    registry,
    logger: silentLogger,
    config: TINY_CONFIG,
    reconcileTotals,
  });
}

const yearSums = (years: ServedYear[]) =>
  years.map((year) =>
    Object.values(year.predictions).reduce((a, b) => a + b, 0)
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-coherent-"));
  history = new MemoryHistorySource();
  CATEGORIES.forEach((category, seed) =>
    history.set(
      category,
      syntheticHistory(category, { fromYear: 1988, toYear: 2015, seed })
    )
  );
  registry = new FileModelRegistry(path.join(dir, "registry"));
  blobs = new LocalBlobStore(path.join(dir, "models"));
  const trainer = service();
  for (const category of CATEGORIES) await trainer.train(category);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("every category's forecast sums to the same total each year",
  async () => {
    for (const model of ["auto", "lstm"] as const) {
      const { predictions, errors } = await service().predictAll(10, model);
      expect(errors).toEqual({});
      const sums = CATEGORIES.map((c) => yearSums(predictions[c] ?? []));
      const totals = await registry.getTotals();
      expect(totals?.source).toBe("sex");
      const expected = totals?.totals.map(Math.round);
      for (const row of sums) expect(row).toEqual(expected);
    }
  });

test("the synthetic tables disagree when served unscaled", async () => {
  // Without reconciliation each table keeps its own total: the check
  // above is not true by construction.
  const { predictions } = await service(false).predictAll(3);
  const firstYear = CATEGORIES.map((c) => yearSums(predictions[c] ?? [])[0]);
  expect(new Set(firstYear).size).toBeGreaterThan(1);
  const served = await service(false).predict("age", 3);
  expect(served.reconciled).toBe(false);
});

test("the response names the method; intervals bracket the forecast",
  async () => {
    const info = await service().modelInfo("age");
    const evaluation = info.evaluation;
    expect(evaluation?.chosen).toEqual(expect.any(String));
    // The best-ranked method, or naive when it did not lead by 5 %.
    const best = evaluation?.ranking[0];
    const naive = evaluation?.ranking.find((r) => r.method === "naive");
    expect(evaluation?.chosen).toBe(
      best && naive && best.mase < 0.95 * naive.mase ? best.method : "naive"
    );
    const served = await service().predict("age", 5);
    expect(served.method).toBe(evaluation?.chosen);
    expect(served.reconciled).toBe(true);
    for (const year of served.predictions) {
      const { "80": p80, "95": p95 } = year.intervals ?? {};
      for (const [group, count] of Object.entries(year.predictions)) {
        expect(p95.lower[group]).toBeLessThanOrEqual(p80.lower[group]);
        expect(p80.upper[group]).toBeLessThanOrEqual(p95.upper[group]);
        // Rounding can put a forecast a unit outside its own band.
        expect(p80.lower[group]).toBeLessThanOrEqual(count + 1);
        expect(count).toBeLessThanOrEqual(p80.upper[group] + 1);
      }
    }
    const forced = await service().predict("age", 5, "lstm");
    expect(forced.method).toBe("lstm");
  });

test("an edit's retraining refits but keeps the backtest figures",
  async () => {
    const before = await registry.getServing("origin");
    const edited = syntheticHistory("origin", {
      fromYear: 1988,
      toYear: 2015,
      seed: 99,
    });
    history.set("origin", edited);
    const result = await service().retrain("origin", {
      trigger: "edit",
      force: false,
    });
    expect(result.kind).toBe("trained");
    const after = await registry.getServing("origin");
    expect(after?.version).not.toBe(before?.version);
    expect(after?.evaluation?.computed_at).toEqual(expect.any(String));
    expect(after?.evaluation?.computed_at).toBe(
      before?.evaluation?.computed_at
    );
  });

test("retraining the total's table here serves its new totals at once",
  async () => {
    // One long-lived instance: without the fix it would scale to the
    // totals it read before the retraining for a whole pointer TTL.
    const instance = new ForecastService({
      history,
      blobs,
      registry,
      logger: silentLogger,
      config: TINY_CONFIG,
      pointerTtlMs: 60_000,
    });
    await instance.predict("sex", 3);
    const before = await registry.getTotals();
    history.set(
      "sex",
      syntheticHistory("sex", { fromYear: 1988, toYear: 2015, seed: 77 })
    );
    await instance.retrain("sex", { trigger: "api", force: true });
    const after = await registry.getTotals();
    expect(after?.totals).not.toEqual(before?.totals);
    const served = await instance.predict("sex", 3);
    expect(yearSums(served.predictions)).toEqual(
      after?.totals.slice(0, 3).map(Math.round)
    );
  });
