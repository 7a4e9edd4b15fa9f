/**
 * Training with the configuration `tune` saved: CategoryTrainer (through
 * ForecastService, on a file registry and a local model directory) uses
 * it instead of the service default, records it in the metadata, keeps
 * the no-op check honest about it, and passes over a corrupt one.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Logger } from "../../src/domain/logger";
import { ForecastService } from "../../src/service/forecast-service";
import { forecast } from "../../src/ml/forecast";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import { loadModelVersion } from "../../src/storage/model-artifacts";
import { MemoryHistorySource, sexHistory } from "../support/memory-history";
import { TINY_CONFIG } from "../support/tiny-config";
import { sampleTuned } from "../support/tuned-config-fixture";

const EDIT = { trigger: "edit", force: false } as const;
/** Tuned: one unit fewer in each layer, so it is another network. */
const TUNED = {
  ...TINY_CONFIG,
  name: "test-tiny-tuned",
  lstm1Units: 3,
  lstm2Units: 2,
};

let dir: string;
let registry: FileModelRegistry;
let service: ForecastService;
let warnings: { message: string; context?: Record<string, unknown> }[];

function quietLogger(): Logger {
  const nothing = () => undefined;
  return { debug: nothing, info: nothing, warn: nothing, error: nothing };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-tuned-"));
  const history = new MemoryHistorySource();
  history.set("sex", sexHistory());
  registry = new FileModelRegistry(path.join(dir, "registry"));
  warnings = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message, context) => warnings.push({ message, context }),
    error: () => undefined,
  };
  service = new ForecastService({
    history,
    blobs: new LocalBlobStore(path.join(dir, "models")),
    registry,
    logger,
    config: TINY_CONFIG,
  });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function servingConfig() {
  return (await registry.getServing("sex"))?.config;
}

test("an untuned category trains with the service default", async () => {
  await service.train("sex");
  expect(await servingConfig()).toEqual(TINY_CONFIG);
});

test("a tuned category trains with its tuned configuration", async () => {
  await registry.setTunedConfig(sampleTuned("sex", TUNED));
  await service.train("sex");
  expect(await servingConfig()).toEqual(TUNED);
});

test("a tuned network of differences is saved as one and served",
  async () => {
    const differences = {
      ...TINY_CONFIG,
      name: "test-tiny-diff",
      inputs: "differences" as const,
    };
    await registry.setTunedConfig(sampleTuned("sex", differences));
    await service.train("sex");
    const serving = await registry.getServing("sex");
    expect(serving?.config).toEqual(differences);

    // Read back from the files, as another instance would.
    const blobs = new LocalBlobStore(path.join(dir, "models"));
    const saved = await loadModelVersion(
      blobs,
      "sex",
      serving?.version as string
    );
    const expected = forecast(saved.model, saved.preprocessing, 3);
    saved.model.dispose();
    expect(saved.preprocessing.formatVersion).toBe(2);
    expect(saved.preprocessing.inputs).toBe("differences");
    expect(saved.preprocessing.lastCounts).toEqual(
      sexHistory().values.at(-1)
    );

    // Another instance on the same files, without totals: the raw LSTM.
    const unreconciled = new ForecastService({
      history: new MemoryHistorySource(),
      blobs,
      registry,
      logger: quietLogger(),
      config: TINY_CONFIG,
      reconcileTotals: false,
    });
    const served = await unreconciled.predict("sex", 3, "lstm");
    expect(served.method).toBe("lstm");
    expect(served.predictions.map((year) => year.predictions)).toEqual(
      expected.map((year) => year.predictions)
    );
  });

test("a new tune retrains an unchanged history once, then not again",
  async () => {
    await service.train("sex");
    expect((await service.retrain("sex", EDIT)).kind).toBe("unchanged");

    await registry.setTunedConfig(sampleTuned("sex", TUNED));
    const retrained = await service.retrain("sex", EDIT);
    expect(retrained.kind).toBe("trained");
    expect(await servingConfig()).toEqual(TUNED);
    expect((await service.retrain("sex", EDIT)).kind).toBe("unchanged");
    expect(await registry.listVersions("sex")).toHaveLength(2);
  });

test("an edit after a new tune backtests afresh instead of reusing figures",
  async () => {
    await service.train("sex");
    const before = (await registry.getServing("sex"))?.evaluation;
    await registry.setTunedConfig(sampleTuned("sex", TUNED));
    await service.retrain("sex", EDIT);
    const after = (await registry.getServing("sex"))?.evaluation;
    expect(after?.table).not.toEqual(before?.table);
  });

test("a corrupt tuned configuration is logged and the default used",
  async () => {
    const file = path.join(dir, "registry", "sex.tuned.json");
    await mkdir(path.dirname(file), { recursive: true });
    const tuned = sampleTuned("sex", TUNED);
    await writeFile(
      file,
      JSON.stringify({ ...tuned, config: { ...TUNED, maxEpochs: 0 } })
    );

    await service.train("sex");
    expect(await servingConfig()).toEqual(TINY_CONFIG);
    expect(warnings).toEqual([
      {
        message: "tuned configuration ignored",
        context: {
          category: "sex",
          reason: expect.stringMatching(/maxEpochs must be a whole number/),
          using: TINY_CONFIG.name,
        },
      },
    ]);
  });
