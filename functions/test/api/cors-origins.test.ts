import { LOCALHOST_ORIGINS, originMatcher } from "../../src/api/cors-origins";

describe("originMatcher", () => {
  const localhost = originMatcher(LOCALHOST_ORIGINS);

  test.each([
    "http://localhost:3000",
    "http://localhost:5173",
    "http://localhost",
    "http://127.0.0.1:8080",
  ])("the default allows %s", (origin) => {
    expect(localhost(origin)).toBe(true);
  });

  test.each([
    "https://localhost:3000",
    "http://localhost.evil.example",
    "http://localhost:3000.evil.example",
    "https://dashboard.example.org",
  ])("the default refuses %s", (origin) => {
    expect(localhost(origin)).toBe(false);
  });

  test("exact origins match exactly", () => {
    const match = originMatcher(" https://dash.example.org , ");
    expect(match("https://dash.example.org")).toBe(true);
    expect(match("https://dash.example.org:444")).toBe(false);
    expect(match("https://dashXexample.org")).toBe(false);
  });

  test("a lone * allows all, an empty list none", () => {
    expect(originMatcher("*")("https://any.example")).toBe(true);
    expect(originMatcher("")("http://localhost:3000")).toBe(false);
  });
});
