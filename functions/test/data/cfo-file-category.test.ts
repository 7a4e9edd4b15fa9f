import { classifyCfoFileName } from "../../src/data/cfo-file-category";

describe("classifyCfoFileName", () => {
  it.each([
    ["Emigrant-1981-2015-Age.csv", "age"],
    ["Emigrant-1981-2015-Sex.csv", "sex"],
    ["Emigrant-1981-2015-MajorCountry.csv", "destination"],
    ["Emigrant-1981-2015-Occu.csv", "occupation"],
    ["Emigrant-1988-2015-CivilStatus.csv", "civil_status"],
    ["Emigrant-1988-2015-Educ.csv", "education"],
    ["Emigrant-1988-2015-PlaceOfOrigin.csv", "origin"],
    ["/data/cfo/emigrant_2016_2020_AGE.CSV", "age"],
  ])("reads %s as %s", (name, category) => {
    expect(classifyCfoFileName(name)).toEqual({ kind: "table", category });
  });

  it("skips province tables instead of failing", () => {
    const kind = classifyCfoFileName(
      "Emigrant-1988-2015-PlaceOfOrigin-Province.csv"
    );
    expect(kind.kind).toBe("skip");
    expect(kind.kind === "skip" && kind.reason).toMatch(/province/i);
  });

  it.each([
    ["README.md", /not a \.csv file/],
    ["Emigrant-1981-2015-Agent.csv", /none of Age, Sex/],
    ["Emigrant-Totals.csv", /none of Age, Sex/],
    ["Emigrant-Age-Sex.csv", /several categories: age, sex/],
  ])("skips %s with a reason", (name, reason) => {
    const kind = classifyCfoFileName(name);
    expect(kind.kind).toBe("skip");
    expect(kind.kind === "skip" && kind.reason).toMatch(reason);
  });
});
