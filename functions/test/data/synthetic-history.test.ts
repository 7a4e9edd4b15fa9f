import { syntheticHistory } from "../../src/data/synthetic-history";
import { checkHistory } from "../../src/data/history-check";
import { CATEGORIES, CATEGORY_SPECS } from "../../src/domain/categories";

const SPAN = { fromYear: 1981, toYear: 2015 };

describe("syntheticHistory", () => {
  it.each(CATEGORIES)("gives a valid %s history", (category) => {
    const history = syntheticHistory(category, { ...SPAN, seed: 7 });
    expect(history.years).toHaveLength(35);
    expect(history.years[0]).toBe(1981);
    expect(history.years[34]).toBe(2015);
    expect(history.groups).toEqual(CATEGORY_SPECS[category].groups);
    expect(() => checkHistory(history, category)).not.toThrow();
    for (const row of history.values) {
      for (const count of row) expect(count).toBeGreaterThanOrEqual(1);
    }
  });

  it("is the same for the same seed", () => {
    expect(syntheticHistory("age", { ...SPAN, seed: 3 })).toEqual(
      syntheticHistory("age", { ...SPAN, seed: 3 })
    );
  });

  it("differs between seeds and between categories", () => {
    const base = syntheticHistory("age", { ...SPAN, seed: 3 }).values;
    expect(syntheticHistory("age", { ...SPAN, seed: 4 }).values).not.toEqual(
      base
    );
    const occupation = syntheticHistory("occupation", { ...SPAN, seed: 3 });
    // Both have 14 groups, so only the seed mixing can tell them apart.
    expect(occupation.values).not.toEqual(base);
  });

  it("varies from year to year rather than being flat", () => {
    const { values } = syntheticHistory("sex", { ...SPAN, seed: 11 });
    const male = values.map((row) => row[0]);
    expect(new Set(male).size).toBeGreaterThan(20);
  });

  it("gives one year when fromYear equals toYear", () => {
    const history = syntheticHistory("sex", {
      fromYear: 2000,
      toYear: 2000,
      seed: 1,
    });
    expect(history.years).toEqual([2000]);
  });

  it("rejects reversed years and non-integer options", () => {
    expect(() =>
      syntheticHistory("sex", { fromYear: 2000, toYear: 1999, seed: 1 })
    ).toThrow(/toYear 1999 is before fromYear 2000/);
    expect(() =>
      syntheticHistory("sex", { fromYear: 2000, toYear: 2001, seed: 0.5 })
    ).toThrow(/seed must be a whole number/);
  });
});
