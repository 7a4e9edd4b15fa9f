import {
  createRandomSource,
  deriveOpSeeds,
  deriveTrainingSeeds,
  withSeededMathRandom,
} from "../../src/ml/random";

const draw = (source: () => number, count: number) =>
  Array.from({ length: count }, source);

describe("createRandomSource", () => {
  it("repeats its stream for a seed and differs between seeds", () => {
    expect(draw(createRandomSource(42), 5)).toEqual(
      draw(createRandomSource(42), 5)
    );
    expect(draw(createRandomSource(42), 5)).not.toEqual(
      draw(createRandomSource(43), 5)
    );
  });

  it("draws floats in [0, 1) spread over the interval", () => {
    const values = draw(createRandomSource(7), 10000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    const lowHalf = values.filter((v) => v < 0.5).length;
    expect(lowHalf).toBeGreaterThan(4800);
    expect(lowHalf).toBeLessThan(5200);
  });

  it("rejects a seed that is not finite", () => {
    expect(() => createRandomSource(NaN)).toThrow(/finite/);
  });
});

describe("seed derivation", () => {
  it("gives whole, non-zero int32 op seeds that depend on the seed", () => {
    const seeds = deriveOpSeeds(42, 50);
    seeds.forEach((s) => {
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(1);
      expect(s).toBeLessThanOrEqual(2147483647);
    });
    expect(new Set(seeds).size).toBe(50);
    expect(deriveOpSeeds(42, 50)).toEqual(seeds);
    expect(deriveOpSeeds(1, 50)).not.toEqual(seeds);
  });

  it("derives distinct seeds for every part of a training", () => {
    const seeds = Object.values(deriveTrainingSeeds(42));
    expect(seeds).toHaveLength(6);
    expect(new Set(seeds).size).toBe(6);
  });
});

describe("withSeededMathRandom", () => {
  it("makes Math.random repeat inside and restores it after", async () => {
    const original = Math.random;
    const drawThree = async () => draw(Math.random, 3);
    const first = await withSeededMathRandom(5, drawThree);
    const second = await withSeededMathRandom(5, drawThree);
    expect(first).toEqual(second);
    expect(first).toEqual(draw(createRandomSource(5), 3));
    expect(Math.random).toBe(original);
  });

  it("restores Math.random when the function throws", async () => {
    const original = Math.random;
    await expect(
      withSeededMathRandom(5, async () => {
        throw new Error("boom");
      })
    ).rejects.toThrow("boom");
    expect(Math.random).toBe(original);
  });

  it("runs overlapping sections one after the other", async () => {
    const original = Math.random;
    const events: string[] = [];
    const section = (name: string, seed: number) =>
      withSeededMathRandom(seed, async () => {
        events.push(`${name} start`);
        const before = Math.random();
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`${name} end`);
        return [before, Math.random()];
      });
    const [a, b] = await Promise.all([section("a", 1), section("b", 2)]);
    expect(events).toEqual(["a start", "a end", "b start", "b end"]);
    // Each section saw only its own stream.
    expect(a).toEqual(draw(createRandomSource(1), 2));
    expect(b).toEqual(draw(createRandomSource(2), 2));
    expect(Math.random).toBe(original);
  });
});
