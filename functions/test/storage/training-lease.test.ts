import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import {
  decideLease,
  leaseFrom,
  type TrainingLease,
} from "../../src/storage/training-lease";

const T0 = new Date("2026-01-01T00:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const TTL = 60_000;

describe("decideLease", () => {
  const held: TrainingLease = {
    holder: "a",
    acquired_at: T0.toISOString(),
    expires_at: at(60).toISOString(),
  };

  test("no lease: taken until now + ttl", () => {
    expect(decideLease(null, "a", T0, TTL)).toEqual({
      acquired: true,
      lease: held,
    });
  });

  test("another holder's live lease: refused, saying whose", () => {
    expect(decideLease(held, "b", at(59), TTL)).toEqual({
      acquired: false,
      held,
    });
  });

  test("an expired lease: taken over", () => {
    const result = decideLease(held, "b", at(60), TTL);
    expect(result).toEqual({
      acquired: true,
      lease: {
        holder: "b",
        acquired_at: at(60).toISOString(),
        expires_at: at(120).toISOString(),
      },
    });
  });

  test("its own live lease: renewed, keeping when it was first taken", () => {
    const result = decideLease(held, "a", at(30), TTL);
    expect(result).toEqual({
      acquired: true,
      lease: { ...held, expires_at: at(90).toISOString() },
    });
  });
});

describe("leaseFrom", () => {
  test.each([
    ["nothing", undefined],
    ["null", null],
    ["a string", "lease"],
    ["no holder", { acquired_at: "x", expires_at: T0.toISOString() }],
    ["an empty holder", { holder: "", acquired_at: "x", expires_at: "y" }],
    ["a bad expiry", { holder: "a", acquired_at: "x", expires_at: "soon" }],
  ])("%s is no lease", (_label, value) => {
    expect(leaseFrom(value)).toBeNull();
  });
});

describe("FileModelRegistry training lease", () => {
  let dir: string;
  let registry: FileModelRegistry;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "cfo-lease-"));
    registry = new FileModelRegistry(dir);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("one holder at a time; released, the next one gets it", async () => {
    const first = await registry.acquireTrainingLease("sex", "a", T0, TTL);
    expect(first.acquired).toBe(true);
    const second = await registry.acquireTrainingLease("sex", "b", at(1), TTL);
    expect(second).toMatchObject({ acquired: false, held: { holder: "a" } });
    // Another category is free.
    expect(
      (await registry.acquireTrainingLease("age", "b", at(1), TTL)).acquired
    ).toBe(true);

    await registry.releaseTrainingLease("sex", "a");
    expect(
      (await registry.acquireTrainingLease("sex", "b", at(2), TTL)).acquired
    ).toBe(true);
  });

  test("a release by someone else leaves the lease alone", async () => {
    await registry.acquireTrainingLease("sex", "a", T0, TTL);
    await registry.releaseTrainingLease("sex", "b");
    const other = await registry.acquireTrainingLease("sex", "b", at(1), TTL);
    expect(other.acquired).toBe(false);
  });

  test("a holder that never releases blocks only until expiry", async () => {
    await registry.acquireTrainingLease("sex", "crashed", T0, TTL);
    expect(
      (await registry.acquireTrainingLease("sex", "b", at(59), TTL)).acquired
    ).toBe(false);
    expect(
      (await registry.acquireTrainingLease("sex", "b", at(61), TTL)).acquired
    ).toBe(true);
    // The crashed holder's late release does not free b's lease.
    await registry.releaseTrainingLease("sex", "crashed");
    expect(
      (await registry.acquireTrainingLease("sex", "c", at(62), TTL)).acquired
    ).toBe(false);
  });

  test("a damaged lease file counts as no lease", async () => {
    await writeFile(path.join(dir, "sex.lease.json"), "{not json");
    expect(
      (await registry.acquireTrainingLease("sex", "a", T0, TTL)).acquired
    ).toBe(true);
  });

  test("of many takers at once, on two registries, exactly one wins",
    async () => {
      const twin = new FileModelRegistry(dir);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? twin : registry).acquireTrainingLease(
            "sex",
            `holder-${i}`,
            T0,
            TTL
          )
        )
      );
      expect(results.filter((r) => r.acquired)).toHaveLength(1);
    }
  );

  test("lease files are not read as models", async () => {
    await registry.acquireTrainingLease("sex", "a", T0, TTL);
    expect(await registry.getAllServing()).toEqual({});
  });
});
