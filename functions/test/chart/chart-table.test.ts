import { chartSpec } from "../../src/chart/chart-spec";
import { chartTable } from "../../src/chart/chart-table";
import { sexHistory } from "../support/memory-history";
import { syntheticForecast } from "../support/synthetic-forecast";

const history = sexHistory(2010, 2014);

describe("chartTable", () => {
  const forecast = syntheticForecast("sex", history, 2).predictions;
  const rows = chartTable(history, 2014, forecast);

  test("has every history year and forecast year of every group", () => {
    const history2012 = rows.filter(
      (r) => r.series === "History" && r.year === 2012
    );
    expect(history2012.map((r) => r.group)).toEqual(["MALE", "FEMALE"]);
    const male = rows.filter((r) => r.group === "MALE");
    expect(male.filter((r) => r.series === "History")).toHaveLength(5);
    expect(
      male.filter((r) => r.series === "Forecast").map((r) => r.year)
    ).toEqual([2014, 2015, 2016]);
  });

  test("the forecast starts at the last year of history, band closed",
    () => {
      const join = rows.find(
        (r) => r.series === "Forecast" && r.year === 2014 && r.group === "MALE"
      );
      const last = history.values[4][0];
      expect(join).toEqual({
        group: "MALE",
        year: 2014,
        series: "Forecast",
        value: last,
        lo80: last,
        hi80: last,
        lo95: last,
        hi95: last,
      });
    });

  test("forecast years carry both bands, 95 % around 80 %", () => {
    for (const row of rows.filter((r) => r.series === "Forecast")) {
      expect(row.lo95).toBeLessThanOrEqual(row.lo80 ?? NaN);
      expect(row.lo80).toBeLessThanOrEqual(row.value);
      expect(row.value).toBeLessThanOrEqual(row.hi80 ?? NaN);
      expect(row.hi80).toBeLessThanOrEqual(row.hi95 ?? NaN);
    }
  });

  test("a forecast without intervals has no bands", () => {
    const bare = syntheticForecast("sex", history, 2, { intervals: false });
    const plain = chartTable(history, 2014, bare.predictions);
    expect(plain.every((r) => r.lo80 === undefined)).toBe(true);
  });

  test("no join point when history no longer holds that year", () => {
    const plain = chartTable(history, 2020, forecast);
    expect(plain.filter((r) => r.year === 2020)).toEqual([]);
  });
});

describe("chartSpec", () => {
  const labels = {
    label: "Sex",
    groups: ["MALE", "FEMALE"],
    yearsAhead: 2,
    method: "theta",
    reconciled: true,
    modelVersion: "v1",
  };

  test("draws bands only when there are intervals", () => {
    const withBands = chartSpec(
      chartTable(history, 2014, syntheticForecast("sex", history, 2).predictions),
      labels
    );
    const without = chartSpec(
      chartTable(
        history,
        2014,
        syntheticForecast("sex", history, 2, { intervals: false }).predictions
      ),
      labels
    );
    const layers = (spec: unknown) =>
      (spec as { spec: { layer: { mark: { type: string } }[] } }).spec.layer.map(
        (l) => l.mark.type
      );
    expect(layers(withBands)).toEqual(["area", "area", "line"]);
    expect(layers(without)).toEqual(["line"]);
  });

  test("panels follow the dashboard's group order", () => {
    const spec = chartSpec([], labels) as unknown as {
      facet: { sort: string[] };
    };
    expect(spec.facet.sort).toEqual(["MALE", "FEMALE"]);
  });
});
