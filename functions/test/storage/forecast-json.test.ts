import { CorruptArtifactError } from "../../src/storage/corrupt-artifact-error";
import {
  encodeForecastJson,
  parseForecastJson,
  type StoredForecast,
} from "../../src/storage/forecast-json";

function sample(): StoredForecast {
  return {
    formatVersion: 1,
    lastHistoryYear: 2015,
    groups: ["MALE", "FEMALE"],
    years: [
      { year: 2016, predictions: { MALE: 10, FEMALE: 12 } },
      { year: 2017, predictions: { MALE: 11, FEMALE: 0 } },
    ],
  };
}

const bytesOf = (value: unknown) =>
  new TextEncoder().encode(JSON.stringify(value));

test("round-trips a forecast", () => {
  const forecast = sample();
  expect(parseForecastJson(encodeForecastJson(forecast), "f")).toEqual(
    forecast
  );
});

test.each([
  ["a gap in the years", (f: StoredForecast) => (f.years[1].year = 2018),
    /entry 1 is for year 2018, expected 2017/],
  ["a negative count", (f: StoredForecast) =>
    (f.years[0].predictions.MALE = -1), /2016, group "MALE"/],
  ["a fractional count", (f: StoredForecast) =>
    (f.years[1].predictions.FEMALE = 0.5), /2017, group "FEMALE"/],
  ["groups out of order", (f: StoredForecast) =>
    (f.years[0].predictions = { FEMALE: 1, MALE: 2 }), /groups in order/],
  ["another format", (f: StoredForecast) =>
    ((f as { formatVersion: number }).formatVersion = 2), /formatVersion/],
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
