import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CorruptArtifactError } from "../../src/storage/corrupt-artifact-error";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { sampleMetadata } from "../support/storage-fixtures";
import { sampleTuned } from "../support/tuned-config-fixture";

describe("FileModelRegistry tuned configurations", () => {
  let dir: string;
  let registry: FileModelRegistry;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "file-registry-tuned-"));
    registry = new FileModelRegistry(path.join(dir, "registry"));
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Writes `value` as the sex category's tuned file, bypassing checks. */
  async function writeTunedFile(value: unknown): Promise<string> {
    const file = path.join(dir, "registry", "sex.tuned.json");
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify(value));
    return file;
  }

  test("a category never tuned has none", async () => {
    expect(await registry.getTunedConfig("sex")).toBeNull();
  });

  test("set then get returns it unchanged, in <category>.tuned.json",
    async () => {
      const tuned = sampleTuned("sex");
      await registry.setTunedConfig(tuned);

      expect(await registry.getTunedConfig("sex")).toEqual(tuned);
      expect(await registry.getTunedConfig("age")).toBeNull();
      expect(await fs.readdir(path.join(dir, "registry"))).toEqual([
        "sex.tuned.json",
      ]);
    });

  test("is not taken for a serving model", async () => {
    await registry.setTunedConfig(sampleTuned("sex"));
    await registry.setServing(sampleMetadata("age", "v1"));
    expect(Object.keys(await registry.getAllServing())).toEqual(["age"]);
    expect(await registry.getServing("sex")).toBeNull();
  });

  test("a newer tune replaces the older one", async () => {
    await registry.setTunedConfig(sampleTuned("sex"));
    const newer = sampleTuned("sex", {
      ...sampleTuned("sex").config,
      name: "test-tiny-newer",
    });
    await registry.setTunedConfig(newer);
    expect((await registry.getTunedConfig("sex"))?.config.name).toBe(
      "test-tiny-newer"
    );
  });

  test.each([
    [
      "a dropout out of range",
      { dropout: 1.5 },
      /ForecastConfig.dropout must be in \[0, 1\), got 1.5/,
    ],
    ["no window rule", { window: undefined }, /config.window/],
    ["a trainer this build lacks", { trainer: "keras" }, /config.trainer/],
    ["inputs this build lacks", { inputs: "ratios" }, /config.inputs/],
    ["an empty name", { name: "" }, /config.name/],
  ])("one with %s is a CorruptArtifactError naming the file and field",
    async (_, change, message) => {
      const tuned = sampleTuned("sex");
      const file = await writeTunedFile({
        ...tuned,
        config: { ...tuned.config, ...change },
      });
      const read = registry.getTunedConfig("sex");
      await expect(read).rejects.toBeInstanceOf(CorruptArtifactError);
      await expect(read).rejects.toThrow(file);
      await expect(read).rejects.toThrow(message);
    });

  test("one of differences reads back as differences", async () => {
    const tuned = sampleTuned("sex");
    await registry.setTunedConfig({
      ...tuned,
      config: { ...tuned.config, inputs: "differences" },
    });
    const read = await registry.getTunedConfig("sex");
    expect(read?.config.inputs).toBe("differences");
  });

  test("one stored under another category is refused", async () => {
    await writeTunedFile(sampleTuned("age"));
    await expect(registry.getTunedConfig("sex")).rejects.toThrow(
      /category is "age", expected "sex"/
    );
  });

  test("unparsable JSON is refused", async () => {
    const file = path.join(dir, "registry", "sex.tuned.json");
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, "{ not json");
    await expect(registry.getTunedConfig("sex")).rejects.toBeInstanceOf(
      CorruptArtifactError
    );
  });

  test("keeps fields a later version adds", async () => {
    const tuned = sampleTuned("sex");
    const extended = {
      ...tuned,
      note: "from a newer build",
      config: { ...tuned.config, futureSetting: 3 },
    };
    await writeTunedFile(extended);
    expect(await registry.getTunedConfig("sex")).toEqual(extended);
  });
});
