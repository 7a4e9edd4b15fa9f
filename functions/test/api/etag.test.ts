import { entityTag, noneMatchHits } from "../../src/api/etag";

describe("entityTag", () => {
  test("is a strong, quoted tag", () => {
    expect(entityTag("predict", { years_ahead: 2 })).toMatch(/^"[0-9a-f]{32}"$/);
  });

  test("is the same for the same inputs and differs otherwise", () => {
    const forecast = { model_version: "v1", predictions: [{ year: 2016 }] };
    expect(entityTag("predict", 2, forecast)).toBe(
      entityTag("predict", 2, structuredClone(forecast))
    );
    expect(entityTag("predict", 3, forecast)).not.toBe(
      entityTag("predict", 2, forecast)
    );
    expect(
      entityTag("predict", 2, { ...forecast, model_version: "v2" })
    ).not.toBe(entityTag("predict", 2, forecast));
  });
});

describe("noneMatchHits", () => {
  const tag = '"abc"';
  test.each([
    ['"abc"', true],
    ['"x", "abc"', true],
    ['W/"abc"', true],
    ["*", true],
    ['"abd"', false],
    ["abc", false],
    ["", false],
    [undefined, false],
  ])("%p → %p", (header, hit) => {
    expect(noneMatchHits(header, tag)).toBe(hit);
  });
});
