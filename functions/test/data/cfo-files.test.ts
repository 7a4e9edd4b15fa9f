import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  listCfoFolder,
  readCfoFile,
  readCfoFolder,
} from "../../src/data/cfo-files";
import { CfoTableError } from "../../src/data/cfo-table-error";
import { CsvHistorySource } from "../../src/data/csv-history-source";
import {
  BadHistoryError,
  NotFoundError,
  ServiceError,
} from "../../src/domain/errors";

const SEX_CSV = "Year,MALE,FEMALE\r\n1981,10,20\r\n1982,11,21\r\n";
const EDUC_CSV =
  "EDUCATIONAL ATTAINMENT,1988,1989\r\n" +
  "College Level,1,2\r\nCollege Graduate,10,20\r\n" +
  "Non-Formal Education ,5,0\r\nNo Formal Education,1,1\r\n";

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "cfo-files-"));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function put(name: string, text: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, text, "utf8");
  return path;
}

describe("readCfoFolder", () => {
  it("reads every category table and lists what it skipped", async () => {
    const sexPath = await put("Emigrant-1981-2015-Sex.csv", SEX_CSV);
    await put("Emigrant-1988-2015-Educ.csv", EDUC_CSV);
    await put("Emigrant-1988-2015-PlaceOfOrigin-Province.csv", "junk\r\n");
    await put("notes.txt", "hello");
    await mkdir(join(folder, "old-Age.csv"));

    const result = await readCfoFolder(folder);

    expect(Object.keys(result.histories).sort()).toEqual(["education", "sex"]);
    expect(result.histories.sex).toEqual({
      years: [1981, 1982],
      groups: ["MALE", "FEMALE"],
      values: [
        [10, 20],
        [11, 21],
      ],
    });
    expect(result.histories.education).toEqual({
      years: [1988, 1989],
      groups: ["College", "Non-Formal Education"],
      values: [
        [11, 6],
        [22, 1],
      ],
    });
    expect(result.files.sex).toBe(sexPath);
    expect(result.skipped.map((s) => s.file).sort()).toEqual(
      [
        "Emigrant-1988-2015-PlaceOfOrigin-Province.csv",
        "notes.txt",
        "old-Age.csv",
      ].map((name) => join(folder, name))
    );
    expect(result.skipped.every((s) => s.reason.length > 0)).toBe(true);
  });

  it("fails on a bad table, naming the file, year and group", async () => {
    await put("Emigrant-Sex.csv", "Year,MALE,FEMALE\r\n1981,10,x\r\n");
    const read = readCfoFolder(folder);
    await expect(read).rejects.toThrow(CfoTableError);
    await expect(readCfoFolder(folder)).rejects.toThrow(
      /Emigrant-Sex\.csv: line 2, year 1981, group "FEMALE"/
    );
  });

  it("refuses two files for one category", async () => {
    await put("Emigrant-1981-2015-Sex.csv", SEX_CSV);
    await put("Emigrant-2016-2020-Sex.csv", SEX_CSV);
    await expect(listCfoFolder(folder)).rejects.toThrow(BadHistoryError);
    await expect(listCfoFolder(folder)).rejects.toThrow(
      /both Emigrant-1981-2015-Sex\.csv and Emigrant-2016-2020-Sex\.csv/
    );
  });

  it("says a missing folder does not exist", async () => {
    const missing = join(folder, "nope");
    await expect(readCfoFolder(missing)).rejects.toThrow(NotFoundError);
    await expect(readCfoFolder(missing)).rejects.toThrow(
      `CFO data folder ${missing} does not exist`
    );
  });
});

describe("readCfoFile", () => {
  it("reads one file under the category its name gives", async () => {
    const path = await put("Emigrant-1988-2015-Educ.csv", EDUC_CSV);
    const result = await readCfoFile(path);
    expect(Object.keys(result.histories)).toEqual(["education"]);
    expect(result.histories.education?.values[0]).toEqual([11, 6]);
    expect(result.skipped).toEqual([]);
  });

  it("skips a province file without reading it", async () => {
    const path = await put("X-PlaceOfOrigin-Province.csv", "not,a,table");
    const result = await readCfoFile(path);
    expect(result.histories).toEqual({});
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0].file).toBe(path);
    expect(result.skipped[0].reason).toMatch(/province/);
  });

  it("says a missing file does not exist", async () => {
    await expect(readCfoFile(join(folder, "Sex.csv"))).rejects.toThrow(
      /CFO data file .*Sex\.csv does not exist/
    );
  });
});

describe("CsvHistorySource", () => {
  it("reads the requested category", async () => {
    await put("Emigrant-1981-2015-Sex.csv", SEX_CSV);
    const history = await new CsvHistorySource(folder).read("sex");
    expect(history.years).toEqual([1981, 1982]);
  });

  it("gives an empty history for a category without a file", async () => {
    await put("Emigrant-1981-2015-Sex.csv", SEX_CSV);
    await expect(new CsvHistorySource(folder).read("age")).resolves.toEqual({
      years: [],
      groups: [],
      values: [],
    });
  });

  it("does not let another category's broken file block a read", async () => {
    await put("Emigrant-1981-2015-Sex.csv", SEX_CSV);
    await put("Emigrant-1981-2015-Age.csv", "Year,14 - Below\r\n1981,-1\r\n");
    const source = new CsvHistorySource(folder);
    await expect(source.read("sex")).resolves.toMatchObject({
      groups: ["MALE", "FEMALE"],
    });
    await expect(source.read("age")).rejects.toThrow(BadHistoryError);
  });

  it("reports a missing folder as unavailable, keeping the cause", async () => {
    const source = new CsvHistorySource(join(folder, "gone"));
    const error = await source.read("sex").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).kind).toBe("unavailable");
    expect((error as ServiceError).cause).toBeInstanceOf(NotFoundError);
  });
});
