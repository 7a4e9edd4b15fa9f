import { CfoTableError } from "../../src/data/cfo-table-error";
import { readCfoTable } from "../../src/data/cfo-table";
import { BadHistoryError } from "../../src/domain/errors";

/** Joins lines with CRLF, as the published files are written. */
const crlf = (...lines: string[]) => lines.join("\r\n") + "\r\n";

/** The error thrown by reading `text`, for detailed assertions. */
function errorOf(text: string, file = "t.csv"): CfoTableError {
  try {
    readCfoTable(text, file);
  } catch (error) {
    if (error instanceof CfoTableError) return error;
    throw error;
  }
  throw new Error("expected readCfoTable to throw");
}

describe("readCfoTable, year rows", () => {
  it("reads Year + group columns into years, groups and values", () => {
    const table = readCfoTable(
      crlf("Year,MALE,FEMALE", "1981,20350,28517", "1982,21752,32201"),
      "Sex.csv"
    );
    expect(table).toEqual({
      years: [1981, 1982],
      groups: ["MALE", "FEMALE"],
      values: [
        [20350, 28517],
        [21752, 32201],
      ],
    });
  });

  it("sorts years that come out of order", () => {
    const table = readCfoTable(crlf("Year,A", "1990,2", "1989,1"), "t.csv");
    expect(table.years).toEqual([1989, 1990]);
    expect(table.values).toEqual([[1], [2]]);
  });

  it("trims padded headers and cells", () => {
    const table = readCfoTable(
      crlf(" Year , Elementary Level ,Non-Formal Education ", "1988, 5 ,0"),
      "Educ.csv"
    );
    expect(table.groups).toEqual(["Elementary Level", "Non-Formal Education"]);
    expect(table.values).toEqual([[5, 0]]);
  });

  it("drops trailing empty columns and blank rows", () => {
    const table = readCfoTable(
      crlf("Year,A,B,,,", "1988,1,2,,,", "1989,3,4,,,", ",,,,,", ",,,,,", ""),
      "t.csv"
    );
    expect(table).toEqual({
      years: [1988, 1989],
      groups: ["A", "B"],
      values: [
        [1, 2],
        [3, 4],
      ],
    });
  });

  it("reads quoted counts with thousands separators", () => {
    const table = readCfoTable(
      crlf('Year,"USA, mainland",B', '1981,"40,307",\'12\''),
      "t.csv"
    );
    expect(table.groups).toEqual(["USA, mainland", "B"]);
    expect(table.values).toEqual([[40307, 12]]);
  });

  it("accepts a copy shifted to the right that repeats the table", () => {
    // Like PlaceOfOrigin: trailing empties, blank rows, a shifted copy
    // whose year column is headed with the group label instead of Year.
    const text = crlf(
      "Year,R1,R2,,,",
      "1988,10,20,,,",
      "1989,11,21,,,",
      ",,,,,",
      ",,,Region,R1,R2",
      ",,,1988,10,20",
      ",,,1989,11,21"
    );
    expect(readCfoTable(text, "PlaceOfOrigin.csv")).toEqual({
      years: [1988, 1989],
      groups: ["R1", "R2"],
      values: [
        [10, 20],
        [11, 21],
      ],
    });
  });

  it("rejects a repeated copy that disagrees, naming year and group", () => {
    const text = crlf(
      "Year,R1,R2",
      "1988,10,20",
      "1989,11,21",
      "",
      ",,Year,R1,R2",
      ",,1988,10,20",
      ",,1989,11,99"
    );
    const error = errorOf(text, "PlaceOfOrigin.csv");
    expect(error.message).toBe(
      'PlaceOfOrigin.csv: year 1989, group "R2": the table repeated at ' +
        "line 5 disagrees with the table at line 1: 99 in the copy, 21 in " +
        "the first"
    );
    expect(error.where).toEqual({ year: "1989", group: "R2" });
  });

  it("rejects a repeated copy with other groups or years", () => {
    expect(
      errorOf(crlf("Year,A,B", "1988,1,2", "", "Year,A", "1988,1")).message
    ).toMatch(/group "B" is missing from the copy/);
    expect(
      errorOf(crlf("Year,A", "1988,1", "", "Year,A", "1988,1", "1989,2"))
        .message
    ).toMatch(/the copy adds year 1989/);
  });

  it.each([
    ["abc", /"abc" is not a number/],
    ["-5", /"-5" is negative/],
    ["12.5", /"12.5" is not a whole number/],
    ["", /the count is empty/],
    ['"1,23"', /"1,23" is not a number/],
  ])("rejects the count %j naming file, year and group", (cell, problem) => {
    const error = errorOf(
      crlf("Year,MALE,FEMALE", "1981,1,2", `1982,3,${cell}`),
      "Emigrant-Sex.csv"
    );
    expect(error).toBeInstanceOf(BadHistoryError);
    expect(error.kind).toBe("bad-data");
    expect(error.file).toBe("Emigrant-Sex.csv");
    expect(error.where).toEqual({ year: "1982", group: "FEMALE" });
    expect(error.message).toMatch(
      /^Emigrant-Sex\.csv: line 3, year 1982, group "FEMALE": /
    );
    expect(error.message).toMatch(problem);
  });

  it("rejects a bad year label, a repeated year and a repeated group", () => {
    expect(errorOf(crlf("Year,A", "198x,1")).message).toMatch(
      /line 2: "198x" is not a four-digit year/
    );
    expect(errorOf(crlf("Year,A", "1981,1", "1981,2")).message).toMatch(
      /year "1981" appears twice/
    );
    expect(errorOf(crlf("Year,A,A", "1981,1,2")).message).toMatch(
      /group "A" appears twice/
    );
  });

  it("rejects a value outside the header's columns", () => {
    expect(errorOf(crlf("Year,A", "1981,1,7")).message).toMatch(
      /line 2: value "7" in column 3 lies outside/
    );
  });

  it("rejects an empty header cell between groups", () => {
    expect(errorOf(crlf("Year,A,,B", "1981,1,2,3")).message).toMatch(
      /line 1: header column 3 is empty/
    );
  });

  it("rejects a header it cannot place, and an all-blank file", () => {
    expect(errorOf(crlf("Country,A,B", "USA,1,2")).message).toMatch(
      /header starts with "Country"/
    );
    expect(errorOf(crlf(",,", "")).message).toMatch(/no table found/);
    expect(errorOf(crlf("Year,A,B", ",,")).message).toMatch(
      /line 1: the table has no year rows/
    );
  });

  it("reports CSV syntax errors with the file and line", () => {
    expect(errorOf('Year,A\r\n1981,"1\r\n', "x.csv").message).toMatch(
      /^x\.csv: line 2: quoted field is never closed/
    );
  });
});

describe("readCfoTable, group rows (transposed)", () => {
  it("reads a group label column and one column per year", () => {
    const table = readCfoTable(
      crlf(
        "AGE_GROUP,1982,1981,",
        "14 - Below,9100,9588,",
        " 15 - 19 ,4650,4712,"
      ),
      "Age.csv"
    );
    expect(table).toEqual({
      years: [1981, 1982],
      groups: ["14 - Below", "15 - 19"],
      values: [
        [9588, 4712],
        [9100, 4650],
      ],
    });
  });

  it("gives the same table as the year-row layout", () => {
    const byYear = readCfoTable(
      crlf("Year,USA,JAPAN", "1981,40307,254", "1982,44438,310"),
      "a.csv"
    );
    const byGroup = readCfoTable(
      crlf("COUNTRY,1981,1982", "USA,40307,44438", "JAPAN,254,310"),
      "b.csv"
    );
    expect(byGroup).toEqual(byYear);
  });

  it("accepts a repeated copy in the other layout", () => {
    const text = crlf(
      "Year,A,B",
      "1981,1,2",
      "1982,3,4",
      "",
      "Group,1981,1982",
      "A,1,3",
      "B,2,4"
    );
    expect(readCfoTable(text, "t.csv").values).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("names the year and group of a bad count", () => {
    const error = errorOf(
      crlf("Occupation,1981,1982", "Sales,1,2", "Minors,3,-1"),
      "Occu.csv"
    );
    expect(error.where).toEqual({ year: "1982", group: "Minors" });
    expect(error.message).toMatch(/^Occu\.csv: line 3, year 1982, group/);
  });

  it("rejects an empty group label and a repeated year column", () => {
    expect(errorOf(crlf("PROVINCE,1981", ",5")).message).toMatch(
      /line 2: the group label is empty/
    );
    expect(errorOf(crlf("PROVINCE,1981,1981", "X,1,2")).message).toMatch(
      /year "1981" appears twice/
    );
  });
});
