import {
  unrecordedVersions,
  versionCreatedAt,
} from "../../src/storage/unrecorded-versions";
import { newVersionId } from "../../src/storage/version-paths";

const HOUR = 3600 * 1000;
const NOW = new Date("2026-12-04T12:00:00.000Z");

describe("versionCreatedAt", () => {
  test("reads back the instant newVersionId wrote", () => {
    const at = new Date("2026-12-03T20:15:00.123Z");
    expect(versionCreatedAt(newVersionId(at))).toEqual(at);
  });

  test("is null for an id it did not make", () => {
    expect(versionCreatedAt("v1")).toBeNull();
    expect(versionCreatedAt("20261303T201500123Z-abc")).toBeNull();
  });
});

describe("unrecordedVersions", () => {
  const old = newVersionId(new Date(NOW.getTime() - 2 * HOUR), "old");
  const fresh = newVersionId(new Date(NOW.getTime() - 60_000), "fresh");
  const kept = newVersionId(new Date(NOW.getTime() - 5 * HOUR), "kept");
  const paths = [
    `models/sex/${old}/model.json`,
    `models/sex/${old}/weights.bin`,
    `models/sex/${fresh}/model.json`,
    `models/sex/${kept}/model.json`,
    "models/sex/hand-made/model.json",
    `models/age/${old}/model.json`,
  ];

  test("finds the old unrecorded versions of the category, with their files",
    () => {
      const found = unrecordedVersions("sex", paths, new Set([kept]), NOW);
      expect([...found.keys()]).toEqual([old]);
      expect(found.get(old)).toEqual([
        `models/sex/${old}/model.json`,
        `models/sex/${old}/weights.bin`,
      ]);
    });

  test("leaves a version younger than the minimum age alone", () => {
    const found = unrecordedVersions("sex", paths, new Set([kept]), NOW, 0);
    expect([...found.keys()].sort()).toEqual([old, fresh].sort());
  });

  test("a recorded version is never left behind, whatever its age", () => {
    const found = unrecordedVersions("sex", paths, new Set([kept, old]), NOW);
    expect(found.size).toBe(0);
  });
});
