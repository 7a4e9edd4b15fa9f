import type { TotalForecast } from "../../src/domain/total-forecast";
import { serveForecast, totalsFor } from "../../src/service/served-forecast";
import type { StoredForecast } from "../../src/storage/forecast-json";

function stored(): StoredForecast {
  return {
    formatVersion: 2,
    lastHistoryYear: 2015,
    groups: ["MALE", "FEMALE"],
    chosen: "theta",
    methods: {
      lstm: { values: [[40.4, 59.4], [41, 61]], intervals: null },
      theta: {
        values: [[30, 70], [0, 0]],
        intervals: {
          "80": { lower: [[20, 60], [0, 0]], upper: [[40, 80], [5, 5]] },
        },
      },
    },
  };
}

function total(totals: number[], lastYear = 2015): TotalForecast {
  return {
    source: "sex",
    method: "drift",
    history_hash: "h",
    last_history_year: lastYear,
    totals,
    computed_at: "2026-01-01T00:00:00.000Z",
  };
}

test("serves the method asked for, rounded, without a total", () => {
  const served = serveForecast(stored(), "lstm", 2, null);
  expect(served).toEqual({
    method: "lstm",
    reconciled: false,
    predictions: [
      { year: 2016, predictions: { MALE: 40, FEMALE: 59 } },
      { year: 2017, predictions: { MALE: 41, FEMALE: 61 } },
    ],
  });
});

test("cuts the forecast and its bands to the years asked for", () => {
  const served = serveForecast(stored(), "theta", 1, null);
  expect(served.predictions).toEqual([
    {
      year: 2016,
      predictions: { MALE: 30, FEMALE: 70 },
      intervals: {
        "80": { lower: { MALE: 20, FEMALE: 60 }, upper: { MALE: 40, FEMALE: 80 } },
      },
    },
  ]);
});

test("scales the groups and their bands to the total, summing exactly", () => {
  // 30 + 70 = 100 scaled to 150 (factor 1.5); the second year's groups
  // sum to 0, so the total of 9 is spread evenly: 4.5 each, rounded by
  // largest remainder to 5 + 4, and the bands move up by 4.5.
  const served = serveForecast(stored(), "theta", 2, total([150, 9, 1]));
  expect(served.reconciled).toBe(true);
  const [first, second] = served.predictions;
  expect(first.predictions).toEqual({ MALE: 45, FEMALE: 105 });
  expect(first.intervals?.["80"]).toEqual({
    lower: { MALE: 30, FEMALE: 90 },
    upper: { MALE: 60, FEMALE: 120 },
  });
  expect(second.predictions).toEqual({ MALE: 5, FEMALE: 4 });
  expect(second.intervals?.["80"].upper).toEqual({ MALE: 10, FEMALE: 10 });
});

test("serves unscaled when the total starts after another year", () => {
  const served = serveForecast(stored(), "lstm", 2, total([150, 9], 2014));
  expect(served.reconciled).toBe(false);
  expect(served.predictions[0].predictions).toEqual({ MALE: 40, FEMALE: 59 });
});

test("refuses a method the version did not store", () => {
  expect(() => serveForecast(stored(), "drift", 1, null)).toThrow(
    /no stored forecast of "drift"/
  );
});

test.each([
  ["no total", null, 2015, 2, null],
  ["another last year", total([1, 2]), 2016, 2, null],
  ["too few totals", total([1]), 2015, 2, null],
  ["a prefix", total([1, 2, 3]), 2015, 2, [1, 2]],
])("totalsFor with %s", (_name, value, lastYear, count, expected) => {
  expect(totalsFor(value, lastYear, count)).toEqual(expected);
});
