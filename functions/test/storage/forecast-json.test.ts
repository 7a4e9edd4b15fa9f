import { CorruptArtifactError } from "../../src/storage/corrupt-artifact-error";
import {
  encodeForecastJson,
  parseForecastJson,
  type StoredForecast,
} from "../../src/storage/forecast-json";

function sample(): StoredForecast {
  return {
    formatVersion: 2,
    lastHistoryYear: 2015,
    groups: ["MALE", "FEMALE"],
    chosen: "theta",
    methods: {
      lstm: { values: [[10, 12], [11, 0]], intervals: null },
      theta: {
        values: [[10.5, 12.25], [11, 0.5]],
        intervals: {
          "80": { lower: [[9, 11], [9, 0]], upper: [[12, 14], [13, 2]] },
        },
      },
    },
  };
}

const bytesOf = (value: unknown) =>
  new TextEncoder().encode(JSON.stringify(value));

test("round-trips a forecast, fractional counts included", () => {
  const forecast = sample();
  expect(parseForecastJson(encodeForecastJson(forecast), "f")).toEqual(
    forecast
  );
});

test("reads the first layout (rounded LSTM years) as the LSTM alone", () => {
  const old = {
    formatVersion: 1,
    lastHistoryYear: 2015,
    groups: ["MALE", "FEMALE"],
    years: [
      { year: 2016, predictions: { MALE: 10, FEMALE: 12 } },
      { year: 2017, predictions: { MALE: 11, FEMALE: 0 } },
    ],
  };
  expect(parseForecastJson(bytesOf(old), "f")).toEqual({
    formatVersion: 2,
    lastHistoryYear: 2015,
    groups: ["MALE", "FEMALE"],
    chosen: "lstm",
    methods: { lstm: { values: [[10, 12], [11, 0]], intervals: null } },
  });
});

type Spoil = (f: StoredForecast) => void;
test.each<[string, Spoil, RegExp]>([
  ["a negative count", (f) => (f.methods.lstm.values[0][0] = -1),
    /method lstm: row 1 has a count that is not a finite number >= 0/],
  ["a missing group", (f) => f.methods.theta.values[1].pop(),
    /method theta: row 2 does not have one count per group/],
  ["no rows", (f) => (f.methods.lstm.values = []),
    /method lstm: no rows of forecasts/],
  ["a chosen method that is not stored", (f) => (f.chosen = "drift"),
    /chosen is "drift", not one of the methods/],
  ["bands over other years", (f) =>
    f.methods.theta.intervals?.["80"].upper.pop(),
    /method theta: 80 % upper covers another number of years/],
  ["a band with a NaN", (f) => {
    const band = f.methods.theta.intervals?.["80"];
    if (band) band.lower[0][1] = NaN;
  }, /method theta: 80 % lower: row 1/],
  ["another format", (f) =>
    ((f as { formatVersion: number }).formatVersion = 3), /formatVersion/],
])("refuses %s, naming the file", (_name, spoil, why) => {
  const forecast = sample();
  spoil(forecast);
  const parse = () => parseForecastJson(bytesOf(forecast), "gs://b/f.json");
  expect(parse).toThrow(CorruptArtifactError);
  expect(parse).toThrow(why);
  expect(parse).toThrow(/gs:\/\/b\/f\.json/);
  expect(() => encodeForecastJson(forecast)).toThrow(why);
});

test("refuses a file that is not JSON", () => {
  expect(() =>
    parseForecastJson(new TextEncoder().encode("{"), "f.json")
  ).toThrow(/f\.json: not valid JSON/);
});
