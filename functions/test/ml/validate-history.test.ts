import { BadHistoryError } from "../../src/domain/errors";
import type { History } from "../../src/domain/history";
import { validateHistory } from "../../src/ml/validate-history";

const good = (): History => ({
  years: [2001, 2002, 2003],
  groups: ["MALE", "FEMALE"],
  values: [
    [10, 12],
    [11, 0],
    [13, 14],
  ],
});

function errorOf(history: History): BadHistoryError {
  try {
    validateHistory(history);
  } catch (error) {
    expect(error).toBeInstanceOf(BadHistoryError);
    return error as BadHistoryError;
  }
  throw new Error("validateHistory accepted a bad history");
}

describe("validateHistory", () => {
  it("accepts a well-formed history, zeros included", () => {
    expect(() => validateHistory(good())).not.toThrow();
  });

  it.each<[string, (h: History) => void, RegExp, object | undefined]>([
    ["a negative count", (h) => (h.values[1][1] = -1),
      /Year 2002, group "FEMALE".*negative/, { year: "2002", group: "FEMALE" }],
    ["NaN", (h) => (h.values[2][0] = NaN),
      /Year 2003, group "MALE".*NaN.*finite/, { year: "2003", group: "MALE" }],
    ["Infinity", (h) => (h.values[0][1] = Infinity),
      /Year 2001, group "FEMALE".*finite/, { year: "2001", group: "FEMALE" }],
    ["a short row", (h) => h.values[1].pop(),
      /Year 2002 has 1 values but there are 2 groups/, { year: "2002" }],
    ["a missing row", (h) => h.values.pop(),
      /3 years but 2 rows/, undefined],
    ["years out of order", (h) => (h.years = [2001, 2003, 2002]),
      /strictly ascending: 2002 comes after 2003/, { year: "2002" }],
    ["a repeated year", (h) => (h.years = [2001, 2001, 2002]),
      /2001 comes after 2001/, { year: "2001" }],
    ["a fractional year", (h) => (h.years = [2001, 2001.5, 2003]),
      /2001.5 is not a whole number/, { year: "2001.5" }],
    ["a repeated group", (h) => (h.groups = ["MALE", "MALE"]),
      /"MALE" appears twice/, { group: "MALE" }],
    ["no years", (h) => Object.assign(h, { years: [], values: [] }),
      /no years/, undefined],
    ["no groups", (h) => (h.groups = []), /no groups/, undefined],
  ])("rejects %s", (_, spoil, message, where) => {
    const history = good();
    spoil(history);
    const error = errorOf(history);
    expect(error.message).toMatch(message);
    expect(error.where).toEqual(where);
  });
});
