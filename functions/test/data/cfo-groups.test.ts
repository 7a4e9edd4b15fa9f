import { CfoTableError } from "../../src/data/cfo-table-error";
import { categoryHistoryFromTable } from "../../src/data/cfo-groups";
import { CATEGORY_SPECS } from "../../src/domain/categories";

const EDUCATION_COLUMNS = [
  "Not of Schooling Age",
  "No Formal Education",
  "Elementary Level",
  "Elementary Graduate",
  "High School Level",
  "High School Graduate",
  "Vocational Level",
  "Vocational Graduate",
  "College Level",
  "College Graduate",
  "Post Graduate Level",
  "Post Graduate",
  "Non-Formal Education",
  "Not Reported / No Response",
];

describe("categoryHistoryFromTable", () => {
  it("folds the 14 education columns into the dashboard's 8 groups", () => {
    // Powers of two make every sum identify exactly which columns fed it.
    const row = EDUCATION_COLUMNS.map((_, j) => 2 ** j);
    const history = categoryHistoryFromTable(
      "education",
      { years: [1988, 1989], groups: EDUCATION_COLUMNS, values: [row, row] },
      "Educ.csv"
    );
    expect(history.groups).toEqual(CATEGORY_SPECS.education.groups);
    const expected = [
      1, // Not of Schooling Age
      4 + 8, // Elementary Level + Graduate
      16 + 32, // High School
      64 + 128, // Vocational
      256 + 512, // College
      1024 + 2048, // Post Graduate Level + Post Graduate
      2 + 4096, // No Formal Education + Non-Formal Education
      8192, // Not Reported / No Response
    ];
    expect(history.values).toEqual([expected, expected]);
    expect(history.years).toEqual([1988, 1989]);
  });

  it("folds whatever the column order and spelling", () => {
    const history = categoryHistoryFromTable(
      "education",
      {
        years: [2000],
        groups: ["COLLEGE GRADUATE", "college  level", "Elementary"],
        values: [[5, 7, 11]],
      },
      "Educ.csv"
    );
    expect(history.groups).toEqual(["Elementary", "College"]);
    expect(history.values).toEqual([[11, 12]]);
  });

  it("puts groups in the dashboard's order, extras after, sorted", () => {
    const history = categoryHistoryFromTable(
      "sex",
      {
        years: [1981],
        groups: ["Zeta", "female", "Alpha", "MALE"],
        values: [[1, 2, 3, 4]],
      },
      "Sex.csv"
    );
    expect(history.groups).toEqual(["MALE", "FEMALE", "Alpha", "Zeta"]);
    expect(history.values).toEqual([[4, 2, 3, 1]]);
  });

  it("refuses two columns for one group outside education folding", () => {
    expect(() =>
      categoryHistoryFromTable(
        "sex",
        { years: [1981], groups: ["MALE", "Male"], values: [[1, 2]] },
        "Sex.csv"
      )
    ).toThrow(CfoTableError);
    expect(() =>
      categoryHistoryFromTable(
        "education",
        {
          years: [1981],
          groups: ["Elementary", "Elementary Level"],
          values: [[1, 2]],
        },
        "Educ.csv"
      )
    ).toThrow(/Educ\.csv: group "Elementary": columns "Elementary", /);
  });
});
