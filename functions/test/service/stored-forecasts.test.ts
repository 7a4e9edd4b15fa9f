/**
 * Serving answers from the forecast stored with each version, computed
 * once at training: no network is run (or loaded) per request, and a
 * version stored before forecasts were stored still serves.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { silentLogger } from "../../src/domain/logger";
import { forecast } from "../../src/ml/forecast";
import type { YearForecast } from "../../src/domain/history";
import { ForecastService } from "../../src/service/forecast-service";
import type { ServedYear } from "../../src/service/served-forecast";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import { loadModelVersion } from "../../src/storage/model-artifacts";
import { MemoryHistorySource, sexHistory } from "../support/memory-history";
import { TINY_CONFIG } from "../support/tiny-config";

/** The served years without their intervals. */
function countsOnly(years: ServedYear[]): YearForecast[] {
  return years.map(({ year, predictions }) => ({ year, predictions }));
}

let dir: string;
let blobs: LocalBlobStore;
let registry: FileModelRegistry;
let history: MemoryHistorySource;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-stored-"));
  blobs = new LocalBlobStore(path.join(dir, "models"));
  registry = new FileModelRegistry(path.join(dir, "registry"));
  history = new MemoryHistorySource();
  history.set("sex", sexHistory());
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A fresh service on the same stores: a cold instance. `reconcile` off
 * serves each method's own counts, as the network made them.
 */
function freshInstance(reconcile = true): ForecastService {
  return new ForecastService({
    history,
    blobs,
    registry,
    logger: silentLogger,
    config: TINY_CONFIG,
    reconcileTotals: reconcile,
  });
}

test("a cold instance serves the stored forecast without the network",
  async () => {
    const { version } = await freshInstance().train("sex");
    const trainedHere = await freshInstance().predict("sex", 10);
    // Without weights a network could not load: the forecast must come
    // from forecast.json alone.
    await blobs.delete(`models/sex/${version}/weights.bin`);
    await blobs.delete(`models/sex/${version}/model.json`);
    const cold = await freshInstance().predict("sex", 10);
    expect(cold).toEqual(trainedHere);
    expect(cold.predictions.map((p) => p.year)).toEqual([
      2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024,
    ]);
  });

test("the stored forecast is what the network forecasts, for any horizon",
  async () => {
    const { version } = await freshInstance().train("sex");
    const { model, preprocessing } = await loadModelVersion(
      blobs,
      "sex",
      version
    );
    try {
      for (const years of [1, 3, 10]) {
        const served = await freshInstance(false).predict(
          "sex",
          years,
          "lstm"
        );
        expect(served.method).toBe("lstm");
        expect(served.reconciled).toBe(false);
        expect(countsOnly(served.predictions)).toEqual(
          forecast(model, preprocessing, years)
        );
      }
    } finally {
      model.dispose();
    }
  });

test("a version stored without forecast.json is forecast by its network",
  async () => {
    const { version } = await freshInstance().train("sex");
    const expected = await freshInstance(false).predict("sex", 4, "lstm");
    await blobs.delete(`models/sex/${version}/forecast.json`);
    const before = tf.memory().numTensors;
    // Such a version knows only its LSTM, whatever the request asks for,
    // and has no backtest errors to build intervals from.
    const computed = await freshInstance(false).predict("sex", 4, "auto");
    expect(computed.method).toBe("lstm");
    expect(computed.predictions).toEqual(countsOnly(expected.predictions));
    // The network was loaded for that one forecast and freed again.
    expect(tf.memory().numTensors).toBe(before);
  });
