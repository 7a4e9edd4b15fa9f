import { historyFromYearDocuments } from "../../src/data/year-documents";
import { BadHistoryError } from "../../src/domain/errors";

/** The error thrown by assembling `docs`, for detailed assertions. */
function errorOf(
  docs: { id: string; data: Record<string, unknown> }[]
): BadHistoryError {
  try {
    historyFromYearDocuments("sex", docs);
  } catch (error) {
    if (error instanceof BadHistoryError) return error;
    throw error;
  }
  throw new Error("expected historyFromYearDocuments to throw");
}

describe("historyFromYearDocuments", () => {
  it("orders years ascending and groups as the dashboard does", () => {
    const history = historyFromYearDocuments("sex", [
      { id: "1982", data: { FEMALE: 4, MALE: 3 } },
      { id: "1981", data: { FEMALE: 2, MALE: 1 } },
    ]);
    expect(history).toEqual({
      years: [1981, 1982],
      groups: ["MALE", "FEMALE"],
      values: [
        [1, 2],
        [3, 4],
      ],
    });
  });

  it("puts unknown groups after the known ones, sorted", () => {
    const history = historyFromYearDocuments("sex", [
      { id: "1981", data: { "Z. other": 5, FEMALE: 2, "A/B": 7, MALE: 1 } },
    ]);
    expect(history.groups).toEqual(["MALE", "FEMALE", "A/B", "Z. other"]);
    expect(history.values).toEqual([[1, 2, 7, 5]]);
  });

  it("counts a group missing from a year as 0", () => {
    const history = historyFromYearDocuments("age", [
      { id: "1981", data: { "14 - Below": 9 } },
      {
        id: "1988",
        data: { "14 - Below": 8, "Not Reported / No Response": 24 },
      },
    ]);
    expect(history.groups).toEqual([
      "14 - Below",
      "Not Reported / No Response",
    ]);
    expect(history.values).toEqual([
      [9, 0],
      [8, 24],
    ]);
  });

  it("gives an empty history for no documents", () => {
    expect(historyFromYearDocuments("origin", [])).toEqual({
      years: [],
      groups: [],
      values: [],
    });
  });

  it.each(["198", "19811", "year", "1981 ", ""])(
    "rejects the document id %j, naming it",
    (id) => {
      const error = errorOf([{ id, data: { MALE: 1 } }]);
      expect(error.message).toContain(`document id ${JSON.stringify(id)}`);
      expect(error.message).toContain("emigrantData/sex/years");
      expect(error.where).toEqual({ year: id });
    }
  );

  it.each([
    ["a string", "12", /the string "12" is not a number/],
    ["null", null, /null is not a number/],
    ["a map", { a: 1 }, /an object is not a number/],
    ["a fraction", 1.5, /1\.5 is not a whole number/],
    ["infinity", Infinity, /Infinity is not a finite number/],
    ["NaN", NaN, /NaN is not a finite number/],
    ["a negative count", -3, /-3 is negative/],
    ["a boolean", true, /true is not a number/],
  ])("rejects %s, naming the year and the group", (_, value, problem) => {
    const error = errorOf([
      { id: "1981", data: { MALE: 1, FEMALE: 2 } },
      { id: "1982", data: { MALE: 3, FEMALE: value } },
    ]);
    expect(error.kind).toBe("bad-data");
    expect(error.where).toEqual({ year: "1982", group: "FEMALE" });
    expect(error.message).toMatch(
      /^emigrantData\/sex\/years\/1982: group "FEMALE": /
    );
    expect(error.message).toMatch(problem);
  });

  it.each([
    ["empty", {}, /it is empty$/],
    ["of unknown fields only", { male: 1, Female: 2 }, /"male", "Female"$/],
  ])("rejects a year document %s, naming it", (_, data, found) => {
    const error = errorOf([
      { id: "1981", data: { MALE: 1, FEMALE: 2 } },
      { id: "1982", data },
    ]);
    expect(error.where).toEqual({ year: "1982" });
    expect(error.message).toMatch(
      /^emigrantData\/sex\/years\/1982: holds none of the 2 groups of sex/
    );
    expect(error.message).toMatch(found);
  });

  it("rejects the same year twice", () => {
    expect(
      errorOf([
        { id: "1981", data: {} },
        { id: "1981", data: {} },
      ]).message
    ).toMatch(/year 1981 appears twice/);
  });
});
