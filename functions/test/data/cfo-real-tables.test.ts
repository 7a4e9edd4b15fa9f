/**
 * Reads the real CFO tables when CFO_DATA_DIR points at them (see
 * /work/shared/data/README.md); they are never copied into the repo.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { readCfoFolder, type CfoReadResult } from "../../src/data/cfo-files";
import { readCfoTable } from "../../src/data/cfo-table";
import {
  CATEGORIES,
  CATEGORY_SPECS,
  type Category,
} from "../../src/domain/categories";

const dataDir = process.env.CFO_DATA_DIR;
const haveData = dataDir !== undefined && existsSync(dataDir);
if (!haveData) {
  console.warn(
    "SKIPPED real CFO table tests: set CFO_DATA_DIR to the folder of " +
      `the CFO CSV files (now ${dataDir ?? "unset"})`
  );
}
const describeWithData = haveData ? describe : describe.skip;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const EXPECTED: Record<Category, { from: number; groups: number }> = {
  age: { from: 1981, groups: 14 },
  sex: { from: 1981, groups: 2 },
  destination: { from: 1981, groups: 11 },
  occupation: { from: 1981, groups: 14 },
  civil_status: { from: 1988, groups: 6 },
  education: { from: 1988, groups: 8 },
  origin: { from: 1988, groups: 17 },
};

describeWithData("the real CFO tables", () => {
  let result: CfoReadResult;

  beforeAll(async () => {
    result = await readCfoFolder(dataDir as string);
  });

  it("parses a table for every category and skips nothing", () => {
    expect(Object.keys(result.histories).sort()).toEqual(
      [...CATEGORIES].sort()
    );
    expect(result.skipped).toEqual([]);
  });

  it.each(CATEGORIES)("%s has the expected years and groups", (category) => {
    const history = result.histories[category];
    const { from, groups } = EXPECTED[category];
    expect(history?.years).toEqual(range(from, 2015));
    expect(history?.groups).toHaveLength(groups);
    // Every group is one the dashboard knows, in its order.
    expect(history?.groups).toEqual(CATEGORY_SPECS[category].groups);
  });

  it("matches cells of the files", () => {
    const cell = (category: Category, year: number, group: string) => {
      const history = result.histories[category];
      if (history === undefined) throw new Error(`no ${category} history`);
      const i = history.years.indexOf(year);
      const j = history.groups.indexOf(group);
      return history.values[i][j];
    };
    expect(cell("age", 1981, "14 - Below")).toBe(9588);
    expect(cell("sex", 2015, "FEMALE")).toBe(52919);
    expect(cell("destination", 2015, "CANADA")).toBe(33700);
    expect(cell("origin", 2015, "National Capital Region (NCR)")).toBe(21236);
    // Folded: Elementary Level 8847 + Elementary Graduate 3012.
    expect(cell("education", 1988, "Elementary")).toBe(11859);
    // Folded: Post Graduate Level 954 + Post Graduate 1472.
    expect(cell("education", 2015, "Post Graduate")).toBe(2426);
    // Folded: No Formal Education 37 + Non-Formal Education 6.
    expect(cell("education", 2015, "Non-Formal Education")).toBe(43);
  });

  it("checks the repeated PlaceOfOrigin copy against the first", () => {
    const name = "Emigrant-1988-2015-PlaceOfOrigin.csv";
    const text = readFileSync(join(dataDir as string, name), "utf8");
    // The last 21236 is NCR 2015 in the shifted copy; change it alone.
    const at = text.lastIndexOf(",21236");
    expect(at).toBeGreaterThan(text.indexOf(",21236"));
    const tampered = text.slice(0, at) + ",21237" + text.slice(at + 6);
    expect(() => readCfoTable(tampered, name)).toThrow(
      'year 2015, group "National Capital Region (NCR)": the table ' +
        "repeated at line 39 disagrees with the table at line 1: 21237 " +
        "in the copy, 21236 in the first"
    );
  });
});
