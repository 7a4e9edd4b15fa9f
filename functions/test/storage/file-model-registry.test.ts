import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CorruptArtifactError } from "../../src/storage/corrupt-artifact-error";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { sampleMetadata } from "../support/storage-fixtures";

describe("FileModelRegistry", () => {
  let dir: string;
  let registry: FileModelRegistry;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "file-registry-"));
    registry = new FileModelRegistry(path.join(dir, "registry"));
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test("an empty registry serves nothing", async () => {
    expect(await registry.getServing("age")).toBeNull();
    expect(await registry.getAllServing()).toEqual({});
  });

  test("set then get returns the metadata unchanged", async () => {
    const metadata = sampleMetadata("age", "20260101T000000000Z-aaaaaa");
    await registry.setServing(metadata);

    expect(await registry.getServing("age")).toEqual(metadata);
    expect(await registry.getServing("sex")).toBeNull();
  });

  test("setting again switches the pointer to the new version", async () => {
    await registry.setServing(sampleMetadata("sex", "v-old"));
    await registry.setServing(sampleMetadata("sex", "v-new"));

    expect((await registry.getServing("sex"))?.version).toBe("v-new");
    // One file per category, no temp files left behind.
    expect(await fs.readdir(path.join(dir, "registry"))).toEqual(["sex.json"]);
  });

  test("getAllServing returns each category that has a model", async () => {
    const age = sampleMetadata("age", "v1");
    const origin = sampleMetadata("origin", "v7");
    await registry.setServing(age);
    await registry.setServing(origin);

    expect(await registry.getAllServing()).toEqual({ age, origin });
  });

  test("a corrupt entry is a CorruptArtifactError naming the file", async () => {
    await registry.setServing(sampleMetadata("education", "v1"));
    const file = path.join(dir, "registry", "education.json");
    await fs.writeFile(file, "{ not json");

    const read = registry.getServing("education");
    await expect(read).rejects.toBeInstanceOf(CorruptArtifactError);
    await expect(read).rejects.toThrow(file);
  });

  test("an entry filed under the wrong category is refused", async () => {
    const file = path.join(dir, "registry", "sex.json");
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify(sampleMetadata("age", "v1")));

    await expect(registry.getServing("sex")).rejects.toThrow(
      `${file}: category is "age", expected "sex"`
    );
  });

  test("an unknown category is refused", async () => {
    const metadata = { ...sampleMetadata("age", "v1"), category: "../x" };
    await expect(
      registry.setServing(metadata as never)
    ).rejects.toMatchObject({ kind: "invalid-argument" });
    await expect(registry.getServing("../x" as never)).rejects.toThrow(
      'Unknown category "../x"'
    );
  });
});
